// The resources worth sharing between a command's worker threads: large, and
// held in shared memory (ResourceSpec.share). A module of its own so that the
// batch's main thread can name them without loading the pipeline.
import type { Command } from '../index.js';
import { NER_MODEL } from '../ner/model.js';
import { WORD_FREQUENCIES } from './lexicons.js';
import type { ResourceSpec } from './spec.js';

export const SHARED_RESOURCES: Record<Command, ResourceSpec<unknown>[]> = {
  normalize: [WORD_FREQUENCIES],
  tag: [WORD_FREQUENCIES, NER_MODEL as ResourceSpec<unknown>],
  extract: [WORD_FREQUENCIES, NER_MODEL as ResourceSpec<unknown>],
};

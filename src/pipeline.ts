// Composes the stages. Each stage is a function (doc, ctx) => doc that declares
// which Doc fields it requires and which it adds; the pipeline checks the
// declarations once, when it is built, so a mis-ordered pipeline fails at start
// and not on the thousandth document.
import type { Doc, DocField, DocInput } from './types.js';
import type { ResourceLoader } from './resources/spec.js';

export interface PipelineOptions {
  /** Document date (YYYY-MM-DD) for documents that do not carry one. */
  docDate?: string | null;
  /** Normalization steps to apply (default: all, see stages/normalize.ts). */
  normalizeSteps?: readonly string[];
  /** Records scored below this are not emitted (default: the confidence model's threshold). */
  minConfidence?: number;
  /** Words the entity tagger keeps scored, per generation (default 32,000; see src/ner/tagger.ts). */
  taggerWords?: number;
}

export interface Context {
  resources: ResourceLoader;
  options: PipelineOptions;
}

export interface Stage {
  name: string;
  requires: readonly DocField[];
  adds: readonly DocField[];
  run(doc: Doc, ctx: Context): Doc;
}

export function defineStage(stage: Stage): Stage {
  return stage;
}

export class PipelineError extends Error {}

/** Check that every stage's requirements are added by an earlier stage. */
export function composePipeline(stages: readonly Stage[]): Stage[] {
  const have = new Set<DocField>();
  for (const stage of stages) {
    const missing = stage.requires.filter((f) => !have.has(f));
    if (missing.length) throw new PipelineError(`stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage adds`);
    stage.adds.forEach((f) => have.add(f));
  }
  return [...stages];
}

export function createDoc(input: DocInput, options: PipelineOptions = {}): Doc {
  const date = input.date ?? options.docDate ?? null;
  return { id: input.id, text: input.text, date, dateSource: date ? 'input' : null, warnings: [] };
}

export function runPipeline(stages: readonly Stage[], input: DocInput, ctx: Context): Doc {
  let doc = createDoc(input, ctx.options);
  for (const stage of stages) doc = stage.run(doc, ctx);
  return doc;
}

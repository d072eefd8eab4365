// rasd as a library: the same pipeline the CLI runs.
//   import { extract } from 'rasd';
//   const events = extract({ id: 'a1', text, date: '2024-08-06' });
import { composePipeline, runPipeline, type Context, type PipelineOptions, type Stage } from './pipeline.js';
import { createResourceLoader } from './io/resources.js';
import { normalize } from './stages/normalize.js';
import { tokenize } from './stages/tokenize.js';
import { tagEntities } from './stages/tag.js';
import { documentDateWarnings, tagTimes } from './stages/time.js';
import { resolvePlaces } from './stages/geo.js';
import { extractEvents } from './stages/extract.js';
import { screenAttacks, screenText, unlessScreenedOut } from './stages/screen.js';
import type { AttackEvent, Doc, DocInput } from './types.js';
import type { ResourceLoader } from './resources/spec.js';

export * from './types.js';
export type { Context, PipelineOptions, Stage } from './pipeline.js';
export { composePipeline, runPipeline, createDoc } from './pipeline.js';
export { normalizeText, normalizeWord, NORMALIZE_STEPS } from './stages/normalize.js';

export type Command = 'normalize' | 'tag' | 'extract';

/** The stages each command runs, in order. */
export const PIPELINES: Record<Command, Stage[]> = {
  normalize: composePipeline([normalize]),
  tag: composePipeline([normalize, tokenize, tagEntities, tagTimes, resolvePlaces]),
  // a document without a word an attack can be told by is neither tokenized nor tagged (stages/screen.ts)
  extract: composePipeline([
    normalize,
    screenText,
    unlessScreenedOut(tokenize, (doc) => ({ ...doc, tokens: [], sentences: [] }), 'text'),
    screenAttacks,
    unlessScreenedOut(tagEntities, (doc) => ({ ...doc, entities: [] })),
    unlessScreenedOut(tagTimes, (doc) => ({ ...doc, times: [], warnings: [...doc.warnings, ...documentDateWarnings(doc.date)] })),
    unlessScreenedOut(resolvePlaces, (doc) => doc),
    unlessScreenedOut(extractEvents, (doc) => ({ ...doc, events: [] })),
  ]),
};

export function createContext(options: PipelineOptions = {}, resources: ResourceLoader = createResourceLoader()): Context {
  return { resources, options };
}

let defaultContext: Context | null = null;
function contextFor(options?: PipelineOptions): Context {
  if (options) return createContext(options);
  return (defaultContext ??= createContext());
}

function asInput(input: string | DocInput): DocInput {
  return typeof input === 'string' ? { id: 'text', text: input } : input;
}

/** Run a command's pipeline on one document. */
export function processDoc(command: Command, input: DocInput, ctx: Context): Doc {
  return runPipeline(PIPELINES[command], input, ctx);
}

/** Attack events of one document, as `rasd extract` prints them. */
export function extract(input: string | DocInput, options?: PipelineOptions): AttackEvent[] {
  return processDoc('extract', asInput(input), contextFor(options)).events ?? [];
}

/** Entities and time expressions of one document, as `rasd tag` prints them. */
export function tag(input: string | DocInput, options?: PipelineOptions) {
  return toTagRecord(processDoc('tag', asInput(input), contextFor(options)));
}

/** The normalized text of one document, as `rasd normalize` prints it. */
export function normalizeDoc(input: string | DocInput, options?: PipelineOptions) {
  return toNormalizeRecord(processDoc('normalize', asInput(input), contextFor(options)));
}

/** One `rasd normalize` record. */
export function toNormalizeRecord(doc: Doc) {
  return { doc: doc.id, text: doc.norm?.text ?? '', fold: doc.norm?.fold ?? '', steps: doc.norm?.steps ?? [] };
}

/** One `rasd tag` record: the document's entities and time expressions with original offsets. */
export function toTagRecord(doc: Doc) {
  return {
    doc: doc.id,
    doc_date: doc.date,
    entities: (doc.entities ?? []).map((e) => ({
      text: e.text,
      label: e.label,
      norm: e.norm,
      start: e.start,
      end: e.end,
      source: e.source,
      ...(e.geo ? { geo: e.geo } : {}),
    })),
    times: (doc.times ?? []).map((t) => ({ text: t.text, value: t.value, grain: t.grain, relative: t.relative, start: t.start, end: t.end })),
  };
}

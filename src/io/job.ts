// One document through one command: the language check, the pipeline, and
// serialization of its records. The same code runs inline (--jobs 1) and in
// worker threads (src/io/worker.ts), so both give byte-identical output.
import { PIPELINES, createContext, createDoc, processDoc, toNormalizeRecord, toTagRecord, type Command } from '../index.js';
import type { Context } from '../pipeline.js';
import type { Doc, DocInput } from '../types.js';
import { checkArabic } from './language.js';
import { createResourceLoader, type SharedResources } from './resources.js';
import { serializeRecords, type OutputFormat } from './records.js';

export interface JobSettings {
  command: Command;
  format: OutputFormat;
  /** Skip documents that are not Arabic (on by default). */
  languageCheck: boolean;
  docDate: string | null;
  normalizeSteps: string[] | null;
  /** Resources loaded once for all worker threads (shareResources). */
  shared?: SharedResources;
  /** PipelineOptions.taggerWords. */
  taggerWords?: number;
}

export interface Job {
  seq: number;
  doc: DocInput;
}

export interface JobResult {
  seq: number;
  /** Serialized records (see serializeRecords). */
  records: string[];
  /** doc.warnings. */
  warnings: string[];
  /** Why the document was skipped (not Arabic). */
  skipped?: string;
  /** Why the document failed (an exception in a stage). */
  error?: string;
  /** Bytes of V8 heap in use after the job (set by worker threads, for src/io/pool.ts). */
  heapUsed?: number;
}

export type JobRunner = (job: Job) => JobResult;

function recordsOf(command: Command, doc: Doc): unknown[] {
  if (command === 'extract') return doc.events ?? [];
  if (command === 'tag') return [toTagRecord(doc)];
  return [toNormalizeRecord(doc)];
}

/** Which stage throws on this input: run them one by one (only after processDoc failed). */
function failingStage(command: Command, input: DocInput, ctx: Context): string | null {
  let doc = createDoc(input, ctx.options);
  for (const stage of PIPELINES[command]) {
    try {
      doc = stage.run(doc, ctx);
    } catch {
      return stage.name;
    }
  }
  return null;
}

export function createJobRunner(settings: JobSettings): JobRunner {
  const ctx = createContext(
    {
      docDate: settings.docDate,
      ...(settings.normalizeSteps ? { normalizeSteps: settings.normalizeSteps } : {}),
      ...(settings.taggerWords ? { taggerWords: settings.taggerWords } : {}),
    },
    createResourceLoader(undefined, settings.shared),
  );
  return (job) => {
    if (settings.languageCheck) {
      const verdict = checkArabic(job.doc.text);
      if (!verdict.arabic) return { seq: job.seq, records: [], warnings: [], skipped: `${verdict.reason}, skipped` };
    }
    let doc: Doc;
    try {
      doc = processDoc(settings.command, job.doc, ctx);
    } catch (err) {
      const stage = failingStage(settings.command, job.doc, ctx);
      // Where it was thrown, so a failure in a nightly batch can be traced without a rerun.
      const at = err instanceof Error ? /\n\s+at (.+)/.exec(err.stack ?? '')?.[1] : undefined;
      const what = err instanceof Error ? `${err.name}: ${err.message}${at ? ` (at ${at})` : ''}` : String(err);
      return { seq: job.seq, records: [], warnings: [], error: `internal error${stage ? ` in stage "${stage}"` : ''}: ${what}` };
    }
    return { seq: job.seq, records: serializeRecords(recordsOf(settings.command, doc), settings.format), warnings: doc.warnings };
  };
}

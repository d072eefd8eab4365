// A batch run: inputs → documents → jobs (inline or in worker threads) →
// records, in input order, streaming and in bounded memory.
//
// One loop reads inputs and dispatches jobs; another emits their results in the
// order the inputs came. Between them a queue of at most MAX_QUEUE documents
// (and MAX_QUEUE_BYTES of text) in flight: when it is full, reading waits, so a
// corpus of any size passes through a fixed amount of memory. Problems with the
// inputs travel in the same queue, so each stderr line appears where its input is.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Command } from '../index.js';
import type { Job, JobResult, JobRunner, JobSettings } from './job.js';
import { readInputs, walkReads, type FieldNames, type InputItem, type ProblemLevel } from './inputs.js';
import { AppendFileSink, AtomicFileSink, StreamSink, type Sink } from './output.js';
import { WorkerPool } from './pool.js';
import { shareResourcesInThread } from './share.js';
import { csvHeader, type OutputFormat } from './records.js';
import { ownsKey, type Shard } from './shard.js';
import { StateJournal, stateKey } from './state.js';

/** Output formats of the CLI: the record formats, and CoNLL for `tag` on pre-tokenized text. */
export type CliFormat = OutputFormat | 'conll';

/**
 * Words the entity tagger keeps scored in a batch run of `extract` (the default,
 * for whole articles, is 32,000: 23 MB of slabs): `extract` tags only the
 * sentences in focus (stages/screen.ts), and over SaudiNewsNet 16,000 took no
 * more CPU time, for 11.5 MB less per worker.
 */
const EXTRACT_TAGGER_WORDS = 16_000;

export interface BatchSettings {
  command: Command;
  /** Files, folders, or '-' for stdin. */
  inputs: string[];
  format: CliFormat;
  /** Output file, or null for stdout. */
  output: string | null;
  docDate: string | null;
  fields: FieldNames;
  normalizeSteps: string[] | null;
  /** Worker threads; 1 runs inline. */
  jobs: number;
  state: string | null;
  shard: Shard | null;
  maxDocSize: number;
  /** Seconds a document may take in a worker (0: no limit). */
  docTimeout: number;
  /** Heap cap of each worker thread, MB (0: V8's default). */
  workerMemory: number;
  quiet: boolean;
  languageCheck: boolean;
  /** rasd's version, part of the state key. */
  version: string;
}

export interface BatchIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Show progress on stderr (a terminal, and not --quiet). */
  progress: boolean;
}

export interface BatchSummary {
  exitCode: number;
  documents: number;
  records: number;
  failed: number;
  skipped: number;
  unchanged: number;
}

/** A mistake on the command line: exit 2, nothing run. */
export class UsageError extends Error {}

const MAX_QUEUE_PER_JOB = 8;
const MAX_QUEUE_BYTES = 64 << 20;
// A state commit (two fsyncs) every this many documents or milliseconds; a
// killed run redoes at most that much. RASD_STATE_COMMIT_EVERY (documents)
// exists for the kill-and-resume tests, which need commits in short runs.
const COMMIT_EVERY_DOCS = Number(process.env.RASD_STATE_COMMIT_EVERY) || 500;
const COMMIT_EVERY_MS = 1000;

/** Where the output file will be, as a real path (its folder resolved), or throws UsageError. */
function realTarget(output: string): string {
  const dir = dirname(resolve(output));
  if (!existsSync(dir)) throw new UsageError(`cannot write ${output}: folder ${dirname(output)} does not exist`);
  const real = resolve(realpathSync(dir), basename(output));
  if (existsSync(real) && statSync(real).isDirectory()) throw new UsageError(`cannot write ${output}: it is a folder`);
  return existsSync(real) ? realpathSync(real) : real;
}

/** Refuse an output (or state) file that is an input, or that a folder input would read. */
function checkNotAnInput(target: string, shown: string, inputs: readonly string[], what: string): void {
  for (const input of inputs) {
    if (input === '-' || !existsSync(input)) continue;
    const real = realpathSync(input);
    if (real === target) throw new UsageError(`refusing to overwrite ${shown}: it is an input`);
    if (statSync(real).isDirectory() && target.startsWith(real + sep) && walkReads(basename(target))) {
      if (existsSync(target)) throw new UsageError(`refusing to overwrite ${shown}: it is an input (in folder ${input})`);
      throw new UsageError(`refusing to write ${what} ${shown} inside input folder ${input}: it would be read as input next time`);
    }
  }
}

/** Wakes whoever waits; waiting after the fact waits for the next call. */
class Signal {
  private waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
  notify(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((r) => r());
  }
}

interface Pending {
  item: InputItem;
  stateKey: string | null;
  result: Promise<JobResult | null>;
  settled: boolean;
  bytes: number;
}

export async function runBatch(settings: BatchSettings, io: BatchIO): Promise<BatchSummary> {
  if (settings.state && settings.format === 'json') throw new UsageError('--state cannot be used with --format json (a JSON array cannot be appended to); use jsonl or csv');
  if (settings.format === 'conll') return runConll(settings, io);

  const exclude = new Set<string>();
  let outputReal: string | null = null;
  if (settings.output) {
    outputReal = realTarget(settings.output);
    checkNotAnInput(outputReal, settings.output, settings.inputs, 'output');
    exclude.add(outputReal);
  }
  let journal: StateJournal | null = null;
  if (settings.state) {
    const stateReal = realTarget(settings.state);
    checkNotAnInput(stateReal, settings.state, settings.inputs, 'state file');
    if (stateReal === outputReal) throw new UsageError('--state and --output must be different files');
    exclude.add(stateReal);
    try {
      journal = new StateJournal(settings.state);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }

  let sink: Sink;
  try {
    if (!settings.output) sink = new StreamSink(io.stdout);
    else if (journal) {
      sink = new AppendFileSink(settings.output, journal.committedLength(outputReal!));
      journal.commit(outputReal, sink.offset, true); // where this run starts writing (see src/io/state.ts)
    }
    else sink = new AtomicFileSink(settings.output);
  } catch (err) {
    journal?.close();
    throw new UsageError(`cannot write ${settings.output}: ${(err as Error).message}`);
  }
  // A run that ends early (a signal, a broken pipe, a crash) leaves no temporary file and no lock.
  const cleanUp = () => {
    sink.abandon();
    journal?.releaseLock();
  };
  process.once('exit', cleanUp);

  const jobSettings: JobSettings = {
    command: settings.command,
    format: settings.format as OutputFormat,
    languageCheck: settings.languageCheck,
    docDate: settings.docDate,
    normalizeSteps: settings.normalizeSteps,
    ...(settings.command === 'extract' ? { taggerWords: EXTRACT_TAGGER_WORDS } : {}),
  };
  let pool: WorkerPool | null = null;
  let runInline: JobRunner | null = null;
  if (settings.jobs <= 1) {
    const { createJobRunner } = await import('./job.js');
    runInline = createJobRunner(jobSettings);
  } else {
    const shared = () => shareResourcesInThread(settings.command);
    pool = new WorkerPool({ size: settings.jobs, settings: jobSettings, shared, timeoutMs: settings.docTimeout * 1000, memoryMb: settings.workerMemory });
  }
  const run = (job: Job): Promise<JobResult> => (runInline ? Promise.resolve(runInline(job)) : pool!.run(job));

  const summary: BatchSummary = { exitCode: 0, documents: 0, records: 0, failed: 0, skipped: 0, unchanged: 0 };
  const progress = new Progress(io.stderr, io.progress, summary);
  const report = (level: ProblemLevel, where: string, message: string) => {
    if (level === 'error') summary.failed++;
    if (level === 'skip') summary.skipped++;
    if (level !== 'error' && settings.quiet) return;
    progress.clear();
    io.stderr.write(`rasd: ${where}: ${message}\n`);
  };

  // --- output framing
  let recordsWritten = 0;
  if (settings.format === 'csv' && sink.empty) await sink.write(csvHeader());
  if (settings.format === 'json') await sink.write('[');
  const writeRecords = async (records: string[]) => {
    for (const r of records) {
      if (settings.format === 'json') await sink.write((recordsWritten ? ',\n' : '\n') + r);
      else await sink.write(r);
      recordsWritten++;
    }
  };

  let lastCommit = Date.now();
  const commit = async (force: boolean) => {
    if (!journal || !journal.uncommitted) return;
    if (!force && journal.uncommitted < COMMIT_EVERY_DOCS && Date.now() - lastCommit < COMMIT_EVERY_MS) return;
    await sink.flush();
    sink.sync();
    journal.commit(outputReal, sink.offset);
    lastCommit = Date.now();
  };

  // --- the queue between reading and emitting
  const queue: Pending[] = [];
  let queuedBytes = 0;
  let readingDone = false;
  let readingError: unknown = null;
  const itemArrived = new Signal();
  const itemLeft = new Signal();
  const maxQueue = Math.max(4, settings.jobs * MAX_QUEUE_PER_JOB);

  const reading = (async () => {
    let seq = 0;
    try {
      const items = readInputs(settings.inputs, {
        fields: settings.fields,
        maxDocSize: settings.maxDocSize,
        owns: ownsKey(settings.shard),
        stdin: io.stdin,
        exclude,
      });
      for await (const item of items) {
        let pending: Pending;
        if (item.kind === 'doc') {
          const key = journal
            ? stateKey({
                version: settings.version,
                command: settings.command,
                steps: settings.normalizeSteps,
                id: item.doc.id,
                text: item.doc.text,
                date: item.doc.date ?? settings.docDate,
              })
            : null;
          if (key && journal!.has(key)) {
            summary.unchanged++;
            continue;
          }
          pending = { item, stateKey: key, result: run({ seq: seq++, doc: item.doc }), settled: false, bytes: item.bytes };
          pending.result.then(() => (pending.settled = true));
        } else {
          pending = { item, stateKey: null, result: Promise.resolve(null), settled: true, bytes: 0 };
        }
        queue.push(pending);
        queuedBytes += pending.bytes;
        itemArrived.notify();
        while (queue.length >= maxQueue || queuedBytes > MAX_QUEUE_BYTES) await itemLeft.wait();
      }
    } catch (err) {
      readingError = err;
    } finally {
      readingDone = true;
      itemArrived.notify();
    }
  })();

  try {
    for (;;) {
      if (!queue.length) {
        if (readingDone) break;
        await sink.flush(); // nothing ready: let downstream see what we have
        await commit(false);
        await itemArrived.wait();
        continue;
      }
      const head = queue[0];
      if (!head.settled) await sink.flush();
      const result = await head.result;
      queue.shift();
      queuedBytes -= head.bytes;
      itemLeft.notify();

      const { item } = head;
      if (item.kind === 'problem') {
        report(item.level, item.where, item.message);
        continue;
      }
      summary.documents++;
      if (!result) continue;
      if (result.error) {
        report('error', item.where, result.error);
        continue;
      }
      if (result.skipped) {
        report('skip', item.where, result.skipped);
      } else {
        // Notes on how the input was read (a legacy encoding) matter only for a document that went through.
        for (const note of item.notes) report('warning', item.where, note);
        await writeRecords(result.records);
        summary.records += result.records.length;
        for (const w of result.warnings) report('warning', item.doc.id, w);
      }
      if (head.stateKey) {
        journal!.add(head.stateKey);
        await commit(false);
      }
      progress.tick();
    }
    await reading;
    if (readingError) throw readingError;

    if (settings.format === 'json') await sink.write(recordsWritten ? '\n]\n' : ']\n');
    await sink.flush();
    if (journal) {
      sink.sync();
      journal.commit(outputReal, sink.offset);
    }
    await sink.finish();
  } catch (err) {
    await sink.flush().catch(() => {}); // what was produced reaches stdout (a temporary file is removed below)
    throw err;
  } finally {
    progress.finish();
    await pool?.close();
    journal?.close();
    process.removeListener('exit', cleanUp);
    cleanUp();
  }
  summary.exitCode = summary.failed || summary.skipped ? 1 : 0;
  return summary;
}

/** A one-line status on a terminal's stderr, redrawn at most five times a second. */
class Progress {
  private shown = false;
  private last = 0;
  private readonly started = Date.now();
  constructor(
    private readonly stderr: Writable,
    private readonly enabled: boolean,
    private readonly summary: BatchSummary,
  ) {}

  tick(): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const s = this.summary;
    const rate = s.documents / Math.max(0.001, (now - this.started) / 1000);
    const problems = s.failed + s.skipped ? `, ${s.failed} failed, ${s.skipped} skipped` : '';
    this.stderr.write(`\r\x1b[Krasd: ${s.documents} documents, ${s.records} records${problems} (${rate.toFixed(0)}/s)`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stderr.write('\r\x1b[K');
    this.shown = false;
  }

  /** On a terminal, end with one summary line. */
  finish(): void {
    this.clear();
    if (!this.enabled) return;
    this.last = Infinity;
    const s = this.summary;
    const seconds = (Date.now() - this.started) / 1000;
    const extra = [s.failed && `${s.failed} failed`, s.skipped && `${s.skipped} skipped`, s.unchanged && `${s.unchanged} unchanged (--state)`].filter(Boolean);
    this.stderr.write(`rasd: ${s.documents} documents, ${s.records} records${extra.length ? `, ${extra.join(', ')}` : ''} in ${seconds.toFixed(1)} s\n`);
  }
}

/**
 * `rasd tag --format conll`: each input is a pre-tokenized file (src/io/conll.ts);
 * the output is its tokens with tags. Runs inline: a CoNLL file is one document.
 */
async function runConll(settings: BatchSettings, io: BatchIO): Promise<BatchSummary> {
  if (settings.state || settings.shard) throw new UsageError('--state and --shard are not supported with --format conll');
  const exclude = new Set<string>();
  let sink: Sink;
  if (settings.output) {
    const target = realTarget(settings.output);
    checkNotAnInput(target, settings.output, settings.inputs, 'output');
    exclude.add(target);
    sink = new AtomicFileSink(settings.output);
  } else sink = new StreamSink(io.stdout);
  const cleanUp = () => sink.abandon();
  process.once('exit', cleanUp);

  const { createContext } = await import('../index.js');
  const { parseConll, formatConll, tagConll } = await import('./conll.js');
  const ctx = createContext({ docDate: settings.docDate });
  const summary: BatchSummary = { exitCode: 0, documents: 0, records: 0, failed: 0, skipped: 0, unchanged: 0 };
  try {
    const items = readInputs(settings.inputs, {
      fields: settings.fields,
      maxDocSize: settings.maxDocSize,
      owns: () => true,
      stdin: io.stdin,
      exclude,
      extraExtensions: ['.conll'],
    });
    for await (const item of items) {
      if (item.kind === 'problem') {
        if (item.level === 'error') summary.failed++;
        if (item.level === 'skip') summary.skipped++;
        if (item.level === 'error' || !settings.quiet) io.stderr.write(`rasd: ${item.where}: ${item.message}\n`);
        continue;
      }
      summary.documents++;
      const sentences = parseConll(item.doc.text);
      try {
        await sink.write(formatConll(sentences, tagConll(sentences, ctx)));
        summary.records += sentences.reduce((n, s) => n + s.length, 0);
      } catch (err) {
        summary.failed++;
        io.stderr.write(`rasd: ${item.where}: internal error: ${(err as Error).message}\n`);
      }
    }
    await sink.finish();
  } finally {
    process.removeListener('exit', cleanUp);
    cleanUp();
  }
  summary.exitCode = summary.failed || summary.skipped ? 1 : 0;
  return summary;
}

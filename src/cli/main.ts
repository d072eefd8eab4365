// The rasd command line: argument parsing and exit codes. The work is done by
// src/io/batch.ts (reading, workers, output) and the pipeline (src/index.ts).
//
//   rasd extract|tag|normalize [options] [inputs...]
//
// Exit codes: 0 all documents processed; 1 some documents failed or were
// skipped (each has a line on stderr); 2 usage error (nothing was run);
// 3 rasd itself failed (cannot write the output, an internal error).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command as Commander, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Command } from '../index.js';
import { NORMALIZE_STEPS } from '../stages/normalize.js';
import { runBatch, UsageError, type BatchSettings, type CliFormat } from '../io/batch.js';
import { parseDocDate } from '../io/inputs.js';
import { parseShard } from '../io/shard.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; description: string };

const FORMATS: Record<Command, CliFormat[]> = {
  extract: ['jsonl', 'json', 'csv'],
  tag: ['jsonl', 'json', 'conll'],
  normalize: ['jsonl', 'json'],
};

const DESCRIPTIONS: Record<Command, string> = {
  extract: 'attack events, one JSON record per event (schema/event.schema.json)',
  tag: 'named entities and time expressions, one JSON record per document',
  normalize: 'the normalized and folded text, one JSON record per document',
};

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1.`);
    return n;
  };
}

/** "5MB", "500k", "1048576" → bytes. */
function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('give a size in bytes, e.g. 5MB, 500KB or 1048576.');
  const factor = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * factor);
  if (bytes < 1) throw new InvalidArgumentError('the size must be positive.');
  return bytes;
}

function parseDocDateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parseDocDate(value)) throw new InvalidArgumentError('give a real date as YYYY-MM-DD, e.g. 2024-08-06.');
  return value;
}

function parseShardOption(value: string) {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('give K/N with 1 ≤ K ≤ N, e.g. 2/8.');
  return shard;
}

function parseSteps(value: string): string[] {
  const steps = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = steps.filter((s) => !(NORMALIZE_STEPS as readonly string[]).includes(s));
  if (unknown.length) throw new InvalidArgumentError(`unknown step ${unknown.join(', ')}; the steps are ${NORMALIZE_STEPS.join(', ')}.`);
  if (!steps.length) throw new InvalidArgumentError(`name at least one of ${NORMALIZE_STEPS.join(', ')}.`);
  return steps;
}

interface RawOptions {
  format: string;
  output?: string;
  docDate?: string;
  idField: string;
  textField: string;
  dateField: string;
  steps?: string[];
  jobs: number;
  state?: string;
  shard?: { index: number; count: number };
  maxDocSize: number;
  docTimeout: number;
  workerMemory: number;
  quiet?: boolean;
  languageCheck: boolean;
}

export interface CliIO {
  argv: string[];
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Help and version on stdout (asked for); errors on stderr as "rasd: ..." like every other message. */
function output(io: CliIO) {
  return {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`rasd: ${s.replace(/^error: /, '')}`),
  };
}

function buildProgram(io: CliIO, run: (command: Command, inputs: string[], options: RawOptions) => Promise<void>): Commander {
  const program = new Commander('rasd')
    .description(`${PACKAGE.description}.\nReads files, folders, JSON Lines (.jsonl, .jsonl.gz) or stdin; writes records on stdout.`)
    .version(PACKAGE.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(output(io))
    .exitOverride();
  program.addHelpText(
    'after',
    `
Exit codes: 0 all documents processed, 1 some failed or were skipped (one stderr line each),
2 usage error, 3 rasd failed (e.g. the output cannot be written). See README.md.`,
  );

  for (const command of ['extract', 'tag', 'normalize'] as Command[]) {
    const sub = program
      .command(command)
      .description(DESCRIPTIONS[command])
      .argument('[inputs...]', 'files, folders (walked recursively) or - for stdin (default: stdin)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS[command]).default('jsonl'))
      .option('-o, --output <file>', 'write to FILE (atomically: a temporary file renamed at the end) instead of stdout')
      .option('--doc-date <YYYY-MM-DD>', 'publication date of documents that do not carry one (resolves "yesterday")', parseDocDateOption)
      .option('--id-field <name>', 'JSON Lines field holding the document id', 'id')
      .option('--text-field <name>', 'JSON Lines field holding the text', 'text')
      .option('--date-field <name>', 'JSON Lines field holding the date (YYYY-MM-DD)', 'date');
    if (command === 'normalize') sub.option('--steps <a,b,c>', `normalization steps to apply, in order (${NORMALIZE_STEPS.join(', ')})`, parseSteps);
    sub
      .option('-j, --jobs <n>', 'worker threads (1: no workers)', positiveInt('--jobs'), availableParallelism())
      .option('--state <file>', 'journal of documents done: process only new or changed ones, resume after a crash')
      .option('--shard <K/N>', 'process only shard K of N (by a hash of the document id)', parseShardOption)
      .option('--max-doc-size <size>', 'skip documents (files, JSON Lines lines) larger than this', parseSize, 5 << 20)
      .option('--doc-timeout <seconds>', 'abandon a document a worker spends longer on (0: no limit; not with --jobs 1)', (v) => {
        const n = Number(v);
        if (!(n >= 0)) throw new InvalidArgumentError('give a number of seconds (0: no limit).');
        return n;
      }, 120)
      .option('--worker-memory <MB>', 'heap cap of each worker thread (0: no cap)', (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || (n > 0 && n < 64)) throw new InvalidArgumentError('give a whole number of megabytes, at least 64 (0: no cap).');
        return n;
      }, 112)
      .option('--no-language-check', 'process documents even when they do not look Arabic')
      .option('-q, --quiet', 'print only errors on stderr (no warnings, no progress)')
      .action(async (inputs: string[], options: RawOptions) => run(command, inputs, options));
    sub.exitOverride().configureOutput(output(io));
  }
  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, async (command, inputs, options) => {
    if (!inputs.length) {
      if (io.stdin.isTTY) throw new UsageError('no input: name files or folders, or pipe text on stdin');
      inputs = ['-'];
    }
    if (options.format === 'conll' && options.jobs) options.jobs = 1;
    const settings: BatchSettings = {
      command,
      inputs,
      format: options.format as CliFormat,
      output: options.output ?? null,
      docDate: options.docDate ?? null,
      fields: { id: options.idField, text: options.textField, date: options.dateField },
      normalizeSteps: options.steps ?? null,
      jobs: options.jobs,
      state: options.state ?? null,
      shard: options.shard ?? null,
      maxDocSize: options.maxDocSize,
      docTimeout: options.docTimeout,
      workerMemory: options.workerMemory,
      quiet: !!options.quiet,
      languageCheck: options.languageCheck,
      version: PACKAGE.version,
    };
    const summary = await runBatch(settings, {
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      progress: !!io.stderr.isTTY && !settings.quiet,
    });
    exitCode = summary.exitCode;
  });

  try {
    if (io.argv.length <= 2) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(io.argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0; every other parse error is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`rasd: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`rasd: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 3;
  }
}

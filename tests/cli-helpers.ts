// Helpers of the end-to-end tests (tests/cli*.test.ts, tests/batch*.test.ts):
// they run the BUILT command, node bin/rasd.js, as a user would.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'rasd.js');
export const SEEDS_DIR = join(ROOT, 'fixtures', 'seeds');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build dist/ when it is missing or older than src/ (`npm test` builds in
 * pretest; `npx vitest run tests/cli.test.ts` may not have). Test files run in
 * parallel, so one builds under a lock and the others wait for it.
 */
export function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  const fresh = () => existsSync(main) && statSync(main).mtimeMs >= newestSource(join(ROOT, 'src'));
  if (fresh()) return;
  const lock = join(tmpdir(), `rasd-test-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`waited 2 minutes for ${lock}; remove it if no build is running`);
      sleep(200);
    }
  }
  try {
    if (!fresh()) {
      // tsc emits even when someone else's file has a type error; the tests need the emitted files.
      spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT], { stdio: 'ignore' });
    }
  } finally {
    rmdirSync(lock);
  }
  if (!existsSync(main)) throw new Error('the build did not produce dist/cli/main.js');
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/rasd.js ...args` to completion. */
export function rasd(args: string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const run: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 1 << 28,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Run a shell command line (for pipes such as `| head -1`). */
export function shell(command: string, cwd = ROOT): RunResult {
  const run = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Start rasd in the background (for kill tests). */
export function startRasd(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'rasd-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The seed articles (the user's own documents, fixtures/seeds/*.txt), by file name. */
export function seeds(): { name: string; text: string }[] {
  return readdirSync(SEEDS_DIR)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), 'utf8') }));
}

/** Parse JSON Lines; throws on a line that is not JSON. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.length)
    .map((l) => JSON.parse(l));
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.length);
}

#!/usr/bin/env node
// Throughput, memory and scaling of `rasd extract` on real news, against a floor.
//
//   npm run bench                  # the whole SaudiNewsNet corpus (30,065 articles), a few minutes
//   npm run bench -- --quick       # its first 2,000 articles
//
// Figures are printed, not asserted:
//   - startup: one small file, wall time (the target: well under a second);
//   - the floor: read + gunzip + JSON.parse + a regex word split of the same
//     articles, in one thread: no tool reading this corpus can be faster;
//   - rasd with --jobs 1 and --jobs 2 on all of it: articles/s, MB/s (of
//     article text, UTF-8), peak resident memory of the whole process, and the
//     ratio of its time to the floor's;
//   - --jobs 2 on a quarter, a half and all of it: time should grow linearly.
// Then every other scripts/bench-*.mjs runs (each prints its own figures),
// with --quick passed on (each takes it: a smaller run).
//
// The corpus is read from ../shared/data/saudinewsnet (never copied into the
// project); slices are written to a temporary folder and removed afterwards.
import { scriptArgs } from './script-args.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'data', 'saudinewsnet', 'saudinewsnet.jsonl.gz');
const BIN = join(ROOT, 'bin', 'rasd.js');
const quick = scriptArgs(import.meta.url, { quick: 'flag' }).flag('quick');
const QUICK_ARTICLES = 2000;

const say = (line = '') => process.stdout.write(line + '\n');
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  say('bench: rasd is not built; run npm install (or npx tsc -p .) first');
  process.exit(1);
}

/** Run rasd; resolve with wall seconds, peak RSS (VmHWM of the process, MB) and bytes of output. */
function runRasd(args) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKb = 0;
    let outBytes = 0;
    let stderr = '';
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        /* exited, or no /proc */
      }
    }, 50);
    child.stdout.on('data', (chunk) => (outBytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakMb: peakKb ? peakKb / 1024 : null, outBytes, code, stderrLines: stderr.split('\n').filter(Boolean).length });
    });
  });
}

say(`rasd bench (${quick ? `--quick: the first ${QUICK_ARTICLES} articles` : 'the whole corpus'}), node ${process.version}, ${new Date().toISOString()}`);

// --- startup
const seed = readdirSync(join(ROOT, 'fixtures', 'seeds')).find((n) => n.endsWith('.txt'));
if (seed) {
  const times = [];
  for (let i = 0; i < 3; i++) times.push((await runRasd(['extract', join('fixtures', 'seeds', seed)])).seconds);
  say(`startup: rasd extract on one small file: ${fmt(Math.min(...times), 2)} s (best of 3)`);
}

if (!existsSync(CORPUS)) {
  say(`no corpus at ${CORPUS}: throughput figures skipped`);
} else {
  // --- the corpus in memory, and its slices on disk
  const gz = readFileSync(CORPUS);
  const allLines = gunzipSync(gz).toString('utf8').split('\n').filter(Boolean);
  const lines = quick ? allLines.slice(0, QUICK_ARTICLES) : allLines;
  const work = mkdtempSync(join(tmpdir(), 'rasd-bench-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const slice = (fraction) => {
    const part = lines.slice(0, Math.round(lines.length * fraction));
    const path = join(work, `slice-${fraction}.jsonl`);
    writeFileSync(path, part.join('\n') + '\n');
    const textBytes = part.reduce((n, l) => n + Buffer.byteLength(JSON.parse(l).text ?? ''), 0);
    return { path, articles: part.length, textMb: textBytes / (1 << 20) };
  };
  const slices = { 0.25: slice(0.25), 0.5: slice(0.5), 1: slice(1) };
  const all = slices[1];
  say(`corpus: ${all.articles} articles, ${fmt(all.textMb)} MB of article text`);

  // --- the floor: read + gunzip + JSON.parse + a regex word split, one thread
  const floorSource = quick ? all.path : CORPUS;
  const floorStarted = process.hrtime.bigint();
  let raw = readFileSync(floorSource);
  if (floorSource.endsWith('.gz')) raw = gunzipSync(raw);
  let words = 0;
  for (const line of raw.toString('utf8').split('\n')) {
    if (!line) continue;
    const text = JSON.parse(line).text ?? '';
    words += (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  }
  const floor = Number(process.hrtime.bigint() - floorStarted) / 1e9;
  say(`floor (read${floorSource.endsWith('.gz') ? ' + gunzip' : ''} + JSON.parse + word split): ${fmt(floor, 2)} s, ${fmt(all.articles / floor, 0)} articles/s, ${fmt(all.textMb / floor)} MB/s, ${words} words`);
  say();

  // --- rasd on all of it, 1 and 2 workers
  const input = quick ? all.path : CORPUS;
  say('| run | articles | time (s) | articles/s | MB/s | peak RSS (MB) | × floor | stderr lines |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (name, s, r) =>
    say(`| ${name} | ${s.articles} | ${fmt(r.seconds)} | ${fmt(s.articles / r.seconds, 0)} | ${fmt(s.textMb / r.seconds, 2)} | ${r.peakMb ? fmt(r.peakMb, 0) : 'n/a'} | ${fmt(r.seconds / floor)} | ${r.stderrLines} |`);
  for (const jobs of [1, 2]) row(`extract --jobs ${jobs}`, all, await runRasd(['extract', '--jobs', String(jobs), input]));

  // --- scaling with --jobs 2
  const scale = [];
  for (const fraction of [0.25, 0.5, 1]) {
    const s = slices[fraction];
    const r = await runRasd(['extract', '--jobs', '2', s.path]);
    row(`extract --jobs 2, ${fraction * 100}%`, s, r);
    scale.push([fraction, r.seconds]);
  }
  const [q, h, a] = scale.map(([, t]) => t);
  say();
  say(`scaling (--jobs 2): half/quarter ${fmt(h / q, 2)}×, all/quarter ${fmt(a / q, 2)}× (linear: 2× and 4×; startup makes small slices relatively slower)`);
}

// --- the other engineers' benches
for (const name of readdirSync(join(ROOT, 'scripts')).filter((n) => /^bench-.+\.mjs$/.test(n)).sort()) {
  say();
  say(`== scripts/${name}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', name), ...(quick ? ['--quick'] : [])], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) say(`(scripts/${name} exited with ${r.status})`);
}

#!/usr/bin/env node
// Speed of the time tagger on real news: every article of SaudiNewsNet
// (30,065 articles, 52 M characters, read from ../shared, never copied), run
// through normalize + tokenize + time. Prints the seconds and characters per
// second of the time stage alone and of the three stages, and how many
// expressions were found, by grain. Figures only; nothing is asserted.
//
//   npx tsc -p . && node scripts/bench-time.mjs [--limit N] [--file PATH] [--no-dates]
//
// --no-dates drops the articles' dates, so that the dateline finder runs on every
// article; the datelines it finds are then compared with the dropped dates (the
// crawl day, on or a few days after publication).
import { scriptArgs } from './script-args.mjs';
import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// --quick (passed on by scripts/bench.mjs): the first 2,000 articles unless --limit says otherwise
const cli = scriptArgs(import.meta.url, { file: 'value', limit: 'value', 'no-dates': 'flag', quick: 'flag' });
const file = cli.value('file', join(root, '..', 'shared', 'data', 'saudinewsnet', 'saudinewsnet.jsonl.gz'));
const limit = cli.numeric('limit', cli.flag('quick') ? 2000 : Infinity);
const noDates = cli.flag('no-dates');
if (!existsSync(file)) {
  console.error(`skipped: ${file} not found (../shared is not part of a clone)`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'stages', 'time.js'))) {
  console.error('dist/ is missing: run `npx tsc -p .` first');
  process.exit(1);
}
const { createContext, createDoc } = await import(join(root, 'dist', 'index.js'));
const { normalize } = await import(join(root, 'dist', 'stages', 'normalize.js'));
const { tokenize } = await import(join(root, 'dist', 'stages', 'tokenize.js'));
const { tagTimes } = await import(join(root, 'dist', 'stages', 'time.js'));

const ctx = createContext();
// load every resource before the clock starts
tagTimes.run(tokenize.run(normalize.run(createDoc({ id: 'warm', text: 'أمس الاثنين 5 أغسطس 2024' }), ctx), ctx), ctx);

const seconds = { normalize: 0, tokenize: 0, time: 0 };
const byGrain = { day: 0, month: 0, year: 0, none: 0 };
let relative = 0;
let articles = 0;
let chars = 0;
let datelines = 0;
let datelinesPlausible = 0; // within the week before the crawl day
const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  if (articles >= limit) break;
  const article = JSON.parse(line);
  const text = String(article.text ?? '');
  articles++;
  chars += text.length;
  let doc = createDoc({ id: article.id, text, date: noDates ? null : (article.date ?? null) });
  let t0 = performance.now();
  doc = normalize.run(doc, ctx);
  let t1 = performance.now();
  seconds.normalize += (t1 - t0) / 1000;
  doc = tokenize.run(doc, ctx);
  t0 = performance.now();
  seconds.tokenize += (t0 - t1) / 1000;
  doc = tagTimes.run(doc, ctx);
  t1 = performance.now();
  seconds.time += (t1 - t0) / 1000;
  if (doc.dateSource === 'dateline') {
    datelines++;
    const lag = (Date.parse(article.date) - Date.parse(doc.date)) / 86_400_000;
    if (lag >= 0 && lag <= 7) datelinesPlausible++;
  }
  for (const t of doc.times) {
    byGrain[t.grain ?? 'none']++;
    if (t.relative) relative++;
  }
}

const total = seconds.normalize + seconds.tokenize + seconds.time;
const rate = (s) => `${(chars / s / 1e6).toFixed(2)} M chars/s`;
const found = byGrain.day + byGrain.month + byGrain.year + byGrain.none;
console.log(`${articles} articles, ${(chars / 1e6).toFixed(1)} M characters (${file})`);
console.log(`normalize            ${seconds.normalize.toFixed(2)} s  ${rate(seconds.normalize)}`);
console.log(`tokenize             ${seconds.tokenize.toFixed(2)} s  ${rate(seconds.tokenize)}`);
console.log(`time (alone)         ${seconds.time.toFixed(2)} s  ${rate(seconds.time)}`);
console.log(`the three stages     ${total.toFixed(2)} s  ${rate(total)}`);
console.log(`time expressions     ${found} (${(found / articles).toFixed(1)} per article; ${relative} relative)`);
console.log(`  by grain           day ${byGrain.day}, month ${byGrain.month}, year ${byGrain.year}, no value ${byGrain.none}`);
if (noDates) console.log(`datelines found      ${datelines} (${datelinesPlausible} within the week before the crawl day)`);
else console.log(`datelines used       ${datelines} (articles here carry a date; run with --no-dates to exercise the dateline finder)`);
console.log(`heap used            ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

#!/usr/bin/env node
// Gazetteer size and load time, and the cost of geo work per document.
//
//   npx tsc -p . && node scripts/bench-geo.mjs [--docs 2000]
//
// Documents come from ../shared/data/saudinewsnet (read here, never copied);
// without ../shared the throughput part is skipped. The geo cost is measured on
// already tokenized documents: findPlaceMentions + articleCountries (one scan
// of the tokens, cached per document) and geocode on the mentions' phrases.
import { scriptArgs } from './script-args.mjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// --quick (passed on by scripts/bench.mjs): 500 documents unless --docs says otherwise
const cli = scriptArgs(import.meta.url, { docs: 'value', quick: 'flag' });
const docCount = cli.numeric('docs', cli.flag('quick') ? 500 : 2000);
const FILE = join(ROOT, 'src/resources/ar/geo/gazetteer.json');
const CORPUS_CHARS = 52e6; // the SaudiNewsNet corpus, the speed target's yardstick

const { normalizeWord } = await import(join(ROOT, 'dist/stages/normalize.js'));
const { createResourceLoader } = await import(join(ROOT, 'dist/io/resources.js'));
const { GAZETTEER, skeletonIndex } = await import(join(ROOT, 'dist/geo/gazetteer.js'));
const { GEO_CUES } = await import(join(ROOT, 'dist/geo/words.js'));

const raw = readFileSync(FILE);
const gz = gzipSync(raw);
process.stdout.write(`gazetteer.json: ${(raw.length / 1024).toFixed(0)} KiB (${(gz.length / 1024).toFixed(0)} KiB gzipped)\n`);

normalizeWord('تهيئة'); // the character tables of normalize, shared with the rest of the pipeline
const loads = [];
let gaz;
for (let run = 0; run < 5; run++) {
  const loader = createResourceLoader();
  const t0 = performance.now();
  gaz = loader.load(GAZETTEER);
  loader.load(GEO_CUES);
  loads.push(performance.now() - t0);
}
loads.sort((a, b) => a - b);
process.stdout.write(
  `load + compile (gazetteer and cues, in process): median ${loads[2].toFixed(0)} ms, min ${loads[0].toFixed(0)} ms; ` +
    `${gaz.places.length} places, ${gaz.byKey.size} name keys, ${gaz.latin.length} transliteration places\n`,
);
let t0 = performance.now();
for (const c of ['IQ', 'SY', 'TR', 'NG', 'PK']) skeletonIndex(gaz, c);
process.stdout.write(`transliteration index, first use of 5 countries (IQ SY TR NG PK): ${(performance.now() - t0).toFixed(0)} ms\n`);

const corpus = join(ROOT, '..', 'shared/data/saudinewsnet/saudinewsnet.jsonl.gz');
if (!existsSync(corpus)) {
  process.stdout.write('throughput: skipped (../shared/data/saudinewsnet not found)\n');
  process.exit(0);
}
const { createContext, composePipeline, runPipeline } = await import(join(ROOT, 'dist/index.js'));
const { normalize } = await import(join(ROOT, 'dist/stages/normalize.js'));
const { tokenize } = await import(join(ROOT, 'dist/stages/tokenize.js'));
const { findPlaceMentions, articleCountries, geocode } = await import(join(ROOT, 'dist/stages/geo.js'));
const ctx = createContext();
const lines = gunzipSync(readFileSync(corpus)).toString('utf8').split('\n', docCount + 1).filter(Boolean).slice(0, docCount);
const texts = lines.map((l) => {
  const o = JSON.parse(l);
  return String(o.content ?? o.text ?? '');
});
const pipeline = composePipeline([normalize, tokenize]);
t0 = performance.now();
const docs = texts.map((text, i) => runPipeline(pipeline, { id: String(i), text }, ctx));
const tokenizeMs = performance.now() - t0;
const chars = texts.reduce((n, t) => n + t.length, 0);

// three passes: the first fills the per-word caches, as the first documents of a long run do;
// each pass gets fresh token arrays, so the per-document scan is redone
let mentionCount = 0;
const phrases = [];
const passes = [];
for (let pass = 0; pass < 3; pass++) {
  const fresh = docs.map((d) => ({ ...d, tokens: [...d.tokens] }));
  t0 = performance.now();
  for (const doc of fresh) {
    const found = findPlaceMentions(doc, ctx);
    articleCountries(doc, ctx);
    if (pass === 0) {
      mentionCount += found.length;
      for (const e of found) phrases.push([e.text, articleCountries(doc, ctx)]);
    }
  }
  passes.push(performance.now() - t0);
}
const geoMs = Math.min(...passes);
process.stdout.write(`findPlaceMentions passes: ${passes.map((x) => x.toFixed(0)).join(', ')} ms\n`);
t0 = performance.now();
for (const [text, countries] of phrases) geocode(text, ctx, { countries });
const geocodeMs = performance.now() - t0;

process.stdout.write(
  `documents: ${docs.length} (${(chars / 1e6).toFixed(2)}M chars); normalize+tokenize ${tokenizeMs.toFixed(0)} ms (for scale)\n` +
    `findPlaceMentions + articleCountries: ${geoMs.toFixed(0)} ms, ${((geoMs / docs.length) * 1000).toFixed(0)} µs/doc, ` +
    `${(chars / 1e6 / (geoMs / 1000)).toFixed(1)}M chars/s; ${mentionCount} mentions\n` +
    `geocode of every mention phrase (${phrases.length}, first time each): ${geocodeMs.toFixed(0)} ms\n` +
    `extrapolated to the ${CORPUS_CHARS / 1e6}M-char corpus on one core: mentions ${((geoMs / chars) * CORPUS_CHARS / 1000).toFixed(1)} s, ` +
    `geocode ${((geocodeMs / chars) * CORPUS_CHARS / 1000).toFixed(1)} s (halve for 2 workers)\n`,
);

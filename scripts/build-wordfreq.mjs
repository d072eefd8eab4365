#!/usr/bin/env node
// Builds src/resources/ar/wordfreq.tsv: folded word forms and their counts in
// ../shared/data/saudinewsnet (unlabelled news, used for statistics only).
// Not ANERcorp: the entity tagger's features (how frequent a word is, how the
// tokenizer splits it) must be computed alike for its training text and for new
// text. Counted in, a name of the training data (اولمرت, 19 times) was frequent
// and well split in training, while a new name of the same kind is unknown.
// Run after `npm run build`:
//   node scripts/build-wordfreq.mjs [--min 3]
import { scriptArgs } from './script-args.mjs';
import { createReadStream, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { normalizeText } from '../dist/stages/normalize.js';

const shared = new URL('../../shared/', import.meta.url).pathname;
const min = scriptArgs(import.meta.url, { min: 'value' }).numeric('min', 3);
const counts = new Map();
const WORD = /[\u0621-\u064A\u0671-\u06D3]+/g;
const STEPS = ['nfkc', 'strip-harakat', 'strip-tatweel', 'strip-invisible', 'ascii-digits', 'persian-letters'];
function add(text) {
  for (const m of normalizeText(text, STEPS).fold.matchAll(WORD)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
}
const rl = createInterface({ input: createReadStream(shared + 'data/saudinewsnet/saudinewsnet.jsonl.gz').pipe(createGunzip()) });
for await (const line of rl) if (line) add(JSON.parse(line).text);
const rows = [...counts].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
writeFileSync(
  new URL('../src/resources/ar/wordfreq.tsv', import.meta.url),
  '# Folded Arabic word forms and their counts in SaudiNewsNet (CC BY-NC-SA 4.0, statistics only).\n# Built by scripts/build-wordfreq.mjs.\nword\tcount\n' + rows.map(([w, c]) => `${w}\t${c}`).join('\n') + '\n',
);
process.stderr.write(`${rows.length} word forms (count >= ${min})\n`);

#!/usr/bin/env node
// Fits the extractor's confidence model (src/resources/ar/events/confidence.json):
// a logistic regression over the features of src/events/confidence.ts, on the
// development sets only — ../shared/fixtures/seeds, ../shared/fixtures/news-dev
// (a record is right when it aligns with a gold event, by the shared scorer) and
// the arabic_event_gsr development half (a record is right when its sentence
// reports an attack). Each set weighs the same. The threshold is the one that
// brings the three sets' event F1 closest to the issue's targets.
//   npm run build && node scripts/fit-confidence.mjs [--l2 0.01] [--dry-run]
import { scriptArgs } from './script-args.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createContext, processDoc } from '../dist/index.js';
import { eventLexicon } from '../dist/events/lexicon.js';
import { findMentions, indexDoc } from '../dist/events/mentions.js';
import { mergeMentions } from '../dist/events/merge.js';
import { FEATURES, LEXICAL_BUCKETS, eventFeatures, lexicalFeatures, scoreEvent } from '../dist/events/confidence.js';
import { toRecords } from '../dist/stages/extract.js';
import { leadTime } from '../dist/stages/time.js';

const cli = scriptArgs(import.meta.url, { l2: 'value', 'lex-l2': 'value', 'no-lexical': 'flag', 'dry-run': 'flag' });
const shared = new URL('../../shared/', import.meta.url).pathname;
if (!existsSync(join(shared, 'eval/score.mjs'))) {
  process.stderr.write('fit-confidence: ../shared/eval is missing; the model can only be fitted beside ../shared\n');
  process.exit(2);
}
const { score } = await import(join(shared, 'eval/score.mjs'));
const l2 = cli.numeric('l2', 0.1);

const ctx = createContext();
const lex = eventLexicon(ctx.resources);

function candidates(input) {
  const doc = processDoc('tag', input, ctx);
  const drafts = mergeMentions(lex.words, findMentions(indexDoc(doc, lex)), doc.date, leadTime(doc, 2), (m) => doc.sentences[m.sentence].headline);
  const records = toRecords(doc, drafts, drafts.map(() => 1));
  return drafts.map((d, i) => {
    const features = eventFeatures(lex.words, d, doc);
    return { x: FEATURES.map((f) => features[f]), lex: lexicalFeatures(d, doc), record: records[i] };
  });
}

// 1. examples
const sets = [];
for (const name of ['seeds', 'news-dev']) {
  const goldPath = join(shared, 'fixtures', name, 'gold.json');
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const examples = [];
  for (const d of gold.docs) {
    const text = readFileSync(join(dirname(goldPath), d.doc), 'utf8');
    const one = { ...gold, docs: [d] };
    for (const c of candidates({ id: d.doc, text, date: d.doc_date ?? null })) {
      if (c.record.status === 'threatened' || c.record.status === 'denied') continue;
      c.y = score(one, [c.record]).events.tp > 0 ? 1 : 0;
      c.doc = d.doc;
      examples.push(c);
    }
  }
  sets.push({ name, kind: 'gold', gold, examples });
}
{
  const lines = readFileSync(join(shared, 'data/arabic_event_gsr/detect-dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const examples = [];
  for (const s of lines) {
    for (const c of candidates({ id: s.id, text: s.text, date: null })) {
      if (c.record.status !== 'occurred' && c.record.status !== 'foiled') continue;
      c.y = s.attack ? 1 : 0;
      c.doc = s.id;
      examples.push(c);
    }
  }
  sets.push({ name: 'gsr', kind: 'detect', lines, examples });
}

// 2. logistic regression over the dense features and the hashed words, each set weighing the same
const lexL2 = cli.numeric('lex-l2', 1);
const useLexical = !cli.flag('no-lexical');
function fit(train) {
  const w = new Array(FEATURES.length).fill(0);
  const v = new Float64Array(LEXICAL_BUCKETS);
  const total = {};
  for (const e of train) total[e.set] = (total[e.set] ?? 0) + 1;
  for (let epoch = 0; epoch < 1500; epoch++) {
    const grad = new Array(w.length).fill(0);
    const gv = new Float64Array(LEXICAL_BUCKETS);
    for (const e of train) {
      const weight = 1 / total[e.set];
      let z = 0;
      for (let i = 0; i < w.length; i++) z += e.x[i] * w[i];
      if (useLexical) for (const b of e.lex) z += v[b];
      const g = weight * (1 / (1 + Math.exp(-z)) - e.y);
      for (let i = 0; i < w.length; i++) grad[i] += g * e.x[i];
      if (useLexical) for (const b of e.lex) gv[b] += g;
    }
    for (let i = 0; i < w.length; i++) w[i] -= 0.5 * (grad[i] + (i === 0 ? 0 : l2 * w[i]));
    if (useLexical) for (let b = 0; b < LEXICAL_BUCKETS; b++) v[b] -= 0.5 * (gv[b] + lexL2 * v[b] / train.length * 10);
  }
  return {
    version: 2,
    threshold: 0.5,
    weights: Object.fromEntries(FEATURES.map((f, i) => [f, Math.round(w[i] * 1000) / 1000])),
    ...(useLexical ? { lexical: [...v].map((x) => Math.round(x * 1000) / 1000) } : {}),
  };
}
for (const s of sets) for (const e of s.examples) e.set = s.name;
const all = sets.flatMap((s) => s.examples);
const prob = (model, e) => scoreEvent(Object.fromEntries(FEATURES.map((f, i) => [f, e.x[i]])), model, e.lex);

// 3. threshold: the best progress toward each set's target (issue: seeds 90, news-dev 70, gsr 70),
// with little credit past a target, so that no set is traded away for another already good enough
const TARGETS = { seeds: 0.9, 'news-dev': 0.7, gsr: 0.7 };
function f1At(set, threshold, p) {
  const kept = set.examples.filter((e) => p(e) >= threshold);
  if (set.kind === 'gold') return score(set.gold, kept.map((e) => e.record)).events.f1;
  const hit = new Set(kept.map((e) => e.doc));
  let tp = 0, fp = 0, fn = 0;
  for (const l of set.lines) {
    if (hit.has(l.id)) l.attack ? tp++ : fp++;
    else if (l.attack) fn++;
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}
function bestThreshold(p) {
  let best = { threshold: 0.5, mean: -1, f1s: [] };
  for (let t = 0.05; t <= 0.9; t += 0.01) {
    const f1s = sets.map((s) => f1At(s, t, p));
    const mean = f1s.reduce((a, f, i) => a + Math.min(f / TARGETS[sets[i].name], 1 + 0.2 * (f / TARGETS[sets[i].name] - 1)), 0) / f1s.length;
    if (mean > best.mean) best = { threshold: Math.round(t * 100) / 100, mean, f1s };
  }
  return best;
}
// honest figures: 5-fold cross-validation by document, the threshold chosen on the held-out scores
const FOLDS = 5;
const foldOf = (doc) => [...doc].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % FOLDS;
const heldOut = new Map();
for (let k = 0; k < FOLDS; k++) {
  const model = fit(all.filter((e) => foldOf(e.doc) !== k));
  for (const e of all) if (foldOf(e.doc) === k) heldOut.set(e, prob(model, e));
}
const cv = bestThreshold((e) => heldOut.get(e));
const model = fit(all);
const best = bestThreshold((e) => prob(model, e));
model.threshold = best.threshold;
for (const s of sets) process.stderr.write(`${s.name}: ${s.examples.length} candidates, ${s.examples.filter((e) => e.y).length} right\n`);
process.stderr.write(`cross-validated (threshold ${cv.threshold}): event F1 ${sets.map((s, i) => `${s.name} ${(100 * cv.f1s[i]).toFixed(1)}`).join(', ')}\n`);
process.stderr.write(`fitted on all (threshold ${best.threshold}): event F1 ${sets.map((s, i) => `${s.name} ${(100 * best.f1s[i]).toFixed(1)}`).join(', ')}\n`);
process.stderr.write(JSON.stringify(model.weights) + '\n');
if (!cli.flag('dry-run')) {
  const about = 'Weights of the extractor\'s confidence model (src/events/confidence.ts), fitted by scripts/fit-confidence.mjs on the development sets (seeds, news-dev, arabic_event_gsr dev half). Records scoring below threshold are not emitted.';
  writeFileSync(new URL('../src/resources/ar/events/confidence.json', import.meta.url), JSON.stringify({ about, ...model }, null, 1) + '\n');
}

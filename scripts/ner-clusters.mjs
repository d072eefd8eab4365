#!/usr/bin/env node
// Induces word clusters from the unlabelled SaudiNewsNet articles for the
// entity tagger: a TSV of word forms and cluster numbers (a derived statistic,
// no text), which scripts/train-ner.mjs puts inside the model file.
//
// Each word (its "core": article kept, و/ف/ب/ل/ك dropped, as the tagger sees
// it) is described by the words up to two before and after it (each position
// its own block of the 2000 most frequent words), weighted by positive PMI; the
// vectors are split top-down by spherical k-means into a hierarchy (16 → 128 →
// 1024 → 4096 clusters), so a word's cluster at each level is a coarser or finer
// class, like the prefixes of a Brown-cluster path. Every Arabic word of the
// corpus is clustered (up to --words): rare names get a class too.
// Single-threaded, under a minute. Run after `npm run build`:
//   node scripts/ner-clusters.mjs [--words 200000] [--contexts 2000] [--window 2]
//        [--min-count 1] [--branching 16,8,8,4] [--out FILE]
//        [--embed N [--embed-buckets 3]] [--cues] [--side-branching 16,8,8]
// The last three add columns to the file (extra features of a model trained on it, see
// src/ner/features.ts): N dense dimensions, cue-word shares, one-sided clusters. Tried for
// issue 4 and left out (no gain by cross-validation); the committed model uses none.
// (Tuned by 4-fold cross-validation on ANERcorp train: a ±2 window over all words
// scored 76.1 F1 against 75.7 for ±1 over the 50,000 most frequent.)
import { createReadStream, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptArgs } from './script-args.mjs';
import { normalizeText } from '../dist/stages/normalize.js';
import { analyzeWord } from '../dist/stages/tokenize.js';
import { coreOf } from '../dist/ner/word.js';
import { wordFrequencies } from '../dist/resources/lexicons.js';
import { createResourceLoader } from '../dist/io/resources.js';
import { seededRandom } from '../dist/ner/train.js';

const cli = scriptArgs(import.meta.url, {
  words: 'value', contexts: 'value', window: 'value', 'min-count': 'value', branching: 'value', out: 'value',
  embed: 'value', 'embed-buckets': 'value', cues: 'flag', 'side-branching': 'value',
});
const branchingOption = (name, dflt) => (cli.value(name) ?? dflt).split(',').map(Number);
const N_WORDS = cli.numeric('words', 200000);
// 2,000 context words: cross-validation 78.19 and 77.96 (two training seeds) against 77.76 and 77.76
// with 1,000; 3,000 gave 77.88, 4,000 77.61
const N_CONTEXTS = cli.numeric('contexts', 2000);
const OUT = cli.value('out', join(tmpdir(), 'rasd-clusters.tsv'));
const WINDOW = cli.numeric('window', 2); // neighbours on each side, each position its own block of contexts
const MIN_COUNT = cli.numeric('min-count', 1);
const BRANCHING = branchingOption('branching', '16,8,8,4');
const ITERATIONS = 12;
/** An extra column's value that makes no feature (NO_BUCKET in src/ner/features.ts). */
const NONE = 65535;
const EMBED = cli.numeric('embed', 0); // dense dimensions (randomized SVD of the PPMI rows), bucketed; 0: none
const EMBED_BUCKETS = cli.numeric('embed-buckets', 3);
const CUES = cli.flag('cues'); // cue-word statistics (CUE_CLASSES below)
const shared = new URL('../../shared/', import.meta.url).pathname;
const log = (s) => process.stderr.write(`[clusters ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}\n`);
const t0 = Date.now();

// Deterministic pseudo-random numbers (mulberry32), so a rerun gives the same clusters.
const random = seededRandom(12345);

// ---- 1. The corpus as a stream of word ids -------------------------------------------
const freq = wordFrequencies(createResourceLoader());
const STEPS = ['nfkc', 'strip-harakat', 'strip-tatweel', 'strip-invisible', 'ascii-digits', 'persian-letters'];
const TOKEN = /(\d+(?:[.,]\d+)*)|([\u0621-\u064A\u0671-\u06D3]+)|([A-Za-z]+)|(\S)/g;
const ids = new Map(); // core form → id
const names = [];
const coreCache = new Map();
let corpus = new Int32Array(1 << 24);
let length = 0;
const BOUNDARY = -1;
const push = (id) => {
  if (length === corpus.length) {
    const bigger = new Int32Array(corpus.length * 2);
    bigger.set(corpus);
    corpus = bigger;
  }
  corpus[length++] = id;
};
const idOf = (form) => {
  let id = ids.get(form);
  if (id === undefined) ids.set(form, (id = names.length)), names.push(form);
  return id;
};
const rl = createInterface({ input: createReadStream(shared + 'data/saudinewsnet/saudinewsnet.jsonl.gz').pipe(createGunzip()) });
let articles = 0;
for await (const line of rl) {
  if (!line) continue;
  const { text } = JSON.parse(line);
  const fold = normalizeText(text, STEPS).fold;
  for (const m of fold.matchAll(TOKEN)) {
    let form;
    if (m[1]) form = '<num>';
    else if (m[3]) form = '<latin>';
    else if (m[2]) {
      form = coreCache.get(m[2]);
      if (form === undefined) coreCache.set(m[2], (form = coreOf(analyzeWord(m[2], freq))));
    } else form = m[4];
    push(idOf(form));
  }
  push(BOUNDARY);
  if (++articles % 5000 === 0) log(`${articles} articles, ${length} tokens, ${names.length} forms`);
}
log(`${articles} articles, ${length} tokens, ${names.length} distinct core forms`);

// ---- 2. Targets and contexts by frequency --------------------------------------------
const count = new Float64Array(names.length);
for (let i = 0; i < length; i++) if (corpus[i] >= 0) count[corpus[i]]++;
const byFreq = [...names.keys()].sort((a, b) => count[b] - count[a]);
const targetIndex = new Int32Array(names.length).fill(-1);
const contextIndex = new Int32Array(names.length).fill(-1);
const targets = byFreq.slice(0, N_WORDS).filter((id) => /[\u0621-\u064A]/.test(names[id]) && count[id] >= MIN_COUNT);
targets.forEach((id, k) => (targetIndex[id] = k));
byFreq.slice(0, N_CONTEXTS).forEach((id, k) => (contextIndex[id] = k));
const OTHER = N_CONTEXTS; // every rarer context word
const BLOCK = N_CONTEXTS + 1;
const DIM = 2 * WINDOW * BLOCK; // per offset -1, +1, -2, +2, …: a block of context words
log(`${targets.length} target words (count >= ${count[targets[targets.length - 1]]}), ${N_CONTEXTS} context words`);

// ---- 2b. Cue words: how often a word follows a title, a company word, a place word… -------
// A distributional gazetteer: of a word's mentions in the corpus, the share right after a
// word of each cue class («اللاعب X»، «نادي X»، «شركة X»، «مدينة X»، «قال X»), or right
// before بن/ابن (a given name). Bucketed: 0 <1%, 1 <5%, 2 <20%, 3 <50%, 4 more; no
// feature (NONE) under 2 such mentions.
const CUE_CLASSES = [
  ['before', 'الرئيس الملك الأمير الشيخ السيد الدكتور الوزير المستشار السفير العقيد اللواء العميد الجنرال الرائد النقيب المشير المدير المتحدث الناطق الأستاذ المهندس الإمام البابا السلطان الرئيسة السيدة الملكة الأميرة'],
  ['before', 'اللاعب المدرب النجم المهاجم المدافع الحارس لاعب مدرب الحكم البطل'],
  ['before', 'الفنان الفنانة الممثل الممثلة المطرب المطربة الكاتب الشاعر المخرج الروائي الإعلامي الصحفي الزميل الباحث'],
  ['before', 'قال أكد أضاف أوضح صرح أعلن أشار كشف ذكر يقول يرى وقال'],
  ['before', 'نادي النادي فريق منتخب'],
  ['before', 'شركة مجموعة جامعة صحيفة وكالة حزب حركة منظمة مؤسسة بنك مصرف مجلس هيئة قناة جمعية اتحاد مركز مستشفى'],
  ['before', 'مدينة محافظة منطقة دولة عاصمة بلدة قرية ولاية جزيرة إقليم حي مقاطعة'],
  ['after', 'بن ابن بنت'],
];
let cueBuckets = null;
if (CUES) {
  const cueOf = (w) => idOf(coreOf(analyzeWord(normalizeText(w, STEPS).fold, freq)));
  const classOf = new Map(); // `${side}:${id}` → class
  CUE_CLASSES.forEach(([side, words], c) => {
    for (const w of words.split(' ')) classOf.set(`${side}:${cueOf(w)}`, c);
  });
  const beforeClass = new Int32Array(names.length + 1).fill(-1);
  const afterClass = new Int32Array(names.length + 1).fill(-1);
  for (const [key, c] of classOf) {
    const [side, id] = key.split(':');
    (side === 'before' ? beforeClass : afterClass)[Number(id)] = c;
  }
  const C = CUE_CLASSES.length;
  const hits = new Int32Array(targets.length * C);
  for (let i = 0; i < length; i++) {
    const t = corpus[i] >= 0 ? targetIndex[corpus[i]] : -1;
    if (t < 0) continue;
    if (i > 0 && corpus[i - 1] >= 0 && beforeClass[corpus[i - 1]] >= 0) hits[t * C + beforeClass[corpus[i - 1]]]++;
    if (i + 1 < length && corpus[i + 1] >= 0 && afterClass[corpus[i + 1]] >= 0) hits[t * C + afterClass[corpus[i + 1]]]++;
  }
  cueBuckets = new Uint16Array(targets.length * C).fill(NONE);
  targets.forEach((id, t) => {
    for (let c = 0; c < C; c++) {
      const h = hits[t * C + c];
      if (h < 2) continue;
      const r = h / count[id];
      cueBuckets[t * C + c] = r < 0.01 ? 0 : r < 0.05 ? 1 : r < 0.2 ? 2 : r < 0.5 ? 3 : 4;
    }
  });
  log(`cue classes: ${CUE_CLASSES.map((_, c) => targets.filter((_, t) => cueBuckets[t * C + c] !== NONE).length).join(', ')} words`);
}

// ---- 3. Co-occurrence counts, sparse: sort (target, context) keys and run-length them ----
let keys = new Uint32Array(2 * WINDOW * length);
let nk = 0;
for (let i = 0; i < length; i++) {
  const t = corpus[i] >= 0 ? targetIndex[corpus[i]] : -1;
  if (t < 0) continue;
  // a boundary ends the window: the "other" slot is for rare words
  for (let side = 0; side < 2; side++) {
    for (let d = 1; d <= WINDOW; d++) {
      const j = side ? i + d : i - d;
      if (j < 0 || j >= length || corpus[j] < 0) break;
      const c = contextIndex[corpus[j]];
      keys[nk++] = t * DIM + (2 * (d - 1) + side) * BLOCK + (c >= 0 ? c : OTHER);
    }
  }
}
corpus = null;
keys = keys.subarray(0, nk).sort();
let rowStart = new Int32Array(targets.length + 1);
const cols = [];
const vals = [];
for (let i = 0; i < nk; ) {
  let j = i;
  while (j < nk && keys[j] === keys[i]) j++;
  const t = Math.floor(keys[i] / DIM);
  cols.push(keys[i] % DIM);
  vals.push(j - i);
  rowStart[t + 1] = cols.length;
  i = j;
}
for (let t = 1; t <= targets.length; t++) if (rowStart[t] < rowStart[t - 1]) rowStart[t] = rowStart[t - 1];
keys = null;
let colIdx = Int32Array.from(cols);
let value = Float32Array.from(vals);
log(`${value.length} non-zero co-occurrence cells`);

// ---- 4. Positive PMI (context counts smoothed by ^0.75), rows scaled to unit length ----
const colSum = new Float64Array(DIM);
let total = 0;
for (let k = 0; k < value.length; k++) (colSum[colIdx[k]] += value[k] ** 0.75), (total += value[k]);
const colTotal = colSum.reduce((a, b) => a + b, 0);
for (let t = 0; t < targets.length; t++) {
  let rowSum = 0;
  for (let k = rowStart[t]; k < rowStart[t + 1]; k++) rowSum += value[k];
  let norm = 0;
  for (let k = rowStart[t]; k < rowStart[t + 1]; k++) {
    const pmi = Math.log((value[k] / rowSum) / (colSum[colIdx[k]] / colTotal));
    value[k] = pmi > 0 ? pmi : 0;
    norm += value[k] * value[k];
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = rowStart[t]; k < rowStart[t + 1]; k++) value[k] /= norm;
}

// ---- 4b. Dense vectors: randomized SVD of the PPMI rows (Halko et al. 2011) -------------
// Each word's row projected on the top EMBED right-singular vectors, rescaled to unit
// length, and each dimension bucketed: with 3 buckets, below the mean of the negative
// values / between / above the mean of the positive values (Guo et al. 2014); with more,
// by quantiles. A perceptron over hashed features can weigh discrete values only.
let embedBuckets = null;
if (EMBED > 0) {
  const T = targets.length;
  const k = EMBED + 10;
  // its own random numbers: the clusters stay what they are without --embed
  const svdRandom = seededRandom(777);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = svdRandom();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * svdRandom());
  };
  // A (T × DIM) times M (DIM × k) → T × k; transposed, Aᵀ (DIM × T) times M (T × k) → DIM × k
  const multiply = (M, transposed) => {
    const out = new Float64Array((transposed ? DIM : T) * k);
    for (let t = 0; t < T; t++) {
      const row = t * k;
      for (let q = rowStart[t]; q < rowStart[t + 1]; q++) {
        const v = value[q];
        if (!v) continue;
        const col = colIdx[q] * k;
        if (transposed) for (let j = 0; j < k; j++) out[col + j] += v * M[row + j];
        else for (let j = 0; j < k; j++) out[row + j] += v * M[col + j];
      }
    }
    return out;
  };
  const mulA = (M) => multiply(M, false);
  const mulAt = (Y) => multiply(Y, true);
  // orthonormal columns (modified Gram-Schmidt, twice for stability), in place; rows × k
  const orthonormalize = (Y, rows) => {
    for (let rep = 0; rep < 2; rep++) {
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < j; i++) {
          let d = 0;
          for (let r = 0; r < rows; r++) d += Y[r * k + i] * Y[r * k + j];
          for (let r = 0; r < rows; r++) Y[r * k + j] -= d * Y[r * k + i];
        }
        let n = 0;
        for (let r = 0; r < rows; r++) n += Y[r * k + j] ** 2;
        n = Math.sqrt(n) || 1;
        for (let r = 0; r < rows; r++) Y[r * k + j] /= n;
      }
    }
    return Y;
  };
  const omega = new Float64Array(DIM * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gauss();
  let Q = orthonormalize(mulA(omega), T);
  for (let it = 0; it < 3; it++) {
    const Z = orthonormalize(mulAt(Q), DIM);
    Q = orthonormalize(mulA(Z), T);
  }
  const Bt = mulAt(Q); // DIM × k = (Qᵀ A)ᵀ
  // B Bᵀ (k × k), its eigenvectors by cyclic Jacobi
  const C = new Float64Array(k * k);
  for (let d = 0; d < DIM; d++) for (let i = 0; i < k; i++) { const a = Bt[d * k + i]; if (a) for (let j = 0; j < k; j++) C[i * k + j] += a * Bt[d * k + j]; }
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += C[p * k + q] ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = C[p * k + q];
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (C[q * k + q] - C[p * k + p]) / (2 * apq);
        const tt = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(tt * tt + 1), s = tt * c;
        for (let r = 0; r < k; r++) {
          const crp = C[r * k + p], crq = C[r * k + q];
          C[r * k + p] = c * crp - s * crq;
          C[r * k + q] = s * crp + c * crq;
        }
        for (let r = 0; r < k; r++) {
          const cpr = C[p * k + r], cqr = C[q * k + r];
          C[p * k + r] = c * cpr - s * cqr;
          C[q * k + r] = s * cpr + c * cqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = V[r * k + p], vrq = V[r * k + q];
          V[r * k + p] = c * vrp - s * vrq;
          V[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = [...Array(k).keys()].sort((a, b) => C[b * k + b] - C[a * k + a]).slice(0, EMBED);
  log(`SVD: top singular values ${order.slice(0, 5).map((i) => Math.sqrt(Math.max(0, C[i * k + i])).toFixed(1)).join(', ')} … ${Math.sqrt(Math.max(0, C[order[EMBED - 1] * k + order[EMBED - 1]])).toFixed(1)}`);
  // word vectors: Q · Ub · S (the row's projection), unit length
  const E = new Float32Array(T * EMBED);
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let e = 0; e < EMBED; e++) {
      const col = order[e];
      let s = 0;
      for (let j = 0; j < k; j++) s += Q[t * k + j] * V[j * k + col];
      s *= Math.sqrt(Math.max(0, C[col * k + col]));
      E[t * EMBED + e] = s;
      n += s * s;
    }
    n = Math.sqrt(n) || 1;
    for (let e = 0; e < EMBED; e++) E[t * EMBED + e] /= n;
  }
  embedBuckets = new Uint16Array(T * EMBED);
  for (let e = 0; e < EMBED; e++) {
    const vals = new Float32Array(T);
    for (let t = 0; t < T; t++) vals[t] = E[t * EMBED + e];
    let cuts;
    if (EMBED_BUCKETS === 3) {
      let ps = 0, pn = 0, ns = 0, nn = 0;
      for (const v of vals) if (v > 0) (ps += v), pn++; else if (v < 0) (ns += v), nn++;
      cuts = [ns / (nn || 1), ps / (pn || 1)];
    } else {
      const sorted = Float32Array.from(vals).sort();
      cuts = Array.from({ length: EMBED_BUCKETS - 1 }, (_, b) => sorted[Math.floor(((b + 1) * T) / EMBED_BUCKETS)]);
    }
    for (let t = 0; t < T; t++) {
      let b = 0;
      while (b < cuts.length && vals[t] > cuts[b]) b++;
      // of three buckets, the middle one is no feature
      embedBuckets[t * EMBED + e] = EMBED_BUCKETS === 3 && b === 1 ? NONE : b;
    }
  }
  log(`${EMBED} dense dimensions, ${EMBED_BUCKETS} buckets each`);
}

// ---- 5. Top-down spherical k-means ---------------------------------------------------
function dot(t, centroid) {
  let s = 0;
  for (let k = rowStart[t]; k < rowStart[t + 1]; k++) s += value[k] * centroid[colIdx[k]];
  return s;
}
/** Split the words `members` into at most `k` clusters; returns each word's cluster 0..k-1. */
function kmeans(members, k) {
  const n = members.length;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  // k-means++ seeding on the words themselves
  const centroids = [];
  const best = new Float64Array(n).fill(-Infinity);
  const seedVector = (t) => {
    const c = new Float32Array(DIM);
    for (let q = rowStart[t]; q < rowStart[t + 1]; q++) c[colIdx[q]] = value[q];
    return c;
  };
  centroids.push(seedVector(members[Math.floor(random() * n)]));
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1];
    let sum = 0;
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      best[i] = Math.max(best[i], dot(members[i], last));
      dist[i] = Math.max(0, 1 - best[i]) ** 2;
      sum += dist[i];
    }
    let r = random() * sum;
    let pick = n - 1;
    for (let i = 0; i < n; i++) if ((r -= dist[i]) <= 0) { pick = i; break; }
    centroids.push(seedVector(members[pick]));
  }
  for (let iter = 0; iter < ITERATIONS; iter++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestS = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(members[i], centroids[c]);
        if (s > bestS) (bestS = s), (bestC = c);
      }
      if (assign[i] !== bestC) moved++;
      assign[i] = bestC;
    }
    for (const c of centroids) c.fill(0);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = centroids[assign[i]];
      sizes[assign[i]]++;
      const t = members[i];
      for (let q = rowStart[t]; q < rowStart[t + 1]; q++) c[colIdx[q]] += value[q];
    }
    for (let c = 0; c < k; c++) {
      // an empty cluster takes a random word
      if (!sizes[c]) centroids[c] = seedVector(members[Math.floor(random() * n)]);
      let norm = 0;
      for (let d = 0; d < DIM; d++) norm += centroids[c][d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < DIM; d++) centroids[c][d] /= norm;
    }
    if (moved < n * 0.002) break;
  }
  return assign;
}

/** Top-down k-means over the current rows (rowStart, colIdx, value): each word's cluster at each level, numbered densely. */
function hierarchy(branching, name) {
  const levels = branching.map(() => new Int32Array(targets.length));
  let groups = [[...targets.keys()]];
  branching.forEach((k, level) => {
    const next = [];
    let base = 0;
    for (const members of groups) {
      const assign = kmeans(members, k);
      const sub = Array.from({ length: k }, () => []);
      members.forEach((t, i) => sub[assign[i]].push(t));
      sub.forEach((words, c) => {
        for (const t of words) levels[level][t] = base + c;
      });
      base += k;
      next.push(...sub.filter((s) => s.length));
    }
    groups = next;
    log(`${name} level ${level + 1}: ${groups.length} clusters`);
  });
  // renumber densely so the ids are small
  for (const lv of levels) {
    const dense = new Map();
    for (let t = 0; t < targets.length; t++) {
      if (!dense.has(lv[t])) dense.set(lv[t], dense.size);
      lv[t] = dense.get(lv[t]);
    }
  }
  return levels;
}
const levels = hierarchy(BRANCHING, 'both sides');

// ---- 6. One-sided clusters (--side-branching): the left neighbours only, the right only ----
// «قال X»، «الرئيس X» say what X is from the left, «X بن»، «X الدولي» from the right.
const SIDE_BRANCHING = cli.value('side-branching') ? branchingOption('side-branching') : [];
const sideLevels = [];
if (SIDE_BRANCHING.length) {
  const all = { rowStart, colIdx, value };
  for (const side of [0, 1]) {
    const rs = new Int32Array(targets.length + 1);
    const ci = [];
    const vs = [];
    for (let t = 0; t < targets.length; t++) {
      let norm = 0;
      const from = ci.length;
      for (let q = all.rowStart[t]; q < all.rowStart[t + 1]; q++) {
        if (Math.floor(all.colIdx[q] / BLOCK) % 2 !== side) continue;
        ci.push(all.colIdx[q]);
        vs.push(all.value[q]);
        norm += all.value[q] ** 2;
      }
      norm = Math.sqrt(norm) || 1;
      for (let q = from; q < vs.length; q++) vs[q] /= norm;
      rs[t + 1] = ci.length;
    }
    rowStart = rs;
    colIdx = Int32Array.from(ci);
    value = Float32Array.from(vs);
    sideLevels.push(...hierarchy(SIDE_BRANCHING, side ? 'right' : 'left'));
  }
  ({ rowStart, colIdx, value } = all);
}
const sideNames = SIDE_BRANCHING.length ? [...SIDE_BRANCHING.map((_, i) => `l${i + 1}`), ...SIDE_BRANCHING.map((_, i) => `r${i + 1}`)] : [];

const out = targets.map((id, t) => `${names[id]}\t${levels.map((lv) => lv[t]).join('\t')}${embedBuckets ? '\t' + Array.from(embedBuckets.subarray(t * EMBED, (t + 1) * EMBED)).join('\t') : ''}${cueBuckets ? '\t' + Array.from(cueBuckets.subarray(t * CUE_CLASSES.length, (t + 1) * CUE_CLASSES.length)).join('\t') : ''}${sideLevels.map((lv) => '\t' + lv[t]).join('')}`);
writeFileSync(
  OUT,
  `# Word clusters for the entity tagger, induced by scripts/ner-clusters.mjs from the left/right\n` +
    `# neighbours (±${WINDOW}) of words in SaudiNewsNet (CC BY-NC-SA 4.0; derived statistic, no text kept).\n` +
    `# Columns c1..c${BRANCHING.length}: cluster at each level of a top-down split (${BRANCHING.join(' × ')}).\n` +
    (CUES ? `# Columns q1..q${CUE_CLASSES.length}: share of the word's mentions after a cue word of each class (bucketed; 65535: none).\n` : '') +
    (sideNames.length ? `# Columns l1.., r1..: clusters of the left neighbours only, of the right only (${SIDE_BRANCHING.join(' × ')}).\n` : '') +
    (EMBED ? `# Columns e1..e${EMBED}: the word's dense vector (randomized SVD of the PPMI rows), each dimension in ${EMBED_BUCKETS} buckets.\n` : '') +
    `word\t${BRANCHING.map((_, i) => `c${i + 1}`).join('\t')}${EMBED ? '\t' + Array.from({ length: EMBED }, (_, i) => `e${i + 1}`).join('\t') : ''}${CUES ? '\t' + CUE_CLASSES.map((_, i) => `q${i + 1}`).join('\t') : ''}${sideNames.map((n) => '\t' + n).join('')}\n` +
    out.join('\n') + '\n',
);
log(`wrote ${targets.length} words to ${OUT}`);
// show a few clusters as a sanity check
const show = (w) => {
  const id = ids.get(w);
  const t = id === undefined ? -1 : targetIndex[id];
  if (t < 0) return log(`${w}: not a target`);
  const leaf = levels[BRANCHING.length - 1][t];
  const mates = targets.filter((_, u) => levels[BRANCHING.length - 1][u] === leaf).slice(0, 15).map((i) => names[i]);
  log(`${w} → ${levels.map((lv) => lv[t]).join('/')}: ${mates.join(' ')}`);
};
for (const w of ['محمد', 'العراق', 'الرياض', 'وزاره', 'جون', 'الاربعاء', 'داعش']) show(w);

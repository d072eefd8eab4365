#!/usr/bin/env node
// Trains the entity tagger and writes src/resources/ner/model.bin.
//
//   npm run train:ner                      (= node scripts/train-ner.mjs; it builds dist/ first)
//   node scripts/train-ner.mjs --dev-only  train on train minus dev, report dev, write nothing
//   node scripts/train-ner.mjs --cv 4      tuning: pooled F1 over 4 contiguous folds of train
//   options: --epochs N (default 12), --hide P (identity dropout, default 0.2),
//            --runs R (perceptrons over different shuffles, averaged; default 3),
//            --margin M (cost-augmented training, default 10; 0: plain perceptron),
//            --auto (with the auto-lexicon, see below; off: no gain by cross-validation),
//            --auto-min N (its minimum mentions, 3),
//            --seed S, --clusters FILE (reuse clusters from scripts/ner-clusters.mjs),
//            --out FILE, --no-test,
//            --cluster-pairs (pairs of a neighbour's core and the word's cluster: CV +0.3, off),
//            --scheme bioes (BIOES labels instead of BIO: no gain, off),
//            --extra-roles self|near|all (which roles see a clusters file's extra columns),
//            --dump FILE (dev predictions, or with --cv the pooled ones, as `token gold predicted` lines)
//
// Data, all from ../shared (nothing is downloaded):
//   data/anercorp/ANERCorp_CamelLab_train.txt  the labelled data (CC BY-SA 4.0: Benajiba et
//       al. 2007; Obeid et al. 2020). Tuning decisions were taken on it alone: by 4-fold
//       cross-validation (--cv) and on its last 15% of sentences, the dev part, which is
//       also reported. The model is trained on the whole train split.
//   data/anercorp/ANERCorp_CamelLab_test.txt   only scored at the end, for the record.
//   data/saudinewsnet/                          unlabelled news for the word clusters.
//
// Steps:
//   1. clusters     scripts/ner-clusters.mjs over SaudiNewsNet (~30 s)
//   2. first pass   a structured averaged perceptron, cost-augmented (a wrong label
//                   needs to lose by a margin), three shuffles averaged; its labels of
//                   every training sentence come from a model trained without that
//                   sentence's fold (5 contiguous folds), as they would on new text
//   3. second pass  the same features plus the document features (how the first pass
//                   labelled the word's other mentions nearby)
//   4. the file     both passes, pruned and quantized, with the word table
// Single-threaded; about four minutes.
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { scriptArgs } from './script-args.mjs';

// read before anything runs: --help or a mistyped option must not start a training that overwrites the model
const cli = scriptArgs(import.meta.url, {
  epochs: 'value', seed: 'value', runs: 'value', margin: 'value', hide: 'value', scheme: 'value',
  out: 'value', clusters: 'value', 'extra-roles': 'value', 'auto-min': 'value', cv: 'value', dump: 'value',
  'cluster-pairs': 'flag', auto: 'flag', 'dev-only': 'flag', 'no-test': 'flag',
});
const root = new URL('..', import.meta.url).pathname;
// the trainer uses the tagger's own code (features, model file, decoding): build it first
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
if (spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' }).status !== 0) {
  process.stderr.write('train-ner: the build has errors (dist/ may still be usable)\n');
}
const { createResourceLoader } = await import('../dist/io/resources.js');
const { wordFrequencies } = await import('../dist/resources/lexicons.js');
const { loadNerLexicon } = await import('../dist/ner/lexicon.js');
const { FeatureExtractor, IDENTITY_FEATURES, NER_LABELS: BIO_LABELS, NER_LABELS_BIOES, PREV, NEXT, PREV2, NEXT2, documentFeatures, sentenceFeatures } = await import('../dist/ner/features.js');
const { formsOfRaw } = await import('../dist/ner/word.js');
const { repairBio, toBioes, toBio } = await import('../dist/ner/decode.js');
const { PerceptronTrainer, seededRandom } = await import('../dist/ner/train.js');
const { encodeModel, decodeModel } = await import('../dist/ner/model.js');
const { EntityTagger, PassTagger } = await import('../dist/ner/tagger.js');

const shared = join(root, '../shared/');
const EPOCHS = cli.numeric('epochs', 12);
const SEED = cli.numeric('seed', 42);
const RUNS = cli.numeric('runs', 3);
const MARGIN = cli.numeric('margin', 10);
const HIDE_IDENTITY = cli.numeric('hide', 0.2);
// the label scheme the model is trained on: bio (O, B-X, I-X) or bioes (also E-X, S-X); the tagger gives BIO either way
const SCHEME = cli.value('scheme', 'bio');
const NER_LABELS = SCHEME === 'bioes' ? NER_LABELS_BIOES : BIO_LABELS;
const goldTags = (tags) => (SCHEME === 'bioes' ? toBioes(repairBio(tags)) : repairBio(tags));
const DEV_FRACTION = 0.15;
const FOLDS = 5;
const OUT = cli.value('out', join(root, 'src/resources/ner/model.bin'));
const t0 = Date.now();
const log = (s) => process.stderr.write(`[train-ner ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}\n`);

if (!existsSync(join(shared, 'data/anercorp/ANERCorp_CamelLab_train.txt'))) {
  process.stderr.write('train-ner: ../shared/data/anercorp is missing; the model can only be trained beside ../shared\n');
  process.exit(2);
}
const { scoreConll } = await import(join(shared, 'eval/conll.mjs'));

// ---- 1. clusters ------------------------------------------------------------------
let clustersFile = cli.value('clusters', null);
let workDir = null;
if (!clustersFile) {
  workDir = mkdtempSync(join(tmpdir(), 'rasd-ner-'));
  clustersFile = join(workDir, 'clusters.tsv');
  log('inducing word clusters from SaudiNewsNet (scripts/ner-clusters.mjs)');
  const run = spawnSync(process.execPath, [join(root, 'scripts/ner-clusters.mjs'), '--out', clustersFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const clusterWords = [];
const clusterRows = [];
let extraColumns = []; // after the cluster levels: e1.. dense dimensions, q1.. cue counts
for (const line of readFileSync(clustersFile, 'utf8').split('\n')) {
  if (line.startsWith('word\t')) extraColumns = line.split('\t').filter((c) => /^[eqlr]\d+$/.test(c));
  if (!line || line.startsWith('#') || line.startsWith('word\t')) continue;
  const [word, ...ids] = line.split('\t');
  clusterWords.push(word);
  clusterRows.push(ids.map(Number));
}
if (workDir) rmSync(workDir, { recursive: true, force: true });
const clusterLevels = (clusterRows[0]?.length ?? 0) - extraColumns.length;
// which roles see the extra columns: self, near (self, ±1) or all (±2)
// pairs (neighbour's core, word's cluster) as features: CV 77.05 → 77.34, but off (news-dev lost a target)
const CLUSTER_PAIRS = cli.flag('cluster-pairs');
const EXTRA_ROLES = { self: 0b00001, near: 0b00111, all: 0b11111 }[cli.value('extra-roles', 'near')];
const clusters = new Map(clusterWords.map((w, i) => [w, clusterRows[i]]));
log(`${clusterWords.length} clustered words, ${clusterLevels} levels, ${extraColumns.length} extra columns`);
if (extraColumns.length && cli.flag('auto')) throw new Error('--auto with dense dimensions is not supported');

// ---- data ------------------------------------------------------------------------
function readConll(path) {
  const sentences = [];
  let cur = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) {
      if (cur.length) sentences.push(cur), (cur = []);
      continue;
    }
    const f = t.split(/\s+/);
    cur.push({ token: f[0], tag: f[f.length - 1] });
  }
  if (cur.length) sentences.push(cur);
  return sentences;
}
const train = readConll(join(shared, 'data/anercorp/ANERCorp_CamelLab_train.txt'));
const test = readConll(join(shared, 'data/anercorp/ANERCorp_CamelLab_test.txt'));
const devStart = Math.round(train.length * (1 - DEV_FRACTION));
log(`train ${train.length} sentences (dev: the last ${train.length - devStart}), test ${test.length}`);

const resources = createResourceLoader();
const freq = wordFrequencies(resources);
const lexicon = loadNerLexicon(resources);
/** The word table of a model (clusters, then the auto-lexicon's columns) and its feature extractor. */
function wordTable(words, rows, levels) {
  const columns = levels + extraColumns.length;
  const ids = new Uint16Array(words.length * columns);
  rows.forEach((row, i) => ids.set(row, i * columns));
  const map = new Map(words.map((w, i) => [w, ids.subarray(i * columns, (i + 1) * columns)]));
  return { clusterWords: words, clusterIds: ids, clusterLevels: levels, extractor: new FeatureExtractor({ lexicon, clusters: map, clusterLevels: levels, extraColumns, extraRoles: EXTRA_ROLES, clusterPairs: CLUSTER_PAIRS, freq }) };
}
const baseTable = wordTable(clusterWords, clusterRows, clusterLevels);
const formsCache = new Map();
const formsOf = (s) => s.map((x) => formsOfRaw(x.token, freq, formsCache));
const labelIndex = new Map(NER_LABELS.map((l, i) => [l, i]));
const L = NER_LABELS.length;

/** Sentences as feature-index lists; `grow` adds unseen features to the dictionary. */
function toTraining(sentences, hashes, dictionary, grow) {
  return sentences.map((s, si) => {
    const gold = Int32Array.from(goldTags(s.map((x) => x.tag)), (t) => {
      const y = labelIndex.get(t);
      if (y === undefined) throw new Error(`unknown tag ${t}`);
      return y;
    });
    const feats = [];
    const offsets = [0];
    for (const list of hashes[si]) {
      for (const h of list) {
        let f = dictionary.get(h);
        if (f === undefined && grow) dictionary.set(h, (f = dictionary.size));
        if (f !== undefined) feats.push(f);
      }
      offsets.push(feats.length);
    }
    return { n: s.length, feats: Int32Array.from(feats), offsets: Int32Array.from(offsets), gold };
  });
}

const score = (sentences, predicted) =>
  scoreConll(
    sentences,
    sentences.map((s, i) => s.map((x, k) => ({ token: x.token, tag: toBio(NER_LABELS[predicted[i][k]]) }))),
  );
const fmt = (r) => `F1 ${(100 * r.overall.f1).toFixed(2)} (${Object.entries(r.types).map(([t, c]) => `${t} ${(100 * c.f1).toFixed(1)}`).join(', ')})`;
const perLabel = (r) => ({ overall: +(100 * r.overall.f1).toFixed(2), ...Object.fromEntries(Object.entries(r.types).map(([t, c]) => [t, +(100 * c.f1).toFixed(2)])) });

/** An averaged perceptron over precomputed feature hashes. */
function trainPerceptron(name, sentences, hashes, epochs, hide = HIDE_IDENTITY) {
  const dictionary = new Map();
  const data = toTraining(sentences, hashes, dictionary, true);
  // RUNS perceptrons over different shuffles (and dropout draws), their averaged weights averaged:
  // one perceptron's result swings by a point or two of F1 with the order of the sentences
  let weights = null;
  let transitions = null;
  let errors = 0;
  for (let r = 0; r < RUNS; r++) {
    const trainer = new PerceptronTrainer(dictionary.size, NER_LABELS, IDENTITY_FEATURES, hide, MARGIN);
    const random = seededRandom(SEED + 1000 * r);
    for (let e = 1; e <= epochs; e++) errors = trainer.epoch(data, random);
    const avg = trainer.averaged();
    if (!weights) ({ weights, transitions } = avg);
    else {
      for (let i = 0; i < weights.length; i++) weights[i] += avg.weights[i];
      for (let i = 0; i < transitions.length; i++) transitions[i] += avg.transitions[i];
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= RUNS;
  for (let i = 0; i < transitions.length; i++) transitions[i] /= RUNS;
  log(`${name}: ${dictionary.size} features, ${RUNS} × ${epochs} epochs, ${errors} training errors in the last`);
  return { dictionary, weights, transitions };
}

/** One pass for the model file: the features whose weights matter, sorted by hash. */
function pass(trained, threshold = 1e-3) {
  const kept = [];
  for (const [hash, f] of trained.dictionary) {
    let max = 0;
    for (let y = 0; y < L; y++) max = Math.max(max, Math.abs(trained.weights[f * L + y]));
    if (max > threshold) kept.push([hash >>> 0, f]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  const weights = new Float32Array(kept.length * L);
  kept.forEach(([, f], i) => weights.set(trained.weights.subarray(f * L, f * L + L), i * L));
  return { keys: Uint32Array.from(kept, ([h]) => h), weights, transitions: trained.transitions };
}

// Words whose analysis (clitics, core) the features depend on: recorded in the model so
// that a test notices when the tokenizer's analysis changes under it (then retrain).
const PROBE = ['وقال', 'بالعراق', 'للقوات', 'والرئيس', 'ولبنان', 'وزير', 'بغداد', 'قواتها', 'سيتم', 'فقال', 'وبالهجوم', 'الأمريكية', 'لحزب', 'وأكد', 'بيروت', 'ومحمد', 'لكوفي', 'وبوش', 'والتي', 'كتائب'];
const analysisProbe = () => Object.fromEntries(PROBE.map((w) => [w, formsOfRaw(w, freq).core]));

const modelParts = (passes, table, extra = {}) => ({
  version: 'work',
  labels: [...NER_LABELS],
  passes: passes.map(pass),
  clusterWords: table.clusterWords,
  clusterIds: table.clusterIds,
  clusterLevels: table.clusterLevels,
  extraColumns,
  extraRoles: EXTRA_ROLES,
  clusterPairs: CLUSTER_PAIRS,
  lexiconFingerprint: lexicon.fingerprint,
  ...extra,
});

// ---- the auto-lexicon: how a context-only tagger labels each word in unlabelled news ----
// A tagger that never sees the word itself (its identity features always hidden:
// only its shape, affixes, clusters, lists and neighbours) labels SaudiNewsNet; a word's
// share of PERS/LOC/ORG/MISC labels over its mentions there is a feature of the word.
// Because that tagger ignores identity, the figure means the same for a word of the
// training data as for a new one (it does not echo the training labels).
// Off by default (--auto): dev 74.2 → 75.3, but 4-fold cross-validation 76.7 → 76.5.
const AUTO_TYPES = ['PERS', 'LOC', 'ORG', 'MISC'];
const AUTO_MIN = cli.numeric('auto-min', 3);
const AUTO = cli.flag('auto');
let corpusCache = null;
/** SaudiNewsNet as sentences of word ids (Int32Array, -1 between sentences) and the words. */
async function readCorpus() {
  if (corpusCache) return corpusCache;
  const { createReadStream } = await import('node:fs');
  const { createGunzip } = await import('node:zlib');
  const { createInterface } = await import('node:readline');
  const { normalizeText } = await import('../dist/stages/normalize.js');
  const STEPS = ['nfkc', 'strip-harakat', 'strip-tatweel', 'strip-invisible', 'ascii-digits', 'persian-letters'];
  const TOKEN = /(\d+(?:[.,]\d+)*)|([\u0621-\u064A\u0671-\u06D3]+)|([A-Za-z]+)|(\S)/g;
  const END = new Set(['.', '!', '?', '؟', '؛', ':']);
  const ids = new Map();
  const vocab = [];
  let stream = new Int32Array(1 << 24);
  let n = 0;
  const push = (id) => {
    if (n === stream.length) {
      const bigger = new Int32Array(stream.length * 2);
      bigger.set(stream);
      stream = bigger;
    }
    stream[n++] = id;
  };
  const rl = createInterface({ input: createReadStream(join(shared, 'data/saudinewsnet/saudinewsnet.jsonl.gz')).pipe(createGunzip()) });
  for await (const line of rl) {
    if (!line) continue;
    let len = 0;
    for (const m of normalizeText(JSON.parse(line).text, STEPS).text.matchAll(TOKEN)) {
      let id = ids.get(m[0]);
      if (id === undefined) ids.set(m[0], (id = vocab.length)), vocab.push(m[0]);
      push(id);
      if ((m[4] && END.has(m[4])) || ++len >= 60) push(-1), (len = 0);
    }
    if (len) push(-1);
  }
  log(`SaudiNewsNet: ${n} tokens, ${vocab.length} distinct`);
  return (corpusCache = { stream: stream.subarray(0, n), vocab });
}

/** The word table with the auto-lexicon's columns added, from a context-only tagger trained on `sentences`. */
async function autoTable(sentences) {
  const ex = baseTable.extractor;
  // the features of the neighbours only (as the tagger weighs them, a word's own features then count for nothing)
  const contextOnly = (s) => {
    const words = formsOf(s).map((f) => ex.word(f));
    const at = (i) => (i < 0 ? ex.bos : i >= words.length ? ex.eos : words[i]);
    return words.map((_, i) => [...at(i - 1).roles[PREV], ...at(i + 1).roles[NEXT], ...at(i - 2).roles[PREV2], ...at(i + 2).roles[NEXT2]]);
  };
  const trained = trainPerceptron('context-only tagger', sentences, sentences.map(contextOnly), EPOCHS, 0);
  const tagger = new PassTagger(decodeModel(encodeModel(modelParts([trained], baseTable))).passes[0], NER_LABELS, ex);
  const { stream, vocab } = await readCorpus();
  const wordOf = vocab.map(() => null);
  const counts = new Map(); // core → [mentions, PERS, LOC, ORG, MISC]
  const typeOf = NER_LABELS.map((l) => (l === 'O' ? 0 : 1 + AUTO_TYPES.indexOf(l.slice(2))));
  let words = [];
  for (let i = 0; i < stream.length; i++) {
    if (stream[i] >= 0) {
      const id = stream[i];
      words.push((wordOf[id] ??= ex.word(formsOfRaw(vocab[id], freq))));
      continue;
    }
    if (!words.length) continue;
    const ys = tagger.tagWords(words, ex.contextual(words));
    words.forEach((w, k) => {
      let c = counts.get(w.core);
      if (!c) counts.set(w.core, (c = new Int32Array(1 + AUTO_TYPES.length)));
      c[0]++;
      if (ys[k]) c[typeOf[ys[k]]]++;
    });
    words = [];
  }
  const bucket = (r) => (r < 0.02 ? 0 : r < 0.1 ? 1 : r < 0.3 ? 2 : r < 0.6 ? 3 : r < 0.9 ? 4 : 5);
  const NONE = 65535;
  const auto = new Map();
  for (const [core, c] of counts) {
    if (c[0] < AUTO_MIN || !/[\u0621-\u064A]/.test(core)) continue;
    auto.set(core, AUTO_TYPES.map((_, t) => bucket(c[1 + t] / c[0])));
  }
  const allWords = [...new Set([...clusterWords, ...auto.keys()])];
  const rows = allWords.map((w) => [...(clusters.get(w) ?? Array(clusterLevels).fill(NONE)), ...(auto.get(w) ?? AUTO_TYPES.map(() => NONE))]);
  log(`auto-lexicon: ${auto.size} words with >= ${AUTO_MIN} mentions`);
  return wordTable(allWords, rows, clusterLevels + AUTO_TYPES.length);
}

/** Both passes trained on `sentences` (the trained perceptrons, first pass first) and their word table. */
async function trainModel(sentences) {
  const table = AUTO ? await autoTable(sentences) : baseTable;
  const extractor = table.extractor;
  const hashes = sentences.map((s) => sentenceFeatures(extractor, formsOf(s)));
  // first-pass labels of each training sentence from a model that did not see its fold
  const firstLabels = new Array(sentences.length);
  const foldSize = Math.ceil(sentences.length / FOLDS);
  for (let k = 0; k < FOLDS; k++) {
    const lo = k * foldSize;
    const hi = Math.min(sentences.length, lo + foldSize);
    const trained = trainPerceptron(`first pass without fold ${k + 1}`, [...sentences.slice(0, lo), ...sentences.slice(hi)], [...hashes.slice(0, lo), ...hashes.slice(hi)], EPOCHS);
    const tagger = new PassTagger(decodeModel(encodeModel(modelParts([trained], table))).passes[0], NER_LABELS, extractor);
    for (let i = lo; i < hi; i++) firstLabels[i] = tagger.tagIndices(formsOf(sentences[i]));
  }
  const first = trainPerceptron('first pass', sentences, hashes, EPOCHS);
  const doc = documentFeatures(sentences.map((s) => formsOf(s).map((f) => f.core)), firstLabels, NER_LABELS);
  const second = trainPerceptron('second pass', sentences, hashes.map((sent, si) => sent.map((h, i) => [...h, ...doc[si][i]])), EPOCHS);
  return { passes: [first, second], table };
}

/** The model as the run-time tagger reads it (quantized), from a trained model. */
const asModel = ({ passes, table }) => decodeModel(encodeModel(modelParts(passes, table)));
const tagWith = (model, sentences) => new EntityTagger(model, new FeatureExtractor({ lexicon, clusters: model.clusters, clusterLevels: model.header.clusterLevels, extraColumns: model.header.extraColumns, extraRoles: model.header.extraRoles, clusterPairs: model.header.clusterPairs, freq })).tagDocument(sentences.map(formsOf));

/** Predictions in CoNLL form (`token gold predicted` lines), for error analysis. */
function writeDump(file, sentences, predicted) {
  writeFileSync(file, sentences.map((s, i) => s.map((x, k) => `${x.token} ${x.tag} ${toBio(NER_LABELS[predicted[i][k]])}`).join('\n')).join('\n\n') + '\n');
}

// ---- tuning by cross-validation: pooled F1 over K contiguous folds of train ----------
if (cli.value('cv', null)) {
  const K = cli.numeric('cv', 4);
  const size = Math.ceil(train.length / K);
  const predicted = [];
  for (let k = 0; k < K; k++) {
    const held = train.slice(k * size, (k + 1) * size);
    predicted.push(...tagWith(asModel(await trainModel([...train.slice(0, k * size), ...train.slice((k + 1) * size)])), held));
    log(`fold ${k + 1}: ${fmt(score(held, predicted.slice(-held.length)))}`);
  }
  log(`cross-validation, ${K} folds, ${EPOCHS} epochs, identity dropout ${HIDE_IDENTITY}: ${fmt(score(train, predicted))}`);
  if (cli.value('dump', null)) writeDump(cli.value('dump'), train, predicted);
  process.exit(0);
}

// ---- dev: train minus its last 15%, scored on it ------------------------------------
const dev = train.slice(devStart);
const devPredicted = tagWith(asModel(await trainModel(train.slice(0, devStart))), dev);
const devResult = score(dev, devPredicted);
if (cli.value('dump', null)) {
  writeDump(cli.value('dump'), dev, devPredicted);
}
log(`dev: ${fmt(devResult)}`);
if (cli.flag('dev-only')) process.exit(0);

// ---- the model: all of train --------------------------------------------------------
const trainedModel = await trainModel(train);
const today = new Date().toISOString().slice(0, 10);
// versions are the date and a counter: a second model trained the same day is .2, and so on
const previousVersion = existsSync(OUT) ? decodeModel(readFileSync(OUT)).header.version : '';
const release = previousVersion.startsWith(`${today}.`) ? Number(previousVersion.slice(today.length + 1)) + 1 : 1;
const testResult = cli.flag('no-test') ? null : score(test, tagWith(asModel(trainedModel), test));
const bytes = encodeModel(
  modelParts(trainedModel.passes, trainedModel.table, {
    version: `${today}.${release}`,
    training: {
      algorithm: 'two-pass structured averaged perceptron, cost-augmented, averaged over shuffles (the second pass sees the first pass\'s labels of the document), first-order BIO Viterbi',
      data: 'ANERcorp, CAMeL Lab train split (3,973 sentences, 125,102 tokens)',
      epochs: EPOCHS,
      runs: RUNS,
      margin: MARGIN,
      identityDropout: HIDE_IDENTITY,
      ...(AUTO ? { autoLexicon: { minMentions: AUTO_MIN } } : {}),
      dev: { sentences: train.length - devStart, f1: perLabel(devResult) },
      analysisProbe: analysisProbe(),
      ...(testResult ? { test: { f1: perLabel(testResult) } } : {}),
      date: today,
    },
    credit:
      'Trained on ANERcorp (CC BY-SA 4.0): Benajiba, Rosso & Benedí Ruiz 2007; CAMeL Lab train/test split, Obeid et al. 2020. ' +
      `Word clusters${AUTO ? ' and the auto-lexicon (label shares)' : ''} are statistics of SaudiNewsNet (Alhagri 2015); no text is kept.`,
  }),
);
writeFileSync(OUT, bytes);
log(`wrote ${OUT}: ${(bytes.length / 1e6).toFixed(2)} MB, ${decodeModel(bytes).passes.map((p) => p.featureCount).join(' + ')} features`);
if (testResult) log(`test (reporting only): ${fmt(testResult)}`);

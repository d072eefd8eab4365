// The trained entity tagger (src/ner): its model file, features, decoding, and
// what it tags in real Arabic sentences. The score on the ANERcorp test split
// needs ../shared (not part of a clone): without it that check is skipped.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/index.js';
import { RESOURCE_DIR } from '../src/io/resources.js';
import { ResourceError } from '../src/resources/spec.js';
import { wordFrequencies } from '../src/resources/lexicons.js';
import { bioTransitions, repairBio, viterbi } from '../src/ner/decode.js';
import { documentFeatures, FeatureExtractor, NER_LABELS } from '../src/ner/features.js';
import { hashPair, hashString } from '../src/ner/hash.js';
import { loadNerLexicon, nationalityOf, nationalityStems } from '../src/ner/lexicon.js';
import { NER_MODEL, WeightTable, decodeModel, encodeModel, type ModelParts } from '../src/ner/model.js';
import { PerceptronTrainer, seededRandom } from '../src/ner/train.js';
import { loadTagger, placePairAt } from '../src/ner/tagger.js';
import { formsOfRaw } from '../src/ner/word.js';
import { propagateNames } from '../src/ner/propagate.js';
import { tagConll } from '../src/stages/tag.js';

const ctx = createContext();
const freq = wordFrequencies(ctx.resources);
const lexicon = loadNerLexicon(ctx.resources);
const words = (sentence: string) => sentence.split(/\s+/).filter(Boolean);

describe('WeightTable', () => {
  it('adds the weights of every feature it holds, and nothing for others (its Bloom filter rejects only absent keys)', () => {
    const random = seededRandom(7);
    const L = 3;
    const keys = Uint32Array.from({ length: 5000 }, () => Math.floor(random() * 2 ** 32));
    const quantized = Int16Array.from({ length: keys.length * L }, (_, i) => (i % 7) - 3 || 5);
    const table = WeightTable.build(L, keys, quantized, 0.5, new Float32Array((L + 2) * L));
    const present = new Set(keys);
    const out = new Float32Array(L);
    keys.forEach((key, i) => {
      out.fill(0);
      table.addWeights(key, out, 0);
      expect(Array.from(out)).toEqual([0, 1, 2].map((y) => quantized[i * L + y] * 0.5));
    });
    let absent = 0;
    for (let k = 0; k < 20_000; k++) {
      const key = Math.floor(random() * 2 ** 32);
      if (present.has(key)) continue;
      absent++;
      out.fill(0);
      table.addWeights(key, out, 0);
      expect(Array.from(out)).toEqual([0, 0, 0]);
    }
    expect(absent).toBeGreaterThan(19_000);
  });
});

describe('the committed model file', () => {
  const path = join(RESOURCE_DIR, 'ner/model.bin');
  const model = ctx.resources.load(NER_MODEL);

  it('is small, versioned and credits ANERcorp', () => {
    expect(statSync(path).size).toBeLessThanOrEqual(25e6);
    expect(model.header.format).toBe(1);
    expect(model.header.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(model.header.credit).toMatch(/ANERcorp.*CC BY-SA 4\.0/);
    expect(model.labels).toEqual([...NER_LABELS]);
    expect(model.passes).toHaveLength(2);
    expect(model.clusters.size).toBeGreaterThan(10_000);
  });

  it('was trained with the word lists as they are now (edit a list → npm run train:ner)', () => {
    expect(model.header.lexiconFingerprint).toBe(lexicon.fingerprint);
  });

  it('was trained with the tokenizer analysing words as it does now (else: npm run train:ner)', () => {
    const probe = (model.header.training as { analysisProbe?: Record<string, string> }).analysisProbe;
    expect(probe).toBeDefined();
    for (const [word, core] of Object.entries(probe!)) expect(`${word} → ${formsOfRaw(word, freq).core}`).toBe(`${word} → ${core}`);
  });

  // Word frequencies are features (and steer the tokenizer's splitting): counted from
  // ANERcorp train too, its names were frequent in training while a new name is unknown.
  it.each(['اولمرت', 'نيستلروي', 'شومسكي', 'حالوتس'])('does not find the training data\'s own names (%s) in the word frequencies', (name) => {
    expect(freq.get(name)).toBeUndefined();
  });

  it('has its data credited beside it', () => {
    const notice = readFileSync(join(RESOURCE_DIR, 'ner/README.md'), 'utf8');
    expect(notice).toMatch(/CC BY-SA 4\.0/);
    expect(notice).toMatch(/Benajiba/);
    expect(notice).toMatch(/Obeid/);
  });
});

describe('model encoding', () => {
  const labels = ['O', 'B-PERS', 'I-PERS'];
  const parts: ModelParts = {
    version: '2025-01-01.1',
    labels,
    passes: [{ keys: Uint32Array.from([5, 9, 4000000000]), weights: Float32Array.from([0, 1, -1, 0.5, 0, 0, 2, 2, -2]), transitions: new Float32Array(15).fill(0.25) }],
    clusterWords: ['محمد', 'بغداد'],
    clusterIds: Uint16Array.from([1, 2, 3, 4]),
    clusterLevels: 2,
    lexiconFingerprint: 'abc',
  };

  it('round-trips weights (16-bit), transitions and clusters', () => {
    const model = decodeModel(encodeModel(parts));
    const out = new Float32Array(3);
    model.passes[0].addWeights(4000000000, out, 0);
    expect(Array.from(out).map((v) => Number(v.toFixed(3)))).toEqual([2, 2, -2]);
    out.fill(0);
    model.passes[0].addWeights(7, out, 0); // an unknown feature adds nothing
    expect(Array.from(out)).toEqual([0, 0, 0]);
    expect(Array.from(model.passes[0].transitions)).toEqual(new Array(15).fill(0.25));
    expect(Array.from(model.clusters.get('بغداد')!)).toEqual([3, 4]);
  });

  it.each([
    ['not a model', (b: Uint8Array) => b.fill(0, 0, 4), /RNER/],
    ['a newer format', (b: Uint8Array) => new DataView(b.buffer).setUint32(4, 99, true), /format 99/],
  ])('rejects %s', (_name, spoil, message) => {
    const bytes = encodeModel(parts);
    spoil(bytes);
    expect(() => decodeModel(bytes, 'ner/model.bin')).toThrow(ResourceError);
    expect(() => decodeModel(bytes, 'ner/model.bin')).toThrow(message);
  });

  it('rejects a truncated file', () => {
    const bytes = encodeModel(parts);
    expect(() => decodeModel(bytes.slice(0, bytes.length - 8))).toThrow(/truncated|match/);
  });
});

describe('hashing', () => {
  it('is stable across runs (the model file depends on it)', () => {
    expect(hashString('w@self')).toBe(hashString('w@self'));
    expect(hashString('بغداد', 7)).not.toBe(hashString('بغداد', 8));
    expect(hashPair(1, 2, 3)).not.toBe(hashPair(2, 1, 3));
    // a fixed value: changing the hash function silently breaks every trained model
    expect(hashString('rasd')).toBe(415717715);
  });
});

describe('BIO decoding', () => {
  const { allowed, allowedStart } = bioTransitions(NER_LABELS);
  const at = (a: string, b: string) => allowed[NER_LABELS.indexOf(a as never) * NER_LABELS.length + NER_LABELS.indexOf(b as never)];

  it.each([
    ['B-PERS', 'I-PERS', 1],
    ['I-PERS', 'I-PERS', 1],
    ['O', 'I-PERS', 0],
    ['B-LOC', 'I-PERS', 0],
    ['I-ORG', 'B-ORG', 1],
  ])('%s → %s allowed: %i', (a, b, ok) => expect(at(a, b)).toBe(ok));

  it('never starts a sentence inside an entity', () => {
    expect(allowedStart[NER_LABELS.indexOf('I-LOC')]).toBe(0);
  });

  it.each([
    [['O', 'I-PERS', 'I-PERS'], ['O', 'B-PERS', 'I-PERS']],
    [['B-LOC', 'I-ORG'], ['B-LOC', 'B-ORG']],
    [['B-ORG', 'I-ORG', 'O'], ['B-ORG', 'I-ORG', 'O']],
  ])('repairs %j', (tags, repaired) => expect(repairBio(tags)).toEqual(repaired));

  it('takes the best allowed path', () => {
    const labels = ['O', 'B-X', 'I-X'];
    const { allowed: a, allowedStart: s } = bioTransitions(labels);
    // token 2 alone prefers I-X, but O → I-X is not allowed: B-X I-X wins over O O
    const emissions = [0, 0.6, 0, /**/ 0, 0, 2];
    expect(Array.from(viterbi(emissions, 2, 3, new Float32Array(15), a, s))).toEqual([1, 2]);
  });
});

describe('training', () => {
  it('learns a toy pattern with the averaged perceptron', () => {
    // feature 0 marks a name start, feature 1 a name continuation, feature 2 other words
    const labels = ['O', 'B-PERS', 'I-PERS'];
    const sentence = (tags: number[]) => ({
      n: tags.length,
      feats: Int32Array.from(tags.map((t) => (t === 1 ? 0 : t === 2 ? 1 : 2))),
      offsets: Int32Array.from({ length: tags.length + 1 }, (_, i) => i),
      gold: Int32Array.from(tags),
    });
    const data = [sentence([0, 1, 2, 0]), sentence([1, 2, 0]), sentence([0, 0, 1])];
    const trainer = new PerceptronTrainer(3, labels);
    const random = seededRandom(1);
    for (let e = 0; e < 5; e++) trainer.epoch(data, random);
    const avg = trainer.averaged();
    for (const s of data) expect(Array.from(trainer.decode(s, avg))).toEqual(Array.from(s.gold));
  });
});

describe('word lists', () => {
  it.each([
    ['الأمريكية', 'الولايات المتحدة'],
    ['الأميركيين', 'الولايات المتحدة'],
    ['إسرائيلية', 'إسرائيل'],
    ['العراقيون', 'العراق'],
    ['السوريتين', 'سوريا'],
    ['فرنسي', 'فرنسا'],
  ])('nationality %s → %s', (word, country) => {
    const core = formsOfRaw(word, freq).core;
    expect(nationalityOf(core, lexicon)?.country).toBe(country);
  });

  it.each(['العربية', 'الدولية', 'الرئيس', 'بغداد'])('%s is no nationality', (word) => {
    expect(nationalityOf(formsOfRaw(word, freq).core, lexicon)).toBeNull();
  });

  it('strips the endings of an adjective', () => {
    expect(nationalityStems('الامريكيين')).toContain('امريكي');
    expect(nationalityStems('امريكيتان')).toContain('امريكي');
  });

  it.each([
    ['محمد', 'first'],
    ['هيلاري', 'first'],
    ['بغداد', 'place:capital'],
    ['العراق', 'place:country'],
    ['ساركوزي', 'family'],
  ])('%s is flagged %s', (word, flag) => {
    expect(lexicon.flags.get(formsOfRaw(word, freq).core)).toContain(flag);
  });

  // A compound given name (حكيم الله، فضل الله) is a phrase of first-names.tsv: flagging its
  // words one by one would make every الله a given name.
  it.each(['حكيم الله', 'فضل الله', 'عطاء الله'])('%s is a given name as a whole, and الله alone is not', (name) => {
    const cores = name.split(' ').map((w) => formsOfRaw(w, freq).core);
    expect(lexicon.phrases.matchAt(cores, 0).map((e) => e.kind)).toContain('first');
    expect(lexicon.flags.get(cores[1]) ?? []).not.toContain('first');
  });
});

describe('features', () => {
  const model = ctx.resources.load(NER_MODEL);
  const extractor = new FeatureExtractor({ lexicon, clusters: model.clusters, clusterLevels: model.header.clusterLevels, freq });

  it('are the same for the same word and differ between words', () => {
    const a = extractor.word(formsOfRaw('بغداد', freq));
    const b = extractor.word(formsOfRaw('بغداد', new Map(freq)));
    const c = extractor.word(formsOfRaw('دمشق', freq));
    expect(Array.from(a.roles[0])).toEqual(Array.from(b.roles[0]));
    expect(Array.from(a.roles[0])).not.toEqual(Array.from(c.roles[0]));
  });

  it('look up an unsplit clitic word by its rest: لكوفي → كوفي', () => {
    const withClitic = extractor.word(formsOfRaw('لكوفي', freq)).roles[0];
    const bare = extractor.word(formsOfRaw('كوفي', freq)).roles[0];
    const shared = Array.from(withClitic).filter((h) => bare.includes(h));
    // the list flag (first name) and the clusters come from كوفي
    expect(shared.length).toBeGreaterThanOrEqual(3);
  });

  it('count the other mentions of a word in the document', () => {
    const O = 0;
    const B_PERS = NER_LABELS.indexOf('B-PERS');
    const doc = documentFeatures([['بلير', 'قال'], ['وقال', 'بلير']], [[B_PERS, O], [O, O]]);
    // the second بلير sees one PERS mention; the first sees one O mention
    expect(doc[1][1]).toEqual([hashString('PERS:1', hashString('doc'))]);
    expect(doc[0][0]).toEqual([hashString('O:1', hashString('doc'))]);
    expect(doc[0][1]).toEqual([]); // قال is not mentioned again
  });
});

describe('the tagger on Arabic sentences', () => {
  const tag = (sentence: string) => tagConll([words(sentence)], ctx)[0];

  it.each([
    ['وقال الرئيس الأمريكي جورج بوش في واشنطن إن', { جورج: 'B-PERS', بوش: 'I-PERS', واشنطن: 'B-LOC' }],
    ['وصل وزير الخارجية الفرنسي برنار كوشنير إلى بيروت أمس', { برنار: 'B-PERS', كوشنير: 'I-PERS', بيروت: 'B-LOC' }],
    ['أعلنت الأمم المتحدة أن الوضع في دارفور خطير', { الأمم: 'B-ORG', المتحدة: 'I-ORG', دارفور: 'B-LOC' }],
    ['التقى محمود عباس بالرئيس المصري حسني مبارك في القاهرة', { محمود: 'B-PERS', عباس: 'I-PERS', حسني: 'B-PERS', مبارك: 'I-PERS', القاهرة: 'B-LOC' }],
    ['وأكدت منظمة الصحة العالمية وقوع إصابات في إندونيسيا', { منظمة: 'B-ORG', إندونيسيا: 'B-LOC' }],
    // a bare compound given name, as attack news names Taliban leaders
    ['وأعلنت الحركة مقتل زعيمها حكيم الله في غارة جوية', { حكيم: 'B-PERS', الله: 'I-PERS' }],
  ])('%s', (sentence, expected) => {
    const tokens = words(sentence);
    const tags = tag(sentence);
    expect(tags).toHaveLength(tokens.length);
    for (const [word, label] of Object.entries(expected)) expect(`${word} ${tags[tokens.indexOf(word)]}`).toBe(`${word} ${label}`);
  });

  it.each(['ذهب الولد إلى المدرسة صباحا', 'ارتفعت أسعار النفط في الأسواق العالمية اليوم'])('tags nothing in "%s"', (sentence) => {
    expect(tag(sentence).every((t) => t === 'O')).toBe(true);
  });

  it('keeps sentence and token counts, with labels of the model', () => {
    const sentences = [words('قال بوش'), [], words('زار ساركوزي الجزائر ( أ ف ب )')];
    const tags = tagConll(sentences, ctx);
    expect(tags.map((s) => s.length)).toEqual([2, 0, 8]);
    for (const t of tags.flat()) expect(NER_LABELS).toContain(t);
  });

  it('tags a listed club of several words ORG, as a whole', () => {
    const sentence = 'وفاز فريق حسنية أكادير على ضيفه بهدفين';
    const tokens = words(sentence);
    const tags = tag(sentence);
    expect([tags[tokens.indexOf('حسنية')], tags[tokens.indexOf('أكادير')]]).toEqual(['B-ORG', 'I-ORG']);
  });

  it('keeps 32,000 scored words a generation, or as many as the options say (batch runs of extract: 16,000)', () => {
    expect(loadTagger(ctx).scoredWordLimit).toBe(32_000);
    expect(loadTagger(createContext({ taggerWords: 16_000 })).scoredWordLimit).toBe(16_000);
  });

  it('reads the model once per resource loader', () => {
    expect(loadTagger(ctx)).toBe(loadTagger(ctx));
  });
});

describe('placePairAt: a place span made of two listed places', () => {
  const freq = wordFrequencies(ctx.resources);
  it.each([
    ['subject and object', 'الولايات المتحدة السعودية', 2],
    ['joined by «و»', 'إنجلترا والبرتغال', 1],
    ['a listed place of three words is one', 'الإمارات العربية المتحدة', 0],
    ['a place and a word that is none', 'بغداد الجديدة', 0],
  ])('%s: %s → %i', (_name, words, second) => {
    const cores = words.split(' ').map((w) => formsOfRaw(w, freq).core);
    expect(placePairAt(lexicon.places, cores, 0, cores.length)).toBe(second);
  });
});

describe('propagateNames', () => {
  const L = NER_LABELS as readonly string[];
  const run = (sentences: string[], tags: string[][], window?: number) => {
    const ys = tags.map((t) => Int32Array.from(t, (x) => L.indexOf(x)));
    propagateNames(sentences.map((s) => s.split(' ')), ys, L, window);
    return ys.map((y) => Array.from(y, (i) => L[i]).join(' '));
  };
  it.each([
    ['a one-word name found before', ['قال ساركوزي', 'وأضاف ساركوزي'], [['O', 'B-PERS'], ['O', 'O']], ['O B-PERS', 'O B-PERS']],
    ['not a part of a name (ANERcorp: cross-validation lost)', ['قال جاك شيراك', 'وأضاف شيراك'], [['O', 'B-PERS', 'I-PERS'], ['O', 'O']], ['O B-PERS I-PERS', 'O O']],
    ['a name of two words, after it was found', ['زار الامم المتحده', 'قالت الامم المتحده'], [['O', 'B-ORG', 'I-ORG'], ['O', 'O', 'O']], ['O B-ORG I-ORG', 'O B-ORG I-ORG']],
    ['a word of three letters stays untagged', ['قال علي', 'وأضاف علي'], [['O', 'B-PERS'], ['O', 'O']], ['O B-PERS', 'O O']],
    ['a word the tagger put in another name is left so', ['قال ساركوزي', 'مطار ساركوزي'], [['O', 'B-PERS'], ['B-LOC', 'I-LOC']], ['O B-PERS', 'B-LOC I-LOC']],
    ['the type it was most often given', ['شيراك قال', 'شيراك قال', 'مدينة شيراك', 'زار شيراك'], [['B-PERS', 'O'], ['B-PERS', 'O'], ['O', 'B-LOC'], ['O', 'O']], ['B-PERS O', 'B-PERS O', 'O B-LOC', 'O B-PERS']],
  ])('%s', (_name, sentences, tags, expected) => {
    expect(run(sentences, tags)).toEqual(expected);
  });
  it('looks only within the window', () => {
    expect(run(['قال شيراك', 'كان', 'كان', 'وأضاف شيراك'], [['O', 'B-PERS'], ['O'], ['O'], ['O', 'O']], 2)).toEqual(['O B-PERS', 'O', 'O', 'O O']);
  });
});

// ---- the ANERcorp test split (needs ../shared) ---------------------------------------
const anercorp = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data', 'anercorp', 'ANERCorp_CamelLab_test.txt');
const haveAnercorp = existsSync(anercorp);
if (!haveAnercorp) console.warn(`ner: ${anercorp} is missing (../shared is not part of a clone); skipping the ANERcorp score check`);

describe.skipIf(!haveAnercorp)(`ANERcorp test split${haveAnercorp ? '' : ' (skipped: ../shared missing)'}`, () => {
  it('scores what the model file says it scored (conll.mjs)', async () => {
    const { scoreConll } = (await import(join(dirname(anercorp), '..', '..', 'eval', 'conll.mjs'))) as {
      scoreConll: (g: unknown, p: unknown) => { overall: { f1: number } };
    };
    const gold: Array<Array<{ token: string; tag: string }>> = [];
    let cur: Array<{ token: string; tag: string }> = [];
    for (const line of readFileSync(anercorp, 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (!f[0]) {
        if (cur.length) gold.push(cur), (cur = []);
        continue;
      }
      cur.push({ token: f[0], tag: f[f.length - 1] });
    }
    if (cur.length) gold.push(cur);
    const tags = tagConll(gold.map((s) => s.map((x) => x.token)), ctx);
    const f1 = scoreConll(gold, gold.map((s, i) => s.map((x, k) => ({ token: x.token, tag: tags[i][k] })))).overall.f1;
    const recorded = (ctx.resources.load(NER_MODEL).header.training as { test?: { f1: { overall: number } } }).test?.f1.overall;
    expect(recorded).toBeDefined();
    expect(100 * f1).toBeCloseTo(recorded!, 1);
    expect(100 * f1).toBeGreaterThan(72);
  });
});

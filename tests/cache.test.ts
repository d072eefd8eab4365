// Bounded per-word caches: they forget, but never answer wrongly.
import { describe, expect, it } from 'vitest';
import { TwoGenerationCache } from '../src/cache.js';
import { composePipeline, createContext, runPipeline, type Token } from '../src/index.js';
import { normalize } from '../src/stages/normalize.js';
import { tokenize } from '../src/stages/tokenize.js';
import { formsOf } from '../src/events/lexicon.js';
import { loadTagger } from '../src/ner/tagger.js';
import { FeatureExtractor } from '../src/ner/features.js';
import { formsOfRaw } from '../src/ner/word.js';
import { wordFrequencies } from '../src/resources/lexicons.js';

describe('TwoGenerationCache', () => {
  it('keeps at most two generations, and what is used again', () => {
    const cache = new TwoGenerationCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a, b become the old generation
    expect(cache.get('a')).toBe(1); // back into the young one
    cache.set('d', 4); // c, a old; b dropped
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('stays bounded over a long stream of new keys', () => {
    const cache = new TwoGenerationCache<number, number>(100);
    for (let i = 0; i < 10_000; i++) cache.set(i, i);
    expect(cache.size).toBeLessThanOrEqual(200);
    expect(cache.get(9_999)).toBe(9_999);
  });
});

describe('formsOf (events lexicon)', () => {
  const token = (fold: string, base: string, prefixes: string[]): Token =>
    ({ i: 0, start: 0, end: fold.length, nStart: 0, nEnd: fold.length, text: fold, norm: fold, fold, kind: 'word', prefixes, base, suffixes: [], stem: base, sentence: 0 }) as Token;

  it('gives each analysis of a form its own forms, whatever was asked before', () => {
    expect(formsOf(token('والقوات', 'قوات', ['و', 'ال']))).toEqual(['والقوات', 'قوات']);
    // the same folded form, analysed otherwise (a token not made by the tokenizer)
    expect(formsOf(token('والقوات', 'والقوات', []))).toEqual(['والقوات', 'القوات']);
    expect(formsOf(token('والقوات', 'قوات', ['و', 'ال']))).toEqual(['والقوات', 'قوات']);
  });

  it('is the same after the cache has turned over many times', () => {
    const t = token('بصاروخين', 'بصاروخين', []);
    const first = [...formsOf(t)];
    for (let i = 0; i < 120_000; i++) formsOf(token('كلمه' + i, 'كلمه' + i, []));
    expect(formsOf(t)).toEqual(first);
  });
});

describe('the tagger with a bounded cache of scored words', () => {
  it('tags a sentence the same when its words were forgotten in between', () => {
    const ctx = createContext();
    const tagger = loadTagger(ctx);
    const freq = wordFrequencies(ctx.resources);
    const sentence = 'قال الرئيس الأمريكي باراك أوباما في واشنطن إن تنظيم القاعدة هاجم السفارة'.split(' ').map((w) => formsOfRaw(w, freq));
    const before = tagger.tagLabels([sentence]);
    // a fresh tagger (no cache) agrees
    const fresh = new (tagger.constructor as typeof import('../src/ner/tagger.js').EntityTagger)(tagger.model, new FeatureExtractor({
      lexicon: tagger.features.lexicon,
      clusters: tagger.model.clusters,
      clusterLevels: tagger.model.header.clusterLevels,
      freq,
    }));
    expect(fresh.tagLabels([sentence])).toEqual(before);
    // push every word of the sentence out of both generations
    const filler = Array.from({ length: 100_000 }, (_, i) => formsOfRaw('كلمه' + i, freq));
    for (let i = 0; i < filler.length; i += 1000) tagger.tagDocument([filler.slice(i, i + 1000)]);
    expect(tagger.tagLabels([sentence])).toEqual(before);
    expect(before.flat()).toContain('B-PERS');
  });

  it('scores words the same through the cache as from their features (tagWords)', () => {
    const ctx = createContext();
    const tagger = loadTagger(ctx);
    const freq = wordFrequencies(ctx.resources);
    const forms = 'وأعلن الجيش الإسرائيلي مقتل قائد في حزب الله بغارة على بيروت'.split(' ').map((w) => formsOfRaw(w, freq));
    const viaFeatures = tagger.tagWords([forms.map((f) => tagger.features.word(f))]);
    expect(tagger.tagDocument([forms])).toEqual(viaFeatures);
  });

  it('tags pipeline tokens the same after their words (kept with the token types) were forgotten', () => {
    const ctx = createContext();
    const tagger = loadTagger(ctx);
    const tokensOf = (id: string, text: string) => runPipeline(composePipeline([normalize, tokenize]), { id, text }, ctx);
    const labelsOf = (text: string) => {
      const doc = tokensOf('a', text);
      return tagger.tagTokens(doc.tokens!, doc.sentences!);
    };
    const text = 'قال الرئيس الأمريكي باراك أوباما في واشنطن إن تنظيم القاعدة هاجم السفارة الأمريكية في نيروبي.';
    const before = labelsOf(text);
    expect(before).toContain('B-PERS');
    // seen often, the text's word types stay in the tokenizer's table (it keeps the words seen most) …
    for (let k = 0; k < 5; k++) labelsOf(text);
    // … while 90,000 made-up words push them out of both generations of scored words (2 × 40,000)
    const letters = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
    const word = (n: number) => { let w = 'ا'; for (; n > 0; n = Math.floor(n / letters.length)) w += letters[n % letters.length]; return w + 'ق'; };
    for (let d = 0; d < 18; d++) labelsOf(Array.from({ length: 5000 }, (_, i) => word(d * 5000 + i)).join(' ') + '.');
    expect(labelsOf(text)).toEqual(before);
  });
});

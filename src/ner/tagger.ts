// The entity tagger at run time: features (features.ts) scored by the model
// (model.ts) and decoded by Viterbi (decode.ts), in two passes. The first pass
// tags each sentence; the second sees, besides, how the first pass tagged the
// other mentions of each word in the sentences around it (documentFeatures).
// A word's per-role scores are summed once and cached with its features, so a
// token costs a handful of additions, a few look-ups and the Viterbi step.
import type { Context } from '../pipeline.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { bioTransitions, viterbi } from './decode.js';
import { FeatureExtractor, SELF, PREV, NEXT, PREV2, NEXT2, documentFeatures, type WordFeatures } from './features.js';
import { loadNerLexicon } from './lexicon.js';
import { NER_MODEL, type NerModel, type WeightTable } from './model.js';
import type { WordForms } from './word.js';
import type { Sentence, Token } from '../types.js';

let nextSlot = 0;

/** One pass: a weight table applied to sentences. */
export class PassTagger {
  readonly L: number;
  private readonly allowed: Uint8Array;
  private readonly allowedStart: Uint8Array;
  /** Where this tagger caches its scores on WordFeatures (taggers may share an extractor). */
  private readonly slot = nextSlot++;

  constructor(
    readonly table: WeightTable,
    readonly labels: readonly string[],
    readonly features: FeatureExtractor,
  ) {
    this.L = labels.length;
    ({ allowed: this.allowed, allowedStart: this.allowedStart } = bioTransitions(labels));
  }

  private scoresOf(w: WordFeatures): Float32Array {
    const cached = w.scores[this.slot];
    if (cached) return cached;
    const L = this.L;
    const scores = new Float32Array(w.roles.length * L);
    w.roles.forEach((hashes, role) => {
      for (const h of hashes) this.table.addWeights(h, scores, role * L);
    });
    return (w.scores[this.slot] = scores);
  }

  /**
   * n × L label scores of a sentence: its words' features, the pair and phrase
   * features (FeatureExtractor.contextual), and `extra` hashes per token
   * (document features).
   */
  emissions(words: readonly WordFeatures[], pairs: readonly (readonly number[])[], extra?: readonly (readonly number[])[]): Float32Array {
    const n = words.length;
    const L = this.L;
    const scores = words.map((w) => this.scoresOf(w));
    const bos = this.scoresOf(this.features.bos);
    const eos = this.scoresOf(this.features.eos);
    const out = new Float32Array(n * L);
    const add = (src: Float32Array, role: number, at: number) => {
      const from = role * L;
      for (let y = 0; y < L; y++) out[at + y] += src[from + y];
    };
    for (let i = 0; i < n; i++) {
      const at = i * L;
      add(scores[i], SELF, at);
      add(i > 0 ? scores[i - 1] : bos, PREV, at);
      add(i + 1 < n ? scores[i + 1] : eos, NEXT, at);
      add(i > 1 ? scores[i - 2] : bos, PREV2, at);
      add(i + 2 < n ? scores[i + 2] : eos, NEXT2, at);
      for (const h of pairs[i]) this.table.addWeights(h, out, at);
      if (extra) for (const h of extra[i]) this.table.addWeights(h, out, at);
    }
    return out;
  }

  /** Label indices (into labels) of one sentence, given its words' features. */
  tagWords(words: readonly WordFeatures[], pairs: readonly (readonly number[])[], extra?: readonly (readonly number[])[]): Int32Array {
    return viterbi(this.emissions(words, pairs, extra), words.length, this.L, this.table.transitions, this.allowed, this.allowedStart);
  }

  /** Label indices (into labels) of one sentence. */
  tagIndices(forms: readonly WordForms[]): Int32Array {
    const words = forms.map((f) => this.features.word(f));
    return this.tagWords(words, this.features.contextual(words));
  }
}

/** The tagger as the model file describes it: one pass, or two with document features. */
export class EntityTagger {
  readonly labels: readonly string[];
  private readonly passes: PassTagger[];

  constructor(
    readonly model: NerModel,
    readonly features: FeatureExtractor,
  ) {
    this.labels = model.labels;
    this.passes = model.passes.map((table) => new PassTagger(table, model.labels, features));
  }

  /**
   * Label indices of each sentence of a document (or of any run of sentences:
   * the document features look DOC_WINDOW sentences to each side).
   */
  tagDocument(sentences: readonly (readonly WordForms[])[]): Int32Array[] {
    return this.tagWords(sentences.map((s) => s.map((f) => this.features.word(f))));
  }

  /** tagDocument for sentences whose words' features are at hand. */
  tagWords(words: readonly (readonly WordFeatures[])[]): Int32Array[] {
    const pairs = words.map((s) => this.features.contextual(s));
    const first = words.map((s, i) => this.passes[0].tagWords(s, pairs[i]));
    if (this.passes.length === 1) return first;
    const doc = documentFeatures(words.map((s) => s.map((w) => w.core)), first);
    return words.map((s, i) => this.passes[1].tagWords(s, pairs[i], doc[i]));
  }

  /** ANERcorp labels (B-PERS, I-LOC, …, O) of each sentence of a document. */
  tagLabels(sentences: readonly (readonly WordForms[])[]): string[][] {
    return this.tagDocument(sentences).map((ys) => Array.from(ys, (y) => this.labels[y]));
  }

  /** ANERcorp labels of a document's tokens (tokenize's sentences), one per token. */
  tagTokens(tokens: readonly Token[], sentences: readonly Pick<Sentence, 'tokenStart' | 'tokenEnd'>[]): string[] {
    const words = sentences.map((s) => {
      const out: WordFeatures[] = [];
      for (let i = s.tokenStart; i < s.tokenEnd; i++) out.push(this.features.wordOfToken(tokens[i]));
      return out;
    });
    const labels: string[] = [];
    for (const ys of this.tagWords(words)) for (const y of ys) labels.push(this.labels[y]);
    return labels;
  }
}

/** Features for a model: its own clusters, the current lists. */
export function extractorFor(model: NerModel, ctx: Context): FeatureExtractor {
  return new FeatureExtractor({
    lexicon: loadNerLexicon(ctx.resources),
    clusters: model.clusters,
    clusterLevels: model.header.clusterLevels,
    freq: wordFrequencies(ctx.resources),
  });
}

const taggers = new WeakMap<Context['resources'], EntityTagger>();

/** The committed model with its features, built on first use and kept per resource loader. */
export function loadTagger(ctx: Context): EntityTagger {
  let tagger = taggers.get(ctx.resources);
  if (!tagger) {
    const model = ctx.resources.load(NER_MODEL);
    taggers.set(ctx.resources, (tagger = new EntityTagger(model, extractorFor(model, ctx))));
  }
  return tagger;
}

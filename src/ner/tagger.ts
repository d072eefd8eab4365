// The entity tagger at run time: features (features.ts) scored by the model
// (model.ts) and decoded by Viterbi (decode.ts), in two passes. The first pass
// tags each sentence; the second sees, besides, how the first pass tagged the
// other mentions of each word in the sentences around it (documentFeatures).
// After decoding, three rules the model cannot learn from ANERcorp alone: names
// of several words on the clubs-companies list are ORG (trustListedOrganizations),
// a place read across a place and a country is two (splitPlacePairs), and a name
// found in one sentence is found again where the same words were left untagged
// nearby (propagate.ts).
// A word's per-role scores (of every pass) are summed once and cached, so a
// token costs a handful of additions, a few look-ups and the Viterbi step. The
// cache (ScoredWords) keeps only those sums, in a slab of floats, not the
// word's feature hashes: a worker meets hundreds of thousands of words in a
// long run, and kept whole they filled its heap.
import type { Context } from '../pipeline.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { ViterbiScratch, bioTransitions, labelName, toBio, viterbi } from './decode.js';
import { FeatureExtractor, ROLES, SELF, PREV, NEXT, PREV2, NEXT2, documentFeatures, type WordFeatures, type WordKey } from './features.js';
import { loadNerLexicon, type PhraseIndex } from './lexicon.js';
import { propagateNames } from './propagate.js';
import { NER_MODEL, type NerModel, type WeightTable } from './model.js';
import { formsOfToken, type WordForms } from './word.js';
import type { Sentence, Token } from '../types.js';
import { sameAnalysis, setTypeMemo, typeMemo, typesOf } from '../stages/tokenize.js';

let nextSlot = 0;

/** One pass: a weight table applied to sentences. */
export class PassTagger {
  readonly L: number;
  private readonly allowed: Uint8Array;
  private readonly allowedStart: Uint8Array;
  private readonly allowedEnd: Uint8Array;
  /** Where this tagger caches its scores on WordFeatures (taggers may share an extractor). */
  private readonly slot = nextSlot++;

  constructor(
    readonly table: WeightTable,
    readonly labels: readonly string[],
    readonly features: FeatureExtractor,
  ) {
    this.L = labels.length;
    ({ allowed: this.allowed, allowedStart: this.allowedStart, allowedEnd: this.allowedEnd } = bioTransitions(labels));
  }

  /** Add the summed weights of a word's features in each role to out[at + role × L ..] (ROLES.length × L floats). */
  addScores(w: WordFeatures, out: Float32Array, at: number): void {
    const L = this.L;
    for (let role = 0; role < w.roles.length; role++) {
      const hashes = w.roles[role];
      for (let k = 0; k < hashes.length; k++) this.table.addWeights(hashes[k], out, at + role * L);
    }
  }

  private scoresOf(w: WordFeatures): Float32Array {
    const cached = w.scores[this.slot];
    if (cached) return cached;
    const scores = new Float32Array(w.roles.length * this.L);
    this.addScores(w, scores, 0);
    return (w.scores[this.slot] = scores);
  }

  /**
   * n × L label scores of a sentence: its words' features, the pair and phrase
   * features (FeatureExtractor.contextual), and `extra` hashes per token
   * (document features).
   */
  emissions(words: readonly WordFeatures[], pairs: readonly (readonly number[])[], extra?: readonly (readonly number[])[]): Float32Array {
    const scores = words.map((w) => this.scoresOf(w));
    return this.emissionsOf(scores, new Int32Array(words.length), this.scoresOf(this.features.bos), 0, this.scoresOf(this.features.eos), 0, pairs, extra);
  }

  /**
   * emissions() from the words' summed scores: word i's role r at
   * scores[i][at[i] + r × L]; the sentence boundaries' at bos[bosAt ..] and eos[eosAt ..].
   */
  emissionsOf(
    scores: readonly Float32Array[],
    at: ArrayLike<number>,
    bos: Float32Array,
    bosAt: number,
    eos: Float32Array,
    eosAt: number,
    pairs: readonly (readonly number[])[],
    extra?: readonly (readonly number[])[],
    scratch?: Float32Array,
  ): Float32Array {
    const n = scores.length;
    const L = this.L;
    // into scratch when given (its first n × L floats, zeroed here), else a new array
    const out = scratch ? scratch.fill(0, 0, n * L) : new Float32Array(n * L);
    const add = (src: Float32Array, from: number, to: number) => {
      for (let y = 0; y < L; y++) out[to + y] += src[from + y];
    };
    for (let i = 0; i < n; i++) {
      const to = i * L;
      add(scores[i], at[i] + SELF * L, to);
      if (i > 0) add(scores[i - 1], at[i - 1] + PREV * L, to);
      else add(bos, bosAt + PREV * L, to);
      if (i + 1 < n) add(scores[i + 1], at[i + 1] + NEXT * L, to);
      else add(eos, eosAt + NEXT * L, to);
      if (i > 1) add(scores[i - 2], at[i - 2] + PREV2 * L, to);
      else add(bos, bosAt + PREV2 * L, to);
      if (i + 2 < n) add(scores[i + 2], at[i + 2] + NEXT2 * L, to);
      else add(eos, eosAt + NEXT2 * L, to);
      // (indexed loops: for…of here allocated an iterator per token, a tenth of the run's garbage)
      const pair = pairs[i];
      for (let k = 0; k < pair.length; k++) this.table.addWeights(pair[k], out, to);
      const more = extra?.[i];
      if (more) for (let k = 0; k < more.length; k++) this.table.addWeights(more[k], out, to);
    }
    return out;
  }

  /** Label indices (into labels) of one sentence, given its words' features. */
  tagWords(words: readonly WordFeatures[], pairs: readonly (readonly number[])[], extra?: readonly (readonly number[])[]): Int32Array {
    return this.decode(this.emissions(words, pairs, extra), words.length);
  }

  /** Label indices of a sentence of n tokens, given its emissions (n × L floats, or more: the rest is not read). */
  decode(emissions: Float32Array, n: number, scratch?: ViterbiScratch): Int32Array {
    return viterbi(emissions, n, this.L, this.table.transitions, this.allowed, this.allowedStart, new Int32Array(n), scratch, this.allowedEnd);
  }

  /** Label indices (into labels) of one sentence. */
  tagIndices(forms: readonly WordForms[]): Int32Array {
    const words = forms.map((f) => this.features.word(f));
    return this.tagWords(words, this.features.contextual(words));
  }
}

/** A word as the tagger keeps it: its core (for the sentence-level features) and its per-role scores of every pass, at scores[at ..]. */
export interface ScoredWord extends WordKey {
  readonly scores: Float32Array;
  readonly at: number;
  /** The cleaned form it was scored for (its key in ScoredWords). */
  readonly norm: string;
  /** The generation of ScoredWords it belongs to. */
  readonly generation: number;
}

/**
 * The scored words of a tagger, by cleaned form, in two generations of about
 * `limit` words (as TwoGenerationCache, src/cache.ts): the words that keep
 * coming stay, the stream of rare ones passes through. Each generation's scores
 * are one slab of floats, allocated once; a word found in the old generation is
 * copied into the young one. Generations turn over only between documents
 * (nextDocument), so a document's scored words stay valid while it is tagged: a
 * slab is reused only once no word of it can be held. A document that fills the
 * young slab gets its further words scored in arrays of their own.
 */
class ScoredWords {
  private young = new Map<string, ScoredWord>();
  private old = new Map<string, ScoredWord>();
  private slab: Float32Array;
  private oldSlab: Float32Array;
  private used = 0;
  /** Of the young generation; the old one is this − 1, and words of older ones are gone. */
  private generation = 0;

  constructor(
    /** Floats per word. */
    private readonly stride: number,
    private readonly limit: number,
  ) {
    this.slab = new Float32Array(stride * limit);
    this.oldSlab = new Float32Array(stride * limit);
  }

  /** Call before looking up the words of a document. */
  nextDocument(): void {
    if (this.used < this.limit) return;
    this.old = this.young;
    this.young = new Map();
    [this.slab, this.oldSlab] = [this.oldSlab, this.slab];
    this.slab.fill(0);
    this.used = 0;
    this.generation++;
  }

  get(key: string): ScoredWord | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    return aged === undefined ? undefined : this.promote(aged);
  }

  /**
   * A word found without get() (kept with its token type): itself while in the
   * young generation, its copy there while in the old one, or undefined once gone.
   */
  revive(w: ScoredWord): ScoredWord | undefined {
    if (w.generation === this.generation) return w;
    return w.generation === this.generation - 1 ? (this.young.get(w.norm) ?? this.promote(w)) : undefined;
  }

  private promote(aged: ScoredWord): ScoredWord {
    const w = this.add(aged.norm, aged.core, aged.coreHash, aged.clusterHash);
    w.scores.set(aged.scores.subarray(aged.at, aged.at + this.stride), w.at);
    return w;
  }

  /** A new entry, its scores zero (to be filled in by the caller). */
  add(key: string, core: string, coreHash: number, clusterHash: number): ScoredWord {
    const { generation } = this;
    const w: ScoredWord =
      this.used < this.limit
        ? { core, coreHash, clusterHash, scores: this.slab, at: this.used++ * this.stride, norm: key, generation }
        : { core, coreHash, clusterHash, scores: new Float32Array(this.stride), at: 0, norm: key, generation };
    this.young.set(key, w);
    return w;
  }
}

/**
 * Words kept scored per tagger, per generation (see ScoredWords), by default: 90
 * floats each for the committed model, so 23 MB of slabs. Tagging whole news
 * articles, 16,000 made the tagger about a third slower (more words scored
 * again); batch runs of `extract`, which tag only the sentences in focus, keep
 * 16,000 (PipelineOptions.taggerWords, src/io/batch.ts).
 */
const SCORED_WORDS = 32_000;

/** The tagger as the model file describes it: one pass, or two with document features. */
export class EntityTagger {
  /** The model's labels (BIO or BIOES). */
  readonly labels: readonly string[];
  /** The same as BIO, what the tagger gives (ANERcorp's scheme). */
  readonly bioLabels: readonly string[];
  private readonly passes: PassTagger[];
  /** Floats of one pass's per-role scores of a word: ROLES.length × L. */
  private readonly block: number;
  private readonly scored: ScoredWords;
  private readonly bos: ScoredWord;
  private readonly eos: ScoredWord;
  /** Work space of tagScored, reused from sentence to sentence. */
  private emissionScratch = new Float32Array(0);
  private atScratch = new Int32Array(0);
  private readonly viterbiScratch = new ViterbiScratch();
  /** Which labels continue a name (I-, and E- in BIOES), for trustListedOrganizations. */
  private readonly continuesName: boolean[];

  constructor(
    readonly model: NerModel,
    readonly features: FeatureExtractor,
    /** Words kept scored, per generation. */
    readonly scoredWordLimit: number = SCORED_WORDS,
  ) {
    this.labels = model.labels;
    this.bioLabels = model.labels.map(toBio);
    this.continuesName = this.labels.map((l) => l.startsWith('I-') || l.startsWith('E-'));
    this.passes = model.passes.map((table) => new PassTagger(table, model.labels, features));
    this.block = ROLES.length * this.labels.length;
    this.scored = new ScoredWords(this.passes.length * this.block, scoredWordLimit);
    this.bos = this.score(features.bos, new Float32Array(this.passes.length * this.block), 0);
    this.eos = this.score(features.eos, new Float32Array(this.passes.length * this.block), 0);
  }

  private score(wf: WordFeatures, scores: Float32Array, at: number): ScoredWord {
    this.addScores(wf, scores, at);
    return { core: wf.core, coreHash: wf.coreHash, clusterHash: wf.clusterHash, scores, at, norm: wf.fold, generation: -1 };
  }

  /** A word's scores, by its cleaned form (`forms` is called only when the word is not kept). */
  private scoredWord(norm: string, forms: () => WordForms): ScoredWord {
    const known = this.scored.get(norm);
    if (known !== undefined) return known;
    const wf = this.features.compute(forms());
    const w = this.scored.add(norm, wf.core, wf.coreHash, wf.clusterHash);
    this.addScores(wf, w.scores, w.at);
    return w;
  }

  /** Add a word's per-role scores of every pass to scores[at ..] (passes × block floats). */
  private addScores(wf: WordFeatures, scores: Float32Array, at: number): void {
    this.passes.forEach((pass, p) => pass.addScores(wf, scores, at + p * this.block));
  }

  /**
   * Label indices of each sentence of a document (or of any run of sentences:
   * the document features look DOC_WINDOW sentences to each side).
   */
  tagDocument(sentences: readonly (readonly WordForms[])[]): Int32Array[] {
    this.scored.nextDocument();
    return this.tagScored(sentences.map((s) => s.map((f) => this.scoredWord(f.norm, () => f))));
  }

  /** tagDocument for sentences whose words' features are at hand. */
  tagWords(words: readonly (readonly WordFeatures[])[]): Int32Array[] {
    return this.tagScored(words.map((s) => s.map((wf) => this.score(wf, new Float32Array(this.passes.length * this.block), 0))));
  }

  /** tagDocument for sentences of scored words. */
  private tagScored(words: readonly (readonly ScoredWord[])[]): Int32Array[] {
    const pairs = words.map((s) => this.features.contextual(s));
    const pass = (p: number, s: readonly ScoredWord[], pairs: readonly (readonly number[])[], extra?: readonly (readonly number[])[]) => {
      const offset = p * this.block;
      if (this.atScratch.length < s.length) this.atScratch = new Int32Array(Math.max(256, 2 * s.length));
      const at = this.atScratch;
      for (let i = 0; i < s.length; i++) at[i] = s[i].at + offset;
      const tagger = this.passes[p];
      if (this.emissionScratch.length < s.length * this.labels.length) this.emissionScratch = new Float32Array(Math.max(1024, 2 * s.length * this.labels.length));
      const emissions = tagger.emissionsOf(s.map((w) => w.scores), at, this.bos.scores, this.bos.at + offset, this.eos.scores, this.eos.at + offset, pairs, extra, this.emissionScratch);
      return tagger.decode(emissions, s.length, this.viterbiScratch);
    };
    const first = words.map((s, i) => pass(0, s, pairs[i]));
    const cores = words.map((s) => s.map((w) => w.core));
    const doc = this.passes.length === 1 ? null : documentFeatures(cores, first, this.labels);
    const last = doc ? words.map((s, i) => pass(1, s, pairs[i], doc[i])) : first;
    last.forEach((ys, i) => this.trustListedOrganizations(cores[i], ys));
    last.forEach((ys, i) => this.splitPlacePairs(cores[i], ys));
    propagateNames(cores, last, this.labels);
    return last;
  }

  /**
   * Names of several words on the clubs-companies list (sports clubs, companies, news media,
   * ANERcorp's ORG) are tagged ORG whatever the model read, unless a name the model found runs
   * across their edge. The model weighs a list only as far as training showed it right, and
   * these names are rare there, but unambiguous: «حسنية أكادير», «دينامو كييف», «ريال مدريد».
   * (Cross-validation 77.05 → 77.59; single-word clubs (روما، الهلال) and the other lists,
   * trusted so, lost F1.)
   */
  private trustListedOrganizations(cores: readonly string[], ys: Int32Array): void {
    const continues = this.continuesName;
    if (!this.labels.includes('B-ORG')) return;
    const phrases = this.features.lexicon.phrases;
    for (let i = 0; i + 1 < cores.length; i++) {
      if (!phrases.byFirst.has(cores[i])) continue;
      const entry = phrases.matchAt(cores, i).find((e) => e.kind.startsWith('orgx:') && e.words.length > 1);
      if (!entry) continue;
      const end = i + entry.words.length;
      if (!continues[ys[i]] && !(end < ys.length && continues[ys[end]])) labelName(ys, i, end - i, 'ORG', this.labels);
      i = end - 1;
    }
  }

  /**
   * A place read across a listed place and a listed country back to back is two: «إنجلترا والبرتغال»،
   * «باعت الولايات المتحدة الإمارات منها» (subject and object), where the model ran one LOC over both
   * (see placePairAt). Cross-validation 78.05 → 78.09 (2 names, both right).
   */
  private splitPlacePairs(cores: readonly string[], ys: Int32Array): void {
    const places = this.features.lexicon.places;
    for (let i = 0; i < ys.length; i++) {
      if (this.bioLabels[ys[i]] !== 'B-LOC') continue;
      let j = i + 1;
      while (j < ys.length && this.bioLabels[ys[j]] === 'I-LOC') j++;
      const k = j - i > 1 ? placePairAt(places, cores, i, j) : 0;
      if (k) labelName(ys, i, k - i, 'LOC', this.labels), labelName(ys, k, j - k, 'LOC', this.labels);
      i = j - 1;
    }
  }

  /** ANERcorp labels (B-PERS, I-LOC, …, O) of each sentence of a document. */
  tagLabels(sentences: readonly (readonly WordForms[])[]): string[][] {
    return this.tagDocument(sentences).map((ys) => Array.from(ys, (y) => this.bioLabels[y]));
  }

  /** ANERcorp labels of a document's tokens (tokenize's sentences), one per token. */
  tagTokens(tokens: readonly Token[], sentences: readonly Pick<Sentence, 'tokenStart' | 'tokenEnd'>[]): string[] {
    this.scored.nextDocument();
    // A token's scored word is kept with its type too (typeMemo): found again by
    // reading a few fields instead of looking its string up in a Map.
    const types = typesOf(tokens);
    const words = sentences.map((s) => {
      const out: ScoredWord[] = [];
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const t = tokens[i];
        const type = types?.[i];
        const typed = type !== undefined && sameAnalysis(type, t) ? type : undefined;
        const kept = typed === undefined ? undefined : (typeMemo(typed, this.scored) as ScoredWord | undefined);
        let w = kept !== undefined && kept.norm === t.norm ? this.scored.revive(kept) : undefined;
        if (w === undefined) w = this.scoredWord(t.norm, () => formsOfToken(t));
        if (typed !== undefined && w !== kept) setTypeMemo(typed, this.scored, w);
        out.push(w);
      }
      return out;
    });
    const labels: string[] = [];
    for (const ys of this.tagScored(words)) for (const y of ys) labels.push(this.bioLabels[y]);
    return labels;
  }
}

/**
 * Where places[i .. j) splits into a listed place and a listed *country* (the whole not listed),
 * the index of the second; else 0. `cores` as the lists are matched on (و/ب/ل dropped: «والبرتغال»
 * is البرتغال). Only a country second: a city may be an adjective too («بغداد الجديدة» is a
 * district of Baghdad, not Baghdad and El Jadida).
 */
export function placePairAt(places: PhraseIndex, cores: readonly string[], i: number, j: number): number {
  const starting = places.matchAt(cores, i);
  if (starting.some((e) => e.words.length === j - i)) return 0;
  for (const first of starting) {
    const k = i + first.words.length;
    if (k < j && places.matchAt(cores, k).some((e) => k + e.words.length === j && e.kind === 'country')) return k;
  }
  return 0;
}

/** Features for a model: its own clusters, the current lists. */
export function extractorFor(model: NerModel, ctx: Context): FeatureExtractor {
  return new FeatureExtractor({
    lexicon: loadNerLexicon(ctx.resources),
    clusters: model.clusters,
    clusterLevels: model.header.clusterLevels,
    extraColumns: model.header.extraColumns,
    extraRoles: model.header.extraRoles,
    clusterPairs: model.header.clusterPairs,
    freq: wordFrequencies(ctx.resources),
  });
}

const taggers = new WeakMap<Context['resources'], EntityTagger>();

/** The committed model with its features, built on first use and kept per resource loader. */
export function loadTagger(ctx: Context): EntityTagger {
  let tagger = taggers.get(ctx.resources);
  if (!tagger) {
    const model = ctx.resources.load(NER_MODEL);
    taggers.set(ctx.resources, (tagger = new EntityTagger(model, extractorFor(model, ctx), ctx.options.taggerWords)));
  }
  return tagger;
}

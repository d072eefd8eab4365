// Features of the entity tagger. Each token is described by itself and by its
// neighbours up to two words away; a word's features depend only on the word
// (its cleaned form), so they are computed once per distinct word and cached.
// A feature is a 32-bit hash of (template, role, value), see hash.ts.
//
//   role      which position the word is in, relative to the tagged token:
//             self, prev, next, prev2, next2
//   w, c      folded form and core (وبالعراق → العراق; ولبنان → لبنان)
//   b, st     base without clitics and its stem
//   n         the cleaned, unfolded form: على (the preposition) is not علي (the name)
//   pre, suf  proclitics (و+ب+ال) and enclitic pronoun (ها)
//   p2 p3     first letters of the base; s1..s4 its last letters (nisba ي,
//             feminine ه, plural ون/ين/ات)
//   sh        shape: Arabic/Latin/digits/punctuation, and length
//   fq        how frequent the folded form is in the news corpus (log₂ bucket):
//             names are rare, function words frequent
//   k1..k4    the core's word cluster at four granularities (ner-clusters.mjs)
//   k5..k8    only in a model trained with --auto (scripts/train-ner.mjs): the
//             bucketed share of the core's mentions in unlabelled news that a
//             context-only tagger labels PERS, LOC, ORG, MISC (more word-table columns)
//   g         list memberships: first name, family name, country, capital, city,
//             region, trigger words (الرئيس, وزارة, مدينة), nationality adjective,
//             sports club / company / news medium (clubs-companies.tsv), adjective
//             of a city (الفاسي، المراكشي: clubs are named so), currency, event
//   alt       a clitic the tokenizer left on an unknown word whose rest is known
//             (لكوفي: the clusters and lists of كوفي are used, with alt=ل)
// Per token, on top: the cores of the previous and next word paired with its own,
// and whether it begins or continues a multi-word name from the lists
// ("الولايات المتحدة", "مجلس الأمن"). A model trained with --cluster-pairs
// (header clusterPairs) also pairs the neighbours' cores with the word's cluster
// (third level: «اللاعب» before any word of the cluster of foreign given names,
// which a new name shares); cross-validation +0.3, but the committed model is
// without (it cost the extractor a target on news-dev).
//   e1.., q1.., l1.., r1..  extra word-table columns, in a model trained on a
//             clusters file that has them (ner-clusters.mjs --embed, --cues,
//             --side-branching): bucketed dense dimensions, cue-word shares,
//             one-sided clusters. Tried, no gain; the committed model has none.
import { fmix32, hashPair, hashString } from './hash.js';
import { nationalityOf, type NerLexicon } from './lexicon.js';
import { formsOfToken, type WordForms } from './word.js';
import { TwoGenerationCache } from '../cache.js';
import type { Token } from '../types.js';
import type { WordCounts } from '../resources/packed.js';

export const NER_LABELS = ['O', 'B-PERS', 'I-PERS', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export type NerLabel = (typeof NER_LABELS)[number];

export const ROLES = ['self', 'prev', 'next', 'prev2', 'next2'] as const;
export const SELF = 0;
export const PREV = 1;
export const NEXT = 2;
export const PREV2 = 3;
export const NEXT2 = 4;
const ALL = 0b11111;
const NEAR = 0b00111; // self, prev, next
const ONLY_SELF = 0b00001;

/** Word clusters by core form: the cluster number at each level, coarse to fine. */
export type ClusterTable = Pick<ReadonlyMap<string, ArrayLike<number>>, 'has' | 'get'>;

/** The entity types of ANERcorp. */
export const ENTITY_TYPES = ['PERS', 'LOC', 'ORG', 'MISC'] as const;

export interface FeatureTables {
  lexicon: NerLexicon;
  clusters: ClusterTable;
  clusterLevels: number;
  /**
   * Names of the columns after the cluster levels in each word's row (ner-clusters.mjs):
   * e1.. a dense dimension, bucketed (--embed); q1.. how often a cue word precedes the
   * word (--cues). Each value is a feature (template: the column's name) but NO_BUCKET.
   */
  extraColumns?: readonly string[];
  /** Which roles see the extra columns (bit mask over ROLES; default: self, previous, next). */
  extraRoles?: number;
  /** Also pair the neighbours' cores with the word's cluster (train-ner.mjs --cluster-pairs; off in the committed model). */
  clusterPairs?: boolean;
  freq: WordCounts;
}

export interface WordFeatures {
  fold: string;
  /** The word's core (article kept, و/ب/ل dropped), for list phrases and document features. */
  core: string;
  /** Feature hashes of this word in each role. */
  roles: Uint32Array[];
  /** Hash of the core, for pair features. */
  coreHash: number;
  /** Hash of the core's word cluster (third level), for pair features with the neighbours' cores. */
  clusterHash: number;
  /** Summed weights of each role's features, per tagger slot, filled in by the tagger. */
  scores: Float32Array[];
}

// One seed per (template, role), so "w=X as prev" and "w=X as self" differ.
// A feature is its value's hash mixed with the seed: the value is hashed once.
const seedCache = new Map<string, Uint32Array>();
function seeds(template: string): Uint32Array {
  let s = seedCache.get(template);
  if (!s) seedCache.set(template, (s = Uint32Array.from(ROLES, (role) => hashString(`${template}@${role}`))));
  return s;
}
const feature = (valueHash: number, seed: number) => fmix32((valueHash ^ seed) >>> 0);
const PAIR_PREV = hashString('pair:core-1,core');
const PAIR_NEXT = hashString('pair:core,core+1');
const PHRASE_SEED = hashString('phrase');
const CORE_SEED = hashString('core');
const CLUSTER_SEED = hashString('cluster');
const PAIR_PREV_K = hashString('pair:core-1,k3');
const PAIR_NEXT_K = hashString('pair:k3,core+1');
/** The cluster level (0-based) paired with the neighbours' cores: the third (~1,000 clusters; the second or fourth scored less in cross-validation). */
const PAIR_LEVEL = 2;



const ARABIC = /^[\u0621-\u064A\u0671-\u06D3]+$/;
const DIGITS = /^[0-9]+([.,/:-][0-9]+)*%?$/;
const LATIN = /^[A-Za-z\u00C0-\u024F]+/;

function shapeOf(f: WordForms): string {
  if (ARABIC.test(f.fold)) return 'A' + Math.min(f.base.length, 9);
  if (DIGITS.test(f.fold)) return f.fold.length === 4 ? 'D4' : 'D';
  if (LATIN.test(f.fold)) return 'L';
  if (f.fold.length === 1) return 'P' + f.fold;
  return 'X';
}

/** An extra column's value that makes no feature (ner-clusters.mjs --embed, --cues). */
export const NO_BUCKET = 65535;

type Atom = [template: string, value: string, roles: number];
// Template names as constants: a name built per word ('k' + level) is a new string, hashed anew at every look-up of its seeds
const SUFFIX_TEMPLATES = ['', 's1', 's2', 's3', 's4'];
const CLUSTER_TEMPLATES = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];

/** What the sentence-level features (contextual, documentFeatures) need of a word. */
export type WordKey = Pick<WordFeatures, 'core' | 'coreHash' | 'clusterHash'>;

export class FeatureExtractor {
  /** Bounded (a long run meets ever more rare words); the tagger keeps its own cache of scored words (tagger.ts). */
  private readonly cache = new TwoGenerationCache<string, WordFeatures>(50_000);
  readonly bos: WordFeatures;
  readonly eos: WordFeatures;

  readonly lexicon: NerLexicon;
  private readonly clusters: ClusterTable;
  private readonly clusterLevels: number;
  private readonly extraColumns: readonly string[];
  private readonly extraRoles: number;
  private readonly clusterPairs: boolean;
  private readonly freq: WordCounts;

  constructor(tables: FeatureTables) {
    ({ lexicon: this.lexicon, clusters: this.clusters, clusterLevels: this.clusterLevels, freq: this.freq } = tables);
    this.extraColumns = tables.extraColumns ?? [];
    this.extraRoles = tables.extraRoles ?? NEAR;
    this.clusterPairs = tables.clusterPairs ?? false;
    this.bos = this.boundary('<s>');
    this.eos = this.boundary('</s>');
  }

  private boundary(mark: string): WordFeatures {
    const atoms: Atom[] = [['w', mark, ALL], ['sh', mark, ALL]];
    return { fold: mark, core: mark, roles: this.hashAtoms(atoms), coreHash: hashString(mark, CORE_SEED), clusterHash: hashString(mark, CLUSTER_SEED), scores: [] };
  }

  private hashAtoms(atoms: readonly Atom[]): Uint32Array[] {
    // counted first, then filled: one typed array per role and no lists in between
    const counts = new Int32Array(ROLES.length);
    for (const atom of atoms) for (let role = 0; role < ROLES.length; role++) if (atom[2] & (1 << role)) counts[role]++;
    const lists = Array.from(counts, (n) => new Uint32Array(n));
    counts.fill(0);
    for (const [template, value, roles] of atoms) {
      const h = hashString(value);
      const seed = seeds(template);
      for (let role = 0; role < ROLES.length; role++) if (roles & (1 << role)) lists[role][counts[role]++] = feature(h, seed[role]);
    }
    return lists;
  }

  private known(core: string): boolean {
    return this.clusters.has(core) || this.lexicon.flags.has(core);
  }

  /**
   * The core to look the word up by in the clusters and lists. The tokenizer
   * keeps و/ب/ل/ف/ك on a word it does not know well enough to split
   * (بايهود، لكوفي، وياسمين); when the word is unknown but the rest is a known
   * word, the rest is looked up: بايهود → ايهود (a first name).
   */
  private lookupCore(f: WordForms): { core: string; clitic: string } {
    if (f.prefixes.length || f.core.length < 4 || !'وبلفك'.includes(f.core[0]) || this.known(f.core)) return { core: f.core, clitic: '' };
    const rest = f.core.slice(1);
    return this.known(rest) ? { core: rest, clitic: f.core[0] } : { core: f.core, clitic: '' };
  }

  /** The features of a pipeline token (cached like word(), without building its forms). */
  wordOfToken(t: Token): WordFeatures {
    return this.cache.get(t.norm) ?? this.word(formsOfToken(t));
  }

  /** The features of one word, cached by its cleaned form. */
  word(f: WordForms): WordFeatures {
    const hit = this.cache.get(f.norm);
    if (hit) return hit;
    const wf = this.compute(f);
    this.cache.set(f.norm, wf);
    return wf;
  }

  /** The features of one word, computed anew (word() caches them). */
  compute(f: WordForms): WordFeatures {
    const { core, clitic } = this.lookupCore(f);
    const atoms: Atom[] = [
      // the word's identity first (SELF_IDENTITY of them)
      ['w', f.fold, ALL],
      ['c', f.core, ALL],
      ['b', f.base, ONLY_SELF],
      ['st', f.stem, NEAR],
      // unfolded: على (the preposition) is not علي (the name)
      ['n', f.norm, NEAR],
      ['bias', '', ONLY_SELF],
      ['alt', clitic, NEAR],
      ['pre', f.prefixes.join('+'), NEAR],
      ['suf', f.suffixes.join('+'), ONLY_SELF],
      ['sh', shapeOf(f), ALL],
      ['fq', String(Math.min(20, Math.floor(Math.log2((this.freq.get(f.fold) ?? 0) + 1)))), NEAR],
    ];
    if (f.base.length >= 3) {
      atoms.push(['p2', f.base.slice(0, 2), ONLY_SELF], ['p3', f.base.slice(0, 3), ONLY_SELF]);
      for (let k = 1; k <= 4 && k < f.base.length; k++) atoms.push([SUFFIX_TEMPLATES[k], f.base.slice(-k), ONLY_SELF]);
    }
    const cluster = this.clusters.get(core);
    for (let level = 0; level < this.clusterLevels; level++) {
      const roles = level < 2 ? ALL : NEAR;
      atoms.push([CLUSTER_TEMPLATES[level] ?? 'k' + (level + 1), cluster ? String(cluster[level]) : '-', roles]);
    }
    // dense dimensions and cue counts, bucketed; NO_BUCKET is no feature
    if (cluster) for (let d = 0; d < this.extraColumns.length; d++) {
      const b = cluster[this.clusterLevels + d];
      if (b !== NO_BUCKET) atoms.push([this.extraColumns[d], String(b), this.extraRoles]);
    }
    for (const flag of this.lexicon.flags.get(core) ?? []) atoms.push(['g', flag, ALL]);
    for (const kind of this.lexicon.keywords.get(f.base) ?? []) atoms.push(['g', 'kw:' + kind, ALL]);
    if (ARABIC.test(core) && nationalityOf(core, this.lexicon)) atoms.push(['g', 'nat', ALL]);
    const clusterHash = hashString(cluster && this.clusterLevels > PAIR_LEVEL ? String(cluster[PAIR_LEVEL]) : '-', CLUSTER_SEED);
    return { fold: f.fold, core: f.core, roles: this.hashAtoms(atoms), coreHash: hashString(f.core, CORE_SEED), clusterHash, scores: [] };
  }

  /**
   * The features that depend on more than one word, per token: core pairs and
   * multi-word list matches. Returned as one hash list per token.
   */
  contextual(words: readonly WordKey[]): number[][] {
    const n = words.length;
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      const prev = i > 0 ? words[i - 1] : this.bos;
      const next = i + 1 < n ? words[i + 1] : this.eos;
      out.push([hashPair(prev.coreHash, words[i].coreHash, PAIR_PREV), hashPair(words[i].coreHash, next.coreHash, PAIR_NEXT)]);
      if (this.clusterPairs) out[i].push(hashPair(prev.coreHash, words[i].clusterHash, PAIR_PREV_K), hashPair(words[i].clusterHash, next.coreHash, PAIR_NEXT_K));
    }
    const cores = words.map((w) => w.core);
    for (let i = 0; i < n; i++) {
      if (!this.lexicon.phrases.byFirst.has(cores[i])) continue;
      for (const m of this.lexicon.phrases.matchAt(cores, i)) {
        for (let k = 0; k < m.words.length; k++) out[i + k].push(hashString((k === 0 ? 'B:' : 'I:') + m.kind, PHRASE_SEED));
      }
    }
    return out;
  }
}

/**
 * How many features at the start of each token's list (sentenceFeatures) name
 * the word itself: w, c, b, st, n as self, and the two core pairs. The trainer
 * hides them at random so that the model learns what to do with a word it has
 * never seen (most test names are new).
 */
export const IDENTITY_FEATURES = 7;
/** Of which the first ones of the self list: w, c, b, st, n. */
export const SELF_IDENTITY = 5;


/**
 * Every feature hash of every token of a sentence, in one list per token:
 * what the trainer sees (the tagger adds the same weights, summed per word).
 * Each list starts with the IDENTITY_FEATURES identity features.
 */
export function sentenceFeatures(ex: FeatureExtractor, forms: readonly WordForms[]): number[][] {
  const words = forms.map((f) => ex.word(f));
  const extra = ex.contextual(words);
  const n = words.length;
  const at = (i: number) => (i < 0 ? ex.bos : i >= n ? ex.eos : words[i]);
  return words.map((w, i) => [
    ...w.roles[SELF].subarray(0, SELF_IDENTITY),
    ...extra[i].slice(0, 2),
    ...w.roles[SELF].subarray(SELF_IDENTITY),
    ...at(i - 1).roles[PREV],
    ...at(i + 1).roles[NEXT],
    ...at(i - 2).roles[PREV2],
    ...at(i + 2).roles[NEXT2],
    ...extra[i].slice(2),
  ]);
}

/** The same entity types with E-X (last word) and S-X (one-word name) too: a model may be trained on either scheme. */
export const NER_LABELS_BIOES = ['O', ...ENTITY_TYPES.flatMap((t) => ['B-', 'I-', 'E-', 'S-'].map((p) => p + t))];
/** Entity types of the document features, by label index (0: O). */
const docTypes = new WeakMap<readonly string[], Int32Array>();
function docTypeOfLabel(labels: readonly string[]): Int32Array {
  let types = docTypes.get(labels);
  if (!types) docTypes.set(labels, (types = Int32Array.from(labels, (l) => (l === 'O' ? 0 : 1 + ENTITY_TYPES.indexOf(l.slice(2) as (typeof ENTITY_TYPES)[number])))));
  return types;
}
const DOC_SEED = hashString('doc');
const DOC_TYPES = ['O', ...ENTITY_TYPES];
/** DOC_HASHES[type][n]: "the word is tagged `type` in n other mentions" (n capped at 3). */
const DOC_HASHES = DOC_TYPES.map((type) => [0, 1, 2, 3].map((n) => hashString(`${type}:${n}`, DOC_SEED)));
/** Sentences on each side that count as the token's document. */
export const DOC_WINDOW = 10;

/**
 * Document features: how the first-pass tagger labelled the other mentions of
 * the token's core in the sentences around it (DOC_WINDOW on each side). A
 * name is tagged alike throughout an article: "توني بلير" early on makes the
 * later, bare "بلير" a person too.
 *
 * sentences: the core forms of each sentence; labels: first-pass label
 * indices (into labelNames, NER_LABELS unless given) of each sentence. Returns hashes per token.
 */
export function documentFeatures(sentences: readonly (readonly string[])[], labels: readonly ArrayLike<number>[], labelNames: readonly string[] = NER_LABELS): number[][][] {
  const DOC_TYPE_OF_LABEL = docTypeOfLabel(labelNames);
  const counts = new Map<string, Int32Array>();
  const addSentence = (s: number, sign: number) => {
    if (s < 0 || s >= sentences.length) return;
    const cores = sentences[s];
    for (let i = 0; i < cores.length; i++) {
      let c = counts.get(cores[i]);
      if (!c) counts.set(cores[i], (c = new Int32Array(DOC_TYPES.length)));
      c[DOC_TYPE_OF_LABEL[labels[s][i]]] += sign;
    }
  };
  for (let s = 0; s <= DOC_WINDOW; s++) addSentence(s, 1);
  const out: number[][][] = [];
  for (let s = 0; s < sentences.length; s++) {
    if (s > 0) {
      addSentence(s + DOC_WINDOW, 1);
      addSentence(s - DOC_WINDOW - 1, -1);
    }
    const cores = sentences[s];
    out.push(
      cores.map((core, i) => {
        const c = counts.get(core)!;
        const own = DOC_TYPE_OF_LABEL[labels[s][i]];
        const hashes: number[] = [];
        if (core.length < 2) return hashes;
        for (let t = 0; t < DOC_TYPES.length; t++) {
          const n = c[t] - (t === own ? 1 : 0); // the other mentions only
          if (n > 0) hashes.push(DOC_HASHES[t][Math.min(n, 3)]);
        }
        return hashes;
      }),
    );
  }
  return out;
}

// The word lists under src/resources/ar/entities/, typed and indexed for the
// tagger. Every entry is keyed the way tokens are: folded, then reduced to its
// core (article kept, و/ف/ب/ل/ك dropped), so "وبغداد" in a text finds "بغداد".
// The trained model's features use these lists, so the model records a
// fingerprint of them (see lexiconFingerprint): edit a list, retrain.
import { TwoGenerationCache } from '../cache.js';
import { ResourceError, tsvRecords, type ResourceLoader } from '../resources/spec.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { normalizeWord } from '../stages/normalize.js';
import { analyzeWord } from '../stages/tokenize.js';
import { hashString } from './hash.js';
import { coreOf } from './word.js';
import type { WordCounts } from '../resources/packed.js';

const DIR = 'ar/entities/';

export const FIRST_NAMES = tsvRecords(DIR + 'first-names.tsv', ['name'] as const);
export const MORE_GIVEN_NAMES = tsvRecords(DIR + 'given-names-extra.tsv', ['name'] as const);
export const PERSONS = tsvRecords(DIR + 'persons.tsv', ['name'] as const);
export const MISC_NAMES = tsvRecords(DIR + 'misc.tsv', ['name', 'kind'] as const);
export const PLACES = tsvRecords(DIR + 'places.tsv', ['name', 'kind', 'country', 'canonical'] as const, ['name', 'kind'] as const);
export const NATIONALITIES = tsvRecords(DIR + 'nationalities.tsv', ['adjective', 'country', 'iso'] as const);
export const GROUPS = tsvRecords(DIR + 'groups.tsv', ['alias', 'canonical', 'kind', 'flags'] as const, ['alias', 'canonical', 'kind'] as const);
export const ORGANIZATIONS = tsvRecords(DIR + 'organizations.tsv', ['alias', 'canonical'] as const);
/** Sports clubs, companies and news media: a feature of the tagger only (the layers do not read it). */
export const CLUBS_COMPANIES = tsvRecords(DIR + 'clubs-companies.tsv', ['name', 'kind'] as const);
export const KEYWORDS = tsvRecords(DIR + 'keywords.tsv', ['word', 'kind'] as const);

export const PLACE_KINDS = ['country', 'capital', 'city', 'region', 'natural'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
/**
 * Trigger words, one kind each:
 *   title    before a person: الرئيس، الشيخ، العقيد
 *   org      heads an organization name: وزارة، حزب، شركة
 *   group    heads an armed group's name: تنظيم، كتائب، ميليشيا
 *   military heads a military: قوات، جيش
 *   place    heads a place name: مدينة، محافظة، قرية
 *   natural  heads a natural feature: جبل، نهر، بحر (a LOC, not a GPE)
 *   facility heads a facility: قاعدة، مطار، مستشفى، حاجز
 *   modifier continues a facility's name: مطار بغداد الدولي، قاعدة عسكرية
 */
export const KEYWORD_KINDS = ['title', 'org', 'group', 'military', 'place', 'natural', 'facility', 'modifier'] as const;
export type KeywordKind = (typeof KEYWORD_KINDS)[number];

export interface PhraseEntry {
  /** Core forms of the phrase's words. */
  words: string[];
  kind: string;
  /** Canonical name, as written in the list. */
  canonical: string;
  /** Extra column (country code of a place). */
  info?: string;
  /** A group alias that is also a common word (الشباب, القاعدة): needs support from context. */
  ambiguous?: boolean;
}

const NO_ENTRIES: PhraseEntry[] = [];

/** One indexed list: single words and multi-word phrases, by their first word's core. */
export class PhraseIndex {
  readonly byFirst = new Map<string, PhraseEntry[]>();
  add(entry: PhraseEntry): void {
    if (!entry.words.length) return;
    const list = this.byFirst.get(entry.words[0]);
    if (!list) return void this.byFirst.set(entry.words[0], [entry]);
    // kept longest first (ties in the order added), so that matchAt need not sort
    let k = list.length;
    while (k > 0 && list[k - 1].words.length < entry.words.length) k--;
    list.splice(k, 0, entry);
  }
  /** Entries that match the cores starting at `at`, longest first. */
  matchAt(cores: readonly string[], at: number): PhraseEntry[] {
    const list = this.byFirst.get(cores[at]);
    if (!list) return NO_ENTRIES;
    let out: PhraseEntry[] | null = null;
    for (const e of list) {
      const words = e.words;
      if (words.length > cores.length - at) continue;
      let k = 1;
      while (k < words.length && cores[at + k] === words[k]) k++;
      if (k === words.length) (out ??= []).push(e);
    }
    return out ?? NO_ENTRIES;
  }
}

export interface NerLexicon {
  /** Single-word flags by core, e.g. محمد → ['first'], بغداد → ['capital']. */
  flags: Map<string, string[]>;
  /** Multi-word entries (places, groups, organizations) for phrase features. */
  phrases: PhraseIndex;
  places: PhraseIndex;
  groups: PhraseIndex;
  organizations: PhraseIndex;
  /** Trigger words by base (no article, no clitics): رييس → ['title']. */
  keywords: Map<string, KeywordKind[]>;
  /** Nationality adjective stems (core, without ال and endings) → [country, iso]. */
  nationalities: Map<string, { country: string; iso: string }>;
  /** Changes whenever a list that the model's features use changes. */
  fingerprint: string;
}

/** Split a list entry into the core forms of its words. */
export function coresOf(phrase: string, freq: WordCounts): string[] {
  return normalizeWord(phrase)
    .split(/[\s\u00a0]+/)
    .filter(Boolean)
    .map((w) => (/^[\u0621-\u064A]+$/.test(w) ? coreOf(analyzeWord(w, freq)) : w.toLowerCase()));
}

/**
 * The stem of a nationality adjective, without article and endings:
 * الأمريكية → امريكي, الأمريكيين → امريكي, أمريكيتان → امريكي.
 * Returns candidates, most specific first.
 */
export function nationalityStems(core: string): string[] {
  const w = core.startsWith('ال') ? core.slice(2) : core;
  const out = [w];
  // feminine ة (folded ه), plurals ون/ين/ات, duals ان/تان/تين
  for (const [end, add] of [['تان', ''], ['تين', ''], ['ه', ''], ['ون', ''], ['ين', ''], ['ات', ''], ['ان', '']] as const) {
    if (w.endsWith(end) && w.length - end.length >= 3) out.push(w.slice(0, -end.length) + add);
  }
  return out;
}

const lexicons = new WeakMap<ResourceLoader, NerLexicon>();

/** The lists, indexed once per loader (the loader caches the files themselves). */
export function loadNerLexicon(resources: ResourceLoader): NerLexicon {
  let lexicon = lexicons.get(resources);
  if (!lexicon) lexicons.set(resources, (lexicon = buildLexicon(resources)));
  return lexicon;
}

function buildLexicon(resources: ResourceLoader): NerLexicon {
  const freq = wordFrequencies(resources);
  const flags = new Map<string, string[]>();
  const flag = (core: string, name: string) => {
    const list = flags.get(core);
    if (!list) flags.set(core, [name]);
    else if (!list.includes(name)) list.push(name);
  };
  const phrases = new PhraseIndex();
  const places = new PhraseIndex();
  const groups = new PhraseIndex();
  const organizations = new PhraseIndex();
  // what the features see, in a fixed order, for the fingerprint
  const seen: string[] = [];

  for (const r of resources.load(FIRST_NAMES)) {
    // a compound given name is a phrase: «حكيم الله» marks both words, but الله alone is no given name
    const words = coresOf(r.name, freq);
    if (words.length > 1) phrases.add({ words, kind: 'first', canonical: r.name }), seen.push('phrase:first:' + words.join(' '));
    else flag(words[0], 'first'), seen.push('first:' + words[0]);
  }
  for (const r of resources.load(PERSONS)) {
    // the whole name as a phrase, its last word as a family name
    const words = coresOf(r.name, freq);
    if (words.length > 1) phrases.add({ words, kind: 'pers', canonical: r.name }), seen.push('phrase:pers:' + words.join(' '));
    flag(words[words.length - 1], 'family'), seen.push('family:' + words[words.length - 1]);
  }
  for (const r of resources.load(MORE_GIVEN_NAMES)) {
    for (const core of coresOf(r.name, freq)) flag(core, 'first2'), seen.push('first2:' + core);
  }
  for (const r of resources.load(PLACES)) {
    if (!(PLACE_KINDS as readonly string[]).includes(r.kind)) throw new ResourceError(PLACES.file, r.line, `kind must be one of ${PLACE_KINDS.join(', ')}`);
    const words = coresOf(r.name, freq);
    const entry: PhraseEntry = { words, kind: r.kind, canonical: r.canonical || r.name, info: r.country || undefined };
    places.add(entry);
    if (words.length === 1) flag(words[0], 'place:' + r.kind), seen.push(`place:${r.kind}:${words[0]}`);
    else phrases.add({ ...entry, kind: 'place' }), seen.push('phrase:place:' + words.join(' '));
  }
  for (const r of resources.load(GROUPS)) {
    if (r.kind !== 'group' && r.kind !== 'military') throw new ResourceError(GROUPS.file, r.line, 'kind must be group or military');
    const words = coresOf(r.alias, freq);
    const entry: PhraseEntry = { words, kind: r.kind, canonical: r.canonical, ambiguous: r.flags === 'ambiguous' };
    groups.add(entry);
    if (words.length === 1) flag(words[0], 'group'), seen.push('group:' + words[0]);
    else phrases.add({ ...entry, kind: 'org' }), seen.push('phrase:org:' + words.join(' '));
  }
  for (const r of resources.load(ORGANIZATIONS)) {
    const words = coresOf(r.alias, freq);
    const entry: PhraseEntry = { words, kind: 'org', canonical: r.canonical };
    organizations.add(entry);
    if (words.length === 1) flag(words[0], 'org'), seen.push('org:' + words[0]);
    else phrases.add(entry), seen.push('phrase:org:' + words.join(' '));
  }
  for (const r of resources.load(MISC_NAMES)) {
    const words = coresOf(r.name, freq);
    if (words.length === 1) flag(words[0], 'misc:' + r.kind), seen.push(`misc:${r.kind}:${words[0]}`);
    else phrases.add({ words, kind: 'misc', canonical: r.name }), seen.push('phrase:misc:' + words.join(' '));
  }
  for (const r of resources.load(CLUBS_COMPANIES)) {
    const words = coresOf(r.name, freq);
    if (words.length === 1) flag(words[0], 'orgx:' + r.kind), seen.push(`orgx:${r.kind}:${words[0]}`);
    else phrases.add({ words, kind: 'orgx:' + r.kind, canonical: r.name }), seen.push(`phrase:orgx:${r.kind}:` + words.join(' '));
  }
  const keywords = new Map<string, KeywordKind[]>();
  for (const r of resources.load(KEYWORDS)) {
    if (!(KEYWORD_KINDS as readonly string[]).includes(r.kind)) throw new ResourceError(KEYWORDS.file, r.line, `kind must be one of ${KEYWORD_KINDS.join(', ')}`);
    const words = coresOf(r.word, freq);
    if (words.length !== 1) throw new ResourceError(KEYWORDS.file, r.line, 'a keyword is one word');
    const base = words[0].startsWith('ال') && words[0].length > 3 ? words[0].slice(2) : words[0];
    const kinds = keywords.get(base) ?? [];
    if (!kinds.includes(r.kind as KeywordKind)) kinds.push(r.kind as KeywordKind);
    keywords.set(base, kinds);
    seen.push(`kw:${r.kind}:${base}`);
  }
  const nationalities = new Map<string, { country: string; iso: string }>();
  for (const r of resources.load(NATIONALITIES)) {
    const words = coresOf(r.adjective, freq);
    if (words.length !== 1) throw new ResourceError(NATIONALITIES.file, r.line, 'an adjective is one word');
    nationalities.set(nationalityStems(words[0])[0], { country: r.country, iso: r.iso });
    seen.push('nat:' + words[0]);
  }
  // adjectives of cities and regions (فاس → الفاسي، تطوان → التطواني، الجديدة → الجديدي،
  // سلا → السلاوي): sports clubs are named so (المغرب الفاسي، الكوكب المراكشي)
  for (const [first, entries] of places.byFirst) {
    if (!entries.some((e) => e.words.length === 1 && (e.kind === 'city' || e.kind === 'capital' || e.kind === 'region'))) continue;
    let base = first.startsWith('ال') ? first.slice(2) : first;
    if (base.endsWith('ه')) base = base.slice(0, -1);
    if (base.length < 3) continue;
    const stems = /اء?$/.test(base) ? [base.replace(/اء?$/, '') + 'او'] : [base];
    for (const stem of stems) {
      if (nationalities.has(stem + 'ي')) continue;
      for (const nisba of ['ال' + stem + 'ي', 'ال' + stem + 'يه']) {
        if (flags.has(nisba) || (freq.get(nisba) ?? 0) > 300) continue;
        flag(nisba, 'citynisba'), seen.push('citynisba:' + nisba);
      }
    }
  }
  seen.sort();
  let h = 0;
  for (const s of seen) h = hashString(s, h);
  return { flags, phrases, places, groups, organizations, keywords, nationalities, fingerprint: h.toString(16).padStart(8, '0') };
}

type NationalityCache = TwoGenerationCache<string, { country: string; iso: string } | null>;
const nationalityCache = new WeakMap<NerLexicon, NationalityCache>();

/** The nationality an adjective names, if any: الإسرائيلية → إسرائيل. */
export function nationalityOf(core: string, lexicon: NerLexicon): { country: string; iso: string } | null {
  // asked per token: the last lexicon's cache is at hand without the WeakMap look-up
  let cache = lexicon === lastLexicon ? lastCache! : nationalityCache.get(lexicon);
  // (two generations, not a map cleared when full: the words asked about all the time stay)
  if (!cache) nationalityCache.set(lexicon, (cache = new TwoGenerationCache(50_000)));
  lastLexicon = lexicon;
  lastCache = cache;
  let hit = cache.get(core);
  if (hit === undefined) {
    hit = null;
    for (const stem of nationalityStems(core)) if ((hit = lexicon.nationalities.get(stem) ?? null)) break;
    cache.set(core, hit);
  }
  return hit;
}
let lastLexicon: NerLexicon | null = null;
let lastCache: NationalityCache | null = null;

// Word forms the gazetteer matches on, and the cue words around place names.
//
// A gazetteer name and a text token meet on a "word key": the folded form
// (normalizeWord: أ إ آ → ا, ى → ي, ة → ه) with a leading article dropped, so
// الأنبار, بالأنبار and أنبار all meet on انبار. A phrase key is its word keys
// joined by single spaces: "قاعدة عين الأسد" → "قاعده عين اسد".
import { ResourceError, parseTsv, type ResourceLoader, type ResourceSpec } from '../resources/spec.js';
import { normalizeWord } from '../stages/normalize.js';
import type { Token } from '../types.js';

const ARABIC_OR_LATIN_RUN = /[\u0621-\u064A\u0671-\u06D3A-Za-z0-9]+/g;

/** The key of one folded word: the article dropped when at least two letters remain (الاسد → اسد). */
export function wordKey(fold: string): string {
  if (fold.length >= 4 && fold.startsWith('ال')) return fold.slice(2);
  return fold;
}

/** The folded words of a phrase written in ordinary spelling. */
export function phraseWords(phrase: string): string[] {
  return normalizeWord(phrase).match(ARABIC_OR_LATIN_RUN) ?? [];
}

/** The key of a phrase written in ordinary spelling: "محافظة الأنبار" → "محافظه انبار". */
export function phraseKey(phrase: string): string {
  return phraseWords(phrase).map(wordKey).join(' ');
}

export interface WordForm {
  /** The word key to look up. */
  key: string;
  /** How many leading letters of the folded token were proclitics (و ب ل ك ف), not part of the name. */
  skip: number;
  /** Whether the form carried the article. */
  article: boolean;
}

/**
 * The keys a (first) token of a place name may stand for, least stripped first:
 * وبالموصل → موصل (skip 2), للموصل → موصل (skip 2: ل + the article's ل), بغداد → بغداد
 * before غداد. The article and what precedes it (وال، بال، لل) are always split off.
 * A lone conjunction or preposition (و ف ب ل ك) is split off only when the tokenizer
 * split it (`split`) or the whole word is rare (`rare`): بمندلي → مندلي, but بلد
 * ("country") stays بلد and never becomes اللد (Lod).
 */
export function wordForms(fold: string, base?: string, split?: readonly string[], rare = false): WordForm[] {
  const forms: WordForm[] = [];
  const seen = new Set<string>();
  const add = (rest: string, skip: number) => {
    if (rest.length < 2) return;
    const article = rest.length >= 4 && rest.startsWith('ال');
    const key = wordKey(rest);
    if (seen.has(key)) return;
    seen.add(key);
    forms.push({ key, skip, article });
  };
  add(fold, 0);
  const mayStrip = (letter: string, rest: string) => rare || (split?.includes(letter) ?? false) || /^(ال|لل)/.test(rest);
  let rest = fold;
  let skip = 0;
  if (/^[وف]/.test(rest) && rest.length >= 4 && mayStrip(rest[0], rest.slice(1))) {
    rest = rest.slice(1);
    skip = 1;
    add(rest, skip);
  }
  if (rest.startsWith('لل') && rest.length >= 4) {
    // ل + ال with the alef dropped: للموصل is ل + الموصل
    const key = rest.slice(2);
    if (key.length >= 2 && !seen.has(key)) {
      seen.add(key);
      forms.push({ key, skip: skip + 2, article: true });
    }
  }
  if (/^[بلك]/.test(rest) && rest.length >= 4 && mayStrip(rest[0], rest.slice(1))) add(rest.slice(1), skip + 1);
  if (base && base.length >= 2 && !seen.has(base) && split?.length) {
    // the tokenizer's own analysis (it also strips enclitics): trust it last
    const at = fold.indexOf(base);
    const prefix = at > 0 ? fold.slice(0, at) : '';
    const article = prefix.endsWith('ال') || prefix.endsWith('لل');
    seen.add(base);
    forms.push({ key: base, skip: prefix.endsWith('ال') ? prefix.length - 2 : prefix.length, article });
  }
  return forms;
}

/**
 * wordForms for a token of the text (its own clitic analysis, and how rare its
 * word is). Cached per analysis: the tokenizer hands every token of the same
 * folded form the same analysis (its prefixes array), so the forms are worked
 * out once per distinct word, not once per token; the cached fold is compared
 * to be safe when the analysis objects are not shared.
 */
export function tokenForms(token: Token, freq: ReadonlyMap<string, number>): WordForm[] {
  const cached = formCache.get(token.prefixes);
  if (cached && cached.fold === token.fold) return cached.forms;
  const forms = wordForms(token.fold, token.base, token.prefixes, (freq.get(token.fold) ?? 0) <= RARE_WORD);
  formCache.set(token.prefixes, { fold: token.fold, forms });
  return forms;
}
const formCache = new WeakMap<readonly string[], { fold: string; forms: WordForm[] }>();
const FORM_CACHE_LIMIT = 200_000;
/** A word seen this rarely in the news corpus is more likely a clitic + a name than a word of its own. */
const RARE_WORD = 20;

/** The key of a token that continues a phrase (no proclitics expected, the article is dropped). */
export function continuationKey(token: Token): string {
  return wordKey(token.fold);
}

// ------------------------------------------------------------------ cues

export type CueRole =
  | 'head-admin1' | 'head-district' | 'head-town' | 'head-site' | 'direction' | 'centre' | 'vicinity'
  | 'countryside' | 'distance-unit' | 'capital' | 'this-country' | 'filler';
const CUE_ROLES: readonly CueRole[] = [
  'head-admin1', 'head-district', 'head-town', 'head-site', 'direction', 'centre', 'vicinity',
  'countryside', 'distance-unit', 'capital', 'this-country', 'filler',
];

/** ar/geo/cues.tsv: word key → role. */
export const GEO_CUES: ResourceSpec<Map<string, CueRole>> = {
  file: 'ar/geo/cues.tsv',
  parse(raw, file) {
    const { rows } = parseTsv(raw, file, 2);
    const map = new Map<string, CueRole>();
    for (const { line, cells } of rows) {
      const role = cells[1] as CueRole;
      if (!CUE_ROLES.includes(role)) throw new ResourceError(file, line, `unknown role "${cells[1]}" (${CUE_ROLES.join(', ')})`);
      const key = phraseKey(cells[0]);
      if (!key || key.includes(' ')) throw new ResourceError(file, line, `a cue is one word, found "${cells[0]}"`);
      map.set(key, role);
    }
    return map;
  },
};

export function geoCues(resources: ResourceLoader): Map<string, CueRole> {
  return resources.load(GEO_CUES);
}

/** A cue word's role, for a token that may carry a conjunction or preposition (وشمال, بريف). */
export function cueOf(cues: ReadonlyMap<string, CueRole>, fold: string): CueRole | undefined {
  let cache = cueCache.get(cues);
  if (!cache) cueCache.set(cues, (cache = new Map()));
  const known = cache.get(fold);
  if (known !== undefined) return known || undefined;
  let found: CueRole | '' = '';
  for (const form of wordForms(fold, undefined, undefined, true)) {
    const role = cues.get(form.key);
    if (role) {
      found = role;
      break;
    }
  }
  if (cache.size >= FORM_CACHE_LIMIT) cache.clear();
  cache.set(fold, found);
  return found || undefined;
}
const cueCache = new WeakMap<ReadonlyMap<string, CueRole>, Map<string, CueRole | ''>>();

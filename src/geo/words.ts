// Word forms the gazetteer matches on, and the cue words around place names.
//
// A gazetteer name and a text token meet on a "word key": the folded form
// (normalizeWord: أ إ آ → ا, ى → ي, ة → ه) with a leading article dropped, so
// الأنبار, بالأنبار and أنبار all meet on انبار. A phrase key is its word keys
// joined by single spaces: "قاعدة عين الأسد" → "قاعده عين اسد".
import { ResourceError, parseTsv, type ResourceLoader, type ResourceSpec } from '../resources/spec.js';
import { normalizeWord } from '../stages/normalize.js';
import type { Token } from '../types.js';
import type { WordCounts } from '../resources/packed.js';

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
  // runs once per distinct word of the text: plain loops and character tests, no Set or regular expression
  const forms: WordForm[] = [];
  const seen: string[] = []; // the keys so far (at most four)
  const add = (rest: string, skip: number) => {
    if (rest.length < 2) return;
    const article = rest.length >= 4 && rest.startsWith('ال');
    const key = wordKey(rest);
    if (seen.includes(key)) return;
    seen.push(key);
    forms.push({ key, skip, article });
  };
  add(fold, 0);
  // the article (ال, or لل) after the letter: the letter is always a clitic
  const mayStrip = (letter: string, rest: string) => rare || (split?.includes(letter) ?? false) || rest.startsWith('ال') || rest.startsWith('لل');
  let rest = fold;
  let skip = 0;
  if ((rest[0] === 'و' || rest[0] === 'ف') && rest.length >= 4 && mayStrip(rest[0], rest.slice(1))) {
    rest = rest.slice(1);
    skip = 1;
    add(rest, skip);
  }
  if (rest.startsWith('لل') && rest.length >= 4) {
    // ل + ال with the alef dropped: للموصل is ل + الموصل
    const key = rest.slice(2);
    if (key.length >= 2 && !seen.includes(key)) {
      seen.push(key);
      forms.push({ key, skip: skip + 2, article: true });
    }
  }
  if ((rest[0] === 'ب' || rest[0] === 'ل' || rest[0] === 'ك') && rest.length >= 4 && mayStrip(rest[0], rest.slice(1))) add(rest.slice(1), skip + 1);
  if (base && base.length >= 2 && !seen.includes(base) && split?.length) {
    // the tokenizer's own analysis (it also strips enclitics): trust it last
    const at = fold.indexOf(base);
    const prefix = at > 0 ? fold.slice(0, at) : '';
    const article = prefix.endsWith('ال') || prefix.endsWith('لل');
    seen.push(base);
    forms.push({ key: base, skip: prefix.endsWith('ال') ? prefix.length - 2 : prefix.length, article });
  }
  return forms;
}

/**
 * wordForms for a token of the text (its own clitic analysis, and how rare its
 * word is). Not cached here: its one caller, the gazetteer scan, keeps what it
 * derives from the forms once per distinct word.
 */
export function tokenForms(token: Token, freq: WordCounts): WordForm[] {
  return wordForms(token.fold, token.base, token.prefixes, (freq.get(token.fold) ?? 0) <= RARE_WORD);
}
/** A word seen this rarely in the news corpus is more likely a clitic + a name than a word of its own. */
const RARE_WORD = 20;

/** The key of a token that continues a phrase (no proclitics expected, the article is dropped). */
export function continuationKey(token: Token): string {
  return wordKey(token.fold);
}

// ------------------------------------------------------------------ cues

const CUE_ROLES = [
  'head-admin1', 'head-district', 'head-town', 'head-site', 'direction', 'centre', 'vicinity',
  'countryside', 'distance-unit', 'capital', 'this-country', 'filler', 'not-a-place',
] as const;
export type CueRole = (typeof CUE_ROLES)[number];

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
  const found = findCue(cues, fold);
  if (cache.size >= CUE_CACHE_LIMIT) cache.clear();
  cache.set(fold, found ?? '');
  return found;
}

/** cueOf without its cache (for callers that keep the answer themselves). */
export function findCue(cues: ReadonlyMap<string, CueRole>, fold: string): CueRole | undefined {
  for (const form of wordForms(fold, undefined, undefined, true)) {
    const role = cues.get(form.key);
    if (role) return role;
  }
  return undefined;
}
const cueCache = new WeakMap<ReadonlyMap<string, CueRole>, Map<string, CueRole | ''>>();
const CUE_CACHE_LIMIT = 200_000;

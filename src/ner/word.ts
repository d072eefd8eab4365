// The forms of one word that the entity tagger looks at. ANERcorp tokens (for
// training and `rasd tag --format conll`) and pipeline tokens go through the
// same functions, so training and tagging compute the same features.
import { foldArabic, normalizeText } from '../stages/normalize.js';
import { analyzeWord, type WordAnalysis } from '../stages/tokenize.js';
import type { Token } from '../types.js';
import type { WordCounts } from '../resources/packed.js';

export interface WordForms {
  /** Surface as written, cleaned (no harakat/tatweel). */
  norm: string;
  /** Folded matching form: أ إ آ → ا, ى → ي, ة → ه. */
  fold: string;
  /** Proclitics split off, e.g. وبالعراق → [و, ب, ال]. */
  prefixes: string[];
  /** Without clitics: وبالعراق → عراق. */
  base: string;
  suffixes: string[];
  stem: string;
  /** Article kept, conjunction/preposition dropped: وبالعراق → العراق, ولبنان → لبنان. */
  core: string;
}

/** The article-keeping core of an analysed word: للقوات (ل + ال + قوات) → القوات. */
export function coreOf(a: Pick<WordAnalysis, 'prefixes' | 'base'>): string {
  return a.prefixes.includes('ال') ? 'ال' + a.base : a.base;
}

/** Forms of a pipeline token (already normalized and analysed by tokenize). */
export function formsOfToken(t: Token): WordForms {
  return { norm: t.norm, fold: t.fold, prefixes: t.prefixes, base: t.base, suffixes: t.suffixes, stem: t.stem, core: coreOf(t) };
}

const ARABIC_WORD = /^[\u0621-\u064A\u0671-\u06D3]+$/;

/**
 * Forms of a raw whitespace token (an ANERcorp line). Words that normalize to
 * Arabic letters only are analysed as tokenize does; anything else (numbers,
 * Latin, punctuation, mixed tokens such as "(د") keeps its folded form whole.
 */
export function formsOfRaw(raw: string, freq: WordCounts, cache?: Map<string, WordForms>): WordForms {
  const hit = cache?.get(raw);
  if (hit) return hit;
  // all character steps; split-glued needs a whole text and is left out
  const norm = normalizeText(raw).text;
  const fold = foldArabic(norm);
  let forms: WordForms;
  if (ARABIC_WORD.test(fold)) {
    const a = analyzeWord(fold, freq);
    forms = { norm, fold, prefixes: a.prefixes, base: a.base, suffixes: a.suffixes, stem: a.stem, core: coreOf(a) };
  } else {
    const lower = fold.toLowerCase();
    forms = { norm, fold, prefixes: [], base: lower, suffixes: [], stem: lower, core: lower };
  }
  if (cache) {
    if (cache.size > 200_000) cache.clear();
    cache.set(raw, forms);
  }
  return forms;
}

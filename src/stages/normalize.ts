// normalize: the cleaned text and its matching form, with a map back to the
// original. Named steps, as in CAMeL Tools, applied in this order:
//   nfkc             presentation forms to letters: ﻻ → لا, ﺑ → ب
//   strip-harakat    short vowels, shadda, sukun, dagger alef: مُحَمَّد → محمد
//   strip-tatweel    the kashida: الـمـوصـل → الموصل, بـ"داعش" → ب"داعش"
//   strip-invisible  bidi and zero-width marks (RLM, ZWNJ, BOM, soft hyphen)
//   ascii-digits     ٢٠٢٤ and Persian ۲۰۲۴ → 2024; ٫ → .
//   persian-letters  ی → ي, ک → ك (Persian keyboards in Arabic text)
//   split-glued      words glued together by scraping: الولاياتالمتحدةوالعراق →
//                    الولايات المتحدة والعراق (only where a lexicon knows every part)
// The matching form (`fold`) then unifies letters that spelling varies on:
//   أ إ آ ٱ → ا,  ى → ي,  ة → ه,  ؤ → و,  ئ → ي
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, NormalizedText } from '../types.js';
import { wordFrequencies } from '../resources/lexicons.js';
import type { WordCounts } from '../resources/packed.js';

export const NORMALIZE_STEPS = [
  'nfkc',
  'strip-harakat',
  'strip-tatweel',
  'strip-invisible',
  'ascii-digits',
  'persian-letters',
  'split-glued',
] as const;
export type NormalizeStep = (typeof NORMALIZE_STEPS)[number];

const HARAKAT = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]/;
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** What each character step does to one UTF-16 code unit; null means "leave it". */
const CHAR_STEPS: Record<Exclude<NormalizeStep, 'split-glued'>, (ch: string) => string | null> = {
  nfkc: (ch) => {
    const n = ch.normalize('NFKC');
    return n === ch ? null : n;
  },
  'strip-harakat': (ch) => (HARAKAT.test(ch) ? '' : null),
  'strip-tatweel': (ch) => (ch === '\u0640' ? '' : null),
  'strip-invisible': (ch) => (INVISIBLE.test(ch) ? '' : null),
  'ascii-digits': (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0x0660 && c <= 0x0669) return String(c - 0x0660);
    if (c >= 0x06f0 && c <= 0x06f9) return String(c - 0x06f0);
    if (ch === '\u066B') return '.'; // Arabic decimal separator
    if (ch === '\u066C') return ','; // Arabic thousands separator
    return null;
  },
  'persian-letters': (ch) => (ch === '\u06CC' ? 'ي' : ch === '\u06A9' ? 'ك' : null),
};

const FOLD: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي' };

/** The matching form of a string that is already clean: same length, letters folded. */
export function foldArabic(s: string): string {
  return s.replace(FOLDED_LETTERS, (ch) => FOLD[ch]);
}
const FOLDED_LETTERS = /[أإآٱىةؤئ]/g;

/** FOLD per UTF-16 code unit (identity elsewhere), for folding a buffer in the same pass that cleans it. */
const FOLD_UNIT = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) FOLD_UNIT[c] = c;
for (const [from, to] of Object.entries(FOLD)) FOLD_UNIT[from.charCodeAt(0)] = to.charCodeAt(0);

/** Original offset of a normalized position (inside a token), or `fallback` where there is no map. */
export function originalOffset(norm: NormalizedText | undefined, nPos: number, fallback: number): number {
  if (!norm || nPos >= norm.origStart.length) return fallback;
  return norm.origStart[nPos];
}

/** Clean and fold a short string (a lexicon entry, a user query) without offsets. */
export function normalizeWord(s: string): string {
  return cleanChars(s, CHAR_STEP_ORDER).fold;
}

const CHAR_STEP_ORDER = NORMALIZE_STEPS.filter((s): s is Exclude<NormalizeStep, 'split-glued'> => s !== 'split-glued');

// Per-code-unit results of the character steps, computed once per step list.
const tableCache = new Map<string, (string | undefined)[]>();
function charTable(steps: readonly string[]): (string | undefined)[] {
  // keyed by the steps that act on characters: normalizeText's list (with split-glued) and normalizeWord's share one table
  const charSteps = steps.filter((step) => CHAR_STEPS[step as keyof typeof CHAR_STEPS] !== undefined);
  const key = charSteps.join(',');
  let table = tableCache.get(key);
  if (table) return table;
  const fns = charSteps.map((step) => CHAR_STEPS[step as keyof typeof CHAR_STEPS]);
  table = new Array<string | undefined>(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves pass through
    const ch = String.fromCharCode(c);
    let out = ch;
    for (const fn of fns) {
      if (out.length === 1) {
        out = fn(out) ?? out; // one code unit (the usual case): no string iterator
        continue;
      }
      let next = '';
      for (const part of out) next += fn(part) ?? part;
      out = next;
    }
    if (out !== ch) table[c] = out;
  }
  tableCache.set(key, table);
  return table;
}

interface Cleaned {
  text: string;
  /** foldArabic(text). */
  fold: string;
  origStart: Int32Array;
  origEnd: Int32Array;
}

// ignoreBOM: a leading U+FEFF is text here (kept unless strip-invisible removes it), not a byte-order mark to drop
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

// Scratch buffers for cleanChars, reused from call to call (grown when a text is longer):
// the cleaned and the folded code units only live until they are decoded into strings.
const SCRATCH_SIZE = 1 << 16;
/** A scratch buffer grown beyond this for one huge document is given back afterwards. */
const SCRATCH_KEEP = 1 << 22;
let scratchUnits = new Uint16Array(SCRATCH_SIZE);
let scratchFolded = new Uint16Array(SCRATCH_SIZE);
let scratchOrigin = new Int32Array(SCRATCH_SIZE);

function growScratch(capacity: number): void {
  const units = new Uint16Array(capacity);
  units.set(scratchUnits);
  scratchUnits = units;
  const folded = new Uint16Array(capacity);
  folded.set(scratchFolded);
  scratchFolded = folded;
  const origin = new Int32Array(capacity);
  origin.set(scratchOrigin);
  scratchOrigin = origin;
}

// One pass over UTF-16 code units into typed buffers, cleaning and folding at
// once: this runs on every character of every document, so it allocates no
// string per character, and no new string at all for a text that is already clean.
function cleanChars(text: string, steps: readonly string[]): Cleaned {
  const table = charTable(steps);
  const n = text.length;
  if (scratchUnits.length < n + 16) growScratch(n + 16);
  let units = scratchUnits;
  let folded = scratchFolded;
  let origin = scratchOrigin;
  let k = 0;
  let changed = false; // did any step change a unit?
  let foldChanged = false; // does folding change a unit?
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    const mapped = table[unit];
    if (mapped === undefined) {
      if (k === units.length) {
        growScratch(2 * units.length);
        units = scratchUnits;
        folded = scratchFolded;
        origin = scratchOrigin;
      }
      const f = FOLD_UNIT[unit];
      if (f !== unit) foldChanged = true;
      else if ((unit & 0xf800) === 0xd800) changed = foldChanged = true; // decoding turns a lone surrogate into U+FFFD
      units[k] = unit;
      folded[k] = f;
      origin[k] = i;
      k++;
    } else {
      changed = true;
      if (k + mapped.length > units.length) {
        growScratch(2 * (k + mapped.length));
        units = scratchUnits;
        folded = scratchFolded;
        origin = scratchOrigin;
      }
      for (let m = 0; m < mapped.length; m++) {
        const u = mapped.charCodeAt(m);
        const f = FOLD_UNIT[u];
        if (f !== u) foldChanged = true;
        units[k] = u;
        folded[k] = f;
        origin[k] = i;
        k++;
      }
    }
  }
  const clean = changed ? UTF16.decode(units.subarray(0, k)) : text;
  const fold = foldChanged ? UTF16.decode(folded.subarray(0, k)) : clean;
  // every output unit comes from exactly one input unit, i → [i, i + 1)
  const origStart = origin.slice(0, k);
  const origEnd = new Int32Array(k);
  for (let j = 0; j < k; j++) origEnd[j] = origStart[j] + 1;
  if (scratchUnits.length > SCRATCH_KEEP) {
    scratchUnits = new Uint16Array(SCRATCH_SIZE);
    scratchFolded = new Uint16Array(SCRATCH_SIZE);
    scratchOrigin = new Int32Array(SCRATCH_SIZE);
  }
  return { text: clean, fold, origStart, origEnd };
}

const ARTICLE_START = /^[وفبك]?ال|^لل/;
const MIN_PART_COUNT = 20;
const INNER_SEAM = /[ةى]./;
const INNER_ARTICLE = /.(ال|لل)/;

/**
 * Split a folded letter run that the lexicon does not know into known words,
 * where every boundary is marked by the spelling itself: the left part ends in
 * ة/ى (letters that only end words) or the right part starts with the article.
 * Returns the cut positions, or [] when no such split exists.
 * Example: الولاياتالمتحدهوالعراق → [8, 15] (الولايات | المتحده | والعراق).
 */
export function gluedSplits(clean: string, folded: string, freq: WordCounts): number[] {
  if ((freq.get(folded) ?? 0) >= 2) return [];
  // without a seam the spelling can show (a ة/ى inside, the article inside) there is nothing to split
  if (!INNER_SEAM.test(clean) && !INNER_ARTICLE.test(folded)) return [];
  return bestSplit(clean, folded, freq);
}

/** gluedSplits once the word is known to be rare and to show a seam. */
function bestSplit(clean: string, folded: string, freq: WordCounts): number[] {
  const n = folded.length;
  // best[i]: best score of a split of folded[0, i); cut[i]: where its last part starts
  const best = new Array<number>(n + 1).fill(-Infinity);
  const cut = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let end = 2; end <= n; end++) {
    for (let start = Math.max(0, end - 20); start <= end - 2; start++) {
      if (best[start] === -Infinity) continue;
      if (start === 0 && end === n) continue; // the whole word is not a split
      const count = freq.get(folded.slice(start, end)) ?? 0;
      if (count < MIN_PART_COUNT) continue;
      if (start > 0) {
        const leftEndsWord = /[ةى]/.test(clean[start - 1]);
        if (!leftEndsWord && !ARTICLE_START.test(folded.slice(start, end))) continue;
      }
      const score = best[start] + Math.log(count) - 10; // fewer parts preferred
      if (score > best[end]) {
        best[end] = score;
        cut[end] = start;
      }
    }
  }
  if (best[n] === -Infinity) return [];
  const cuts: number[] = [];
  for (let i = cut[n]; i > 0; i = cut[i]) cuts.unshift(i);
  return cuts;
}

const TA_MARBUTA = 0x0629; // ة
const ALEF_MAQSURA = 0x0649; // ى
const ALEF = 0x0627; // ا
const LAM = 0x0644; // ل
const MIN_GLUED_LENGTH = 6;

function isArabicLetter(c: number): boolean {
  return (c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3);
}

/**
 * Where split-glued inserts spaces: gluedSplits over every Arabic letter run of
 * six letters or more. The cheap test for a seam (INNER_SEAM, INNER_ARTICLE)
 * is done on the code units, so that only runs that show one are cut out as
 * strings and looked up.
 */
function gluedInserts(clean: string, fold: string, freq: WordCounts): number[] {
  const inserts: number[] = [];
  const n = fold.length;
  let i = 0;
  while (i < n) {
    if (!isArabicLetter(fold.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let seam = false;
    for (; i < n; i++) {
      const c = fold.charCodeAt(i);
      if (!isArabicLetter(c)) break;
      if (seam || i + 1 >= n) continue;
      const next = fold.charCodeAt(i + 1);
      if (!isArabicLetter(next)) continue;
      const cleanUnit = clean.charCodeAt(i);
      // INNER_SEAM: ة/ى with a letter after it; INNER_ARTICLE: ال or لل after the first letter
      if (cleanUnit === TA_MARBUTA || cleanUnit === ALEF_MAQSURA || (i > start && next === LAM && (c === ALEF || c === LAM))) seam = true;
    }
    if (!seam || i - start < MIN_GLUED_LENGTH) continue;
    const folded = fold.slice(start, i);
    if ((freq.get(folded) ?? 0) >= 2) continue;
    for (const c of bestSplit(clean.slice(start, i), folded, freq)) inserts.push(start + c);
  }
  return inserts;
}

export function normalizeText(text: string, steps: readonly string[] = NORMALIZE_STEPS, freq?: WordCounts): NormalizedText {
  let { text: clean, fold, origStart, origEnd } = cleanChars(text, steps);
  if (freq && steps.includes('split-glued')) {
    const inserts = gluedInserts(clean, fold, freq);
    if (inserts.length) {
      const s: number[] = [];
      const e: number[] = [];
      let out = '';
      let prev = 0;
      for (const at of inserts) {
        out += clean.slice(prev, at) + ' ';
        for (let k = prev; k < at; k++) s.push(origStart[k]), e.push(origEnd[k]);
        s.push(origStart[at]); // the inserted space is empty in the original
        e.push(origStart[at]);
        prev = at;
      }
      out += clean.slice(prev);
      for (let k = prev; k < clean.length; k++) s.push(origStart[k]), e.push(origEnd[k]);
      clean = out;
      origStart = Int32Array.from(s);
      origEnd = Int32Array.from(e);
      fold = foldArabic(clean);
    }
  }
  return { text: clean, fold, origStart, origEnd, steps: [...steps] };
}

/** Original span of normalized range [nStart, nEnd). */
export function toOriginal(norm: NormalizedText, nStart: number, nEnd: number): { start: number; end: number } {
  if (nEnd <= nStart) {
    const at = nStart < norm.origStart.length ? norm.origStart[nStart] : (norm.origEnd[norm.origEnd.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: norm.origStart[nStart], end: norm.origEnd[nEnd - 1] };
}

export const normalize = defineStage({
  name: 'normalize',
  requires: [],
  adds: ['norm'],
  run(doc: Doc, ctx: Context): Doc {
    const steps = ctx.options.normalizeSteps ?? NORMALIZE_STEPS;
    const freq = steps.includes('split-glued') ? wordFrequencies(ctx.resources) : undefined;
    return { ...doc, norm: normalizeText(doc.text, steps, freq) };
  },
});

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

/** Clean and fold a short string (a lexicon entry, a user query) without offsets. */
export function normalizeWord(s: string): string {
  return foldArabic(cleanChars(s, CHAR_STEP_ORDER).text);
}

const CHAR_STEP_ORDER = NORMALIZE_STEPS.filter((s): s is Exclude<NormalizeStep, 'split-glued'> => s !== 'split-glued');

// Per-code-unit results of the character steps, computed once per step list.
const tableCache = new Map<string, (string | undefined)[]>();
function charTable(steps: readonly string[]): (string | undefined)[] {
  const key = steps.join(',');
  let table = tableCache.get(key);
  if (table) return table;
  table = new Array<string | undefined>(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves pass through
    const ch = String.fromCharCode(c);
    let out = ch;
    for (const step of steps) {
      const fn = CHAR_STEPS[step as keyof typeof CHAR_STEPS];
      if (!fn) continue;
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
  origStart: Int32Array;
  origEnd: Int32Array;
}

const UTF16 = new TextDecoder('utf-16le');

// One pass over UTF-16 code units into typed buffers: this runs on every
// character of every document, so it allocates three arrays, not a string a char.
function cleanChars(text: string, steps: readonly string[]): Cleaned {
  const table = charTable(steps);
  let capacity = text.length + 16;
  let units = new Uint16Array(capacity);
  let origStart = new Int32Array(capacity);
  let origEnd = new Int32Array(capacity);
  let k = 0;
  const push = (unit: number, i: number) => {
    if (k === capacity) {
      capacity *= 2;
      const u = new Uint16Array(capacity);
      u.set(units);
      units = u;
      const a = new Int32Array(capacity);
      a.set(origStart);
      origStart = a;
      const b = new Int32Array(capacity);
      b.set(origEnd);
      origEnd = b;
    }
    units[k] = unit;
    origStart[k] = i;
    origEnd[k] = i + 1;
    k++;
  };
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const mapped = table[unit];
    if (mapped === undefined) push(unit, i);
    else for (let m = 0; m < mapped.length; m++) push(mapped.charCodeAt(m), i);
  }
  return { text: UTF16.decode(units.subarray(0, k)), origStart: origStart.slice(0, k), origEnd: origEnd.slice(0, k) };
}

const ARABIC_RUN = /[\u0621-\u064A\u0671-\u06D3]{6,}/g;
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
export function gluedSplits(clean: string, folded: string, freq: ReadonlyMap<string, number>): number[] {
  if ((freq.get(folded) ?? 0) >= 2) return [];
  // without a seam the spelling can show (a ة/ى inside, the article inside) there is nothing to split
  if (!INNER_SEAM.test(clean) && !INNER_ARTICLE.test(folded)) return [];
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

export function normalizeText(text: string, steps: readonly string[] = NORMALIZE_STEPS, freq?: ReadonlyMap<string, number>): NormalizedText {
  const cleaned = cleanChars(text, steps);
  let { text: clean, origStart, origEnd } = cleaned;
  let fold = foldArabic(clean);
  if (steps.includes('split-glued') && freq) {
    const inserts: number[] = [];
    for (const m of fold.matchAll(ARABIC_RUN)) {
      const at = m.index ?? 0;
      for (const c of gluedSplits(clean.slice(at, at + m[0].length), m[0], freq)) inserts.push(at + c);
    }
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

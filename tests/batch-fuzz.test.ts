// Adversarial input for the whole pipeline, called as the batch calls it
// (processDoc): random Unicode never crashes a command, every span's offsets
// stay inside the text and slice to the span's text, and time grows linearly
// with the size of pathological documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext, processDoc, type Command } from '../src/index.js';
import type { Doc } from '../src/types.js';

const ctx = createContext();

// Characters that stress Arabic text handling: letters, hamza forms, harakat,
// shadda, dagger alef, kashida, Arabic-Indic and Persian digits, Arabic
// punctuation, bidi and zero-width marks, presentation forms, Persian letters,
// Latin, emoji (surrogate pairs), lone surrogates, NUL, newlines.
const PIECES = [
  ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى',
  ...'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640',
  ...'٠١٢٣٤٥٦٧٨٩۰۱۲۳0123456789',
  ...'،؛؟.!:«»"\'()[]-–—/\\%٪٫٬',
  ...'\u200B\u200C\u200D\u200E\u200F\u202B\u202C\u2066\u2069\uFEFF\u00AD',
  ...'ﻻﺑﷲپچژگکی',
  ' ', '  ', '\n', '\r\n', '\t', '\u00A0', '\u0000',
  'a', 'Z', 'é', '😀', '🇮🇶', '\uD800', '\uDFFF',
  // words the stages look for, so the generator reaches past tokenization
  'هجوم', 'قتل', 'صاروخ', 'بغداد', 'داعش', 'أمس', 'الاثنين', 'يوليو', '2015', 'جنود', 'انفجار', 'استهدف', 'في', 'على', 'و', 'ال',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(''));
const anyUnicode = fc.string({ unit: 'binary', maxLength: 200 });
const date = fc.option(fc.constantFrom('2015-07-21', '2024-02-29', '1999-12-31'), { nil: null });

/** Every span of a processed doc: [what, start, end, expected text or null]. */
function spans(doc: Doc): [string, number, number, string | null][] {
  const out: [string, number, number, string | null][] = [];
  for (const t of doc.tokens ?? []) out.push(['token', t.start, t.end, t.text]);
  for (const s of doc.sentences ?? []) out.push(['sentence', s.start, s.end, null]);
  for (const e of doc.entities ?? []) out.push(['entity', e.start, e.end, e.text]);
  for (const t of doc.times ?? []) out.push(['time', t.start, t.end, t.text]);
  for (const ev of doc.events ?? []) {
    for (const a of [...ev.attacker, ...ev.target, ...ev.location]) if (a.start !== undefined && a.end !== undefined) out.push(['actor', a.start, a.end, a.text]);
    for (const w of ev.weapon) if (w.start !== undefined && w.end !== undefined) out.push(['weapon', w.start, w.end, w.text]);
    for (const e of ev.evidence) out.push(['evidence', e.start, e.end, e.text]);
    if (ev.time?.start !== undefined && ev.time.end !== undefined) out.push(['event time', ev.time.start, ev.time.end, ev.time.text]);
  }
  return out;
}

function checkSpans(doc: Doc): void {
  for (const [what, start, end, surface] of spans(doc)) {
    const where = `${what} [${start}, ${end}) of a text of ${doc.text.length}`;
    expect(Number.isInteger(start) && Number.isInteger(end), where).toBe(true);
    expect(0 <= start && start <= end && end <= doc.text.length, where).toBe(true);
    if (surface !== null) expect(doc.text.slice(start, end), where).toBe(surface);
  }
}

describe('random Unicode through every command', () => {
  it.each([['normalize'], ['tag'], ['extract']] as [Command][])('%s: no crash; every span inside the text and equal to its slice', (command) => {
    fc.assert(
      fc.property(fc.oneof(text, anyUnicode), date, (t, d) => {
        const doc = processDoc(command, { id: 'fuzz', text: t, date: d }, ctx);
        expect(doc.text).toBe(t);
        checkSpans(doc);
        if (command === 'normalize') {
          const norm = doc.norm!;
          expect(norm.fold.length).toBe(norm.text.length);
          expect(norm.origStart.length).toBe(norm.text.length);
          for (let i = 0; i < norm.text.length; i++) expect(0 <= norm.origStart[i] && norm.origStart[i] <= norm.origEnd[i] && norm.origEnd[i] <= t.length).toBe(true);
        }
      }),
      { numRuns: command === 'normalize' ? 300 : 150 },
    );
  });
});

/** Time of the extract pipeline on `unit` repeated to `size` characters: the best of `runs`. */
function extractTime(unit: string, size: number, runs = 2): number {
  const t = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const doc = processDoc('extract', { id: 'long', text: t }, ctx);
    best = Math.min(best, performance.now() - started);
    checkSpans(doc);
  }
  return best;
}

describe('time grows linearly with megabyte-long adversarial documents', () => {
  processDoc('extract', { id: 'warm-up', text: 'قتل 5 جنود في هجوم صاروخي على قاعدة عين الأسد أمس.' }, ctx); // load resources first

  it.each([
    ['one letter repeated', 'ب'],
    ['punctuation', '،.!؟«»'],
    ['digits', '١٢٣4٫5 '],
    ['kashida', 'ـ'],
    ['diacritics', 'بَّ'],
    ['an article-like mix', 'قُتِلَ ٥ أشخاصٍ في انفـجار، '],
    ['lines without final punctuation', 'قصف بغداد\n'],
  ])('%s: 1 MB within 30× the time of 100 KB', (_, unit) => {
    const small = Math.max(extractTime(unit, 100_000), 5);
    const large = extractTime(unit, 1_000_000, 1);
    expect(large / small).toBeLessThan(30);
  }, 120_000);

  // Known: src/events/mentions.ts clauseAround() walks the whole clause around
  // every trigger, so a clause of N triggers with no punctuation costs N². Kept
  // as an expected failure so that the fix is noticed: remove `.fails` then.
  it.fails('KNOWN super-linear: a run of trigger words without punctuation (5 KB → 50 KB within 30×)', () => {
    const small = Math.max(extractTime('هجوم ', 5_000), 5);
    const large = extractTime('هجوم ', 50_000, 1);
    expect(large / small).toBeLessThan(30);
  }, 120_000);
});

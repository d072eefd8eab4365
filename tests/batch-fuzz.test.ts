// Adversarial input for the whole pipeline, called as the batch calls it
// (processDoc): random Unicode never crashes a command, every span's offsets
// stay inside the text and slice to the span's text, and time grows linearly
// with the size of pathological documents.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, processDoc, type Command } from '../src/index.js';
import type { Doc } from '../src/types.js';
import { ensureBuilt, ROOT } from './cli-helpers.js';

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
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(''));

// Sentence-like text that reaches the later stages (entities, times, events):
// news words with clitics, separated by spaces and punctuation, with an odd
// character (harakat, kashida, zero-width, emoji, lone surrogate) spliced in now and then.
const WORDS = [
  'هجوم', 'هجوماً', 'قتل', 'مقتل', 'أصيب', 'إصابة', 'جنود', 'جنديين', 'مدنيين', 'صاروخ', 'صواريخ', 'صاروخين', 'طائرة', 'مسيرة', 'مسيّرة',
  'انفجار', 'عبوة', 'ناسفة', 'سيارة', 'مفخخة', 'انتحاري', 'استهدف', 'استهدفت', 'قصف', 'غارة', 'قاعدة', 'عين', 'الأسد', 'بغداد',
  'العراق', 'سوريا', 'الأنبار', 'داعش', 'تنظيم', 'الدولة', 'الإسلامية', 'حزب', 'الله', 'أمس', 'اليوم', 'الاثنين', 'الماضي', 'يوليو',
  'تموز', '2015', '٢٠١٥', '5', '١٢', 'خمسة', 'ثلاثة', 'أشخاص', 'في', 'على', 'من', 'إلى', 'قال', 'أعلن', 'أعلنت', 'الجيش', 'الشرطة',
  'مسلحون', 'تبنى', 'مسؤوليته', 'وزارة', 'الداخلية', 'محمد', 'الرئيس', 'نفى', 'أحبطت', 'هدد', 'الأمريكية', 'القوات', 'شمال', 'جنوب',
];
const ODD = ['\u064E', '\u0651', '\u0640', '\u200C', '\u200F', '\uFEFF', '😀', '\uD800', '\u0000', 'ﻻ', '٫'];
const word = fc
  .tuple(fc.constantFrom('', '', '', 'و', 'ب', 'ل', 'ف', 'وال', 'بال'), fc.constantFrom(...WORDS), fc.constantFrom('', '', '', '', 'ها', 'هم'), fc.option(fc.tuple(fc.constantFrom(...ODD), fc.nat()), { freq: 6 }))
  .map(([pre, w, suf, odd]) => {
    const t = pre + w + suf;
    if (!odd) return t;
    const at = odd[1] % (t.length + 1);
    return t.slice(0, at) + odd[0] + t.slice(at);
  });
const separator = fc.constantFrom(' ', ' ', ' ', ' ', '، ', '. ', '.\n', '\n', ' «', '» ', ' (', ') ', ' - ', '؟ ', ':', '\r\n', '  ');
const sentences = fc.array(fc.tuple(word, separator), { maxLength: 80 }).map((pairs) => pairs.map(([w, sep]) => w + sep).join(''));
// Whole attack reports from slots, so that the extractor has events to build.
const pick = (...options: string[]) => fc.constantFrom(...options);
const report = fc
  .record({
    attacker: pick('مسلحون', 'تنظيم داعش', 'حزب الله', 'فصائل مسلحة', 'مجهولون', ''),
    verb: pick('هاجم', 'استهدف', 'قصف', 'فجر', 'أطلق صواريخ على', 'شن هجوماً على'),
    target: pick('قاعدة عين الأسد', 'دورية للجيش', 'مركزاً للشرطة', 'القوات الأمريكية', 'سوقاً شعبياً'),
    place: pick('في بغداد', 'في محافظة الأنبار', 'شمال سوريا', 'قرب الموصل', ''),
    time: pick('أمس', 'يوم الاثنين الماضي', 'في 5 يوليو 2015', 'فجر اليوم', ''),
    toll: pick('مما أسفر عن مقتل 5 جنود', 'وأصيب ثلاثة مدنيين', 'دون وقوع إصابات', 'وقتل ١٢ شخصاً وجرح 20 آخرون', ''),
    odd: fc.option(fc.tuple(fc.constantFrom(...ODD), fc.nat()), { freq: 3 }),
  })
  .map(({ attacker, verb, target, place, time, toll, odd }) => {
    const t = `${attacker} ${verb} ${target} ${place} ${time}، ${toll}.`.replace(/ +/g, ' ');
    if (!odd) return t;
    const at = odd[1] % (t.length + 1);
    return t.slice(0, at) + odd[0] + t.slice(at);
  });
const reports = fc.array(fc.oneof(report, sentences), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n'));
const arbitraryText = fc.oneof({ arbitrary: reports, weight: 3 }, { arbitrary: sentences, weight: 2 }, { arbitrary: soup, weight: 1 });
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

/** The first span that is outside the text or does not slice to its text, described; null when all are right. */
function badSpan(doc: Doc): string | null {
  for (const [what, start, end, surface] of spans(doc)) {
    const inside = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= doc.text.length;
    if (!inside) return `${what} [${start}, ${end}) outside a text of ${doc.text.length}`;
    if (surface !== null && doc.text.slice(start, end) !== surface) return `${what} [${start}, ${end}) is ${JSON.stringify(doc.text.slice(start, end))}, not ${JSON.stringify(surface)}`;
  }
  return null;
}

describe('random Unicode through every command', () => {
  it('the span check catches a span outside the text and one that does not slice to its text', () => {
    const doc = processDoc('tag', { id: 'x', text: 'هجوم على بغداد' }, ctx);
    expect(badSpan(doc)).toBeNull();
    expect(badSpan({ ...doc, times: [{ start: 0, end: 4, text: 'غداد', tokenStart: 0, tokenEnd: 1, value: null, grain: null, relative: false }] })).toMatch(/is "هجوم", not "غداد"/);
    expect(badSpan({ ...doc, times: [{ start: 9, end: 99, text: 'بغداد', tokenStart: 2, tokenEnd: 3, value: null, grain: null, relative: false }] })).toMatch(/outside a text of 14/);
  });

  it.each([['normalize'], ['tag'], ['extract']] as [Command][])('%s: no crash; every span inside the text and equal to its slice', (command) => {
    fc.assert(
      fc.property(fc.oneof(arbitraryText, anyUnicode), date, (t, d) => {
        const doc = processDoc(command, { id: 'fuzz', text: t, date: d }, ctx);
        expect(doc.text).toBe(t);
        expect(badSpan(doc)).toBeNull();
        if (command === 'normalize') {
          const norm = doc.norm!;
          expect(norm.fold.length).toBe(norm.text.length);
          expect(norm.origStart.length).toBe(norm.text.length);
          for (let i = 0; i < norm.text.length; i++) expect(0 <= norm.origStart[i] && norm.origStart[i] <= norm.origEnd[i] && norm.origEnd[i] <= t.length).toBe(true);
        }
      }),
      { numRuns: Number(process.env.RASD_FUZZ_RUNS) || (command === 'normalize' ? 300 : 150) },
    );
  });
});

/**
 * Time of the extract pipeline on `unit` repeated to `size` characters, in a
 * worker thread running the built pipeline (dist/), so that a super-linear run
 * can be stopped at `budgetMs` instead of taking minutes: resolves to the best
 * of `runs` in ms, or Infinity when over budget.
 */
let timer: Worker | null = null;
function extractTime(unit: string, size: number, runs = 2, budgetMs = 120_000): Promise<number> {
  timer ??= startTimer();
  const worker = timer;
  return new Promise((resolve, reject) => {
    const stop = setTimeout(() => {
      timer = null;
      void worker.terminate();
      resolve(Infinity);
    }, budgetMs);
    worker.once('message', (m: { ms?: number; bad?: string }) => {
      clearTimeout(stop);
      if (m.bad) reject(new Error(m.bad));
      else resolve(m.ms!);
    });
    worker.postMessage({ unit, size, runs });
  });
}

function startTimer(): Worker {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-timer-'));
  const file = join(dir, 'timer.mjs');
  writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';
const { createContext, processDoc } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)});
const ctx = createContext();
processDoc('extract', { id: 'warm-up', text: 'قتل 5 جنود في هجوم صاروخي على قاعدة عين الأسد أمس.' }, ctx);
parentPort.on('message', ({ unit, size, runs }) => {
  const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  let best = Infinity;
  let bad;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const doc = processDoc('extract', { id: 'long', text }, ctx);
    best = Math.min(best, performance.now() - started);
    for (const t of doc.tokens) if (text.slice(t.start, t.end) !== t.text) bad = 'token ' + t.start + '-' + t.end + ' does not slice to its text';
  }
  parentPort.postMessage({ ms: best, bad });
});
`,
  );
  return new Worker(file);
}

/** 1 MB takes at most 30× as long as 100 KB (times under 100 ms count as 100: below that, start-up effects and noise rule). */
async function expectLinear(unit: string, small = 100_000, large = 1_000_000): Promise<void> {
  const smallMs = Math.max(await extractTime(unit, small, 2, 20_000), 100);
  expect(smallMs, `${small} chars took over 20 s`).toBeLessThan(Infinity);
  const largeMs = await extractTime(unit, large, 1, smallMs * 30);
  expect(largeMs / smallMs, `${small} chars: ${smallMs.toFixed(0)} ms; ${large} chars: ${largeMs === Infinity ? 'stopped at 30×' : `${largeMs.toFixed(0)} ms`}`).toBeLessThan(30);
}

describe('time grows linearly with megabyte-long adversarial documents', () => {
  beforeAll(() => ensureBuilt(), 180_000);
  afterAll(() => timer?.terminate());

  it.each([
    ['one letter repeated', 'ب'],
    ['punctuation', '،.!؟«»'],
    ['digits', '١٢٣4٫5 '],
    ['kashida', 'ـ'],
    ['diacritics', 'بَّ'],
  ])('%s: 1 MB within 30× the time of 100 KB', (_, unit) => expectLinear(unit), 180_000);

  // Cases that were super-linear once (the extractor's clause and argument
  // scans, fixed): runs of trigger words, many short lines, one endless
  // comma-spliced sentence.
  it.each([
    ['a run of trigger words without punctuation', 'هجوم '],
    ['many short lines', 'قصف بغداد\n'],
    ['one comma-spliced sentence', 'قُتِلَ ٥ أشخاصٍ في انفـجار، '],
  ])('%s: 1 MB within 30× the time of 100 KB', (_, unit) => expectLinear(unit), 180_000);
});

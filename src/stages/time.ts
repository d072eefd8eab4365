// time: Arabic time expressions, found and resolved against the document date.
//   "أمس الاثنين" → the Monday before the document date (day), "منتصف أبريل الماضي" →
//   YYYY-04 (month), "15 رمضان 1445" → 2024-03-25, "الأسبوع الماضي" → null (vague).
// The document date comes from the input (JSONL `date`, --doc-date) or, when
// there is none, from a dateline at the top of the text ("بغداد 6 أغسطس 2024").
// The grammar is src/time/grammar.ts, the conventions src/time/resolve.ts, the
// word lists src/resources/ar/time/*.tsv.
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, TimeExpr } from '../types.js';
import { parseIsoDay } from '../time/calendar.js';
import { toOriginal } from './normalize.js';
import { datelineDate } from '../time/dateline.js';
import { TimeScanner } from '../time/grammar.js';
import { timeLexicon } from '../time/lexicon.js';
import { articleAnchor, resolveMeaning } from '../time/resolve.js';

export const tagTimes = defineStage({
  name: 'time',
  requires: ['norm', 'tokens'],
  adds: ['times'],
  run(doc: Doc, ctx: Context): Doc {
    const tokens = doc.tokens!;
    // entities are optional: when the entity tagger ran first, family names such as الخميس are known
    const scanner = new TimeScanner(tokens, doc.norm!, timeLexicon(ctx.resources), doc.entities ?? []);
    const mentions = scanner.findAll();

    let out = doc;
    if (!doc.date) {
      const date = datelineDate(doc.text, tokens, mentions, scanner);
      if (date) out = { ...doc, date, dateSource: 'dateline' };
    }
    const docDay = parseIsoDay(out.date);
    const dateWarnings = documentDateWarnings(out.date);
    if (dateWarnings.length) out = { ...out, warnings: [...out.warnings, ...dateWarnings] };
    const anchors = { docDay, articleDay: docDay === null ? articleAnchor(mentions.map((m) => m.meaning)) : null };

    const times: TimeExpr[] = [];
    for (const { tokenStart, tokenEnd, meaning } of mentions) {
      const { start, end } = expressionSpan(doc, tokenStart, tokenEnd, scanner.clitics(tokenStart));
      let resolved = resolveMeaning(meaning, anchors);
      // "28 شوال 1436هـ الموافق 13 أغسطس": the second is the first's day, in its year
      const previous = times[times.length - 1];
      const previousDay = meaning.sameAsPrevious && previous?.grain === 'day' ? parseIsoDay(previous.value) : null;
      if (previousDay !== null && meaning.year === undefined) {
        const same = resolveMeaning({ ...meaning, direction: undefined, future: undefined }, { docDay: previousDay, articleDay: null });
        if (same.value) resolved = { ...same, relative: resolved.relative || previous.relative };
      }
      times.push({ start, end, tokenStart, tokenEnd, text: doc.text.slice(start, end), ...resolved });
    }
    return { ...out, times };
  },
});

/** The warning for a document date that is not a day (YYYY-MM-DD), if it is not. */
export function documentDateWarnings(date: string | null): string[] {
  return date && parseIsoDay(date) === null ? [`document date "${date}" is not a YYYY-MM-DD date; relative times are left unresolved`] : [];
}

// Marks that normalization removed but that belong to the last word: the tatweel of هـ.
const TRAILING_MARKS = /[\u0640\u064B-\u065F\u0670]/;

/**
 * Original span of an expression: its tokens without the conjunction or
 * preposition glued to the first word (وأمس → أمس, لعام 2008 → عام 2008),
 * and with a trailing tatweel taken in (1436هـ).
 */
function expressionSpan(doc: Doc, tokenStart: number, tokenEnd: number, cliticLength: number): { start: number; end: number } {
  const first = doc.tokens![tokenStart];
  const last = doc.tokens![tokenEnd - 1];
  const start = cliticLength > 0 ? toOriginal(doc.norm!, first.nStart + cliticLength, first.nEnd).start : first.start;
  let end = last.end;
  while (end < doc.text.length && TRAILING_MARKS.test(doc.text[end])) end++;
  return { start, end };
}

/** The time expressions of one sentence, in text order. */
export function timesInSentence(doc: Doc, sentenceIndex: number): TimeExpr[] {
  const tokens = doc.tokens ?? [];
  return (doc.times ?? []).filter((t) => tokens[t.tokenStart]?.sentence === sentenceIndex);
}

/**
 * The time expression of a sentence nearest to a token (by tokens between
 * them), preferring ones with a value; null when the sentence has none.
 * For attaching a time to an event whose trigger is `tokenIndex`.
 */
export function nearestTimeInSentence(doc: Doc, tokenIndex: number, options: { withValue?: boolean } = {}): TimeExpr | null {
  const sentence = doc.tokens?.[tokenIndex]?.sentence;
  if (sentence === undefined) return null;
  let best: TimeExpr | null = null;
  let bestDistance = Infinity;
  for (const t of timesInSentence(doc, sentence)) {
    if (options.withValue && t.value === null) continue;
    const distance = tokenIndex < t.tokenStart ? t.tokenStart - tokenIndex : tokenIndex >= t.tokenEnd ? tokenIndex - t.tokenEnd + 1 : 0;
    if (distance < bestDistance) [best, bestDistance] = [t, distance];
  }
  return best;
}

/**
 * The date of the article's lead: the first day-grain time expression in its
 * first `sentences` sentences that are not headlines ("قتل 30 شخصا ... الثلاثاء"،
 * "هاجم مسلحون أمس السفارة"). A fallback for an event whose own
 * sentence has no time, since news states the main event's day up front.
 */
export function leadTime(doc: Doc, sentences = 1): TimeExpr | null {
  const tokens = doc.tokens ?? [];
  const lead = new Set((doc.sentences ?? []).filter((s) => !s.headline).slice(0, sentences).map((s) => s.i));
  for (const t of doc.times ?? []) {
    if (t.grain === 'day' && t.value !== null && lead.has(tokens[t.tokenStart]?.sentence ?? -1)) return t;
  }
  return null;
}

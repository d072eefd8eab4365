// The document date from a dateline: a full date near the top of the article,
// alone on its line or after a place name and an agency, as in
//   "بغداد 6 أغسطس 2024 - ..."، "الرياض - 12/3/2016: ..."، "بغداد (رويترز) - 6 أغسطس 2024 - ..."،
//   "إسلام آباد 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس / ..."، "الثلاثاء 6 أغسطس 2024⏎".
// A date inside the story's first sentence is not a dateline
// ("قتل 30 شخصا في 6 أغسطس 2024"، "الذي ينطلق يوم الأربعاء 27 شوال 1436هـ برعاية"):
//   before it on its line stand at most three words outside parentheses, no number,
//     no preposition (unless the line starts with نشر/بتاريخ/تاريخ) and no list bullet;
//   after it (and its الموافق twin, a parenthesis, an agency name) comes a separator
//     (- : / |) or the end of the line.
// And a publication date is not long before the dates its article states.
import type { Token } from '../types.js';
import { parseIsoDay } from './calendar.js';
import type { TimeMention, TimeScanner } from './grammar.js';
import { resolveMeaning } from './resolve.js';

/** How far into the text (UTF-16 units of the original) a dateline may start. */
export const DATELINE_WINDOW = 200;
/** At most this many words (a place) before the date on its line, outside parentheses. */
const MAX_WORDS_BEFORE = 3;
/** At most this many words (an agency: واس، رويترز) between the date and its separator. */
const MAX_WORDS_AFTER = 2;
/** How long after its publication an article may date something (a scheduled event). */
const MAX_DAYS_AFTER = 366;

const OPENERS = new Set(['(', '[']);
const CLOSERS = new Set([')', ']']);
const SEPARATORS = new Set(['-', '–', '—', ':', '/', '|', '_']);
const BULLETS = new Set(['*', '•', '●', '▪', '-', '–', '—']);

export function datelineDate(text: string, tokens: Token[], mentions: readonly TimeMention[], scanner: TimeScanner): string | null {
  for (const mention of mentions) {
    const first = tokens[mention.tokenStart];
    if (first.start >= DATELINE_WINDOW) break;
    const m = mention.meaning;
    if (m.year === undefined || m.month === undefined || m.day === undefined || m.named) continue;
    const resolved = resolveMeaning(m, { docDay: null, articleDay: null });
    if (resolved.grain !== 'day' || !resolved.value) continue;
    if (!isDatelinePosition(text, tokens, mention.tokenStart, scanner)) continue;
    if (!separatedAfter(text, tokens, mention, mentions, scanner)) continue;
    if (datesLongAfter(parseIsoDay(resolved.value)!, mentions)) return null;
    return resolved.value;
  }
  return null;
}

function isDatelinePosition(text: string, tokens: Token[], tokenStart: number, scanner: TimeScanner): boolean {
  const lineStart = text.lastIndexOf('\n', tokens[tokenStart].start - 1) + 1;
  let words = 0;
  let preposition = false;
  let depth = 0; // inside brackets or quotes, read right to left
  let firstWord = -1;
  let firstToken = -1;
  for (let i = tokenStart - 1; i >= 0 && tokens[i].start >= lineStart; i--) {
    const t = tokens[i];
    firstToken = i;
    if (t.kind === 'number') return false;
    if (CLOSERS.has(t.norm)) depth++;
    else if (OPENERS.has(t.norm)) depth = Math.max(0, depth - 1);
    if (t.kind !== 'word' && t.kind !== 'latin') continue;
    firstWord = i;
    if (depth > 0) continue;
    words++;
    if (scanner.is(i, 'preposition') || scanner.is(i, 'of')) preposition = true;
  }
  if (firstToken >= 0 && BULLETS.has(tokens[firstToken].norm)) return false; // "* 28 مايو 1990: ..." is a list of events
  if (firstWord >= 0 && scanner.is(firstWord, 'dateline-cue')) return true;
  return words <= MAX_WORDS_BEFORE && !preposition;
}

/** Whether the date is followed by a separator or the end of its line. */
function separatedAfter(text: string, tokens: Token[], mention: TimeMention, mentions: readonly TimeMention[], scanner: TimeScanner): boolean {
  let i = mention.tokenEnd;
  // its twin in the other calendar: 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م
  if (scanner.is(i, 'corresponds')) {
    const twin = mentions.find((m) => m.tokenStart === i + 1);
    if (twin) i = twin.tokenEnd;
  }
  let words = 0;
  let depth = 0;
  for (; i < tokens.length; i++) {
    if (text.slice(tokens[i - 1].end, tokens[i].start).includes('\n')) return true;
    const t = tokens[i];
    if (OPENERS.has(t.norm)) depth++;
    else if (CLOSERS.has(t.norm)) depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (SEPARATORS.has(t.norm)) return true;
    else if (t.kind === 'word' || t.kind === 'latin') {
      if (++words > MAX_WORDS_AFTER) return false;
    } else return false; // a number, or a sentence going on: "... 15 يوليو الماضي. وقال"، "... 2024، قتل"
  }
  return true;
}

/** Whether the article states a full date long after this one (then it is not the publication date). */
function datesLongAfter(day: number, mentions: readonly TimeMention[]): boolean {
  for (const { meaning } of mentions) {
    if (meaning.year === undefined || meaning.month === undefined || meaning.named) continue;
    const value = resolveMeaning(meaning, { docDay: null, articleDay: null }).value;
    const n = value ? parseIsoDay(value.length === 7 ? `${value}-01` : value) : null;
    if (n !== null && n > day + MAX_DAYS_AFTER) return true;
  }
  return false;
}

// Turns what a time expression means (src/time/grammar.ts) into a calendar
// value against the document date, following the conventions of the gold sets:
//   a bare weekday is the most recent such day, the document's own day included
//     ("الثلاثاء" in a Tuesday article is that Tuesday);
//   with الماضي it is the most recent such day before the document date;
//   أمس is the day before; when a weekday and أمس disagree, the weekday wins
//     ("أمس الاثنين" is the Monday before the document date);
//   a day and month without year is the most recent such day on or before the
//     document date ("في 30 يوليو"), strictly before with الماضي ("16 يوليو الماضي"),
//     the next one when a future event is announced ("المقررة في 25 تموز");
//   vague spans (الأسبوع الماضي، قبل أيام) have no value: a wrong date is worse than none.
// Without a document date, relative expressions keep value null; absolute ones
// resolve, and a month written without its year takes it from the latest full
// date of the same article ("16 يوليو الماضي" beside "يوليو 2024").
import type { TimeGrain } from '../types.js';
import {
  addMonths, dayNumber, dayNumberToHijri, daysInMonth, formatDay, formatMonth, formatYear, fromDayNumber,
  hijriMonthRange, hijriToDayNumber, isValidDate, weekdayOf,
} from './calendar.js';
import type { TimeMeaning } from './grammar.js';

export interface ResolvedTime {
  value: string | null;
  grain: TimeGrain | null;
  /** True when the value depends on the document date (or would, had there been one). */
  relative: boolean;
}

export interface Anchors {
  /** The document date as a day number. */
  docDay: number | null;
  /** Without a document date: the latest date the article states in full, for missing years. */
  articleDay: number | null;
}

const SATURDAY = 6;

const NONE = (relative: boolean): ResolvedTime => ({ value: null, grain: null, relative });
const day = (n: number, relative: boolean): ResolvedTime => ({ value: formatDay(n), grain: 'day', relative });
const month = (year: number, m: number, relative: boolean): ResolvedTime => ({ value: formatMonth(year, m), grain: 'month', relative });
const year = (y: number, relative: boolean): ResolvedTime => ({ value: formatYear(y), grain: 'year', relative });

/** The most recent day with this weekday on or before `from` (strictly before with `strict`). */
export function weekdayOnOrBefore(from: number, weekday: number, strict = false): number {
  const start = strict ? from - 1 : from;
  return start - ((weekdayOf(start) - weekday + 7) % 7);
}

export function weekdayOnOrAfter(from: number, weekday: number, strict = false): number {
  const start = strict ? from + 1 : from;
  return start + ((weekday - weekdayOf(start) + 7) % 7);
}

type Pick = 'onOrBefore' | 'before' | 'onOrAfter' | 'after';

/**
 * Of the candidate days of a year-less date, the one on its stated weekday
 * ("يوم الخميس 28 شوال" is the 28 Shawwal that is a Thursday), or null when
 * no weekday is stated or none or several candidates fall on it.
 */
function onWeekday(candidates: number[], weekday: number | undefined): number | null {
  if (weekday === undefined) return null;
  const matching = candidates.filter((c) => weekdayOf(c) === weekday);
  return matching.length === 1 ? matching[0] : null;
}

/** Of some candidate day numbers, the one nearest the anchor on the chosen side. */
function pick(candidates: number[], anchor: number, how: Pick): number | null {
  let best: number | null = null;
  for (const c of candidates) {
    const ok = how === 'onOrBefore' ? c <= anchor : how === 'before' ? c < anchor : how === 'onOrAfter' ? c >= anchor : c > anchor;
    if (!ok) continue;
    if (best === null || (how === 'onOrBefore' || how === 'before' ? c > best : c < best)) best = c;
  }
  return best;
}

/** Which occurrence a year-less date means, from its modifier and the kind of anchor. */
function pickFor(m: TimeMeaning, anchors: Anchors): Pick {
  if (m.direction === 'next') return 'after';
  if (anchors.docDay === null) return 'onOrBefore'; // the article's own latest date: "يوليو الماضي" beside "يوليو 2024"
  if (m.direction === 'past') return 'before';
  if (m.future) return 'onOrAfter';
  return 'onOrBefore';
}

export function resolveMeaning(m: TimeMeaning, anchors: Anchors): ResolvedTime {
  const { docDay } = anchors;
  if (m.vague) return NONE(true);
  if (m.named && m.year === undefined) return NONE(false);
  if (m.year !== undefined && !Number.isFinite(m.year)) return NONE(false);

  // أمس، اليوم، أول من أمس, with the weekday winning: أمس الاثنين
  if (m.dayOffset !== undefined) {
    if (docDay === null) return NONE(true);
    if (m.weekday === undefined) return day(docDay + m.dayOffset, true);
    if (m.dayOffset < 0) return day(weekdayOnOrBefore(docDay, m.weekday, true), true);
    if (m.dayOffset === 0) return day(weekdayOnOrBefore(docDay, m.weekday), true);
    return day(weekdayOnOrAfter(docDay, m.weekday), true);
  }

  if (m.feast) return resolveFeast(m, anchors);

  // الشهر الماضي، 15 من الشهر الجاري
  if (m.monthOffset !== undefined) {
    if (docDay === null) return NONE(true);
    const doc = fromDayNumber(docDay);
    const target = addMonths(doc.year, doc.month, m.monthOffset);
    if (m.day !== undefined) return isValidDate(target.year, target.month, m.day) ? day(dayNumber(target.year, target.month, m.day), true) : NONE(true);
    return month(target.year, target.month, true);
  }

  if (m.month !== undefined) return m.calendar === 'hijri' ? resolveHijriMonth(m, anchors) : resolveGregorianMonth(m, anchors);

  // a weekday alone: الاثنين، الخميس الماضي، السبت المقبل
  if (m.weekday !== undefined) {
    if (docDay === null) return NONE(true);
    if (m.weekOffset !== undefined) {
      // الأربعاء من الأسبوع الماضي: weeks start on Saturday, as in the Gulf and Egypt
      const weekStart = weekdayOnOrBefore(docDay, SATURDAY) + 7 * m.weekOffset;
      return day(weekStart + ((m.weekday - SATURDAY + 7) % 7), true);
    }
    if (m.direction === 'past') return day(weekdayOnOrBefore(docDay, m.weekday, true), true);
    if (m.direction === 'next') return day(weekdayOnOrAfter(docDay, m.weekday, true), true);
    if (m.future) return day(weekdayOnOrAfter(docDay, m.weekday), true);
    return day(weekdayOnOrBefore(docDay, m.weekday), true);
  }

  if (m.year !== undefined) {
    // a Hijri year spans two Gregorian years: no single value
    return m.calendar === 'gregorian' ? year(m.year, false) : NONE(false);
  }

  if (m.yearOffset !== undefined) {
    if (docDay === null) return NONE(true);
    return year(fromDayNumber(docDay).year + m.yearOffset, true);
  }
  return NONE(false);
}

function resolveGregorianMonth(m: TimeMeaning, anchors: Anchors): ResolvedTime {
  const mm = m.month!;
  if (m.year !== undefined) {
    if (m.day === undefined) return month(m.year, mm, false);
    return isValidDate(m.year, mm, m.day) ? day(dayNumber(m.year, mm, m.day), false) : NONE(false);
  }
  if (m.yearOffset !== undefined || m.direction === 'current') {
    // يناير من العام الماضي، أغسطس الجاري
    if (anchors.docDay === null) return NONE(true);
    const y = fromDayNumber(anchors.docDay).year + (m.yearOffset ?? 0);
    if (m.day === undefined) return month(y, mm, true);
    return isValidDate(y, mm, m.day) ? day(dayNumber(y, mm, m.day), true) : NONE(true);
  }
  const anchor = anchors.docDay ?? anchors.articleDay;
  if (anchor === null) return NONE(true);
  const how = pickFor(m, anchors);
  const anchorYear = fromDayNumber(anchor).year;
  const years = [anchorYear - 1, anchorYear, anchorYear + 1];
  if (m.day !== undefined) {
    const candidates = years.filter((y) => isValidDate(y, mm, m.day!)).map((y) => dayNumber(y, mm, m.day!));
    const chosen = onWeekday(candidates, m.weekday) ?? pick(candidates, anchor, how);
    return chosen === null ? NONE(true) : day(chosen, true);
  }
  // a month alone compares whole months: "يوليو الماضي" in an August article is this July
  const anchorMonth = fromDayNumber(anchor);
  const monthIndex = (y: number, mo: number) => y * 12 + mo - 1;
  const candidates = years.map((y) => monthIndex(y, mm));
  const chosen = pick(candidates, monthIndex(anchorMonth.year, anchorMonth.month), how);
  return chosen === null ? NONE(true) : month(Math.floor(chosen / 12), (chosen % 12) + 1, true);
}

function resolveHijriMonth(m: TimeMeaning, anchors: Anchors): ResolvedTime {
  const mm = m.month!;
  if (m.year !== undefined) {
    if (m.day !== undefined) {
      const n = hijriToDayNumber(m.year, mm, m.day);
      return n === null ? NONE(false) : day(n, false);
    }
    // رمضان 1445: a Hijri month lies in two Gregorian months, but often in one year
    const range = hijriMonthRange(m.year, mm);
    if (!range) return NONE(false);
    const first = fromDayNumber(range.first).year;
    return first === fromDayNumber(range.last).year ? year(first, false) : NONE(false);
  }
  if (m.day === undefined) return NONE(true);
  const anchor = anchors.docDay ?? anchors.articleDay;
  if (anchor === null) return NONE(true);
  const hy = dayNumberToHijri(anchor).year;
  if (m.direction === 'current' && anchors.docDay !== null) {
    // الرابع من شوال الجاري: this Hijri year's
    const n = hijriToDayNumber(hy, mm, m.day);
    return n === null ? NONE(true) : day(n, true);
  }
  const candidates = [hy - 1, hy, hy + 1].map((y) => hijriToDayNumber(y, mm, m.day!)).filter((n): n is number => n !== null);
  const chosen = onWeekday(candidates, m.weekday) ?? pick(candidates, anchor, pickFor(m, anchors));
  return chosen === null ? NONE(true) : day(chosen, true);
}

// How far after the document date a feast may be and still be "this" feast:
// an article a few days before عيد الفطر speaks of the coming one.
const FEAST_LOOKAHEAD_DAYS = 7;

function resolveFeast(m: TimeMeaning, anchors: Anchors): ResolvedTime {
  const f = m.feast!;
  const occurrence = (y: number): number | null => {
    const base = f.calendar === 'hijri' ? hijriToDayNumber(y, f.month, f.day) : isValidDate(y, f.month, f.day) ? dayNumber(y, f.month, f.day) : null;
    return base === null ? null : base + f.shift;
  };
  if (m.year !== undefined) {
    if (m.calendar === f.calendar) {
      const n = occurrence(m.year);
      return n === null ? NONE(false) : day(n, false);
    }
    // عيد الأضحى 2024: the occurrence in that Gregorian year (Hijri feasts fall once or twice a year)
    const hy = dayNumberToHijri(dayNumber(m.year, 7, 1)).year;
    const inYear = [hy - 1, hy, hy + 1].map(occurrence).filter((n): n is number => n !== null && fromDayNumber(n).year === m.year);
    return inYear.length === 1 ? day(inYear[0], false) : NONE(false);
  }
  const anchor = anchors.docDay ?? anchors.articleDay;
  if (anchor === null) return NONE(true);
  const around = f.calendar === 'hijri' ? dayNumberToHijri(anchor).year : fromDayNumber(anchor).year;
  const candidates = [around - 1, around, around + 1].map(occurrence).filter((n): n is number => n !== null);
  let chosen: number | null;
  if (m.direction === 'next' || m.future) chosen = pick(candidates, anchor, 'onOrAfter');
  else if (m.direction === 'past') chosen = pick(candidates, anchor, 'before');
  else chosen = pick(candidates, anchor + FEAST_LOOKAHEAD_DAYS, 'onOrBefore');
  return chosen === null ? NONE(true) : day(chosen, true);
}

/**
 * The latest date an article states in full (with its year), for resolving
 * year-less months when the document has no date. Month-grain dates count as
 * their last day; years alone are too coarse to anchor anything.
 */
export function articleAnchor(meanings: readonly TimeMeaning[]): number | null {
  let latest: number | null = null;
  for (const m of meanings) {
    if (m.year === undefined || !Number.isFinite(m.year) || m.month === undefined || m.named) continue;
    let n: number | null = null;
    if (m.calendar === 'gregorian') {
      if (m.day !== undefined) n = isValidDate(m.year, m.month, m.day) ? dayNumber(m.year, m.month, m.day) : null;
      else if (m.month >= 1 && m.month <= 12) n = dayNumber(m.year, m.month, daysInMonth(m.year, m.month));
    } else if (m.day !== undefined) {
      n = hijriToDayNumber(m.year, m.month, m.day);
    }
    if (n !== null && (latest === null || n > latest)) latest = n;
  }
  return latest;
}

// Calendar arithmetic for the time tagger. Dates are day numbers (days since
// 1970-01-01, UTC), so "the day before" is n - 1 and weekdays are n mod 7.
// Hijri dates use the Umm al-Qura calendar (the one Saudi and most Gulf news
// print) through Intl's 'islamic-umalqura', falling back to the arithmetic
// (tabular) Islamic calendar where ICU has no Umm al-Qura table.

export type Calendar = 'gregorian' | 'hijri';

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

/** Day number of a Gregorian date (month 1-12); no range check. */
export function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0-99 literal
  return Math.round(d.getTime() / DAY_MS);
}

export function fromDayNumber(n: number): YearMonthDay {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day number of a YYYY-MM-DD string, or null when it is not a real date. */
export function parseIsoDay(s: string | null | undefined): number | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? dayNumber(year, month, day) : null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatDay(n: number): string {
  const { year, month, day } = fromDayNumber(n);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function formatYear(year: number): string {
  return pad(year, 4);
}

/** Add months to a (year, month) pair: (2024, 1) - 1 → (2023, 12). */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

// ---------------------------------------------------------------- Hijri

/** Tabular Islamic calendar (civil epoch, 16 July 622 Julian). */
function tabularHijriToDayNumber(year: number, month: number, day: number): number {
  const julianDay = day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439;
  return julianDay - 2440588; // Julian day of 1970-01-01
}

function tabularDayNumberToHijri(n: number): YearMonthDay {
  const julianDay = n + 2440588;
  const year = Math.floor((30 * (julianDay - 1948440) + 10646) / 10631);
  const month = Math.min(12, Math.ceil((julianDay - (29 + tabularHijriToDayNumber(year, 1, 1) + 2440588)) / 29.5) + 1);
  const day = julianDay - (tabularHijriToDayNumber(year, month, 1) + 2440588) + 1;
  return { year, month, day };
}

let umalqura: Intl.DateTimeFormat | null | undefined;
function umalquraFormat(): Intl.DateTimeFormat | null {
  if (umalqura === undefined) {
    try {
      const f = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
      umalqura = f.resolvedOptions().calendar === 'islamic-umalqura' ? f : null;
    } catch {
      umalqura = null;
    }
  }
  return umalqura;
}

const hijriCache = new Map<number, YearMonthDay>();

/** The Hijri (Umm al-Qura) date of a day number. */
export function dayNumberToHijri(n: number): YearMonthDay {
  let h = hijriCache.get(n);
  if (h) return h;
  const format = umalquraFormat();
  if (format) {
    const parts = format.formatToParts(new Date(n * DAY_MS));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    h = { year: get('year'), month: get('month'), day: get('day') };
    if (!Number.isFinite(h.year) || !Number.isFinite(h.month) || !Number.isFinite(h.day)) h = tabularDayNumberToHijri(n);
  } else {
    h = tabularDayNumberToHijri(n);
  }
  if (hijriCache.size > 50_000) hijriCache.clear();
  hijriCache.set(n, h);
  return h;
}

/**
 * Day number of a Hijri date, or null when the month has no such day (a 30th
 * in a 29-day month). The tabular calendar gives a first guess within two days
 * of Umm al-Qura; the exact day is searched around it.
 */
export function hijriToDayNumber(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 30 || year < 1) return null;
  const guess = tabularHijriToDayNumber(year, month, day);
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    const h = dayNumberToHijri(guess + delta);
    if (h.year === year && h.month === month && h.day === day) return guess + delta;
  }
  return null;
}

/** First and last day numbers of a Hijri month. */
export function hijriMonthRange(year: number, month: number): { first: number; last: number } | null {
  const first = hijriToDayNumber(year, month, 1);
  if (first === null) return null;
  const next = month === 12 ? hijriToDayNumber(year + 1, 1, 1) : hijriToDayNumber(year, month + 1, 1);
  return { first, last: (next ?? first + 30) - 1 };
}

// Calendar arithmetic, Hijri conversion and the word lists of the time tagger.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths, dayNumber, dayNumberToHijri, formatDay, fromDayNumber, hijriMonthRange, hijriToDayNumber, parseIsoDay, weekdayOf,
} from '../src/time/calendar.js';
import { weekdayOnOrAfter, weekdayOnOrBefore } from '../src/time/resolve.js';
import { TIME_MONTHS, TIME_RELATIVE, TIME_RESOURCES, TIME_WEEKDAYS, TIME_WORDS, compileTimeLexicon } from '../src/time/lexicon.js';
import { createResourceLoader } from '../src/io/resources.js';
import { ResourceError } from '../src/resources/spec.js';
import { resolveMeaning } from '../src/time/resolve.js';

describe('Gregorian days', () => {
  it.each([
    ['1970-01-01', 4],
    ['2024-08-06', 2],
    ['2015-07-17', 5],
    ['2000-02-29', 2],
  ])('%s is weekday %i (0 = Sunday)', (iso, weekday) => {
    expect(weekdayOf(parseIsoDay(iso)!)).toBe(weekday);
  });

  it('round-trips day numbers across leap years', () => {
    for (let n = dayNumber(1999, 12, 25); n < dayNumber(2001, 3, 5); n++) {
      const { year, month, day } = fromDayNumber(n);
      expect(dayNumber(year, month, day)).toBe(n);
    }
  });

  it.each(['2024-02-30', '2024-13-01', '6/8/2024', '', null])('rejects %s as a date', (s) => {
    expect(parseIsoDay(s)).toBeNull();
  });

  it('adds months across years', () => {
    expect(addMonths(2024, 1, -1)).toEqual({ year: 2023, month: 12 });
    expect(addMonths(2023, 12, 1)).toEqual({ year: 2024, month: 1 });
  });

  it('finds the weekday on or before / after a day', () => {
    const tuesday = parseIsoDay('2024-08-06')!;
    expect(formatDay(weekdayOnOrBefore(tuesday, 2))).toBe('2024-08-06');
    expect(formatDay(weekdayOnOrBefore(tuesday, 2, true))).toBe('2024-07-30');
    expect(formatDay(weekdayOnOrBefore(tuesday, 1))).toBe('2024-08-05');
    expect(formatDay(weekdayOnOrAfter(tuesday, 1))).toBe('2024-08-12');
  });
});

describe('Hijri (Umm al-Qura)', () => {
  it.each([
    [1445, 9, 1, '2024-03-11'],
    [1445, 9, 15, '2024-03-25'],
    [1436, 10, 1, '2015-07-17'],
    [1445, 12, 10, '2024-06-16'],
    [1446, 1, 1, '2024-07-07'],
    [1396, 4, 27, '1976-04-27'],
  ])('%i-%i-%i is %s', (y, m, d, iso) => {
    expect(formatDay(hijriToDayNumber(y, m, d)!)).toBe(iso);
    expect(dayNumberToHijri(parseIsoDay(iso)!)).toEqual({ year: y, month: m, day: d });
  });

  it('has no 30th in a 29-day month', () => {
    const ramadan = hijriMonthRange(1436, 9)!; // 18 June - 16 July 2015: 29 days
    expect(ramadan.last - ramadan.first + 1).toBe(29);
    expect(hijriToDayNumber(1436, 9, 30)).toBeNull();
  });

  it('converts the first of every month of two centuries both ways', () => {
    for (let y = 1350; y <= 1550; y += 7) {
      for (let m = 1; m <= 12; m++) {
        const n = hijriToDayNumber(y, m, 1);
        expect(n, `${y}-${m}-1`).not.toBeNull();
        expect(dayNumberToHijri(n!)).toEqual({ year: y, month: m, day: 1 });
      }
    }
  });
});

describe('the word lists', () => {
  const resources = createResourceLoader();

  it('load, and every list has entries', () => {
    for (const spec of TIME_RESOURCES) expect(resources.load(spec).length, spec.file).toBeGreaterThan(5);
    const lexicon = compileTimeLexicon(TIME_RESOURCES.map((s) => resources.load(s)));
    expect(lexicon.byFirstWord.get('تشرين')?.map((p) => p.words.join(' '))).toContain('تشرين الاول');
  });

  it('name every month in every region', () => {
    const months = resources.load(TIME_MONTHS);
    for (const [calendar, regions] of [['gregorian', ['east', 'levant', 'maghreb']], ['hijri', ['hijri']]] as const) {
      for (const region of regions) {
        const covered = new Set(months.filter((p) => p.entry.type === 'month' && p.entry.calendar === calendar).map((p) => (p.entry as { month: number }).month));
        expect([...covered].sort((a, b) => a - b), `${calendar}/${region}`).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      }
    }
  });

  it('name the seven weekdays', () => {
    const days = new Set(resources.load(TIME_WEEKDAYS).map((p) => (p.entry as { weekday: number }).weekday));
    expect(days.size).toBe(7);
  });

  it.each([
    [TIME_MONTHS, 'form\tmonth\tcalendar\tregion\tambiguity\nيوليو\t13\tgregorian\teast\tnone\n', /month must be an integer 1-12/],
    [TIME_MONTHS, 'form\tmonth\tcalendar\tregion\tambiguity\nيوليو\t7\tjulian\teast\tnone\n', /calendar must be gregorian or hijri/],
    [TIME_RELATIVE, 'form\tunit\toffset\nأمس\tday\t\n', /offset is required/],
    [TIME_WORDS, 'form\trole\tvalue\nالماضي\tpassed\t\n', /unknown role "passed"/],
  ])('reject a bad row with its file and line (%#)', (spec, raw, message) => {
    expect(() => spec.parse(raw as never, spec.file)).toThrow(ResourceError);
    expect(() => spec.parse(raw as never, spec.file)).toThrow(message);
    expect(() => spec.parse(raw as never, spec.file)).toThrow(new RegExp(`^${spec.file}:2: `));
  });
});

describe('the weekday conventions hold for any document date', () => {
  const anyDay = fc.integer({ min: dayNumber(1990, 1, 1), max: dayNumber(2040, 12, 31) });
  const anyWeekday = fc.integer({ min: 0, max: 6 });

  it('a bare weekday is the most recent such day, the document day included', () => {
    fc.assert(fc.property(anyDay, anyWeekday, (docDay, weekday) => {
      const n = parseIsoDay(resolveMeaning({ calendar: 'gregorian', weekday }, { docDay, articleDay: null }).value)!;
      return weekdayOf(n) === weekday && n <= docDay && n > docDay - 7;
    }));
  });

  it('with الماضي it is strictly before the document date', () => {
    fc.assert(fc.property(anyDay, anyWeekday, (docDay, weekday) => {
      const n = parseIsoDay(resolveMeaning({ calendar: 'gregorian', weekday, direction: 'past' }, { docDay, articleDay: null }).value)!;
      return weekdayOf(n) === weekday && n < docDay && n >= docDay - 7;
    }));
  });

  it('with أمس the weekday wins, and is before the document date', () => {
    fc.assert(fc.property(anyDay, anyWeekday, (docDay, weekday) => {
      const n = parseIsoDay(resolveMeaning({ calendar: 'gregorian', dayOffset: -1, weekday }, { docDay, articleDay: null }).value)!;
      return weekdayOf(n) === weekday && n < docDay && n >= docDay - 7;
    }));
  });

  it('a day and month without year is the most recent on or before the document date', () => {
    fc.assert(fc.property(anyDay, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (docDay, month, day) => {
      const n = parseIsoDay(resolveMeaning({ calendar: 'gregorian', month, day }, { docDay, articleDay: null }).value)!;
      const d = fromDayNumber(n);
      return d.month === month && d.day === day && n <= docDay && n > docDay - 367;
    }));
  });
});

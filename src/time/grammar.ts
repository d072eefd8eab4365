// Finds Arabic time expressions in a token sequence and says what each means,
// before any document date is known (src/time/resolve.ts turns a meaning into a
// calendar value). One left-to-right scan: at a token that can start an
// expression (a number, or a word of the lexicon such as أمس، يوليو، منتصف) the
// rules below try to read the longest expression, each looking a bounded number
// of tokens ahead, so the scan is linear in the number of tokens.
//
// Tokens are matched by a "key": their folded form when the lexicon knows it,
// else that form without attached conjunction/preposition (وأمس → أمس,
// للعام → العام, والعشرين → العشرين). The tokenizer splits clitics by word
// frequency; the time words are few, so they are looked up directly.
import type { Entity, NormalizedText, Token } from '../types.js';
import { setTypeMemo, typeMemo, typesOf } from '../stages/tokenize.js';
import type { Calendar } from './calendar.js';
import type { LexEntry, LexType, Phrase, TimeLexicon, WordRole } from './lexicon.js';

export type Direction = 'past' | 'current' | 'next';

/** What an expression says, independent of the document date. */
export interface TimeMeaning {
  /** Calendar of year/month/day. */
  calendar: Calendar;
  year?: number;
  month?: number;
  day?: number;
  /** 0 = Sunday; with dayOffset the weekday wins ("أمس الاثنين" is the Monday). */
  weekday?: number;
  /** Days from the document date: أمس = -1, اليوم = 0. */
  dayOffset?: number;
  /** Months from the document's month: الشهر الماضي = -1. */
  monthOffset?: number;
  /** Years from the document's year: العام الماضي = -1. */
  yearOffset?: number;
  /** الماضي (before the document date), الجاري (this one), المقبل (after). */
  direction?: Direction;
  /** A feast day, shifted by some days (ثاني أيام عيد الفطر = shift 1). */
  feast?: { calendar: Calendar; month: number; day: number; shift: number };
  /** No single date: الأسبوع الماضي، قبل أيام. */
  vague?: boolean;
  /** A date that names something rather than a time: قوى 14 آذار. */
  named?: boolean;
  /** Said of a future event: المقررة في 25 تموز. */
  future?: boolean;
  /** Weeks from the document's week (weeks start on Saturday): الأربعاء من الأسبوع الماضي = -1. */
  weekOffset?: number;
  /** The same day as the expression before it, in another calendar: "28 شوال الموافق 13 أغسطس". */
  sameAsPrevious?: boolean;
}

export interface TimeMention {
  tokenStart: number;
  tokenEnd: number;
  meaning: TimeMeaning;
}

interface Parse {
  end: number;
  meaning: TimeMeaning;
}

interface PhraseMatch<E extends LexEntry = LexEntry> {
  entry: E;
  end: number;
}

type EntryOf<T extends LexType> = Extract<LexEntry, { type: T }>;

// Roles that can start an expression (besides numbers and the phrase types below).
const STARTING_ROLES: ReadonlySet<WordRole> = new Set<WordRole>(['part-of-day', 'month-part', 'season', 'day-word', 'month-word', 'year-word', 'ago', 'feast-shift']);
const STARTING_TYPES: ReadonlySet<LexType> = new Set<LexType>(['month', 'weekday', 'ordinal', 'relative', 'feast']);

/** Words that start some expression, computed once per lexicon. */
const startersCache = new WeakMap<TimeLexicon, Set<string>>();
function startersOf(lexicon: TimeLexicon): Set<string> {
  let starters = startersCache.get(lexicon);
  if (!starters) {
    starters = new Set();
    for (const [first, phrases] of lexicon.byFirstWord) {
      if (phrases.some((p) => STARTING_TYPES.has(p.entry.type) || (p.entry.type === 'word' && STARTING_ROLES.has(p.entry.role)))) starters.add(first);
    }
    startersCache.set(lexicon, starters);
  }
  return starters;
}

/**
 * Key of a folded word: itself if known, else without its proclitics. A
 * preposition (ب ل ك) is split off only before the article or a noun that
 * takes one (لعام، بنهاية، لشهر): ولامس "and touched" is not و + ل + أمس.
 */
function keyOf(fold: string, lexicon: TimeLexicon): string | null {
  const known = lexicon.knownWords;
  if (known.has(fold)) return fold;
  const bases = [fold];
  if ((fold[0] === 'و' || fold[0] === 'ف') && fold.length > 2) {
    const rest = fold.slice(1);
    if (known.has(rest)) return rest;
    bases.push(rest);
  }
  for (const base of bases) {
    if (base.startsWith('لل') && base.length > 3) {
      const withArticle = 'ا' + base.slice(1); // للعام → العام
      if (known.has(withArticle)) return withArticle;
    }
    if ((base[0] === 'ب' || base[0] === 'ل' || base[0] === 'ك') && base.length > 2) {
      const rest = base.slice(1);
      if (known.has(rest) && (rest.startsWith('ال') || lexicon.afterPreposition.has(rest))) return rest;
    }
  }
  return null;
}

const keyCaches = new WeakMap<TimeLexicon, Map<string, string | null>>();
function keyCache(lexicon: TimeLexicon): Map<string, string | null> {
  let cache = keyCaches.get(lexicon);
  if (!cache) keyCaches.set(lexicon, (cache = new Map()));
  if (cache.size > 100_000) cache.clear();
  return cache;
}

const DIGITS = /^\d+$/;
// Between partner month names or two days: أغسطس/آب، نوفمبر/ تشرين الثاني، 22 - 23 أغسطس.
const DUAL_SEPARATORS = new Set(['/', '\\', '-', '–']);
const COMMAS = new Set(['،', ',']);
const QUOTES = new Set(['"', '«', '»', '“', '”', "'"]);
// A numeric date at a number token: 22/7/2024, 2024-07-22, "7 / 10 / 1436", 6.8.2024.
// Both separators are of one kind (a slash, a dash or en dash, a dot).
const NUMERIC_DATE = /(\d{1,4})[ \t]*([/\\]|[-–]|\.)[ \t]*(\d{1,2})[ \t]*([/\\]|[-–]|\.)[ \t]*(\d{1,4})(?![\d])/y;
const separatorKind = (s: string) => (s === '\\' ? '/' : s === '–' ? '-' : s);

/** A Gregorian news year, or a Hijri year of the last two centuries. */
function yearCalendar(n: number, era: Calendar | null): Calendar | null {
  if (era === 'hijri') return n >= 1 && n <= 1600 ? 'hijri' : null;
  if (era === 'gregorian') return n >= 1000 && n <= 2200 ? 'gregorian' : null;
  if (n >= 1300 && n <= 1500) return 'hijri'; // 1436 in Saudi news is Hijri
  if (n >= 1000 && n <= 2200) return 'gregorian';
  return null;
}

/** The scan over one document's tokens; its token tests are shared with the dateline finder. */
export class TimeScanner {
  private readonly keys: (string | null)[];
  private readonly n: number;
  /** Tokens inside a person's name, when the entity tagger ran first: محمد الخميس is not Thursday. */
  private readonly inPersonName: Uint8Array;

  constructor(
    private readonly tokens: Token[],
    private readonly norm: NormalizedText,
    private readonly lexicon: TimeLexicon,
    entities: readonly Entity[] = [],
  ) {
    this.inPersonName = new Uint8Array(tokens.length);
    for (const e of entities) if (e.label === 'PER') this.inPersonName.fill(1, e.tokenStart, Math.min(e.tokenEnd, tokens.length));
    this.n = tokens.length;
    const keys: (string | null)[] = [];
    // a word's key is kept with its token type (typesOf), else in a cache by folded form
    const types = typesOf(tokens);
    let cache: Map<string, string | null> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const type = types?.[i];
      let key: string | null | undefined = null;
      if (t.kind !== 'word') key = null;
      else if (type !== undefined && type.fold === t.fold) {
        key = typeMemo(type, lexicon) as string | null | undefined;
        if (key === undefined) setTypeMemo(type, lexicon, (key = keyOf(t.fold, lexicon)));
      } else {
        cache ??= keyCache(lexicon);
        key = cache.get(t.fold);
        if (key === undefined) cache.set(t.fold, (key = keyOf(t.fold, lexicon)));
      }
      keys.push(key);
    }
    this.keys = keys;
  }

  // ------------------------------------------------------------ token tests

  key(i: number): string | null {
    return i >= 0 && i < this.n ? this.keys[i] : null;
  }

  punct(i: number, chars: ReadonlySet<string> | string): boolean {
    if (i < 0 || i >= this.n) return false;
    const t = this.tokens[i];
    if (t.kind !== 'punct' && t.kind !== 'symbol') return false;
    return typeof chars === 'string' ? t.norm === chars : chars.has(t.norm);
  }

  /**
   * How many letters of token i's folded form are a conjunction or preposition
   * glued to a time word (وأمس → 1, لعام → 1); 0 when none or when the clitic
   * merged with the article (للعام).
   */
  clitics(i: number): number {
    const key = this.key(i);
    const fold = this.fold(i);
    return key !== null && fold !== null && fold.length > key.length && fold.endsWith(key) ? fold.length - key.length : 0;
  }

  /** Value of a plain integer token (no separators), else null. */
  int(i: number): number | null {
    if (i < 0 || i >= this.n) return null;
    const t = this.tokens[i];
    return t.kind === 'number' && t.value !== undefined && DIGITS.test(t.norm) ? t.value : null;
  }

  /** A day of the month written in digits. */
  dayNumber(i: number): number | null {
    const v = this.int(i);
    return v !== null && v >= 1 && v <= 31 && this.tokens[i].norm.length <= 2 ? v : null;
  }

  /** A four-digit year number. */
  yearNumber(i: number): number | null {
    const v = this.int(i);
    return v !== null && this.tokens[i].norm.length === 4 ? v : null;
  }

  /** The longest phrase of a type (and role) starting at token i. */
  phrase<T extends LexType>(i: number, type: T, role?: WordRole): PhraseMatch<EntryOf<T>> | null {
    const first = this.key(i);
    if (first === null) return null;
    const phrases = this.lexicon.byFirstWord.get(first);
    if (!phrases) return null;
    for (const p of phrases) {
      if (p.entry.type !== type) continue;
      if (role && (p.entry as EntryOf<'word'>).role !== role) continue;
      if (this.matches(p, i)) return { entry: p.entry as EntryOf<T>, end: i + p.words.length };
    }
    return null;
  }

  private matches(p: Phrase, i: number): boolean {
    for (let k = 1; k < p.words.length; k++) if (this.key(i + k) !== p.words[k]) return false;
    return true;
  }

  /** The value of a one-or-more-word role phrase at i, with its end. */
  role(i: number, role: WordRole): PhraseMatch<EntryOf<'word'>> | null {
    return this.phrase(i, 'word', role);
  }

  is(i: number, role: WordRole): boolean {
    return this.role(i, role) !== null;
  }

  /** A word with the article that is not a time word: the noun in "الأسبوع الأول من". */
  private articleNoun(i: number): boolean {
    if (i < 0 || i >= this.n || this.tokens[i].kind !== 'word' || this.is(i, 'relative-pronoun')) return false;
    return this.tokens[i].prefixes.includes('ال') || /^(?:[وف]?(?:[بكل]?ال|لل))/.test(this.tokens[i].fold);
  }

  /** The folded form of a word token (for words the lexicon does not list). */
  private fold(i: number): string | null {
    return i >= 0 && i < this.n && this.tokens[i].kind === 'word' ? this.tokens[i].fold : null;
  }

  private isTimeModifier(i: number): boolean {
    return this.direction(i) !== null;
  }

  private direction(i: number): Direction | null {
    if (this.is(i, 'past')) return 'past';
    if (this.is(i, 'current')) return 'current';
    if (this.is(i, 'next')) return 'next';
    return null;
  }

  // ---------------------------------------------------------------- the scan

  findAll(): TimeMention[] {
    const starters = startersOf(this.lexicon);
    const mentions: TimeMention[] = [];
    for (let i = 0; i < this.n; i++) {
      const t = this.tokens[i];
      const key = this.keys[i];
      if (t.kind !== 'number' && (key === null || !starters.has(key))) continue;
      const parse = this.parseAt(i);
      if (!parse) continue;
      if (this.futureCueBefore(i)) parse.meaning.future = true;
      const previous = mentions[mentions.length - 1];
      if (previous && this.is(i - 1, 'corresponds') && (previous.tokenEnd === i - 1 || (previous.tokenEnd === i - 2 && this.punct(i - 2, COMMAS)))) {
        parse.meaning.sameAsPrevious = true;
      }
      mentions.push({ tokenStart: i, tokenEnd: parse.end, meaning: parse.meaning });
      i = parse.end - 1;
    }
    return mentions;
  }

  private parseAt(i: number): Parse | null {
    return (
      this.feastExpr(i) ??
      this.numericDate(i) ??
      this.dayMonth(i, false) ??
      this.leadDay(i) ??
      this.monthExpr(i) ??
      this.yearExpr(i) ??
      this.relativeSpan(i) ??
      this.agoExpr(i)
    );
  }

  /** A future event is announced a few words before: الانتخابات المقررة في 25 تموز، ستجرى في. */
  private futureCueBefore(i: number): boolean {
    const sentence = this.tokens[i].sentence;
    for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
      const t = this.tokens[k];
      if (t.sentence !== sentence) break;
      if (this.is(k, 'future') || this.futureVerb(t)) return true;
    }
    return false;
  }

  /** A verb with the future prefix: ستجرى، سيزور (the tokenizer's س on a 3-letter rest, as in سيدي, is not one). */
  private futureVerb(t: Token): boolean {
    return t.kind === 'word' && t.prefixes.includes('س') && t.base.length >= 4 && /^[يتن]/.test(t.base);
  }

  // ------------------------------------------------------------- the rules

  /** 22/7/2024, 2024-07-22, 7 / 10 / 1436 هـ (day/month/year, as Arabic news writes it). */
  private numericDate(i: number): Parse | null {
    const t = this.tokens[i];
    if (!t || t.kind !== 'number') return null;
    NUMERIC_DATE.lastIndex = t.nStart;
    const m = NUMERIC_DATE.exec(this.norm.text);
    if (!m) return null;
    if (separatorKind(m[2]) !== separatorKind(m[4])) return null;
    const [a, b, c] = [m[1], m[3], m[5]];
    let year: number, month: number, day: number;
    if (a.length === 4 && c.length <= 2) [year, month, day] = [Number(a), Number(b), Number(c)];
    else if (c.length === 4 && a.length <= 2) {
      [day, month, year] = [Number(a), Number(b), Number(c)];
      if (month > 12 && day <= 12) [day, month] = [month, day]; // 7/22/2024, US order
    } else return null;
    const matchEnd = t.nStart + m[0].length;
    let end = i + 1;
    while (end < this.n && this.tokens[end].nStart < matchEnd) end++;
    const era = this.eraAt(end);
    const calendar = yearCalendar(year, era?.calendar ?? null);
    if (!calendar || month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { end: era ? era.end : end, meaning: { calendar, year, month, day } };
  }

  private eraAt(i: number): { calendar: Calendar; end: number } | null {
    const hijri = this.role(i, 'hijri-era');
    if (hijri) return { calendar: 'hijri', end: hijri.end };
    const greg = this.role(i, 'greg-era');
    if (greg) return { calendar: 'gregorian', end: greg.end };
    return null;
  }

  /**
   * A day of a month: "16 يوليو الماضي", "يومي 22 و23 يوليو 2024" (the first day),
   * "السابع من أبريل", "الرابع من نوفمبر/تشرين الثاني 2017", "15 من الشهر الجاري".
   * `afterLead`: the caller already read a weekday or يوم before it.
   */
  private dayMonth(i: number, afterLead: boolean): Parse | null {
    let day = this.dayNumber(i);
    let j: number;
    let ordinal = false;
    if (day !== null) {
      j = i + 1;
      // a range of days keeps the first: 22 و23 يوليو، 5 - 7 أغسطس، من 5 إلى 7 أغسطس
      if ((this.is(j, 'range') || this.punct(j, DUAL_SEPARATORS)) && this.dayNumber(j + 1) !== null) j += 2;
    } else {
      const o = this.phrase(i, 'ordinal');
      if (!o) return null;
      // "الأسبوع الأول من شهر أغسطس" is a week, not the first of August: an ordinal
      // right after a noun with the article qualifies that noun (unless a و starts a new phrase)
      if (!afterLead && this.clitics(i) === 0 && this.articleNoun(i - 1) && !this.is(i - 1, 'preposition') && !this.isTimeModifier(i - 1)) return null;
      day = o.entry.value;
      j = o.end;
      ordinal = true;
    }
    const hasOf = this.is(j, 'of');
    if (hasOf) j++;
    else if (ordinal) return null; // السابع من أبريل needs its من
    if (this.is(j, 'month-word')) j++;
    const month = this.monthName(j);
    if (!month) {
      // 15 من الشهر الجاري
      const rel = hasOf ? this.phrase(j, 'relative') : null;
      if (rel && rel.entry.unit === 'month') return { end: rel.end, meaning: { calendar: 'gregorian', day, monthOffset: rel.entry.offset } };
      return null;
    }
    const meaning: TimeMeaning = { calendar: month.calendar, month: month.month, day };
    j = this.yearOrDirection(month.end, meaning);
    if (meaning.year === undefined && !afterLead && this.is(i - 1, 'name-head')) meaning.named = true;
    return { end: j, meaning };
  }

  /**
   * A month name, with its partner name in the other region's usage joined by
   * a slash, in parentheses or side by side: أغسطس/آب، يوليو (تموز)، فبراير شباط.
   */
  private monthName(i: number): { month: number; calendar: Calendar; ambiguity: EntryOf<'month'>['ambiguity']; end: number; paired: boolean } | null {
    const p = this.phrase(i, 'month');
    if (!p) return null;
    const { month, calendar } = p.entry;
    const same = (m: PhraseMatch<EntryOf<'month'>> | null) => m !== null && m.entry.month === month && m.entry.calendar === calendar;
    let end = p.end;
    let paired = false;
    if (this.punct(end, DUAL_SEPARATORS)) {
      const partner = this.phrase(end + 1, 'month');
      if (same(partner)) [end, paired] = [partner!.end, true];
    } else if (this.punct(end, '(')) {
      const partner = this.phrase(end + 1, 'month');
      if (same(partner) && this.punct(partner!.end, ')')) [end, paired] = [partner!.end + 1, true];
    } else {
      const partner = this.phrase(end, 'month');
      if (same(partner)) [end, paired] = [partner!.end, true];
    }
    return { month, calendar, ambiguity: paired ? 'none' : p.entry.ambiguity, end, paired };
  }

  /**
   * What may follow a month: a year (2024, عام 2024، 1445هـ، من العام الماضي)
   * or a modifier (الماضي، الجاري، المقبل). Fills `meaning`, returns the end.
   */
  private yearOrDirection(i: number, meaning: TimeMeaning): number {
    // "15 من شهر سبتمبر من كل عام": every year, no single date
    if (this.is(i, 'of') && this.is(i + 1, 'generic') && this.is(i + 2, 'year-word')) {
      meaning.vague = true;
      return i + 3;
    }
    const year = this.yearAfter(i);
    if (year) {
      if ('offset' in year) meaning.yearOffset = year.offset;
      else {
        meaning.year = year.year;
        if (year.calendar !== meaning.calendar) meaning.year = NaN; // a Hijri month with a Gregorian year: unresolvable
      }
      let end = year.end;
      if (this.is(end, 'past')) end++; // عام 1435هـ الماضي
      return end;
    }
    const direction = this.direction(i);
    if (direction) {
      meaning.direction = direction;
      return i + 1;
    }
    return i;
  }

  /** A year after a month or feast: 2024, عام 2024، من العام 2015، 1445 هـ، من العام الماضي، من هذا العام. */
  private yearAfter(i: number): { year: number; calendar: Calendar; end: number } | { offset: number; end: number } | null {
    let j = i;
    const hasOf = this.is(j, 'of');
    if (hasOf) j++;
    const hasWord = this.is(j, 'year-word');
    if (hasWord) j++;
    const n = this.yearNumber(j);
    if (n !== null) {
      const era = this.eraAt(j + 1);
      const calendar = yearCalendar(n, era?.calendar ?? null);
      if (calendar) return { year: n, calendar, end: era ? era.end : j + 1 };
    }
    if (hasOf) {
      const rel = this.phrase(i + 1, 'relative');
      if (rel && rel.entry.unit === 'year') return { offset: rel.entry.offset, end: rel.end };
    }
    return null;
  }

  /**
   * Expressions led by a part of the day or by يوم: "صباح اليوم", "فجر أمس",
   * "مساء الجمعة", "ليل الخميس الجمعة", "يوم الاثنين", "يومي 22 و23 يوليو";
   * and the bare day words and weekdays: "أمس (الاثنين)", "الثلاثاء".
   */
  private leadDay(i: number): Parse | null {
    let j = i;
    let night = false;
    const partOfDay = this.role(j, 'part-of-day');
    if (partOfDay) {
      night = partOfDay.entry.value === 'night';
      j = partOfDay.end;
    }
    const yawm = this.is(j, 'day-word');
    if (yawm) j++;
    const led = j > i;
    const parse = this.relativeDay(j, led) ?? this.weekdayExpr(j, { yawm, night, led, start: i });
    if (parse) return parse;
    if (led) return this.dayMonth(j, true) ?? this.numericDate(j) ?? this.feastExpr(j);
    return null;
  }

  /** أمس، اليوم، أول من أمس، الليلة الماضية; with a weekday after: "أمس الاثنين", "اليوم (الثلاثاء)". */
  private relativeDay(i: number, led: boolean): Parse | null {
    const p = this.phrase(i, 'relative');
    if (!p || p.entry.unit !== 'day') return null;
    const single = p.end === i + 1;
    if (single && this.articleNoun(i)) {
      // اليوم/الليلة/الغد are also "the day/night": في ذلك اليوم، صحيفة اليوم، اليوم الأول، اليوم العالمي
      if (!led && (this.is(i - 1, 'anaphor') || this.is(i - 1, 'media'))) return null;
      if (this.is(p.end, 'anaphor')) return null;
      if (this.articleNoun(p.end) && !this.phrase(p.end, 'weekday')) return null;
      // في اليوم الذي غادر: "the day when" (but "ظهر اليوم والتي أسفرت عن" is today)
      if (this.is(p.end, 'relative-pronoun') && this.clitics(p.end) === 0) return null;
      // a newspaper's name in quotes: لـ"اليوم"، «اليوم»
      if (!led && this.punct(i - 1, QUOTES) && this.punct(p.end, QUOTES)) return null;
    }
    const meaning: TimeMeaning = { calendar: 'gregorian', dayOffset: p.entry.offset };
    let end = p.end;
    const weekday = this.weekdayAfter(end);
    if (weekday) {
      meaning.weekday = weekday.weekday;
      end = weekday.end;
      const date = this.withWeekday(this.dateAfterWeekday(end), weekday.weekday);
      if (date) return date;
    }
    return { end, meaning };
  }

  /** A weekday right after a day word, bare or in parentheses: أمس الاثنين، اليوم (الثلاثاء). */
  private weekdayAfter(i: number): { weekday: number; end: number } | null {
    const bare = this.phrase(i, 'weekday');
    if (bare && bare.entry.article) return { weekday: bare.entry.weekday, end: bare.end };
    if (this.punct(i, '(')) {
      const inner = this.phrase(i + 1, 'weekday');
      if (inner && this.punct(inner.end, ')')) return { weekday: inner.entry.weekday, end: inner.end + 1 };
    }
    return null;
  }

  /**
   * A weekday: "الاثنين", "الخميس الماضي", "يوم أحد", "ليل الخميس الجمعة" (the
   * first night's day), or with its date: "الثلاثاء 6 أغسطس 2024" (the date wins).
   */
  private weekdayExpr(i: number, lead: { yawm: boolean; night: boolean; led: boolean; start: number }): Parse | null {
    const p = this.phrase(i, 'weekday');
    if (!p || (!p.entry.article && !lead.yawm)) return null;
    const weekday = p.entry.weekday;
    if (this.is(lead.start - 1, 'generic')) return null; // كل جمعة، أيام الجمعة، كل يوم سبت
    if (this.inPersonName[i]) return null; // a family name: عبدالله الخميس
    if (weekday === 0 && this.phrase(p.end, 'cardinal')?.entry.value === 10) return null; // الأحد عشر: eleven
    let end = p.end;
    const meaning: TimeMeaning = { calendar: 'gregorian', weekday };
    const direction = this.direction(end);
    if (direction) {
      meaning.direction = direction;
      end++;
      // الأربعاء من الأسبوع الماضي: the Wednesday of last week
    } else if (this.is(end, 'of') && this.is(end + 1, 'week-word') && this.direction(end + 2) && this.direction(end + 2) !== 'current') {
      meaning.weekOffset = this.direction(end + 2) === 'past' ? -1 : 1;
      end += 3;
    } else {
      // "يومي السبت والأحد الماضيين": the modifier after the pair is the first day's too
      const pair = this.phrase(end, 'weekday');
      const pairDirection = pair ? this.direction(pair.end) : null;
      if (pairDirection) meaning.direction = pairDirection;
    }
    if (lead.night) {
      // ليل الخميس الجمعة، ليلة الخميس/الجمعة، ليل الخميس إلى الجمعة
      const k = this.punct(end, DUAL_SEPARATORS) || this.is(end, 'range') || this.fold(end) === 'علي' ? end + 1 : end;
      const next = this.phrase(k, 'weekday');
      if (next && next.entry.weekday === (weekday + 1) % 7) end = next.end;
    }
    const date = this.withWeekday(this.dateAfterWeekday(end), weekday);
    if (date) return date;
    return { end, meaning };
  }

  /** The date that may follow a weekday: "، 6 أغسطس 2024", "الموافق 7/10/1436هـ", "التاسع من رمضان". */
  private dateAfterWeekday(i: number): Parse | null {
    let j = i;
    if (this.punct(j, COMMAS)) j++;
    if (this.is(j, 'corresponds')) j++;
    if (this.fold(j) === 'ال' && this.dayNumber(j + 1) !== null) j++; // the article on a numeral: الـ20 من شوال
    return this.numericDate(j) ?? this.dayMonth(j, true);
  }

  /** A weekday's date, keeping the weekday to choose the year of a year-less date: "يوم الخميس 28 شوال". */
  private withWeekday(date: Parse | null, weekday: number): Parse | null {
    if (date && date.meaning.year === undefined) date.meaning.weekday = weekday;
    return date;
  }

  /**
   * A month: "يوليو 2024", "تشرين الأول/أكتوبر 2023", "منتصف أبريل الماضي",
   * "شهر رمضان", "إبريل/نيسان من هذا العام", "سبتمبر (أيلول) 11 2001";
   * and month-parts of relative spans: "مطلع الشهر الجاري", "أواخر العام الماضي", "نهاية عام 2014".
   */
  private monthExpr(i: number): Parse | null {
    let j = i;
    const part = this.role(j, 'month-part');
    if (part) j = part.end;
    const monthWord = this.is(j, 'month-word');
    if (monthWord) j++;
    if (part && !monthWord) {
      const rel = this.phrase(j, 'relative');
      if (rel && rel.entry.unit === 'month') return { end: rel.end, meaning: { calendar: 'gregorian', monthOffset: rel.entry.offset } };
      if (rel && rel.entry.unit === 'year') return { end: rel.end, meaning: { calendar: 'gregorian', yearOffset: rel.entry.offset } };
    }
    const month = this.monthName(j);
    if (!month) return part ? this.yearExpr(j, true) : null;
    const meaning: TimeMeaning = { calendar: month.calendar, month: month.month };
    let end = month.end;
    // English order, day after month: سبتمبر (أيلول) 11 2001
    const day = this.dayNumber(end);
    const year = day !== null ? this.yearNumber(end + 1) : null;
    if (day !== null && year !== null && yearCalendar(year, null) === month.calendar) {
      meaning.day = day;
      meaning.year = year;
      end += 2;
      const era = this.eraAt(end);
      if (era) end = era.end;
    } else {
      end = this.yearOrDirection(end, meaning);
    }
    if (part?.entry.value === '1') meaning.day = 1; // غرة رمضان
    if (!this.monthAccepted(month, i, meaning, Boolean(part || monthWord))) return null;
    if (meaning.year === undefined && this.is(i - 1, 'name-head')) meaning.named = true; // ثورة مارس (آذار)
    return { end, meaning };
  }

  /** Whether a month name that is also a common word stands in a date context. */
  private monthAccepted(month: { ambiguity: EntryOf<'month'>['ambiguity'] }, start: number, meaning: TimeMeaning, led: boolean): boolean {
    if (month.ambiguity === 'none' || led) return true;
    if (meaning.year !== undefined || meaning.yearOffset !== undefined || meaning.direction !== undefined || meaning.day !== undefined) return true;
    return month.ambiguity === 'loose' && this.is(start - 1, 'preposition');
  }

  /** A year: "عام 2014", "العام 2015", "سنة 1436هـ", "صيف 2014", "في 2020", "2015م". */
  private yearExpr(i: number, afterPart = false): Parse | null {
    let j = i;
    const part = afterPart ? null : this.role(j, 'month-part') ?? this.role(j, 'season');
    if (part) j = part.end;
    const yearWord = this.is(j, 'year-word');
    if (yearWord) j++;
    const n = this.yearNumber(j);
    if (n === null) return null;
    const era = this.eraAt(j + 1);
    const calendar = yearCalendar(n, era?.calendar ?? null);
    if (!calendar) return null;
    // a bare number is a year only after a preposition (في 2014، منذ 2011) or with its era (2015م)
    if (!yearWord && !part && !afterPart && !era && !(this.is(i - 1, 'preposition') && n >= 1900 && n <= 2100)) return null;
    let end = era ? era.end : j + 1;
    if (this.is(end, 'past')) end++;
    return { end, meaning: { calendar, year: n } };
  }

  /** الشهر الماضي، العام الجاري، الأسبوع الماضي، قبل أيام، مؤخرا. */
  private relativeSpan(i: number): Parse | null {
    const p = this.phrase(i, 'relative');
    if (!p || p.entry.unit === 'day') return null;
    if (p.entry.unit === 'vague') return { end: p.end, meaning: { calendar: 'gregorian', vague: true } };
    if (p.entry.unit === 'month') return { end: p.end, meaning: { calendar: 'gregorian', monthOffset: p.entry.offset } };
    // العام الماضي 2014: the year as written
    const year = this.yearNumber(p.end);
    if (year !== null && yearCalendar(year, null) === 'gregorian') return { end: p.end + 1, meaning: { calendar: 'gregorian', year } };
    return { end: p.end, meaning: { calendar: 'gregorian', yearOffset: p.entry.offset } };
  }

  /**
   * "قبل يومين" (two days before the document date), "قبل ثلاثة أيام", "قبل عامين"
   * (the year two years back); weeks, months and hours ago are vague.
   * Not "قبل يومين من الانتخابات" (before another event) nor "قبل عام 2015".
   */
  private agoExpr(i: number): Parse | null {
    if (!this.is(i, 'ago')) return null;
    let j = i + 1;
    let count: number | null = null;
    const cardinal = this.phrase(j, 'cardinal');
    if (cardinal) [count, j] = [cardinal.entry.value, cardinal.end];
    else if (this.int(j) !== null && this.tokens[j].norm.length <= 2) [count, j] = [this.int(j), j + 1];
    const units = ['unit-day', 'unit-week', 'unit-month', 'unit-year', 'unit-hour'] as const;
    let unit: (typeof units)[number] | null = null;
    let unitCount = '';
    for (const u of units) {
      const r = this.role(j, u);
      if (r) [unit, unitCount, j] = [u, r.entry.value, r.end];
      if (r) break;
    }
    if (!unit) return null;
    if (count === null) count = unitCount === 'n' ? null : Number(unitCount);
    if (this.is(j, 'of') || this.fold(j) === 'علي' || this.yearNumber(j) !== null) return null;
    // "منذ يوم الأحد", "منذ شهر أبريل": since Sunday, since April; the weekday and month rules read them
    if (this.phrase(j, 'weekday') || this.phrase(j, 'relative') || this.phrase(j, 'month')) return null;
    const isAgo = this.key(i) === 'قبل';
    if (count !== null && unit === 'unit-day' && count <= 10) return { end: j, meaning: { calendar: 'gregorian', dayOffset: -count } };
    if (count !== null && unit === 'unit-year' && isAgo) return { end: j, meaning: { calendar: 'gregorian', yearOffset: -count } };
    return { end: j, meaning: { calendar: 'gregorian', vague: true } };
  }

  /**
   * A feast: "عيد الفطر", "ثاني أيام عيد الأضحى المبارك", "عشية عيد الفطر",
   * "ليلة القدر", "عيد الأضحى 1445هـ", "عيد الفطر الماضي".
   */
  private feastExpr(i: number): Parse | null {
    let j = i;
    let shift = 0;
    let feast = this.phrase(j, 'feast');
    if (!feast) {
      const s = this.role(j, 'feast-shift');
      if (!s) return null;
      shift = Number(s.entry.value);
      j = s.end;
      feast = this.phrase(j, 'feast');
      if (!feast) return null;
    }
    let end = feast.end;
    if (this.is(end, 'feast-adjective')) end++;
    const meaning: TimeMeaning = {
      calendar: feast.entry.calendar,
      feast: { calendar: feast.entry.calendar, month: feast.entry.month, day: feast.entry.day, shift },
    };
    const year = this.yearAfter(end);
    if (year && !('offset' in year)) {
      meaning.calendar = year.calendar;
      meaning.year = year.year;
      end = year.end;
    } else {
      const direction = this.direction(end);
      if (direction) [meaning.direction, end] = [direction, end + 1];
    }
    return { end, meaning };
  }
}

/** Every time expression in a tokenized text, in order, not overlapping. */
export function findTimeMentions(tokens: Token[], norm: NormalizedText, lexicon: TimeLexicon, entities: readonly Entity[] = []): TimeMention[] {
  return new TimeScanner(tokens, norm, lexicon, entities).findAll();
}

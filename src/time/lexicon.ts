// The word lists of the time tagger (src/resources/ar/time/*.tsv), parsed,
// checked and compiled into one phrase index over folded words.
import { ResourceError, tsvRecords, type ResourceLoader, type ResourceSpec } from '../resources/spec.js';
import { normalizeWord } from '../stages/normalize.js';
import type { Calendar } from './calendar.js';

export type MonthAmbiguity = 'none' | 'loose' | 'strict';
export type RelativeUnit = 'day' | 'month' | 'year' | 'vague';
export type WordRole =
  | 'past' | 'current' | 'next' | 'this'
  | 'part-of-day' | 'month-part' | 'season'
  | 'month-word' | 'day-word' | 'year-word' | 'week-word'
  | 'of' | 'range' | 'corresponds' | 'preposition'
  | 'hijri-era' | 'greg-era' | 'ago'
  | 'name-head' | 'anaphor' | 'media' | 'generic' | 'future'
  | 'feast-shift' | 'feast-adjective' | 'dateline-cue' | 'relative-pronoun'
  | 'unit-day' | 'unit-week' | 'unit-month' | 'unit-year' | 'unit-hour';

const WORD_ROLES: readonly WordRole[] = [
  'past', 'current', 'next', 'this', 'part-of-day', 'month-part', 'season', 'month-word', 'day-word', 'year-word', 'week-word',
  'of', 'range', 'corresponds', 'preposition', 'hijri-era', 'greg-era', 'ago', 'name-head', 'anaphor', 'media',
  'generic', 'future', 'feast-shift', 'feast-adjective', 'dateline-cue', 'relative-pronoun',
  'unit-day', 'unit-week', 'unit-month', 'unit-year', 'unit-hour',
];

export type LexEntry =
  | { type: 'month'; month: number; calendar: Calendar; ambiguity: MonthAmbiguity }
  | { type: 'weekday'; weekday: number; article: boolean }
  | { type: 'ordinal'; value: number }
  | { type: 'cardinal'; value: number }
  | { type: 'relative'; unit: RelativeUnit; offset: number }
  | { type: 'feast'; calendar: Calendar; month: number; day: number }
  | { type: 'word'; role: WordRole; value: string };

export type LexType = LexEntry['type'];

export interface Phrase {
  /** Folded words, as consecutive tokens. */
  words: string[];
  entry: LexEntry;
}

export interface TimeLexicon {
  /** Phrases by their first folded word, longest first. */
  byFirstWord: Map<string, Phrase[]>;
  /** Every folded word of every phrase. */
  knownWords: Set<string>;
  /** Words without the article that a glued preposition may precede: لعام، بنهاية، لشهر، بعيد الفطر. */
  afterPreposition: Set<string>;
}

// Roles of nouns that take a glued preposition (لعام 2008، بنهاية الشهر، بشهر أبريل).
const PREPOSITION_TAKERS: ReadonlySet<string> = new Set(['year-word', 'month-word', 'day-word', 'month-part', 'season', 'unit-day', 'unit-week', 'unit-month', 'unit-year', 'unit-hour']);

const int = (file: string, line: number, s: string, min: number, max: number, what: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max) throw new ResourceError(file, line, `${what} must be an integer ${min}-${max}, found "${s}"`);
  return n;
};
const calendarOf = (file: string, line: number, s: string): Calendar => {
  if (s !== 'gregorian' && s !== 'hijri') throw new ResourceError(file, line, `calendar must be gregorian or hijri, found "${s}"`);
  return s;
};
const words = (form: string) => normalizeWord(form).split(/\s+/).filter(Boolean);

type Rows<K extends string> = Array<Record<K, string> & { line: number }>;

/** A TSV word list whose rows become phrases. */
function phraseList<K extends string>(file: string, columns: readonly K[], required: readonly K[], toEntry: (row: Record<K, string>, line: number, file: string) => LexEntry): ResourceSpec<Phrase[]> {
  const tsv = tsvRecords<K>(file, columns, required);
  return {
    file,
    parse(raw, name) {
      return (tsv.parse(raw, name) as Rows<K>).map((row) => ({ words: words(row[columns[0]]), entry: toEntry(row, row.line, name) }));
    },
  };
}

export const TIME_MONTHS = phraseList('ar/time/months.tsv', ['form', 'month', 'calendar', 'region', 'ambiguity'] as const, ['form', 'month', 'calendar', 'region', 'ambiguity'] as const, (r, line, file) => {
  if (!['none', 'loose', 'strict'].includes(r.ambiguity)) throw new ResourceError(file, line, `ambiguity must be none, loose or strict, found "${r.ambiguity}"`);
  return { type: 'month', month: int(file, line, r.month, 1, 12, 'month'), calendar: calendarOf(file, line, r.calendar), ambiguity: r.ambiguity as MonthAmbiguity };
});

export const TIME_WEEKDAYS = phraseList('ar/time/weekdays.tsv', ['form', 'weekday', 'article'] as const, ['form', 'weekday', 'article'] as const, (r, line, file) => {
  if (r.article !== 'yes' && r.article !== 'no') throw new ResourceError(file, line, `article must be yes or no, found "${r.article}"`);
  return { type: 'weekday', weekday: int(file, line, r.weekday, 0, 6, 'weekday'), article: r.article === 'yes' };
});

export const TIME_NUMBERS = phraseList('ar/time/numbers.tsv', ['form', 'value', 'kind'] as const, ['form', 'value', 'kind'] as const, (r, line, file) => {
  if (r.kind !== 'ordinal' && r.kind !== 'cardinal') throw new ResourceError(file, line, `kind must be ordinal or cardinal, found "${r.kind}"`);
  return { type: r.kind, value: int(file, line, r.value, 1, 31, 'value') };
});

export const TIME_RELATIVE = phraseList('ar/time/relative.tsv', ['form', 'unit', 'offset'] as const, ['form', 'unit'] as const, (r, line, file) => {
  if (!['day', 'month', 'year', 'vague'].includes(r.unit)) throw new ResourceError(file, line, `unit must be day, month, year or vague, found "${r.unit}"`);
  const vague = r.unit === 'vague';
  if (vague !== !r.offset) throw new ResourceError(file, line, vague ? 'a vague expression has no offset' : 'offset is required');
  return { type: 'relative', unit: r.unit as RelativeUnit, offset: vague ? 0 : int(file, line, r.offset, -10, 10, 'offset') };
});

export const TIME_FEASTS = phraseList('ar/time/feasts.tsv', ['form', 'calendar', 'month', 'day'] as const, ['form', 'calendar', 'month', 'day'] as const, (r, line, file) => ({
  type: 'feast',
  calendar: calendarOf(file, line, r.calendar),
  month: int(file, line, r.month, 1, 12, 'month'),
  day: int(file, line, r.day, 1, 31, 'day'),
}));

export const TIME_WORDS = phraseList('ar/time/words.tsv', ['form', 'role', 'value'] as const, ['form', 'role'] as const, (r, line, file) => {
  if (!WORD_ROLES.includes(r.role as WordRole)) throw new ResourceError(file, line, `unknown role "${r.role}"`);
  return { type: 'word', role: r.role as WordRole, value: r.value ?? '' };
});

export const TIME_RESOURCES = [TIME_MONTHS, TIME_WEEKDAYS, TIME_NUMBERS, TIME_RELATIVE, TIME_FEASTS, TIME_WORDS] as const;

export function compileTimeLexicon(lists: readonly Phrase[][]): TimeLexicon {
  const byFirstWord = new Map<string, Phrase[]>();
  const knownWords = new Set<string>();
  const afterPreposition = new Set<string>();
  const seen = new Set<string>();
  for (const list of lists) {
    for (const phrase of list) {
      if (!phrase.words.length) continue;
      const id = phrase.words.join(' ') + '\u0000' + JSON.stringify(phrase.entry);
      if (seen.has(id)) continue; // spelling variants that fold alike (أبريل، ابريل)
      seen.add(id);
      phrase.words.forEach((w) => knownWords.add(w));
      const { entry } = phrase;
      if (entry.type === 'month' || entry.type === 'feast' || (entry.type === 'word' && PREPOSITION_TAKERS.has(entry.role))) afterPreposition.add(phrase.words[0]);
      const first = phrase.words[0];
      const list = byFirstWord.get(first) ?? [];
      list.push(phrase);
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirstWord, knownWords, afterPreposition };
}

const compiled = new WeakMap<ResourceLoader, TimeLexicon>();

/** The compiled lexicon, once per resource loader. */
export function timeLexicon(resources: ResourceLoader): TimeLexicon {
  let lexicon = compiled.get(resources);
  if (!lexicon) {
    lexicon = compileTimeLexicon(TIME_RESOURCES.map((spec) => resources.load(spec)));
    compiled.set(resources, lexicon);
  }
  return lexicon;
}

// The data model shared by every stage. A Doc owns the original text; stages add
// annotations to it and never change `text`. Every `start`/`end` pair is a UTF-16
// offset into the ORIGINAL text (end exclusive), so `doc.text.slice(start, end)`
// is exactly what the user sees. Offsets into the normalized text are named
// `nStart`/`nEnd` and are internal.

export interface Span {
  start: number;
  end: number;
}

/** What a document is before any stage runs. */
export interface DocInput {
  id: string;
  text: string;
  /** Publication date, YYYY-MM-DD, when the input knows it (JSONL `date`, --doc-date). */
  date?: string | null;
}

/**
 * The normalized text with a map back to the original.
 * `text` is the cleaned form (NFKC, no harakat/tatweel/bidi marks, ASCII digits,
 * glued words split); `fold` is the matching form of the same length (alef/hamza
 * variants unified, ى→ي, ة→ه). Character i of either came from original
 * text [origStart[i], origEnd[i]); an inserted space has origStart === origEnd.
 */
export interface NormalizedText {
  text: string;
  fold: string;
  origStart: Int32Array;
  origEnd: Int32Array;
  /** The named steps that were applied, in order. */
  steps: string[];
}

export type TokenKind = 'word' | 'number' | 'punct' | 'latin' | 'symbol';

export interface Token extends Span {
  /** Index of this token in doc.tokens. */
  i: number;
  nStart: number;
  nEnd: number;
  /** The original surface, text.slice(start, end). */
  text: string;
  /** Cleaned form (normalized text). */
  norm: string;
  /** Matching form (folded alef/ya/ta marbuta). */
  fold: string;
  kind: TokenKind;
  /** Proclitics split off the folded form, in order, e.g. وبالهجوم → ['و', 'ب', 'ال']. */
  prefixes: string[];
  /** The folded word without its clitics: وبالهجوم → هجوم. */
  base: string;
  /** Enclitic pronouns split off, e.g. قواتها → ['ها']. */
  suffixes: string[];
  /** Snowball Arabic stem of `base`. */
  stem: string;
  /** Index of the sentence holding this token. */
  sentence: number;
  /** Numeric value for number tokens (ASCII-digit form), else undefined. */
  value?: number;
}

export interface Sentence extends Span {
  i: number;
  nStart: number;
  nEnd: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  /** A line without final punctuation, such as a headline. */
  headline: boolean;
}

/** Labels of named entities, as the record's actor labels (plus nationality, folded into GPE). */
export type EntityLabel = 'PER' | 'ORG' | 'GPE' | 'LOC' | 'FAC' | 'GROUP' | 'OTHER';

export interface GeoInfo {
  /** ISO 3166-1 alpha-2 code. */
  country: string | null;
  /** First-level region (province, governorate), as a name or code. */
  region?: string | null;
  lat: number | null;
  lon: number | null;
  precision?: 'site' | 'town' | 'district' | 'region' | 'country' | null;
  /** The gazetteer's canonical name of the place. */
  name?: string;
}

export interface Entity extends Span {
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  text: string;
  label: EntityLabel;
  /** Canonical form: folded, article handled, aliases merged. */
  norm: string;
  /** Where the entity came from: 'ner' (trained tagger), 'gazetteer' or 'rule'. */
  source: 'ner' | 'gazetteer' | 'rule';
  /** True when the entity is a nationality adjective (الأمريكية → United States). */
  nationality?: boolean;
  geo?: GeoInfo;
}

export type TimeGrain = 'day' | 'month' | 'year';

export interface TimeExpr extends Span {
  tokenStart: number;
  tokenEnd: number;
  text: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY; null when it cannot be resolved. */
  value: string | null;
  grain: TimeGrain | null;
  /** True when the value depends on the document date (أمس, الاثنين الماضي). */
  relative: boolean;
}

export type WeaponCategory =
  | 'rocket' | 'missile' | 'drone' | 'aircraft' | 'artillery' | 'ied' | 'car_bomb'
  | 'suicide' | 'firearm' | 'grenade' | 'bladed' | 'explosive' | 'unknown';

export type EventStatus = 'occurred' | 'foiled' | 'threatened' | 'denied';

export interface Actor {
  text: string;
  norm: string;
  label: EntityLabel;
  via?: 'stated' | 'claim' | 'accusation' | 'suspicion';
  start?: number;
  end?: number;
}

export interface Place extends Actor {
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
  region?: string | null;
  precision?: GeoInfo['precision'];
}

export interface Weapon {
  text: string;
  category: WeaponCategory;
  count: number | null;
  start?: number;
  end?: number;
}

/** One record of `rasd extract`, as schema/event.schema.json describes. */
export interface AttackEvent {
  doc: string;
  doc_date: string | null;
  n: number;
  type: 'attack';
  status: EventStatus;
  attacker: Actor[];
  target: Actor[];
  location: Place[];
  time: { text: string; value: string | null; grain: TimeGrain | null; start?: number; end?: number } | null;
  weapon: Weapon[];
  killed: number | null;
  wounded: number | null;
  evidence: { start: number; end: number; text: string }[];
  confidence: number;
}

/** The document and everything the stages have added to it. */
export interface Doc {
  id: string;
  /** The original text. Never modified. */
  text: string;
  /** Document date YYYY-MM-DD used to resolve relative time, or null. */
  date: string | null;
  /** Where `date` came from. */
  dateSource: 'input' | 'dateline' | null;
  norm?: NormalizedText;
  sentences?: Sentence[];
  tokens?: Token[];
  entities?: Entity[];
  times?: TimeExpr[];
  events?: AttackEvent[];
  /**
   * Indices of the sentences events can draw on (the screen stage): those with a word an attack
   * mention can start from, the sentence either side, and the lead. Empty when no sentence has such
   * a word: `extract` then skips the entity stages.
   */
  focus?: number[];
  /** Whether the normalized text may hold a word an attack mention can start from (read before tokenizing: the screen stage). */
  attackText?: boolean;
  /** Non-fatal problems found while processing (printed on stderr by the CLI). */
  warnings: string[];
}

/** Doc fields a stage can require or add ('geo' marks entities resolved to places). */
export type DocField = 'norm' | 'sentences' | 'tokens' | 'attackText' | 'focus' | 'entities' | 'times' | 'geo' | 'events';

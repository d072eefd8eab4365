// tokenize: sentences and tokens over the normalized text, with offsets into the
// original. Each Arabic word gets its clitics split off as features:
//   وبالهجوم → prefixes [و, ب, ال], base هجوم;  قواتها → base قوات, suffixes [ها]
// and a stem (Snowball Arabic, from @orama/stemmers: maintained, dependency-free
// and the same algorithm as Lucene/Solr's Arabic light stemming).
import { stemmer as snowballArabic } from '@orama/stemmers/arabic';
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, NormalizedText, Sentence, Token, TokenKind } from '../types.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { hashRange, type WordCounts } from '../resources/packed.js';

// Tokens, in the order tried at each position (as the regular expression
//   (\d+(?:[.,]\d+)*(?:[/-]\d+(?:[/-]\d+)?)?)|([\u0621-\u064A\u0671-\u06D3]+)|([A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?)|(\S)
// with the u flag would find them, but scanned by hand over code units, which is several times faster):
//   number  digits with inner separators: 2.5, 1,000, 22/7/2024, 2023-10-07
//   word    a run of Arabic letters
//   latin   a run of Latin letters, with one apostrophe inside: O'Brien
//   else    any other character (a whole code point) that is not white space
const SENTENCE_END = new Set(['.', '!', '?', '؟', '؛', '…']);
const CLOSERS = new Set(['»', '”', '"', ')', ']', '’', "'"]);

const OTHER = 0;
const SPACE = 1;
const DIGIT = 2;
const ARABIC = 3;
const LATIN = 4;
/** Class of each UTF-16 code unit: \s, \d, the Arabic and the Latin letter ranges above, or other. */
const CHAR_CLASS = new Uint8Array(0x10000);
CHAR_CLASS.fill(DIGIT, 0x30, 0x3a);
CHAR_CLASS.fill(ARABIC, 0x0621, 0x064b);
CHAR_CLASS.fill(ARABIC, 0x0671, 0x06d4);
/** The letters of an Arabic word as the tokenizer reads it (CHAR_CLASS ARABIC), as a regular-expression range. */
export const ARABIC_WORD_LETTERS = '\\u0621-\\u064A\\u0671-\\u06D3';
CHAR_CLASS.fill(LATIN, 0x41, 0x5b);
CHAR_CLASS.fill(LATIN, 0x61, 0x7b);
CHAR_CLASS.fill(LATIN, 0xc0, 0x250);
// JavaScript's \s: ASCII white space, no-break spaces, Unicode space separators, line separators, BOM
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) CHAR_CLASS[c] = SPACE;
CHAR_CLASS.fill(SPACE, 0x2000, 0x200b);

const isDigitAt = (s: string, i: number) => i < s.length && CHAR_CLASS[s.charCodeAt(i)] === DIGIT;
const isAsciiLetterAt = (s: string, i: number) => {
  const c = i < s.length ? s.charCodeAt(i) | 0x20 : 0; // | 0x20: lower case
  return c >= 0x61 && c <= 0x7a;
};

function digitsEnd(s: string, i: number): number {
  while (isDigitAt(s, i)) i++;
  return i;
}

/** End of the number token starting at i: \d+(?:[.,]\d+)*(?:[/-]\d+(?:[/-]\d+)?)? */
function numberEnd(s: string, i: number): number {
  i = digitsEnd(s, i);
  for (;;) {
    const c = s.charCodeAt(i);
    if ((c === 0x2e || c === 0x2c) && isDigitAt(s, i + 1)) i = digitsEnd(s, i + 1); // . ,
    else break;
  }
  const isDateSeparator = (at: number) => {
    const c = s.charCodeAt(at);
    return (c === 0x2f || c === 0x2d) && isDigitAt(s, at + 1); // / -
  };
  if (isDateSeparator(i)) {
    i = digitsEnd(s, i + 1);
    if (isDateSeparator(i)) i = digitsEnd(s, i + 1);
  }
  return i;
}

/** End of the Latin token starting at i: [A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)? */
function latinEnd(s: string, i: number): number {
  while (i < s.length && CHAR_CLASS[s.charCodeAt(i)] === LATIN) i++;
  const c = s.charCodeAt(i);
  if ((c === 0x27 || c === 0x2019) && isAsciiLetterAt(s, i + 1)) {
    i++;
    while (isAsciiLetterAt(s, i)) i++;
  }
  return i;
}

/** End of the one-character token at i: a whole code point (a surrogate pair, or a lone half). */
function codePointEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const next = s.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return i + 2;
  }
  return i + 1;
}

const PUNCTUATION = /\p{P}/u;

export interface WordAnalysis {
  prefixes: string[];
  base: string;
  suffixes: string[];
  stem: string;
}

// Article forms, longest first. لل is ل + ال with the alef dropped: للقوات → ل ال قوات.
const ARTICLE_FORMS: Array<[string, string[]]> = [
  ['وبال', ['و', 'ب', 'ال']], ['وكال', ['و', 'ك', 'ال']], ['فبال', ['ف', 'ب', 'ال']], ['فكال', ['ف', 'ك', 'ال']],
  ['وال', ['و', 'ال']], ['فال', ['ف', 'ال']], ['بال', ['ب', 'ال']], ['كال', ['ك', 'ال']],
  ['ولل', ['و', 'ل', 'ال']], ['فلل', ['ف', 'ل', 'ال']], ['لل', ['ل', 'ال']], ['ال', ['ال']],
];
// Words that start like the article but are not article + noun.
const NOT_ARTICLE = new Set(['الذي', 'التي', 'الذين', 'اللذان', 'اللتان', 'اللذين', 'اللتين', 'اللاتي', 'اللواتي', 'اللي', 'الا', 'الي', 'الان', 'الله', 'اللهم']);
const CONJUNCTIONS = ['و', 'ف'];
const PREPOSITIONS = ['ب', 'ل', 'ك'];
// Imperfective verb prefixes that the future particle س can precede: سيتم، ستكون، سنرد
const IMPERFECTIVE = /^[يتنا]/;
const ENCLITICS = ['هما', 'كما', 'هم', 'هن', 'كم', 'ها', 'نا', 'ه'];

/**
 * Split clitics off a folded word. A one-letter clitic without the article is
 * split only when the corpus says the rest is the more common word: وقال → و قال
 * (قال is far more frequent than وقال), but وزير stays whole (زير is rare).
 */
export function analyzeWord(fold: string, freq: WordCounts, stem: (base: string) => string = stemOf): WordAnalysis {
  const count = (w: string) => freq.get(w) ?? 0;
  const prefixes: string[] = [];
  let base = fold;
  let hasArticle = false;

  if (!NOT_ARTICLE.has(base)) {
    for (const [form, parts] of ARTICLE_FORMS) {
      if (base.startsWith(form) && base.length - form.length >= 2) {
        prefixes.push(...parts);
        base = base.slice(form.length);
        hasArticle = true;
        break;
      }
    }
  }
  if (!hasArticle) {
    const strip = (letters: string[], allowed: (rest: string) => boolean) => {
      const c = base[0];
      if (!letters.includes(c) || base.length < 4) return false;
      const rest = base.slice(1);
      // «و+word» is itself common (وقال is more frequent than قال), so the rest
      // need only be a well-known word of comparable frequency
      if (!allowed(rest) || count(rest) < 20 || count(rest) * 3 < count(base)) return false;
      prefixes.push(c);
      base = rest;
      return true;
    };
    strip(CONJUNCTIONS, () => true);
    if (!strip(PREPOSITIONS, () => true)) strip(['س'], (rest) => IMPERFECTIVE.test(rest));
    for (const suffix of ENCLITICS) {
      if (!base.endsWith(suffix) || base.length - suffix.length < (suffix.length === 1 ? 3 : 2)) continue;
      const rest = base.slice(0, -suffix.length);
      // قاعدتها → قاعدت + ها: the ta marbuta comes back as ة (folded ه)
      const restored = rest.endsWith('ت') ? rest.slice(0, -1) + 'ه' : null;
      const margin = suffix.length === 1 ? 2 : 1;
      const best = restored && count(restored) > count(rest) ? restored : rest;
      if (count(best) > margin * count(base)) {
        base = best;
        return { prefixes, base, suffixes: [suffix], stem: stem(base) };
      }
    }
  }
  return { prefixes, base, suffixes: [], stem: stem(base) };
}

function stemOf(base: string): string {
  return base.length <= 3 ? base : snowballArabic(base);
}

/**
 * What every token of one folded form shares: its kind, clitic analysis and
 * value, and what later stages derived from the word alone (see typeMemo).
 */
export interface TokenType {
  readonly fold: string;
  /** The cleaned surface of the token last seen with this folded form (most words have one spelling). */
  norm: string;
  readonly kind: TokenKind;
  readonly prefixes: string[];
  readonly base: string;
  readonly suffixes: string[];
  readonly stem: string;
  readonly value: number | undefined;
  // typeMemo's slots: two in the object itself (read without another load), more in `memo`
  memoOwner1: object | null;
  memoValue1: unknown;
  memoOwner2: object | null;
  memoValue2: unknown;
  /** Further slots: owner, value, owner, value, ... */
  memo: unknown[] | null;
  /** A bit per owner (nullMemoBit) whose value for this type is null: most words are no trigger, start no phrase… */
  memoNull: number;
}

/**
 * Clitic lists of token types, one frozen array per distinct list (most are
 * empty or one of a few dozen, such as [و, ال]): shared, so never to be changed.
 */
const cliticLists = new Map<string, string[]>();
function sharedClitics(list: readonly string[]): string[] {
  const key = list.join(' ');
  let shared = cliticLists.get(key);
  if (!shared) cliticLists.set(key, (shared = Object.freeze([...list]) as unknown as string[]));
  return shared;
}
const NO_CLITICS = sharedClitics([]);

function tokenType(fold: string, norm: string, kind: TokenKind, prefixes: string[], base: string, suffixes: string[], stem: string, value: number | undefined): TokenType {
  return { fold, norm, kind, prefixes, base, suffixes, stem, value, memoOwner1: null, memoValue1: undefined, memoOwner2: null, memoValue2: undefined, memo: null, memoNull: 0 };
}

/**
 * A slice that does not keep the text it was cut from alive: V8 makes a slice of
 * 13 characters or more a view into its parent, and a token type outlives its document.
 */
function detached(slice: string): string {
  return slice.length < 13 ? slice : (' ' + slice).slice(1); // the concatenation is flattened into a new string
}

/** Whether a[aStart, aStart + length) and b[bStart, bStart + length) are the same code units. */
function sameUnits(a: string, aStart: number, b: string, bStart: number, length: number): boolean {
  if (a === b && aStart === bStart) return true;
  for (let i = 0; i < length; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
}

/** Whether code units [start, end) of s spell `word`. */
function spells(s: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== s.charCodeAt(start + i)) return false;
  return true;
}

/**
 * The token types seen so far (per word-frequency table), found by the code
 * units of a stretch of the folded text: news repeats its words, so most tokens
 * are looked up without cutting a string out of the text or analysing the
 * word, and every token of a form shares one string for it (later lookups by
 * `fold` in other stages then hash and compare it once, not per token).
 *
 * An open-addressing hash table laid out for few memory loads per lookup (a
 * lookup per token is this stage's main cost): slots of two integers (the
 * key's hash and entry), and the keys' code units in one pool, compared before
 * the entry object is read. When the table is full, the types seen least often
 * since the last time are dropped (half of them or more: mostly words seen
 * once), so the frequent words stay analysed. Tokens longer than MAX_KEPT code
 * units are analysed each time and not kept.
 */
class TokenTypes {
  // 100k types (about 30 MB with what later stages keep on them): over the whole
  // SaudiNewsNet corpus a worker meets about 190k, and 200k cost 58 MB of heap
  // per worker for a few percent less CPU.
  private static readonly LIMIT = 100_000;
  private static readonly MAX_KEPT = 64;

  private entries: TokenType[] = [];
  private slotCount = 2048;
  /** Per slot: the key's hash, and its entry index + 1 (0: an empty slot). */
  private slots = new Int32Array(2 * 2048);
  /** Per entry: where its key's code units start in `keys`. */
  private keyAt: Int32Array = new Int32Array(1024);
  /** Per entry: its key's length, plus (<< 8) how often it was looked up since it was added or the table was thinned (at most 255). */
  private lengthHits: Int32Array = new Int32Array(1024);
  /** The keys' code units, one after another. */
  private keys: Uint16Array = new Uint16Array(8192);
  private keysLength = 0;

  /** Stems by base: word types that differ only in their clitics (القوات، والقوات، بالقوات) share a base. */
  private stems = new Map<string, string>();

  constructor(private readonly freq: WordCounts) {}

  private readonly stemOfBase = (base: string): string => {
    let stem = this.stems.get(base);
    if (stem === undefined) {
      if (this.stems.size >= TokenTypes.LIMIT) this.stems.clear();
      stem = stemOf(base);
      if (stem === base) stem = base; // one string when the stemmer left the word alone
      this.stems.set(base, stem);
    }
    return stem;
  };

  get(fold: string, start: number, end: number, text: string, firstClass: number): TokenType {
    const length = end - start;
    if (length > TokenTypes.MAX_KEPT) return this.newType(fold, start, end, text, firstClass);
    const hash = hashRange(fold, start, end);
    const slots = this.slots;
    const mask = this.slotCount - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[2 * slot + 1] - 1;
      if (entry < 0) break;
      if (slots[2 * slot] === hash) {
        const lengthHits = this.lengthHits[entry];
        if ((lengthHits & 0xff) === length) {
          const keys = this.keys;
          const keyAt = this.keyAt[entry];
          let i = 0;
          while (i < length && keys[keyAt + i] === fold.charCodeAt(start + i)) i++;
          if (i === length) {
            if (lengthHits < 255 << 8) this.lengthHits[entry] = lengthHits + (1 << 8);
            return this.entries[entry];
          }
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.entries.length >= TokenTypes.LIMIT) {
      this.thin();
      return this.get(fold, start, end, text, firstClass);
    }
    const type = this.newType(fold, start, end, text, firstClass);
    const entry = this.entries.length;
    this.entries.push(type);
    if (entry === this.keyAt.length) {
      this.keyAt = grownInt32(this.keyAt, 2 * entry);
      this.lengthHits = grownInt32(this.lengthHits, 2 * entry);
    }
    if (this.keysLength + length > this.keys.length) this.keys = grownUint16(this.keys, 2 * (this.keysLength + length));
    for (let i = 0; i < length; i++) this.keys[this.keysLength + i] = fold.charCodeAt(start + i);
    this.keyAt[entry] = this.keysLength;
    this.lengthHits[entry] = length;
    this.keysLength += length;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = entry + 1;
    if (2 * this.entries.length > this.slotCount) this.rehash(2 * this.slotCount);
    return type;
  }

  private newType(fold: string, start: number, end: number, text: string, firstClass: number): TokenType {
    const folded = detached(fold.slice(start, end));
    const norm = spells(text, start, end, folded) ? folded : detached(text.slice(start, end));
    if (firstClass === ARABIC) {
      const a = analyzeWord(folded, this.freq, this.stemOfBase);
      return tokenType(folded, norm, 'word', sharedClitics(a.prefixes), a.base, sharedClitics(a.suffixes), a.stem, undefined);
    }
    const kind: TokenKind = firstClass === DIGIT ? 'number' : firstClass === LATIN ? 'latin' : PUNCTUATION.test(folded) ? 'punct' : 'symbol';
    const base = kind === 'latin' ? folded.toLowerCase() : folded;
    let value: number | undefined;
    if (kind === 'number') {
      const plain = norm.replace(/,(?=\d{3}\b)/g, '');
      if (/^\d+(\.\d+)?$/.test(plain)) value = Number(plain);
    }
    return tokenType(folded, norm, kind, NO_CLITICS, base, NO_CLITICS, base, value);
  }

  /** The same entries in a table of `slotCount` slots. */
  private rehash(slotCount: number): void {
    const slots = new Int32Array(2 * slotCount);
    const mask = slotCount - 1;
    const old = this.slots;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let slot = old[at] & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at];
      slots[2 * slot + 1] = old[at + 1];
    }
    this.slots = slots;
    this.slotCount = slotCount;
  }

  /** Keep at most half of the entries: those looked up most often; their counts start again. */
  private thin(): void {
    const total = this.entries.length;
    const count = new Int32Array(256);
    for (let entry = 0; entry < total; entry++) count[this.lengthHits[entry] >>> 8]++;
    // the smallest hit count such that the entries with more hits than it are at most half
    let keepAbove = 0;
    let above = total - count[0];
    while (above > total / 2) above -= count[++keepAbove];
    const entries: TokenType[] = [];
    const keys = new Uint16Array(this.keys.length);
    const keyAt = new Int32Array(this.keyAt.length);
    const lengthHits = new Int32Array(this.lengthHits.length);
    const slots = new Int32Array(this.slots.length);
    const mask = this.slotCount - 1;
    let keysLength = 0;
    for (let at = 0; at < this.slots.length; at += 2) {
      const old = this.slots[at + 1] - 1;
      if (old < 0 || this.lengthHits[old] >>> 8 <= keepAbove) continue;
      const length = this.lengthHits[old] & 0xff;
      const entry = entries.length;
      entries.push(this.entries[old]);
      keys.set(this.keys.subarray(this.keyAt[old], this.keyAt[old] + length), keysLength);
      keyAt[entry] = keysLength;
      lengthHits[entry] = length;
      keysLength += length;
      let slot = this.slots[at] & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = this.slots[at];
      slots[2 * slot + 1] = entry + 1;
    }
    this.entries = entries;
    this.keys = keys;
    this.keysLength = keysLength;
    this.keyAt = keyAt;
    this.lengthHits = lengthHits;
    this.slots = slots;
  }
}

function grownInt32(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

function grownUint16(array: Uint16Array, size: number): Uint16Array {
  const bigger = new Uint16Array(size);
  bigger.set(array);
  return bigger;
}

const tokenTypes = new WeakMap<WordCounts, TokenTypes>();

// The type of each token, per tokens array made by tokenizeNormalized.
const typesOfTokens = new WeakMap<readonly Token[], readonly TokenType[]>();

/**
 * The types of a document's tokens (types[i] is that of tokens[i]), when
 * tokenizeNormalized made the array; undefined for tokens made otherwise.
 * Tokens of one folded form share a type, so a stage that derives something
 * from the word alone (its gazetteer entries, its key in a lexicon) can keep it
 * there (typeMemo) and find it again by reading two fields: a lookup by the
 * word's string in a Map costs several times more, on every token.
 */
export function typesOf(tokens: readonly Token[]): readonly TokenType[] | undefined {
  return typesOfTokens.get(tokens);
}

/**
 * Whether the token still has its type's analysis (a stage may have made or
 * changed tokens): only then may what was kept with the type be used for it.
 */
export function sameAnalysis(type: TokenType, t: Token): boolean {
  return type.fold === t.fold && type.base === t.base && type.prefixes === t.prefixes;
}

/** What a stage stored for this type under `owner` (the resource it derived it with), or undefined. */
export function typeMemo(type: TokenType, owner: object): unknown {
  if (type.memoNull !== 0) {
    const bit = nullMemoBits.get(owner);
    if (bit !== undefined && type.memoNull & bit) return null;
  }
  if (type.memoOwner1 === owner) return type.memoValue1;
  if (type.memoOwner2 === owner) return type.memoValue2;
  const memo = type.memo;
  if (memo === null) return undefined;
  for (let k = 0; k < memo.length; k += 2) if (memo[k] === owner) return memo[k + 1];
  return undefined;
}

/**
 * Null values are kept as one bit per owner (the first 31 owners; later ones
 * take a slot like any value): a memo slot and its array cost ~30 bytes per
 * word type and owner, and for most owners most words' value is null.
 */
const nullMemoBits = new Map<object, number>();
function nullMemoBit(owner: object): number | undefined {
  let bit = nullMemoBits.get(owner);
  if (bit === undefined && nullMemoBits.size < 31) nullMemoBits.set(owner, (bit = 1 << nullMemoBits.size));
  return bit;
}

export function setTypeMemo(type: TokenType, owner: object, value: unknown): void {
  if (value === null) {
    const bit = nullMemoBit(owner);
    if (bit !== undefined) {
      type.memoNull |= bit;
      return;
    }
  } else if (type.memoNull !== 0) {
    // (a null kept as a bit would hide the new value: typeMemo reads the bits first)
    const bit = nullMemoBits.get(owner);
    if (bit !== undefined) type.memoNull &= ~bit;
  }
  if (type.memoOwner1 === null || type.memoOwner1 === owner) {
    type.memoOwner1 = owner;
    type.memoValue1 = value;
    return;
  }
  if (type.memoOwner2 === null || type.memoOwner2 === owner) {
    type.memoOwner2 = owner;
    type.memoValue2 = value;
    return;
  }
  const memo = type.memo;
  if (memo === null) {
    type.memo = [owner, value];
    return;
  }
  for (let k = 0; k < memo.length; k += 2) {
    if (memo[k] === owner) {
      memo[k + 1] = value;
      return;
    }
  }
  type.memo = [...memo, owner, value]; // a new array of the exact size: one is kept per word type
}

export function tokenizeNormalized(norm: NormalizedText, original: string, freq: WordCounts): { tokens: Token[]; sentences: Sentence[] } {
  let types = tokenTypes.get(freq);
  if (!types) tokenTypes.set(freq, (types = new TokenTypes(freq)));
  const tokens: Token[] = [];
  const tokenTypeList: TokenType[] = [];
  const sentences: Sentence[] = [];
  const { text, fold, origStart, origEnd } = norm;
  let sentenceStart = 0; // token index where the current sentence began
  let endedByPunct = false;

  const closeSentence = (tokenEnd: number, byPunct: boolean) => {
    if (tokenEnd <= sentenceStart) return;
    const first = tokens[sentenceStart];
    const last = tokens[tokenEnd - 1];
    const i = sentences.length; // the tokens already carry it (see below)
    sentences.push({
      i,
      start: first.start,
      end: last.end,
      nStart: first.nStart,
      nEnd: last.nEnd,
      tokenStart: sentenceStart,
      tokenEnd,
      headline: !byPunct,
    });
    sentenceStart = tokenEnd;
  };

  // The scan reads the folded text: folding only maps Arabic letters to Arabic
  // letters, so its token boundaries are those of the cleaned text.
  const n = fold.length;
  let newlineBefore = false; // a line break in the white space before the token
  let at = 0;
  while (at < n) {
    const unit = fold.charCodeAt(at);
    const charClass = CHAR_CLASS[unit];
    if (charClass === SPACE) {
      if (unit === 0x0a) newlineBefore = true;
      at++;
      continue;
    }
    const nStart = at;
    if (charClass === ARABIC) {
      at++;
      while (at < n && CHAR_CLASS[fold.charCodeAt(at)] === ARABIC) at++;
    } else if (charClass === DIGIT) at = numberEnd(fold, at);
    else if (charClass === LATIN) at = latinEnd(fold, at);
    else at = codePointEnd(fold, at);
    const nEnd = at;
    const type = types.get(fold, nStart, nEnd, text, charClass);
    // The cleaned surface, as a string the type holds: its folded form when folding
    // changed no letter here (told by the text and folded text at hand), else the
    // spelling last seen (أعلن and اعلن fold alike).
    let surface = type.fold;
    if (!sameUnits(text, nStart, fold, nStart, nEnd - nStart)) {
      surface = type.norm;
      if (!spells(text, nStart, nEnd, surface)) type.norm = surface = detached(text.slice(nStart, nEnd));
    }

    // A sentence ends at a line break, or after final punctuation once any
    // closing quotes that follow it are taken in: «... الدولي». وأكد
    // (runs of final punctuation such as "؟!" or "..." stay together)
    const absorbed = charClass === OTHER && (CLOSERS.has(surface) || SENTENCE_END.has(surface));
    if (newlineBefore) closeSentence(tokens.length, endedByPunct);
    else if (endedByPunct && !absorbed) closeSentence(tokens.length, true);
    endedByPunct = endedByPunct && !newlineBefore && absorbed;
    newlineBefore = false;

    const start = origStart[nStart];
    const end = origEnd[nEnd - 1];
    const token: Token = {
      i: tokens.length,
      start,
      end,
      nStart,
      nEnd,
      // the original surface is most often the cleaned one: share its string
      text: end - start === nEnd - nStart && sameUnits(original, start, text, nStart, nEnd - nStart) ? surface : original.slice(start, end),
      norm: surface,
      fold: type.fold,
      kind: type.kind,
      prefixes: type.prefixes,
      base: type.base,
      suffixes: type.suffixes,
      stem: type.stem,
      // the sentence still open is the next one closeSentence adds
      sentence: sentences.length,
    };
    if (type.value !== undefined) token.value = type.value;
    tokens.push(token);
    tokenTypeList.push(type);
    if (type.kind === 'punct' && SENTENCE_END.has(surface)) endedByPunct = true;
  }
  closeSentence(tokens.length, endedByPunct);
  typesOfTokens.set(tokens, tokenTypeList);
  return { tokens, sentences };
}

export const tokenize = defineStage({
  name: 'tokenize',
  requires: ['norm'],
  adds: ['sentences', 'tokens'],
  run(doc: Doc, ctx: Context): Doc {
    const { tokens, sentences } = tokenizeNormalized(doc.norm!, doc.text, wordFrequencies(ctx.resources));
    return { ...doc, tokens, sentences };
  },
});

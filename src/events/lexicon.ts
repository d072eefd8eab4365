// The extractor's word lists (src/resources/ar/events/*.tsv), loaded, checked and
// compiled into lookup tables over token forms. Every entry is normalized with
// normalizeWord on load, so the files may be written in ordinary spelling
// (طائرة مسيّرة) and still match the folded token forms (طايره مسيره).
import { ResourceError, parseTsv, type ResourceLoader, type ResourceSpec } from '../resources/spec.js';
import { normalizeWord } from '../stages/normalize.js';
import { sameAnalysis, setTypeMemo, typeMemo, typesOf, type TokenType } from '../stages/tokenize.js';
import type { EntityLabel, Token, WeaponCategory } from '../types.js';
import { TwoGenerationCache } from '../cache.js';
import { KEYWORDS } from '../ner/lexicon.js';

export const WEAPON_CATEGORIES: readonly WeaponCategory[] = [
  'rocket', 'missile', 'drone', 'aircraft', 'artillery', 'ied', 'car_bomb', 'suicide', 'firearm', 'grenade', 'bladed', 'explosive', 'unknown',
];

export interface TriggerDef {
  form: string;
  prefix: boolean;
  pos: 'noun' | 'verb';
  weapon: WeaponCategory | null;
  strength: number;
  needs: Set<string>;
}

export type CueKind =
  | 'foiled' | 'threatened' | 'denied' | 'claim' | 'accusation' | 'not_attack' | 'habitual' | 'no_casualties' | 'killed' | 'wounded' | 'approx';
const CUE_KINDS: readonly CueKind[] = ['foiled', 'threatened', 'denied', 'claim', 'accusation', 'not_attack', 'habitual', 'no_casualties', 'killed', 'wounded', 'approx'];

/**
 * The forms a lexicon entry may match a token on: its folded form, its clitic-free
 * base, and the folded form without a leading conjunction the clitic splitter
 * kept (وجرح is more frequent than جرح, so it stays whole, but it is و + جرح).
 */
export function formsOf(t: Token): readonly string[] {
  const known = formsCache.get(t.fold);
  if (known !== undefined && known.base === t.base && sameList(known.prefixes, t.prefixes)) return known.forms;
  const forms = computeForms(t);
  formsCache.set(t.fold, { base: t.base, prefixes: t.prefixes, forms });
  return forms;
}
// Every token is looked up many times (triggers, cues, weapons, numbers): its
// forms are computed once per word, by folded form (with the analysis they were
// computed for: the tokenizer gives one form one analysis, other callers may
// not). Not a WeakMap by token: one entry per token of a long run, which V8
// drops only in full collections, made lookups the slowest step of a batch.
const formsCache = new TwoGenerationCache<string, { base: string; prefixes: readonly string[]; forms: readonly string[] }>(10_000);

/**
 * formsOf(tokens[i]), kept for the last tokens array asked about: the phrase
 * tables match at every token of a document, each asking for the forms of the
 * words ahead, so most asks are for the document at hand.
 */
export function formsAt(tokens: readonly Token[], i: number): readonly string[] {
  enterDocument(tokens);
  const t = tokens[i];
  if (docSeen[i] === t && t !== undefined) return docForms[i];
  docSeen[i] = t;
  return (docForms[i] = formsOf(t));
}
/** The tokenizer's type of tokens[i], when it made it and the token still has the type's analysis. */
function typeAt(tokens: readonly Token[], i: number): TokenType | undefined {
  enterDocument(tokens);
  const type = docTypes?.[i];
  const t = tokens[i];
  return type !== undefined && t !== undefined && sameAnalysis(type, t) ? type : undefined;
}

/** Make `tokens` the document whose types and forms are at hand (formsAt, typeAt). */
function enterDocument(tokens: readonly Token[]): void {
  if (tokens === docTokens) return;
  docTokens = tokens;
  docTypes = typesOf(tokens);
  docSeen = new Array(tokens.length);
  docForms = new Array(tokens.length);
}
let docTypes: readonly TokenType[] | undefined;
let docTokens: readonly Token[] | null = null;
let docSeen: Token[] = [];
let docForms: (readonly string[])[] = [];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeForms(t: Token): string[] {
  const forms = [t.fold];
  if (t.base !== t.fold) forms.push(t.base);
  // a «ف» the splitter took for «so» may be the word's own first letter: «فجرت» is not «ف + جرت» (took place)
  if (t.prefixes.at(-1) === 'ف' && !t.suffixes.length) forms.push('ف' + t.base);
  if (!t.prefixes.length && t.fold.length >= 4) {
    // و/ف, then ب/ل/ك: بحزامين → حزامين, وبصاروخين → صاروخين; and of the base without its
    // pronoun: «بإطلاقهم» (base باطلاق) → اطلاق
    for (const word of t.base !== t.fold ? [t.fold, t.base] : [t.fold]) {
      let rest = word;
      if (rest[0] === 'و' || rest[0] === 'ف') forms.push((rest = rest.slice(1)));
      if (rest.length > 4 && (rest[0] === 'ب' || rest[0] === 'ل' || rest[0] === 'ك')) forms.push(rest.slice(1));
    }
  }
  return [...new Set(forms)];
}

/** Phrases of one or more words, indexed by their first word. */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, PhraseEntry<T>[]>();

  /** (Every phrase is added before the first match: what a word may start is kept with its type.) */
  add(phrase: string, value: T): void {
    const words = phrase.split(' ').filter(Boolean);
    const list = this.byFirst.get(words[0]) ?? [];
    list.push({ words, value });
    list.sort((a, b) => b.words.length - a.words.length); // longest first
    this.byFirst.set(words[0], list);
  }

  /** Every phrase added, as its words. */
  *entries(): IterableIterator<{ words: readonly string[]; value: T }> {
    for (const list of this.byFirst.values()) yield* list;
  }

  /** The longest phrase starting at token i (ending before `end`), matching each word on its folded form or its clitic-free base. */
  match(tokens: readonly Token[], i: number, end = tokens.length): { length: number; value: T } | null {
    // the phrases a word may start, kept with its type: most words start none
    const type = typeAt(tokens, i);
    let starting = type === undefined ? undefined : (typeMemo(type, this) as PhraseEntry<T>[] | null | undefined);
    if (starting === undefined) {
      starting = [];
      for (const form of formsAt(tokens, i)) starting.push(...(this.byFirst.get(form) ?? []));
      if (!starting.length) starting = null; // (kept as one bit)
      if (type !== undefined) setTypeMemo(type, this, starting);
    }
    if (starting === null) return null;
    let best: { length: number; value: T } | null = null;
    for (const { words, value } of starting) {
      if (i + words.length > end || (best && best.length >= words.length)) continue;
      let ok = true;
      for (let k = 1; k < words.length && ok; k++) ok = formsAt(tokens, i + k).includes(words[k]);
      if (ok) best = { length: words.length, value };
    }
    return best;
  }
}

interface PhraseEntry<T> {
  words: string[];
  value: T;
}

export interface EventLexicon {
  exactTriggers: Map<string, TriggerDef>;
  prefixTriggers: TriggerDef[];
  weapons: PhraseTable<{ category: WeaponCategory; count: number | null }>;
  cues: PhraseTable<CueKind>;
  numbers: Map<string, number | null>;
  /** Nouns that head a target phrase (قاعدة، سوق، دورية) and the label they give it. */
  targetHeads: Map<string, EntityLabel>;
  /** Words that say a place's name follows (مدينة، منطقة، ناحية), folded and without the article: the
   * `place` kind of the tagger's keywords.tsv, so one list serves both. */
  placeNouns: ReadonlySet<string>;
  /** The grammar's function words by role (words.tsv). */
  words: EventWords;
}

/** A list's rows, each key once: a form listed twice (perhaps with two categories) is a mistake. */
function once<T>(rows: Array<{ line: number; value: T }>, key: (x: T) => string, file: string): T[] {
  const seen = new Map<string, number>();
  for (const { line, value } of rows) {
    const k = key(value);
    const first = seen.get(k);
    if (first !== undefined) throw new ResourceError(file, line, `"${k}" is listed already (line ${first})`);
    seen.set(k, line);
  }
  return rows.map((r) => r.value);
}

function column(header: string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new ResourceError(file, null, `missing column "${name}"`);
  return i;
}

export const TRIGGERS: ResourceSpec<TriggerDef[]> = {
  file: 'ar/events/triggers.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 6);
    const [form, match, pos, weapon, strength, needs] = ['form', 'match', 'pos', 'weapon', 'strength', 'needs'].map((c) => column(header, c, file));
    const defs = rows.map(({ line, cells }) => {
      if (cells[match] !== 'exact' && cells[match] !== 'prefix') throw new ResourceError(file, line, `match must be exact or prefix`);
      if (cells[pos] !== 'noun' && cells[pos] !== 'verb') throw new ResourceError(file, line, `pos must be noun or verb`);
      const w = cells[weapon];
      if (w !== '-' && !WEAPON_CATEGORIES.includes(w as WeaponCategory)) throw new ResourceError(file, line, `unknown weapon category "${w}"`);
      const s = Number(cells[strength]);
      if (!(s >= 0 && s <= 1)) throw new ResourceError(file, line, `strength must be between 0 and 1`);
      const value: TriggerDef = {
        form: normalizeWord(cells[form]),
        prefix: cells[match] === 'prefix',
        pos: cells[pos] as 'noun' | 'verb',
        weapon: w === '-' ? null : (w as WeaponCategory),
        strength: s,
        needs: new Set(cells[needs] === '-' ? [] : cells[needs].split(',').map((x) => normalizeWord(x.trim()))),
      };
      return { line, value };
    });
    return once(defs, (d) => `${d.form} ${d.prefix ? 'prefix' : 'exact'}`, file);
  },
};

export const WEAPONS: ResourceSpec<Array<{ form: string; category: WeaponCategory; count: number | null }>> = {
  file: 'ar/events/weapons.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 3);
    const [form, category, count] = ['form', 'category', 'count'].map((c) => column(header, c, file));
    const weapons = rows.map(({ line, cells }) => {
      if (!WEAPON_CATEGORIES.includes(cells[category] as WeaponCategory)) throw new ResourceError(file, line, `unknown weapon category "${cells[category]}"`);
      const n = cells[count] === '-' ? null : Number(cells[count]);
      if (n !== null && !Number.isInteger(n)) throw new ResourceError(file, line, `count must be an integer or -`);
      return { line, value: { form: normalizeWord(cells[form]), category: cells[category] as WeaponCategory, count: n } };
    });
    return once(weapons, (w) => w.form, file);
  },
};

export const CUES: ResourceSpec<Array<{ phrase: string; kind: CueKind }>> = {
  file: 'ar/events/cues.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 2);
    const [phrase, kind] = ['phrase', 'kind'].map((c) => column(header, c, file));
    const cues = rows.map(({ line, cells }) => {
      if (!CUE_KINDS.includes(cells[kind] as CueKind)) throw new ResourceError(file, line, `unknown cue kind "${cells[kind]}"`);
      return { line, value: { phrase: normalizeWord(cells[phrase]), kind: cells[kind] as CueKind } };
    });
    return once(cues, (c) => c.phrase, file);
  },
};

const NUMBERS: ResourceSpec<Map<string, number | null>> = {
  file: 'ar/events/numbers.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 2);
    const [word, value] = ['word', 'value'].map((c) => column(header, c, file));
    const map = new Map<string, number | null>();
    for (const { line, cells } of rows) {
      const v = cells[value] === '-' ? null : Number(cells[value]);
      if (v !== null && !Number.isInteger(v)) throw new ResourceError(file, line, `value must be an integer or -`);
      map.set(normalizeWord(cells[word]), v);
    }
    return map;
  },
};

/** The roles of the grammar's function words (words.tsv, whose header tells each with an example). */
export const EVENT_WORD_ROLES = [
  'compass', 'phrase-breaker', 'clause-breaker', 'relative', 'period', 'time-span', 'long-span', 'outbreak', 'when', 'prior-event',
  'attacker-noun', 'attack-adjective', 'actor-head', 'weapon-owner', 'state-force', 'fighter', 'fighters-of', 'own-force', 'member',
  'broken-plural-adjective', 'target-marker', 'one-person', 'partitive', 'anyone', 'companion',
  'dual-victim', 'military-unit', 'social-network', 'march', 'ignite', 'involvement', 'locative', 'according-to', 'toll-cause', 'dual-toll', 'passive-toll',
  'victims-first-toll', 'kill-verb', 'result-verb', 'anaphoric-noun', 'generic-noun', 'patient-construct', 'background', 'condemn',
  'trend', 'keep-up', 'rejecting', 'report-verb', 'stands-behind', 'holds-responsible', 'ascribes', 'responsibility',
  'undistinctive', 'reporting', 'after-word', 'hypothetical', 'topic-word', 'happened',
] as const;
export type EventWordRole = (typeof EVENT_WORD_ROLES)[number];
type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;
/** Each role's words, folded, by the role's name in camelCase: words.phraseBreaker, words.attackerNoun. */
export type EventWords = { readonly [R in EventWordRole as CamelCase<R>]: ReadonlySet<string> };
const camelCase = (role: string) => role.replace(/-(.)/g, (_, c: string) => c.toUpperCase());

export const EVENT_WORDS: ResourceSpec<EventWords> = {
  file: 'ar/events/words.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 2);
    const [form, role] = ['form', 'role'].map((c) => column(header, c, file));
    const entries = rows.map(({ line, cells }) => {
      if (!EVENT_WORD_ROLES.includes(cells[role] as EventWordRole)) throw new ResourceError(file, line, `unknown role "${cells[role]}"`);
      // (a phrase is folded word by word: «فيس بوك»)
      return { line, value: { word: cells[form].split(' ').map(normalizeWord).join(' '), role: cells[role] } };
    });
    const byRole = new Map<string, Set<string>>(EVENT_WORD_ROLES.map((r) => [r, new Set()]));
    for (const { word, role: r } of once(entries, (e) => `${e.word} as ${e.role}`, file)) byRole.get(r)!.add(word);
    for (const [r, words] of byRole) if (!words.size) throw new ResourceError(file, null, `role "${r}" has no words`);
    return Object.fromEntries([...byRole].map(([r, words]) => [camelCase(r), words])) as unknown as EventWords;
  },
};

const ENTITY_LABELS: readonly EntityLabel[] = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'GROUP', 'OTHER'];

const TARGET_HEADS: ResourceSpec<Map<string, EntityLabel>> = {
  file: 'ar/events/target_heads.tsv',
  parse(raw, file) {
    const { header, rows } = parseTsv(raw, file, 2);
    const [head, label] = ['head', 'label'].map((c) => column(header, c, file));
    const map = new Map<string, EntityLabel>();
    for (const { line, cells } of rows) {
      if (!ENTITY_LABELS.includes(cells[label] as EntityLabel)) throw new ResourceError(file, line, `unknown label "${cells[label]}"`);
      map.set(normalizeWord(cells[head]), cells[label] as EntityLabel);
    }
    return map;
  },
};

const compiled = new WeakMap<ResourceLoader, EventLexicon>();

export function eventLexicon(resources: ResourceLoader): EventLexicon {
  let lex = compiled.get(resources);
  if (lex) return lex;
  const triggers = resources.load(TRIGGERS);
  const weapons = new PhraseTable<{ category: WeaponCategory; count: number | null }>();
  for (const w of resources.load(WEAPONS)) weapons.add(w.form, { category: w.category, count: w.count });
  const cues = new PhraseTable<CueKind>();
  for (const c of resources.load(CUES)) cues.add(c.phrase, c.kind);
  lex = {
    exactTriggers: new Map(triggers.filter((t) => !t.prefix).map((t) => [t.form, t])),
    prefixTriggers: triggers.filter((t) => t.prefix),
    weapons,
    cues,
    numbers: resources.load(NUMBERS),
    targetHeads: resources.load(TARGET_HEADS),
    placeNouns: new Set(resources.load(KEYWORDS).filter((k) => k.kind === 'place').map((k) => normalizeWord(k.word).replace(/^ال(?=...)/, ''))),
    words: resources.load(EVENT_WORDS),
  };
  compiled.set(resources, lex);
  return lex;
}

/** triggerOf each token (kept with the token's type: a look-up costs a pass over the prefix triggers). */
export function triggersOf(lex: EventLexicon, tokens: readonly Token[]): (TriggerDef | null)[] {
  const types = typesOf(tokens);
  return tokens.map((t, i) => {
    const type = types?.[i];
    if (type === undefined || !sameAnalysis(type, t)) return triggerOf(lex, t);
    let trigger = typeMemo(type, lex) as TriggerDef | null | undefined;
    if (trigger === undefined) setTypeMemo(type, lex, (trigger = triggerOf(lex, t)));
    return trigger;
  });
}

/** The trigger a token starts, if any (its clitic-free base matched exactly, then by verb prefix). */
export function triggerOf(lex: EventLexicon, token: Token): TriggerDef | null {
  if (token.kind !== 'word') return null;
  const forms = formsOf(token);
  // a verb takes no article: «والدك» is «your father» (و + ال + دك), not «and pounded»
  const noVerb = token.prefixes.includes('ال');
  for (const f of forms) {
    const exact = lex.exactTriggers.get(f);
    if (exact && !(noVerb && exact.pos === 'verb')) return asWritten(exact, token);
  }
  for (const t of lex.prefixTriggers) if (!(noVerb && t.pos === 'verb') && forms.some((f) => f.startsWith(t.form))) return asWritten(t, token);
  return null;
}

/**
 * A verb's form after «ب» is its verbal noun: «قام مسلحون بخطف وكيل الوزارة» (by kidnapping), whose
 * subject is not the word before it («بزات قوات الأمن | بخطف»).
 */
function asWritten(def: TriggerDef, token: Token): TriggerDef {
  if (def.pos !== 'verb' || !token.prefixes.includes('ب')) return def;
  let noun = verbalNouns.get(def);
  if (!noun) verbalNouns.set(def, (noun = { ...def, pos: 'noun' }));
  return noun;
}
const verbalNouns = new WeakMap<TriggerDef, TriggerDef>();

// What events need beyond ANERcorp's four types, layered over the trained
// tagger's spans in the tag stage:
//   groups         armed groups and militaries from groups.tsv, every alias
//                  with one canonical norm (داعش = تنظيم الدولة → "تنظيم الدولة
//                  الإسلامية"); small typos of long names tolerated
//                  (التائرون ≈ الثائرون, Jaro–Winkler)
//   group phrases  a group word before a name: "تنظيم القاعدة"، "حركة «X»"،
//                  "القوات التركية" (forces + nationality)
//   group anaphors a named group's head word alone, later: "التحالف العربي" … "التحالف"
//   facilities     a facility word before a name: "قاعدة عين الأسد"،
//                  "مطار بغداد الدولي"، "حاجز عسكري"، "نقطة تفتيش"
//   nationalities  "إسرائيلية" → GPE with norm "إسرائيل"
//   organizations  organizations.tsv (multi-word names; a one-word name only
//                  where the tagger also saw a name)
// Each function returns candidate entities over token ranges; mergeEntities
// keeps a non-overlapping set.
import jaroWinkler from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import type { Entity, EntityLabel, Token } from '../types.js';
import { nationalityOf, type NerLexicon, type PhraseEntry } from './lexicon.js';
import { coreOf } from './word.js';
import { normalizeWord } from '../stages/normalize.js';
import { sameAnalysis, setTypeMemo, typeMemo, typesOf, type TokenType } from '../stages/tokenize.js';
import type { WordCounts } from '../resources/packed.js';

export interface Candidate extends Entity {
  /** Breaks ties between spans of the same length (higher wins). */
  priority: number;
}

export const PRIORITY = { nationality: 1, ner: 2, place: 3, nerInContext: 3.5, organization: 4, facility: 5, groupPhrase: 5, group: 6 } as const;

/** Sentence text and tokens the layers work on. */
export interface LayerInput {
  text: string;
  tokens: readonly Token[];
  /** Core of each token: وبالعراق → العراق. */
  cores: readonly string[];
  /** The tokenizer's type of each token (see typeMemo), when it made them. */
  types: readonly TokenType[] | undefined;
}

export function layerInput(text: string, tokens: readonly Token[]): LayerInput {
  const types = typesOf(tokens);
  return { text, tokens, cores: tokens.map((t, i) => (t.kind === 'word' ? coreOfToken(t, types?.[i]) : t.fold)), types };
}

/** nationalityOf token k's core, kept with its type (asked for most tokens, by several layers). */
function nationalityAt(input: LayerInput, k: number, lexicon: NerLexicon): { country: string; iso: string } | null {
  const type = input.types?.[k];
  if (type === undefined || !sameAnalysis(type, input.tokens[k])) return nationalityOf(input.cores[k], lexicon);
  let hit = typeMemo(type, lexicon.nationalities) as { country: string; iso: string } | null | undefined;
  if (hit === undefined) setTypeMemo(type, lexicon.nationalities, (hit = nationalityOf(input.cores[k], lexicon)));
  return hit;
}

/** typeMemo key of a word type's core. */
const CORE = {};

/**
 * coreOf, kept with the token's type (see typeMemo in tokenize.ts): the same
 * string for every token of a word, so the lists' look-ups by core (nationality,
 * flags, phrases) hash it once, not once per token.
 */
function coreOfToken(t: Token, type: TokenType | undefined): string {
  if (type === undefined || !sameAnalysis(type, t)) return coreOf(t);
  let core = typeMemo(type, CORE) as string | undefined;
  if (core === undefined) setTypeMemo(type, CORE, (core = coreOf(t)));
  return core;
}

export function candidate(input: LayerInput, i: number, j: number, label: EntityLabel, norm: string, source: Entity['source'], priority: number, extra: Partial<Entity> = {}): Candidate {
  const start = input.tokens[i].start;
  const end = input.tokens[j - 1].end;
  return { start, end, tokenStart: i, tokenEnd: j, text: input.text.slice(start, end), label, norm, source, priority, ...extra };
}

/** Folded text of tokens [i, j) with the first token's و/ب/ل dropped: "ولحزب الله" → "حزب الله". */
export function spanNorm(input: LayerInput, i: number, j: number): string {
  const words = [input.cores[i]];
  for (let k = i + 1; k < j; k++) words.push(input.tokens[k].fold);
  return words.join(' ');
}

const withoutArticle = (core: string) => (core.startsWith('ال') && core.length > 3 ? core.slice(2) : core);

/** Kinds of the trigger word at token k (keywords.tsv), by its base. */
function keywordKinds(input: LayerInput, lexicon: NerLexicon, k: number): readonly string[] {
  const t = input.tokens[k];
  if (!t || t.kind !== 'word') return [];
  return lexicon.keywords.get(t.base) ?? lexicon.keywords.get(withoutArticle(input.cores[k])) ?? [];
}

const isQuote = (t: Token | undefined) => t !== undefined && /^["«»“”']$/.test(t.text);

/**
 * Exact matches of list entries over the token cores, longest first at each
 * position. `accept` may refuse a match (an ambiguous alias without support).
 */
function matchList(input: LayerInput, index: { matchAt(cores: readonly string[], at: number): PhraseEntry[] }, accept: (e: PhraseEntry, i: number, j: number) => boolean) {
  const out: Array<{ entry: PhraseEntry; i: number; j: number }> = [];
  for (let i = 0; i < input.tokens.length; i++) {
    for (const entry of index.matchAt(input.cores, i)) {
      const j = i + entry.words.length;
      if (accept(entry, i, j)) {
        out.push({ entry, i, j });
        break;
      }
    }
  }
  return out;
}

/** Which tokens the tagger's spans cover (computed once per list of spans). */
const coverCache = new WeakMap<readonly Candidate[], Uint8Array>();
function nerCover(ner: readonly Candidate[]): Uint8Array {
  let cover = coverCache.get(ner);
  if (!cover) {
    cover = new Uint8Array(ner.reduce((n, e) => Math.max(n, e.tokenEnd), 0));
    for (const e of ner) cover.fill(1, e.tokenStart, e.tokenEnd);
    coverCache.set(ner, cover);
  }
  return cover;
}

/** Is [i, j) covered, at least in part, by a tagger span? */
function overlapsNer(ner: readonly Candidate[], i: number, j: number): boolean {
  const cover = nerCover(ner);
  for (let k = i; k < j && k < cover.length; k++) if (cover[k]) return true;
  return false;
}

/** Group aliases from groups.tsv, plus near misses of long aliases. */
export function groupMentions(input: LayerInput, lexicon: NerLexicon, ner: readonly Candidate[], freq: WordCounts): Candidate[] {
  const out: Candidate[] = [];
  const supported = (i: number, j: number) => groupSupport(input, lexicon, ner, i, j);
  const exact = matchList(input, lexicon.groups, (e, i, j) => !e.ambiguous || supported(i, j));
  const covered = new Uint8Array(input.tokens.length);
  for (const { entry, i, j } of exact) {
    out.push(candidate(input, i, j, 'GROUP', entry.canonical, 'gazetteer', PRIORITY.group));
    covered.fill(1, i, j);
  }
  out.push(...fuzzyGroupMentions(input, lexicon, covered, freq, supported));
  return out;
}

const isGroupWord = (kinds: readonly string[]) => kinds.includes('group') || kinds.includes('military');
/** "تطلق على نفسها X"، "تكني نفسها X"، "باسم X": what comes next is a name. */
const CALLING = new Set(['نفسها', 'نفسه', 'انفسهم', 'باسم', 'اسم']);

/**
 * Is a group alias that is also a common word (الشباب "youth", القاعدة "the
 * base") used as a name here? Beside a group word (حركة الشباب), in quotes
 * ("القاعدة"), after "calling itself" with a group word shortly before
 * (جماعة تطلق على نفسها ...), or where the tagger saw a name.
 */
function groupSupport(input: LayerInput, lexicon: NerLexicon, ner: readonly Candidate[], i: number, j: number): boolean {
  if (isGroupWord(keywordKinds(input, lexicon, i - 1))) return true;
  if (isQuote(input.tokens[i - 1]) && isQuote(input.tokens[j])) return true;
  const before = i > 0 ? input.tokens[i - 1].fold : '';
  if (CALLING.has(before) || CALLING.has(input.tokens[i - 2]?.fold ?? '')) {
    for (let k = Math.max(0, i - 6); k < i; k++) if (isGroupWord(keywordKinds(input, lexicon, k))) return true;
  }
  return overlapsNer(ner, i, j);
}

/** Aliases long enough for a typo to be told from another word (folded, article included). */
const FUZZY_MIN_LENGTH = 7;
const FUZZY_THRESHOLD = 0.92;
/** Only rare words are typos: a frequent word is itself. */
const FUZZY_MAX_FREQUENCY = 200;

function fuzzyGroupMentions(
  input: LayerInput,
  lexicon: NerLexicon,
  covered: Uint8Array,
  freq: WordCounts,
  supported: (i: number, j: number) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  const aliases = fuzzyAliases(lexicon);
  for (let i = 0; i < input.tokens.length; i++) {
    if (covered[i] || input.tokens[i].kind !== 'word') continue;
    const core = input.cores[i];
    if (core.length < FUZZY_MIN_LENGTH || (freq.get(input.tokens[i].fold) ?? 0) > FUZZY_MAX_FREQUENCY) continue;
    let best: PhraseEntry | null = null;
    let bestScore = FUZZY_THRESHOLD;
    for (const entry of aliases) {
      const alias = entry.words[0];
      // a typo leaves the length and the ending alone (التائرون، الثائرون)
      if (Math.abs(alias.length - core.length) > 1 || alias.slice(-2) !== core.slice(-2)) continue;
      const score = jaroWinkler(core, alias);
      if (score >= bestScore) (best = entry), (bestScore = score);
    }
    if (best && (!best.ambiguous || supported(i, i + 1))) out.push(candidate(input, i, i + 1, 'GROUP', best.canonical, 'rule', PRIORITY.group - 0.5));
  }
  return out;
}

const fuzzyCache = new WeakMap<NerLexicon, PhraseEntry[]>();
function fuzzyAliases(lexicon: NerLexicon): PhraseEntry[] {
  let list = fuzzyCache.get(lexicon);
  if (!list) {
    list = [];
    for (const entries of lexicon.groups.byFirst.values()) {
      for (const e of entries) if (e.kind === 'group' && e.words.length === 1 && e.words[0].length >= FUZZY_MIN_LENGTH) list.push(e);
    }
    fuzzyCache.set(lexicon, list);
  }
  return list;
}

/**
 * A group word and the name after it: "تنظيم القاعدة" (the tagger's span),
 * "جماعة «أنصار الإسلام»" (a quoted name), "القوات التركية" (forces and a
 * nationality: norm "القوات التركية").
 */
export function groupPhrases(input: LayerInput, lexicon: NerLexicon, ner: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const nerAt = new Map(ner.map((e) => [e.tokenStart, e]));
  for (let i = 0; i + 1 < input.tokens.length; i++) {
    const kinds = keywordKinds(input, lexicon, i);
    const group = kinds.includes('group');
    const military = kinds.includes('military');
    if (!group && !military) continue;
    // اللواء before a person is a rank, not a brigade
    const name = nerAt.get(i + 1);
    if (name && !(name.label === 'PER' && input.cores[i].startsWith('ال'))) {
      out.push(candidate(input, i, name.tokenEnd, 'GROUP', spanNorm(input, i, name.tokenEnd), 'rule', PRIORITY.groupPhrase));
      continue;
    }
    if (isQuote(input.tokens[i + 1])) {
      let j = i + 2;
      while (j < input.tokens.length && j < i + 8 && !isQuote(input.tokens[j])) j++;
      if (j < input.tokens.length && isQuote(input.tokens[j]) && j > i + 2) {
        out.push(candidate(input, i, j + 1, 'GROUP', [input.cores[i], ...input.tokens.slice(i + 2, j).map((t) => t.fold)].join(' '), 'rule', PRIORITY.groupPhrase));
      }
      continue;
    }
    if (military && input.tokens[i + 1].kind === 'word' && nationalityAt(input, i + 1, lexicon)) {
      out.push(candidate(input, i, i + 2, 'GROUP', spanNorm(input, i, i + 2), 'rule', PRIORITY.groupPhrase));
    }
  }
  return out;
}

/** Heads of group names that, with the article and alone, refer back to the group (folded). */
const ANAPHOR_HEADS = new Set(['تحالف', 'تنظيم', 'حركه', 'جماعه', 'حزب', 'حلف', 'جبهه']);

/**
 * A group's head word alone, after the group was named, is that group: «التحالف العربي» … «قصف طيران
 * التحالف منطقة مران» → التحالف العربي; «تنظيم داعش» … «أعلن التنظيم» → تنظيم الدولة الإسلامية;
 * «الحوثيين» (جماعة الحوثي) … «أن الجماعة أطلقت». The head is the first word of the group's
 * canonical name; the latest group named with that head wins. Not where a word with the article
 * follows, which may name another one («الحركة الوطنية»).
 */
export function groupAnaphors(input: LayerInput, groups: readonly Candidate[]): Candidate[] {
  const named = groups
    .map((group) => ({ group, head: withoutArticle(normalizeWord(group.norm).split(' ')[0]) }))
    .filter((g) => ANAPHOR_HEADS.has(g.head))
    .sort((a, b) => a.group.tokenStart - b.group.tokenStart);
  if (!named.length) return [];
  const covered = new Uint8Array(input.tokens.length);
  for (const g of groups) covered.fill(1, g.tokenStart, g.tokenEnd);
  const out: Candidate[] = [];
  const latest = new Map<string, Candidate>();
  let next = 0;
  for (let k = 0; k < input.tokens.length; k++) {
    while (next < named.length && named[next].group.tokenEnd <= k) latest.set(named[next].head, named[next++].group);
    const core = input.cores[k];
    if (covered[k] || input.tokens[k].kind !== 'word' || !core.startsWith('ال')) continue;
    const antecedent = latest.get(core.slice(2));
    if (!antecedent || input.cores[k + 1]?.startsWith('ال')) continue;
    out.push(candidate(input, k, k + 1, 'GROUP', antecedent.norm, 'rule', PRIORITY.groupPhrase));
  }
  return out;
}

/** «تابع» (belonging to), in its forms: folded, clitic-free. */
const BELONGING = /^تابع(ا|ه|ين|ون)?$/;

/**
 * Prepositions, particles and time adverbs (folded) that no name ends with and no facility's name
 * holds: «تنظيم جند الخلافة | عن مسؤوليته»، «مطار أبها | قبل شهرين». Some are rarer in the news
 * than COMMON_WORD (قبل, منذ).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'عن', 'في', 'من', 'علي', 'الي', 'مع', 'ان', 'قد', 'ضد', 'منذ', 'حول', 'قبل', 'بعد', 'عند', 'حيث', 'حتي', 'امس', 'اليوم',
  'خلال', 'ثم', 'او', 'لدي', 'بين', 'عبر', 'نحو', 'اثر', 'عقب',
]);

/** Words this frequent are function words or common nouns, never part of a facility's name. */
const COMMON_WORD = 20_000;

/**
 * A facility word and its name: "قاعدة عين الأسد"، "مطار بغداد الدولي"،
 * "مستشفى الشفاء"; checkpoints also without a name: "حاجز عسكري"، "نقطة تفتيش".
 */
export function facilityMentions(input: LayerInput, lexicon: NerLexicon, named: readonly Candidate[], freq: WordCounts): Candidate[] {
  const out: Candidate[] = [];
  const namedAt = new Map<number, Candidate>();
  for (const e of named) if (!namedAt.has(e.tokenStart) || namedAt.get(e.tokenStart)!.tokenEnd < e.tokenEnd) namedAt.set(e.tokenStart, e);
  const isModifier = (k: number) => keywordKinds(input, lexicon, k).includes('modifier');
  const nameWord = (k: number) => {
    const t = input.tokens[k];
    return t !== undefined && t.kind === 'word' && (freq.get(t.fold) ?? 0) < COMMON_WORD && !FUNCTION_WORDS.has(t.fold) && !keywordKinds(input, lexicon, k).length && !nationalityAt(input, k, lexicon);
  };
  for (let i = 0; i < input.tokens.length; i++) {
    if (!keywordKinds(input, lexicon, i).includes('facility')) continue;
    let j = i + 1;
    const name = namedAt.get(i + 1);
    // «مبنى تابعا لوزارة الداخلية»، «مسجد تابع لقوات الطوارئ»: named by whom it belongs to
    if (BELONGING.test(input.tokens[i + 1]?.base ?? '')) {
      const k = i + 2;
      if (!input.tokens[k]?.prefixes.includes('ل')) continue; // «تابع» alone is no name
      const owner = namedAt.get(k);
      if (owner) j = owner.tokenEnd;
      else if (keywordKinds(input, lexicon, k).some((kind) => kind === 'org' || kind === 'military' || kind === 'group')) {
        // an owner the tagger missed, by its head word: «لوزارة الداخلية»، «لقوات الطوارئ السعودية»
        j = k + 1;
        while (j < input.tokens.length && j < k + 3 && input.tokens[j].kind === 'word' && input.tokens[j].prefixes.join('') === 'ال') j++;
      } else continue;
    } else if (name) j = name.tokenEnd;
    // (a facility word with the article takes no name after it, which would be in its construct:
    // «المبنى | وأضرموا النيران»; «مطار بغداد»، «مستشفى الشفاء» are without)
    else if (!input.tokens[i].prefixes.includes('ال')) while (j < input.tokens.length && j < i + 3 && nameWord(j)) j++;
    // the name's adjectives: الدولي، العسكرية؛ and a nationality: السفارة الأمريكية
    while (j < input.tokens.length && j < i + 6 && (isModifier(j) || (j === i + 1 && nationalityAt(input, j, lexicon)))) j++;
    if (j === i + 1) continue; // a bare "مطار" names nothing
    out.push(candidate(input, i, j, 'FAC', spanNorm(input, i, j), 'rule', PRIORITY.facility));
  }
  return out;
}

/** Nationality adjectives as GPE: "الإسرائيلية" → norm "إسرائيل". */
export function nationalityMentions(input: LayerInput, lexicon: NerLexicon): Candidate[] {
  const out: Candidate[] = [];
  input.tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    const hit = nationalityAt(input, i, lexicon);
    if (hit) out.push(candidate(input, i, i + 1, 'GPE', hit.country, 'gazetteer', PRIORITY.nationality, { nationality: true }));
  });
  return out;
}

/** Organizations from organizations.tsv; a one-word name only where the tagger saw a name. */
export function organizationMentions(input: LayerInput, lexicon: NerLexicon, ner: readonly Candidate[]): Candidate[] {
  return matchList(input, lexicon.organizations, (e, i, j) => e.words.length > 1 || overlapsNer(ner, i, j)).map(({ entry, i, j }) =>
    candidate(input, i, j, 'ORG', entry.canonical, 'gazetteer', PRIORITY.organization),
  );
}

/**
 * A non-overlapping set, sorted by position: longer spans first, then higher
 * priority, then the earlier one.
 */
export function mergeEntities(candidates: readonly Candidate[]): Entity[] {
  const order = [...candidates].sort(
    (a, b) => b.tokenEnd - b.tokenStart - (a.tokenEnd - a.tokenStart) || b.priority - a.priority || a.tokenStart - b.tokenStart,
  );
  const taken: Candidate[] = [];
  const used = new Uint8Array(candidates.reduce((n, c) => Math.max(n, c.tokenEnd), 0));
  for (const c of order) {
    if (c.end <= c.start) continue;
    let free = true;
    for (let k = c.tokenStart; k < c.tokenEnd && free; k++) free = !used[k];
    if (!free) continue;
    used.fill(1, c.tokenStart, c.tokenEnd);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start).map(({ priority: _priority, ...entity }) => entity);
}

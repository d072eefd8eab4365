// Attack mentions: one per trigger cluster in a clause, with the arguments found
// around it. Mentions of the same attack are merged into events by merge.ts.
import type { Doc, Entity, EventStatus, Sentence, TimeExpr, Token, WeaponCategory } from '../types.js';
import { PRECISION_ORDER } from '../geo/gazetteer.js';
import { ARABIC_WORD_LETTERS } from '../stages/tokenize.js';
import { originalOffset } from '../stages/normalize.js';
import { formsOf, triggersOf, type CueKind, type EventLexicon, type EventWords, type TriggerDef } from './lexicon.js';

export interface ArgSpan {
  text: string;
  norm: string;
  label: Entity['label'];
  start: number;
  end: number;
  via?: 'stated' | 'claim' | 'accusation' | 'suspicion';
  entity?: Entity;
  /** People killed or wounded, taken as a target: they tell no attack apart when merging. */
  victim?: boolean;
  /** A lone definite head noun («القاعدة»), which points back to a target already named. */
  definiteHead?: string;
  /** A place named as a point of reference after another one («التاجي شمال بغداد»): it tells no attack apart. */
  landmark?: boolean;
}

export interface WeaponMention {
  text: string;
  category: WeaponCategory;
  count: number | null;
  start: number;
  end: number;
}

export interface Mention {
  sentence: number;
  /** Token range of the trigger words. */
  trigger: { start: number; end: number; def: TriggerDef };
  /** Token range searched for arguments. */
  scope: { start: number; end: number };
  status: EventStatus;
  /** A definite singular noun with nothing of its own (الهجوم، الضربة): refers back to an event already told. */
  anaphoric: boolean;
  /** The trigger is a definite noun («الهجوم»، «والتفجير»): an attack named as one the reader knows of. */
  definite: boolean;
  /** A plural or generic mention (الهجمات) that reports no particular attack unless it has arguments. */
  generic: boolean;
  /** The weapon named with the article («العبوة انفجرت»): the bomb already told of. */
  weaponAnaphor: boolean;
  /**
   * A running total of many attacks, not an attack: «قتل 260 مقاتلا خلال أسبوع من الغارات». Kept as a
   * mention so that what tells it again («قتلوا في الغارات») joins it rather than an attack, then dropped
   * with it (mergeMentions).
   */
  runningTotal: boolean;
  /** Tells only a toll, with a killing or attacks in general: «قتلوا في الغارات التركية». */
  tollOnly: boolean;
  /** Told as what came before something else («بعد غارة»، «في أعقاب اغتيال»): an earlier attack. */
  prior: boolean;
  /** Mentions split from one report («في مطار بغداد وشمال بغداد») share a group and are never merged again. */
  group?: number;
  attacker: ArgSpan[];
  target: ArgSpan[];
  location: ArgSpan[];
  weapon: WeaponMention[];
  killed: number | null;
  wounded: number | null;
  time: TimeExpr | null;
  /**
   * Norms of the persons its targets are or name: after «قتل زعيم حركة الشباب أحمد عبدي غودان في
   * غارة», a later «مقتل غودان» tells this attack again.
   */
  people: string[];
}

const STATUS_REACH = 10;
const DATELINE_DASHES = new Set(['–', '-', '—', 'ـ', ':']);
const QUOTES = new Set(['“', '”', '"', '«', '»']);
const KILLING: TriggerDef = { form: 'مقتل', prefix: false, pos: 'noun', weapon: null, strength: 0.6, needs: new Set() };
/** The most words of a phrase of place put first in a sentence («وفي بلدة تل رفعت بريف حلب الشمالي،»). */
const FRONTED_PLACE_MAX = 8;
const CLAUSE_PUNCT = new Set(['،', ',', '؛', ';', ':', '(', ')']);
/** A carry-out verb with the attack as its pronoun, the doer after it: «هجوم نفذته امرأة»، «غارات شنتها الطائرات». */
const CARRIED_OUT_BY = /^(نفذ|شن|ارتكب|اطلق)(ه|ته|ها|تها|هما|تهما)$/;
// Verbs whose subject is the attacker when a noun trigger follows: «شنت جماعات ... هجوما»، «نفذت القوات الأمريكية ضربة»
// (with «و» or «ف» the tokenizer left on a short verb: «وشن الحوثيون»)
const CARRY_OUT_VERBS = /^[وف]?(شن|نفذ|ينفذ|تنفذ|يشن|تشن|قام|قامت|ارتكب|ارتكبت|وجه|وجهت|يوجه|توجه)/;
/** An attack noun in the dual: «تفجيرين»، «هجومين»، «غارتين» (ة written ت before the ending). */
const isDual = (words: EventWords, base: string) => /..(ين|ان)$/.test(base) && words.anaphoricNoun.has(base.slice(0, -2).replace(/ت$/, 'ه'));
// Plural targets in general: «القواعد العسكرية»، «المصالح الأمريكية»
const GENERIC_TARGETS = /^(قواعد|مصالح|مواقع|اهداف|بعثات)( |$)/;

const ATTACKER_LABELS = new Set<Entity['label']>(['GROUP', 'ORG', 'GPE', 'PER']);
const TARGET_LABELS = new Set<Entity['label']>(['FAC', 'GROUP', 'ORG', 'PER', 'GPE', 'LOC', 'OTHER']);
const PLACE_LABELS = new Set<Entity['label']>(['GPE', 'LOC', 'FAC']);

interface Cluster {
  /** Token range from the first trigger to the end of the last. */
  start: number;
  end: number;
  /** The strongest trigger's definition. */
  def: TriggerDef;
  scope: { start: number; end: number };
  /** Positions of the triggers after the first. */
  triggers: number[];
  /** The cluster starts with a word placing it before another event: بعد، إثر، رداً على. */
  prior: boolean;
}

export interface DocIndex {
  doc: Doc;
  tokens: Token[];
  /** Entity covering each token, if any. */
  entityAt: (Entity | undefined)[];
  /** Time expression covering each token, if any. */
  timeAt: (TimeExpr | undefined)[];
  /** Cue starting at each token (longest phrase), if any. */
  cueAt: ({ kind: CueKind; length: number } | undefined)[];
  /** Bounds of the clause holding each token (punctuation and فيما/بينما end clauses). */
  clauseStart: Int32Array;
  clauseEnd: Int32Array;
  lex: EventLexicon;
  /** The grammar's function words by role (lex.words). */
  words: EventWords;
  /** The trigger each token is, if any (triggerOf). */
  triggerAt: (TriggerDef | null)[];
}

/**
 * A place that can be where an attack was. One only the tagger or a rule saw, and the gazetteer
 * cannot put on the map, is too often a stray span («للقاعدة تعرضت له»).
 */
function onTheMap(ent: Entity): boolean {
  return isPlace(ent) && (ent.source === 'gazetteer' || Boolean(ent.geo?.country));
}

/** A place, facility or region entity; not a nationality adjective («الأمريكية»), which is a GPE too. */
function isPlace(ent: Entity): boolean {
  return PLACE_LABELS.has(ent.label) && !ent.nationality;
}

/** Index of the token a span begins in: its entity's first token, else the token holding its start. */
function firstTokenOf(ix: DocIndex, span: ArgSpan): number {
  if (span.entity) return span.entity.tokenStart;
  const at = tokenAtOrAfter(ix, span.start);
  return at < ix.tokens.length && ix.tokens[at].start === span.start ? at : Math.max(0, at - 1);
}

/** Index of the first token starting at or after an original offset (binary search). */
function tokenAtOrAfter(ix: DocIndex, offset: number): number {
  let lo = 0;
  let hi = ix.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function indexDoc(doc: Doc, lex: EventLexicon): DocIndex {
  const tokens = doc.tokens ?? [];
  const entityAt: (Entity | undefined)[] = new Array(tokens.length);
  for (const e of doc.entities ?? []) for (let i = e.tokenStart; i < e.tokenEnd; i++) entityAt[i] = e;
  const timeAt: (TimeExpr | undefined)[] = new Array(tokens.length);
  for (const t of doc.times ?? []) for (let i = t.tokenStart; i < t.tokenEnd; i++) timeAt[i] = t;
  const cueAt: ({ kind: CueKind; length: number } | undefined)[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const m = lex.cues.match(tokens, i);
    if (m) cueAt[i] = { kind: m.value, length: m.length };
  }
  // clause bounds in one pass each way, so that finding a trigger's clause is constant time
  const isBreak = (t: Token) => CLAUSE_PUNCT.has(t.norm) || lex.words.clauseBreaker.has(t.base);
  const clauseStart = new Int32Array(tokens.length);
  const clauseEnd = new Int32Array(tokens.length);
  for (const sentence of doc.sentences ?? []) {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      clauseStart[i] = i > sentence.tokenStart && !isBreak(tokens[i - 1]) ? clauseStart[i - 1] : i;
    }
    for (let i = sentence.tokenEnd - 1; i >= sentence.tokenStart; i--) {
      clauseEnd[i] = i + 1 < sentence.tokenEnd && !isBreak(tokens[i + 1]) ? clauseEnd[i + 1] : i + 1;
    }
  }
  return { doc, tokens, entityAt, timeAt, cueAt, clauseStart, clauseEnd, lex, words: lex.words, triggerAt: triggersOf(lex, tokens) };
}

function spanOf(ix: DocIndex, from: number, to: number, label: Entity['label'], norm?: string): ArgSpan {
  const { tokens, doc } = ix;
  const start = tokens[from].start;
  const end = tokens[to - 1].end;
  return { text: doc.text.slice(start, end), norm: norm ?? phraseNorm(tokens, from, to), label, start, end };
}

/** Canonical form of a token range: folded bases without the article, joined by spaces. */
export function phraseNorm(tokens: readonly Token[], from: number, to: number): string {
  const words: string[] = [];
  for (let i = from; i < to; i++) if (tokens[i].kind === 'word' || tokens[i].kind === 'number' || tokens[i].kind === 'latin') words.push(tokens[i].base);
  return words.join(' ');
}

function entitySpan(ix: DocIndex, e: Entity): ArgSpan {
  return { text: e.text, norm: e.norm, label: e.label, start: e.start, end: e.end, entity: e };
}

function isBreaker(ix: DocIndex, i: number): boolean {
  const t = ix.tokens[i];
  if (t.kind === 'punct' || t.kind === 'symbol') return true;
  if (ix.words.phraseBreaker.has(t.fold) || ix.words.phraseBreaker.has(t.base)) return true;
  if (ix.timeAt[i] || ix.cueAt[i] || ix.triggerAt[i]) return true;
  return ix.lex.weapons.match(ix.tokens, i) !== null;
}

/** What a target noun headed by this token would be («قاعدة» FAC, «زعيم» PER), if it heads one. */
function targetHeadOf(ix: DocIndex, t: Token): Entity['label'] | undefined {
  return (
    ix.lex.targetHeads.get(t.base) ??
    // the tokenizer may read a feminine ة as the pronoun ه: «دورية» → دوري + ه
    (t.suffixes.length === 1 && t.suffixes[0] === 'ه' ? ix.lex.targetHeads.get(t.base + 'ه') : undefined) ??
    // or a first letter as «ف»: «فردا» (an individual) → ف + ردا (in response)
    (t.prefixes.length === 1 && (t.prefixes[0] === 'ف' || t.prefixes[0] === 'و') ? ix.lex.targetHeads.get(t.fold) : undefined)
  );
}

/**
 * A word the tokenizer kept whole that is «و» and a verb or a circumstantial participle: «ودمرتها»
 * (a pronoun on it), «وأضرموا» (a plural verb's «وا»), «ومتعقبا» (an accusative participle). Such a
 * word starts a clause, so no noun phrase runs into it or starts with it.
 */
function joinedClause(ix: DocIndex, j: number): boolean {
  const t = ix.tokens[j];
  if (!t.fold.startsWith('و') || t.prefixes.length || ix.entityAt[j]) return false;
  return t.suffixes.length > 0 || /^و...*وا$/.test(t.fold) || /^وم...+ا$/.test(t.fold);
}

/**
 * Whether `next` cannot go on an indefinite sound masculine plural: such a plural has no construct
 * state with its «ن» (the construct drops it: «مسلحو الحركة»), so what follows it is an adjective,
 * which agrees («مسلحون مجهولون»، «مسلحين ملثمين»), or the next part of the clause: «خطف مسلحون
 * | مدير المستشفى»، «هاجم مسلحون مجهولون | دورية». It agrees in case too, which the ending writes:
 * «هاجم مستوطنون | منزلين» (the subject in «ون», the object in «ين»).
 */
function pluralDisagrees(ix: DocIndex, head: Token, next: Token): boolean {
  const ending = /..(ون|ين)$/.exec(head.fold)?.[1];
  return !head.prefixes.includes('ال') && ending !== undefined && !next.fold.endsWith(ending) && !ix.words.brokenPluralAdjective.has(next.fold);
}

/**
 * The noun phrase starting at token i, up to `end`: a tagged entity when one
 * starts there, else a head word and up to three words after it, stopped by a
 * preposition, punctuation, time word or trigger. «قاعدة عين الأسد الجوية» → 4 words.
 */
function nounPhrase(ix: DocIndex, i: number, end: number, labels = TARGET_LABELS, looseHead = false): ArgSpan | null {
  if (i >= end) return null;
  const e = ix.entityAt[i];
  if (e && labels.has(e.label) && e.tokenStart === i) return entitySpan(ix, e);
  const t = ix.tokens[i];
  // («انتحاري» is also a weapon word, but as a head it names the attacker)
  if (t.kind !== 'word' || (isBreaker(ix, i) && !(labels === ATTACKER_LABELS_PLUS && ix.words.attackerNoun.has(t.base)))) return null;
  // without an entity, only a known head noun starts a phrase: «قاعدة عسكرية» yes, «يأتي» no
  // (an object may be any noun whose ending shows it: accusative «مصورا»، plural «سياسيين»)
  const headLabel =
    targetHeadOf(ix, t) ??
    (labels.has('OTHER') && ix.words.attackerNoun.has(t.base) ? 'OTHER' : undefined) ??
    (looseHead && t.fold.length >= 4 && !t.prefixes.length && /(ا|ين)$/.test(t.fold) && !ix.lex.numbers.has(t.base) && !joinedClause(ix, i) && !CARRIED_OUT_BY.test(t.fold) ? 'OTHER' : undefined);
  if (!headLabel) return null;
  // an actor's name agrees in definiteness with its head: «الجيش الإسرائيلي | عنصرين»، «مفجر انتحاري | مركزا»
  const agree = labels === ATTACKER_LABELS_PLUS;
  // (a noun with a pronoun is definite too: «قصفت قواتها | قرية حدودية»)
  const definite = t.prefixes.includes('ال') || t.suffixes.length > 0;
  let j = i + 1;
  // a name in quotes is still the name: «قاعدة “عين الأسد”»
  const quoted = (k: number) => k + 1 < end && QUOTES.has(ix.tokens[k].norm) && ix.tokens[k + 1].kind === 'word' && !isBreaker(ix, k + 1);
  while (
    j < end && j - i < 5 && (!quoted(j) || (j++, true)) && !isBreaker(ix, j) && ix.tokens[j].kind === 'word' && !ix.tokens[j].prefixes.includes('و') &&
    // (nor into a verb joined by «و» the tokenizer kept whole: «مواقع المتمردين | ودمرتها»)
    !joinedClause(ix, j) &&
    // (nor over «ب» into how or where: «مسلحي داعش | بالحجارة»، «فندقين | بمدينة سوسة»)
    !(ix.tokens[j].prefixes[0] === 'ب' && !/^خاص/.test(ix.tokens[j - 1].base)) &&
    // «لتقديمهم»: ل without the article, on a verbal noun with a pronoun, starts a purpose clause
    // (but «موقع لتجمع شاحنات» goes on)
    !(!ix.entityAt[j] && ix.tokens[j].fold[0] === 'ل' && !/^(لل|ال)/.test(ix.tokens[j].fold) && /(هم|ها|هما|كم|ه)$/.test(ix.tokens[j].fold) && ix.tokens[j].fold.length >= 6) &&
    // (nor does it run on into a verb: «انتحاري | يقود سيارة»)
    !(agree && !ix.entityAt[j] && (ix.tokens[j].prefixes.includes('ال') !== definite || (!definite && ix.tokens[j].fold.endsWith('ا')) || /^ي../.test(ix.tokens[j].fold) || pluralDisagrees(ix, t, ix.tokens[j]))) &&
    // (nor into the place it attacked: «استهدف انتحاري | نقطة تفتيش»)
    !(agree && (ix.entityAt[j] ? ix.entityAt[j]!.label === 'FAC' : targetHeadOf(ix, ix.tokens[j]) === 'FAC')) &&
    // (nor, after a nameless attacker, into whom it attacked: «استهدف انتحاري | عناصر الشرطة»)
    !(agree && ix.words.attackerNoun.has(t.base) && !ix.entityAt[j] && targetHeadOf(ix, ix.tokens[j]) !== undefined)
  ) {
    const ej = ix.entityAt[j];
    // (a group's adjective ends an actor: «مسلحون دواعش | قرية»)
    if (ej && ej.tokenStart === j && (ej.tokenEnd > j + 1 || (agree && ej.label === 'GROUP'))) {
      j = Math.min(ej.tokenEnd, end);
      break;
    }
    j++;
  }
  // a name is not cut after «بن»: «مسجد الحسين بن | علي»
  if (j < end && j > i + 1 && /^(بن|ابن|ابو|ام)$/.test(ix.tokens[j - 1].base) && ix.tokens[j].kind === 'word') j++;
  // nor a unit before its number: «معسكر اللواء 35»، «مقرا للفرقة 30»
  if (j < end && ix.tokens[j].kind === 'number' && ix.words.militaryUnit.has(ix.tokens[j - 1].base)) j++;
  const inner = ix.entityAt[i] && ix.entityAt[i]!.tokenEnd >= j ? ix.entityAt[i] : undefined;
  // the closing quote of a quoted name
  if (j < end && QUOTES.has(ix.tokens[j].norm) && ix.tokens.slice(i, j).filter((x) => QUOTES.has(x.norm)).length % 2 === 1) j++;
  const span = spanOf(ix, i, j, inner?.label ?? e?.label ?? headLabel, inner?.norm);
  // «القاعدة» alone: the base already named
  if (!inner && ix.tokens.slice(i, j).every((x) => x.prefixes.includes('ال') && !ix.entityAt[x.i])) span.definiteHead = t.base;
  return span;
}

/**
 * A target of members, taken on over «من» to the body they are of when it is named:
 * «اغتال الجيش عنصرين | من «ألوية الناصر»» → «عنصرين من «ألوية الناصر»». Which body is hit
 * is what a reader wants of the target; «عنصرين» alone tells little.
 */
function withBody(ix: DocIndex, np: ArgSpan, end: number): ArgSpan {
  const { tokens } = ix;
  const last = tokenAtOrAfter(ix, np.end) - 1;
  let k = last + 1;
  if (k + 1 >= end || !ix.words.member.has(tokens[last].base) || tokens[k].base !== 'من' || tokens[k].prefixes.length) return np;
  k++;
  let to = 0;
  if (QUOTES.has(tokens[k].norm)) {
    // a name in quotes, whatever the tagger made of it: «من «كتائب الأقصى»»
    const close = tokens.slice(k + 1, Math.min(end, k + 8)).findIndex((t) => QUOTES.has(t.norm));
    if (close > 0) to = k + 1 + close + 1;
  } else if (ix.entityAt[k]?.tokenStart === k && (ix.entityAt[k]!.label === 'GROUP' || ix.entityAt[k]!.label === 'ORG')) {
    to = ix.entityAt[k]!.tokenEnd;
  } else if (tokens[k].kind === 'word' && tokens[k].prefixes.includes('ال') && !ix.entityAt[k] && !isBreaker(ix, k)) {
    // a body by its noun, and the words with the article after it: «من قوات الأمن العراقية»، «من العشائر»
    to = k + 1;
    while (to < end && to < k + 3 && tokens[to].kind === 'word' && tokens[to].prefixes[0] === 'ال' && !ix.entityAt[to] && !isBreaker(ix, to)) to++;
  }
  if (!to || to > end) return np;
  return { ...np, ...spanOf(ix, tokenAtOrAfter(ix, np.start), to, np.label) };
}

/**
 * Whether a relative clause on the trigger ending before `from` reaches `to`:
 * «الهجوم، الذي أودى بحياة سبعة أفغان في هجوم انتحاري» (one word may come between:
 * «الهجوم الانتحاري الذي ...»), with no clause breaker (فيما، لكن) on the way.
 */
function relativeOn(ix: DocIndex, from: number, to: number): boolean {
  const { tokens } = ix;
  let words = 0;
  for (let k = from; k < Math.min(to, from + 4); k++) {
    const t = tokens[k];
    if (ix.words.relative.has(t.base)) return !tokens.slice(k + 1, to).some((x) => ix.words.clauseBreaker.has(x.base) || x.norm === '.');
    if (t.kind !== 'punct' && ++words > 1) return false;
  }
  return false;
}

/** The clause around token `at`, within `bounds` (a sentence or a narrower scope inside one). */
function clauseAround(ix: DocIndex, bounds: { tokenStart: number; tokenEnd: number }, at: number): { start: number; end: number } {
  return { start: Math.max(bounds.tokenStart, ix.clauseStart[at]), end: Math.min(bounds.tokenEnd, ix.clauseEnd[at]) };
}

const TEEN_UNITS = new Map([
  ['احد', 1], ['احدي', 1], ['اثنا', 2], ['اثني', 2], ['اثنتا', 2], ['اثنتي', 2], ['ثلاثه', 3], ['ثلاث', 3], ['اربعه', 4], ['اربع', 4],
  ['خمسه', 5], ['خمس', 5], ['سته', 6], ['ست', 6], ['سبعه', 7], ['سبع', 7], ['ثمانيه', 8], ['ثماني', 8], ['ثمان', 8], ['تسعه', 9], ['تسع', 9],
]);

function numberAt(ix: DocIndex, i: number): { value: number | null; length: number } | null {
  const t = ix.tokens[i];
  if (!t) return null;
  if (t.kind === 'number') return t.value !== undefined && Number.isInteger(t.value) ? { value: t.value, length: 1 } : null;
  if (t.kind !== 'word') return null;
  const next = ix.tokens[i + 1];
  // the teens: «ثلاثة عشر» → 13, «أحد عشر» → 11, «اثنا عشر» → 12 (not 3, 1 or nothing)
  const teen = next && !next.prefixes.length && (next.base === 'عشر' || next.base === 'عشره');
  if (teen && TEEN_UNITS.has(t.base)) return { value: 10 + TEEN_UNITS.get(t.base)!, length: 2 };
  if (!ix.lex.numbers.has(t.base)) return null;
  // compound number words: «خمسة وعشرين» → 25
  let value = ix.lex.numbers.get(t.base) ?? null;
  let length = 1;
  if (value !== null && next && next.prefixes[0] === 'و' && ix.lex.numbers.get(next.base)) {
    value += ix.lex.numbers.get(next.base)!;
    length = 2;
  }
  return { value, length };
}

/**
 * A number that counts people: not a year or a date («قتل 2013» is no toll: «قتل عام 2013») nor a
 * share («79 في المائة من القتلى»).
 */
function countAt(ix: DocIndex, i: number): { value: number | null; length: number } | null {
  const n = numberAt(ix, i);
  if (!n || ix.timeAt[i]) return null;
  const next = ix.tokens[i + n.length];
  const hundred = (t: Token | undefined) => t !== undefined && /^(بال|ال)?(مائه|مايه|مئه|ميه)$/.test(t.fold);
  if (next && (next.norm === '%' || hundred(next) || (next.base === 'في' && hundred(ix.tokens[i + n.length + 1])))) return null;
  return n;
}

/** The count attached to a toll word at i: «مقتل 4»، «أربعة قتلى»، «إصابة خمسة على الأقل», or 1 for one named person. */
function tollAt(ix: DocIndex, i: number, length: number, end: number): number | null | undefined {
  if (countedTogether(ix, i, length)) return null;
  const before = countAt(ix, i - 1);
  const word = ix.tokens[i].base;
  // («لقي نحو 40 مصرعهم»: the count before the fate)
  if (before && (word.startsWith('قتل') || word.startsWith('جرح') || word.startsWith('قتيل') || word.startsWith('جريح') || word === 'شهيدا' || word === 'مصابين' || /^(مصرع|حتف)/.test(word))) return before.value;
  let j = i + length;
  // «وأصيب في الهجوم 36 شخصا»: the attack named between the toll and its count
  if (j + 1 < end && ix.words.tollCause.has(ix.tokens[j].base) && ix.triggerAt[j + 1]) j += 2;
  for (let guard = 0; guard < 3 && j < end; guard++) {
    const cue = ix.cueAt[j];
    if (cue && cue.kind === 'approx') j += cue.length;
    else break;
  }
  // a count in brackets: «مقتل (20) شخصا»
  const bracketed = ix.tokens[j]?.text === '(' && ix.tokens[j + 2]?.text === ')';
  const after = countAt(ix, bracketed ? j + 1 : j);
  if (after) return after.value;
  // the counted victims before a plural toll verb: «خمسة أشخاص قتلوا»، «20 مدنيا عراقيا قتلوا»
  if (ix.words.victimsFirstToll.has(word)) {
    // «جنديين عراقيين قتلا»: the dual before a dual verb
    if (/^(قتلا|اصيبا|جرحا)$/.test(word) && ix.tokens.slice(Math.max(0, i - 3), i).some((t) => ix.words.dualVictim.has(t.base))) return 2;
    // (further back past «من» or «في» and whose they are: «أربعة من رجال الشرطة قتلوا»، «7 عناصر من تنظيم داعش
    // قتلوا»، «15 جنديا على الأقل في الجيش النيجيري قتلوا»; «على الأقل» counts for nothing)
    for (let k = i - 2; k >= Math.max(0, i - 8); k--) {
      const counted = numberAt(ix, k);
      if (counted) {
        const between = ix.tokens.slice(k + counted.length, i);
        const approx = new Set<number>();
        for (let x = k + counted.length; x < i; x++) {
          const cue = ix.cueAt[x];
          const length = cue?.kind === 'approx' ? cue.length : ix.tokens[x].base === 'علي' && ix.tokens[x + 1]?.base === 'اقل' ? 2 : 0;
          for (let y = x; y < x + length; y++) approx.add(y);
        }
        const words = between.filter((t) => !approx.has(t.i));
        if (words.length && between.every((t) => t.kind === 'word' && !numberAt(ix, t.i)) && (words.length <= 2 || words.slice(0, 2).some((t) => t.base === 'من' || t.base === 'في'))) return counted.value;
      }
      if (ix.tokens[k].kind !== 'word') break;
    }
  }
  // «النائب ... الذي قتل في تفجير»: the one the singular relative is on
  if ((word === 'قتل' || word === 'اغتيل' || word === 'اصيب') && ix.tokens[i - 1]?.base === 'الذي') return 1;
  // a dual is its own count: «بوقوع إصابتين»، «سقوط قتيلين» (but «قتيلين اثنين» has its number)
  if (length === 1 && ix.words.dualToll.has(word)) return 2;
  // «لقي شخص مصرعه»، «لقيا مصرعهما»: the pronoun on «مصرع» counts one or two («مصرعهم»: the count before)
  // (the tokenizer may keep the pronoun on the word: «مصرعه» whole)
  const last = ix.tokens[i + length - 1];
  const fate = /^(?:مصرع|حتف)(ه|ها|هما)?$/.exec(last.base);
  const pronoun = fate && (fate[1] ?? last.suffixes.find((x) => x === 'ه' || x === 'ها' || x === 'هما'));
  if (pronoun) return pronoun === 'هما' ? 2 : 1;
  const next = ix.tokens[j];
  // «مقتل جنديين»; a dual in construct, which loses its «ن»: «مقتل رجلي أمن»، «إصابة ضابطي شرطة»
  if (next && j < end && (ix.words.dualVictim.has(next.base) || (next.base.endsWith('ي') && ix.words.dualVictim.has(next.base + 'ن') && ix.tokens[j + 1]?.kind === 'word'))) return 2;
  // «مقتل شرطي وجرح آخر»: one more
  if (next && j < end && next.base === 'اخر' && !next.prefixes.length) return 1;
  if (next && j < end) {
    const e = ix.entityAt[j];
    if ((e && e.label === 'PER') || ix.words.onePerson.has(next.base) || (next.base === 'شخص' && !next.prefixes.length)) {
      // «استشهاد قائدها ومرافقه»: and one with him
      // (past the name after a title: «الشيخ أحمد | ونجله»)
      const name = e && e.label === 'PER' ? e : ix.entityAt[j + 1]?.label === 'PER' && ix.entityAt[j + 1]!.tokenStart === j + 1 ? ix.entityAt[j + 1] : undefined;
      const with_ = ix.tokens[name ? name.tokenEnd : j + 1];
      // (the tokenizer may keep the «و» on a rarer word: «ضابط ومجند», base «ومجند»)
      const joined = with_ && (with_.prefixes[0] === 'و' || (!with_.prefixes.length && with_.fold[0] === 'و'));
      // («مقتل ضابط وثلاثة جنود»: one and the number after)
      const more = joined ? countAt(ix, with_.i) : null;
      if (more?.value) return 1 + more.value;
      return joined && formsOf(with_).some((f) => ix.words.onePerson.has(f) || ix.words.companion.has(f)) ? 2 : 1;
    }
    // «مقتل أحد جنوده»، «إصابة أحد المارة»: one of them (not «لم يصب أحد»: nobody)
    if (next.base === 'احد' && !next.prefixes.length && ix.tokens[j + 1]?.kind === 'word' && !/^(لم|لا|دون)$/.test(ix.tokens[i - 1]?.base ?? '')) return 1;
  }
  return undefined;
}

/**
 * Whether the toll word at i is counted together with the other toll word beside it, which tells
 * neither count: the count before two nouns of the dead and the hurt, «سقوط 30 قتيلا وجريحا», or after
 * two verbal nouns, «مقتل وإصابة 20 شخصا». (Not «25 قتيلا وإصابة آخرين», nor «جنديا قتل وأصيب 10
 * آخرون»: there each has its own.)
 */
function countedTogether(ix: DocIndex, i: number, length: number): boolean {
  const pairAt = (first: number): boolean => {
    const a = ix.cueAt[first];
    if (!isToll(a)) return false;
    const second = first + a.length;
    const b = ix.cueAt[second];
    const t = ix.tokens[second];
    if (!isToll(b) || b.kind === a.kind || !(t.prefixes[0] === 'و' || t.fold.startsWith('و'))) return false;
    // (the second word without its «و», which the tokenizer may have left on it: «وجريحا»)
    const forms = formsOf(t);
    const [firstWord, secondWord] = [ix.tokens[first].base, forms[forms.length - 1]];
    if (countAt(ix, first - 1)) return /^(جريح|جريحا|جرحي|مصاب|مصابا|مصابين|قتيل|قتيلا|قتلي)$/.test(secondWord);
    return firstWord === 'مقتل' && /^(اصابه|جرح)$/.test(secondWord) && Boolean(countAt(ix, second + b.length));
  };
  return pairAt(i) || (ix.cueAt[i - 1]?.length === 1 && pairAt(i - 1));
}

/**
 * Which sentences have a word findMentions can start a mention from: a trigger, «مقتل» (the killing
 * of a named person) or a foiled cue («تفكيك», «إحباط»), its only three sources. Most news has
 * none: «افتتح الأمير معرض الكتاب» cannot become an attack whatever its entities.
 */
export function attackSentences(tokens: readonly Token[], sentences: readonly Pick<Sentence, 'tokenStart' | 'tokenEnd'>[], lex: EventLexicon): boolean[] {
  const triggers = triggersOf(lex, tokens);
  return sentences.map(({ tokenStart, tokenEnd }) => {
    for (let i = tokenStart; i < tokenEnd; i++) {
      if (triggers[i] || tokens[i].base === 'مقتل' || lex.cues.match(tokens, i)?.value === 'foiled') return true;
    }
    return false;
  });
}

/**
 * Whether a document's folded text (norm.fold) may hold a word attackSentences finds, read
 * without tokenizing: each trigger, «مقتل», or the last word of a foiled cue, as a whole word
 * with any clitics the tokenizer splits off (للغارات، وبقصفها، ومقتله; a final ة may be a ت
 * before a pronoun: غارتهم). It may say yes where attackSentences finds nothing (a letter
 * taken for a clitic that the tokenizer leaves on the word), never the other way: over
 * SaudiNewsNet it passed 12,454 articles, attackSentences 12,394, and missed none.
 */
export function mayTellAttack(foldedText: string, lex: EventLexicon): boolean {
  let pattern = attackWordPatterns.get(lex);
  if (!pattern) attackWordPatterns.set(lex, (pattern = attackWordPattern(lex)));
  return pattern.test(foldedText);
}
const attackWordPatterns = new WeakMap<EventLexicon, RegExp>();

function attackWordPattern(lex: EventLexicon): RegExp {
  const whole = new Set(['مقتل', ...lex.exactTriggers.keys()]);
  for (const { words, value } of lex.cues.entries()) if (value === 'foiled') whole.add(words[words.length - 1]);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const longestFirst = (forms: Iterable<string>) => [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const wholeWord = (f: string) => (f.length > 2 && f.endsWith('ه') ? `${escape(f.slice(0, -1))}[هت]` : escape(f));
  // proclitics as analyzeWord splits them: و/ف, then لل, or ب/ل/ك/س and the article
  const proclitics = '[وف]?(?:لل|[بلكس]?(?:ال)?)';
  const enclitics = '(?:هما|كما|هم|هن|كم|ها|نا|ه)?';
  return new RegExp(
    `(?<![${ARABIC_WORD_LETTERS}])${proclitics}(?:(?:${longestFirst(whole).map(wholeWord).join('|')})${enclitics}(?![${ARABIC_WORD_LETTERS}])|(?:${longestFirst(lex.prefixTriggers.map((t) => t.form)).map(escape).join('|')}))`,
  );
}

export function findMentions(ix: DocIndex): Mention[] {
  const { doc, tokens } = ix;
  const mentions: Mention[] = [];
  for (const sentence of doc.sentences ?? []) {
    // 1. triggers, clustered by clause
    const found: Array<{ at: number; def: TriggerDef; length: number }> = [];
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const def = ix.triggerAt[i];
      if (!def || ceasefireAt(ix, i)) continue;
      if (def.needs.size) {
        // within four words either side: «أطلقت صواريخ»، «صاروخين ... سقطا»; commas and times are no
        // words: «اعترضت الدفاعات الجوية للمملكة، مساء أمس، صاروخا»
        const needed = (k: number) => formsOf(tokens[k]).some((f) => def.needs.has(f));
        let ok = false;
        for (const step of [1, -1]) {
          for (let k = i + step, words = 0; !ok && words < 4 && k >= sentence.tokenStart && k < sentence.tokenEnd; k += step) {
            if (tokens[k].kind === 'punct' || ix.timeAt[k]) continue;
            ok = needed(k);
            words++;
          }
        }
        if (!ok) continue;
      }
      found.push({ at: i, def, length: 1 });
    }
    // the killing of one named person is an attack of its own: «بعد مقتل رئيس المكتب السياسي لحركة حماس»;
    // not what an attack told before it led to: «قصفت الطائرات الحي، ما أدى إلى مقتل طفل» (its toll;
    // but «العملية العسكرية أدت إلى مقتل قائد الجماعة» tells the killing: no attack before it)
    const ledTo = (i: number) => found.some((f) => f.at < i) && [i - 1, i - 2].some((k) => k >= sentence.tokenStart && ix.words.resultVerb.has(tokens[k].base));
    for (let i = sentence.tokenStart; i < sentence.tokenEnd - 1; i++) {
      if (ix.cueAt[i]?.kind !== 'killed' || tokens[i].base !== 'مقتل' || found.some((f) => f.at === i) || ledTo(i)) continue;
      const next = tokens[i + 1];
      if (ix.entityAt[i + 1]?.label === 'PER' || ix.words.onePerson.has(next.base)) found.push({ at: i, def: KILLING, length: 1 });
    }
    // A foiled cue beside a weapon is a (foiled) trigger of its own: «تفكيك صواريخ كانت معدة للإطلاق»
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const cue = ix.cueAt[i];
      if (cue?.kind !== 'foiled' || found.some((f) => Math.abs(f.at - i) <= 4)) continue;
      for (let k = i + cue.length; k < Math.min(i + cue.length + 3, sentence.tokenEnd); k++) {
        const w = ix.lex.weapons.match(tokens, k, sentence.tokenEnd);
        if (w) {
          found.push({ at: i, def: { form: tokens[i].base, prefix: false, pos: 'noun', weapon: w.value.category, strength: 0.6, needs: new Set() }, length: cue.length });
          break;
        }
      }
    }
    found.sort((a, b) => a.at - b.at);
    const clusters: Cluster[] = [];
    for (const f of found) {
      const clause = clauseAround(ix, sentence, f.at);
      const last = clusters[clusters.length - 1];
      // «ونفذت القوات الأمريكية ضربة ... بعد غارة جوية إسرائيلية في بيروت»: an attack told as the
      // time of another is another attack
      // (also «رداً على الضربة»: in answer to an earlier strike)
      const prior = tokens[f.at - 1]?.base === 'علي' && tokens[f.at - 2]?.base === 'ردا' ? f.at - 2 : f.at - 1;
      const afterWord = prior > clause.start && (ix.words.priorEvent.has(tokens[prior].base) || tokens[prior].base === 'ردا');
      if (afterWord && last && last.scope.start <= prior && last.end <= prior) clause.start = prior;
      // triggers in one clause report one attack: «هجوم صاروخي ... على قاعدة»، «استهدفت ... بطائرتين»;
      // so does «by an attack» after a killing or an attack verb: «ومقتل القائد العسكري البارز في حزب الله،
      // فؤاد شكر، بغارة»، «اغتال الجيش الإسرائيلي عنصرين ...، بقصف السيارة»
      // «اغتيال النائب وليد عيدو ... بانفجار سيارة مفخخة»: so does «by an attack» after an assassination;
      // and a trigger in a relative clause on the last one tells the same attack again:
      // «عن الهجوم، الذي أودى بحياة سبعة ... في هجوم انتحاري في ولاية قندهار»
      else if (
        last &&
        (clause.start <= last.scope.start ||
          // («نفذ المتمردون هجمات استهدفت بلدات حدودية، بإطلاقهم قذائف»: a verb among its triggers)
          (byAttack(tokens[f.at], f.def) && (last.def === KILLING || last.def.pos === 'verb' || last.triggers.some((k) => ix.triggerAt[k]?.pos === 'verb') || /^اغتي?ال/.test(tokens[last.start].base)) && f.at - last.end <= 12) ||
          (f.def.pos === 'noun' && f.at - last.end <= 12 && relativeOn(ix, last.end, f.at)))
      ) {
        last.end = f.at + f.length;
        last.triggers.push(f.at);
        if (f.def.strength > last.def.strength) last.def = f.def;
        continue;
      }
      clusters.push({ start: f.at, end: f.at + f.length, def: f.def, scope: clause, triggers: [], prior: afterWord });
    }
    // a clause without a trigger of its own that continues the one before (casualties, place) belongs to it
    for (let c = 0; c < clusters.length; c++) {
      const nextStart = c + 1 < clusters.length ? clusters[c + 1].scope.start : sentence.tokenEnd;
      const prevEnd = c > 0 ? clusters[c - 1].scope.end : sentence.tokenStart;
      // (and the first cluster takes the clauses before it: «وأمس الاثنين، اُصيب 5 جنود بهجوم»)
      clusters[c].scope = { start: c === 0 ? sentence.tokenStart : Math.max(prevEnd, clusters[c].scope.start), end: nextStart };
    }
    for (const cl of clusters) {
      mentions.push(...(readMention(ix, sentence.i, cl) ?? []));
    }
  }
  return mentions;
}

/**
 * «وقف إطلاق النار»: a ceasefire, the stopping of fire, at token i (the «إطلاق» or «النار»);
 * also with words between: «وقف شامل وعاجل لإطلاق النار».
 */
function ceasefireAt(ix: DocIndex, i: number): boolean {
  const launch = ix.tokens[i - 1]?.base === 'اطلاق' ? i - 1 : i;
  for (let k = launch - 1; k >= Math.max(0, launch - 3); k--) {
    if (formsOf(ix.tokens[k]).includes('وقف')) return true;
    if (ix.tokens[k].kind !== 'word') return false;
  }
  return false;
}

/** A trigger with «ب» (by): «بغارة»، «بإطلاقهم» (which the tokenizer may keep whole, base «باطلاق»). */
function byAttack(t: Token, def: TriggerDef): boolean {
  return t.prefixes[0] === 'ب' || (!t.prefixes.length && t.fold[0] === 'ب' && def.form[0] !== 'ب');
}

/**
 * Whether the toll word at i is counted over a span of time, a running total of many attacks rather
 * than one attack's toll: «قتلوا وجرح 400 آخرون خلال أسبوعين من الغارات»، «خلال الأشهر التسعة»،
 * «ومنذ اندلاع موجة العنف الأخيرة قتل 15 شرطيا». A named month is a date as often
 * («قتل مسلحون عشرين مصليا تجمعوا للصلاة خلال شهر رمضان»), so it counts only when asked
 * (`namedMonth`: the clause tells nothing but the toll).
 */
function runningTotalNear(ix: DocIndex, i: number, s: number, e: number, namedMonth: boolean): boolean {
  const { tokens } = ix;
  for (let k = Math.max(s, i - 10); k < Math.min(e - 1, i + 20); k++) {
    const forms = formsOf(tokens[k]);
    // the span's last word
    let j = -1;
    if (forms.includes('منذ')) {
      // «منذ اندلاع موجة العنف»، «منذ أن أطيح بالرئيس»، «ومنذ ذلك الحين»، «منذ عام 2009»، «منذ 23 سبتمبر 2014»
      // (but «منذ أن قتل 50 شخصا في ريحانلي» tells an earlier attack and its toll)
      if (ix.words.outbreak.has(tokens[k + 1].base) || (/^[اأ]ن$/.test(tokens[k + 1].fold) && !(i > k && i <= k + 3))) j = k + 1;
      else if (tokens[k + 1].base === 'ذلك' && /^(الحين|الوقت)$/.test(tokens[k + 2]?.fold ?? '')) j = k + 2;
      else for (let y = k + 1; y < Math.min(e, k + 6) && j < 0 && tokens[y].kind !== 'punct'; y++) if (/^(19|20)\d\d$/.test(tokens[y].text)) j = y;
      if (j < 0) continue;
      // (a «since» after the toll is of the same clause: «مقتل 10 مدنيين، وحظرت السلطات منذ ذلك الوقت النقاب» is not)
      if (k > i && tokens.slice(i, k).some((t) => t.kind === 'punct' && /^[،,.؛]$/.test(t.text))) continue;
    } else {
      // «على مدى أسبوع»
      const period = forms.some((f) => ix.words.period.has(f)) || (tokens[k].base === 'مدي' && tokens[k - 1]?.base === 'علي');
      if (!period) continue;
      j = k + 1;
      // a count or a demonstrative between: «خلال ثلاثة أيام»، «خلال هذه الفترة»
      while (j < e && j < k + 3 && (tokens[j].kind === 'number' || numberAt(ix, j) || /^(هذه|تلك|ذلك|هذا)$/.test(tokens[j].fold))) j++;
      if (j >= e || !ix.words.timeSpan.has(tokens[j].base)) continue;
      if (tokens[j].base === 'شهر' && (ix.timeAt[j] || ix.timeAt[j + 1]) && !namedMonth) continue;
      // (far after the toll only a span of months or years: «قتلت 3042 من عناصر التنظيم ... بينهم عشرات
      // القياديين خلال 10 أشهر»; «قتل عددا من زعماء طالبان في هجمات ... على مدى الأيام الماضية» is what the
      // annotators call an attack)
      if (k > i + 12 && !ix.words.longSpan.has(tokens[j].base)) continue;
    }
    // (not past an attack of its own: «قتل خمسة جنود في هجوم انتحاري ... خلال الأيام الماضية» is the toll of that attack)
    const [from, to] = k > i ? [i + 1, k] : [j + 1, i];
    let attackBetween = false;
    for (let x = from; x < to && !attackBetween; x++) attackBetween = Boolean(ix.triggerAt[x]) && !tellsOnlyToll(ix, x);
    if (attackBetween) continue;
    return true;
  }
  return false;
}

/** A trigger that tells no attack of its own, only a toll: a killing verb («قتلوا») or attacks in general («الغارات»). */
function tellsOnlyToll(ix: DocIndex, k: number): boolean {
  return ix.words.killVerb.has(ix.tokens[k].base) || ix.words.genericNoun.has(ix.tokens[k].base);
}

/**
 * A one-word span that is an adjective of the attack noun before it, agreeing with it in the article:
 * «هجوم مسلح»، «لاعتداء مسلح»، «الهجوم المسلح» tell how it was made, not who made it or whom it hit.
 */
function triggerAdjective(ix: DocIndex, span: ArgSpan): boolean {
  const k = tokenAtOrAfter(ix, span.start);
  const t = ix.tokens[k];
  if (!t || t.end !== span.end || k === 0 || ix.triggerAt[k - 1]?.pos !== 'noun' || !ix.words.attackAdjective.has(t.base)) return false;
  return t.prefixes.filter((p) => p !== 'و').join('') === (t.prefixes.includes('ال') ? 'ال' : '') && t.prefixes.includes('ال') === ix.tokens[k - 1].prefixes.includes('ال');
}

/** A killed or wounded cue: a toll word. */
function isToll(cue: DocIndex['cueAt'][number]): cue is { kind: 'killed' | 'wounded'; length: number } {
  return cue?.kind === 'killed' || cue?.kind === 'wounded';
}

function readMention(
  ix: DocIndex,
  sentence: number,
  cl: Cluster,
): Mention[] | null {
  const { tokens } = ix;
  const { start: s, end: e } = cl.scope;
  const triggerToken = tokens[cl.start];
  const sentenceStart = ix.doc.sentences![sentence].tokenStart;

  // status and vetoes from cues in scope
  let status: EventStatus = 'occurred';
  let noCasualties = false;
  const claims: number[] = [];
  const accusations: number[] = [];
  let strength = cl.def.strength;
  for (let i = s; i < e; i++) {
    const cue = ix.cueAt[i];
    if (!cue) continue;
    if (cue.kind === 'not_attack' || cue.kind === 'habitual') return null;
    // status words count near the trigger only: in «تلاحق المتهمين بإطلاق الصواريخ على القاعدة ... بعد أن
    // ضبطت عجلة بداخلها 8 صواريخ كانت معدة للإطلاق» the launch happened; the seized rockets were foiled
    const near = i >= cl.start - STATUS_REACH && i < cl.end + STATUS_REACH;
    if (cue.kind === 'foiled' && near) status = 'foiled';
    else if (cue.kind === 'threatened' && near && status === 'occurred') status = 'threatened';
    // (denying a part in it is no denial that it happened: «ونفت تركيا أي صلة لها بالهجوم»)
    else if (cue.kind === 'denied' && near && !tokens.slice(i + 1, i + 4).some((t) => ix.words.involvement.has(t.base))) status = 'denied';
    else if (cue.kind === 'no_casualties') noCasualties = true;
    // «لم تعلن أي جهة مسؤوليتها»: nobody claimed it
    else if (cue.kind === 'claim' && !tokens.slice(Math.max(s, i - 4), i).some((t) => t.base === 'لم' || t.base === 'لا')) claims.push(i);
    else if (cue.kind === 'accusation') accusations.push(i);
  }
  // the future particle on a verb trigger: «سيستهدف» is a threat
  if (cl.def.pos === 'verb' && triggerToken.prefixes.includes('س')) status = 'threatened';

  // weapons
  const weapon: WeaponMention[] = [];
  let weaponAnaphor = false;
  for (let i = s; i < e; i++) {
    const w = nationalDroneAt(ix, i, e) ?? ix.lex.weapons.match(tokens, i, e);
    if (!w) continue;
    // a ceasefire names no weapon, nor does a fire set: «أضرموا النار في المنزل» (arson, not gunfire)
    // nor a march: «أصيب شخصان في إطلاق نار خلال مسيرة» (a bare «مسيرة» is a drone only where no word makes it a march)
    const march = w.length === 1 && tokens[i].base === 'مسيره' && [tokens[i - 1], tokens[i + 1]].some((t) => t && formsOf(t).some((f) => ix.words.march.has(f)));
    if (march || ceasefireAt(ix, i) || (i > s && formsOf(tokens[i - 1]).some((f) => ix.words.ignite.has(f)))) {
      i += w.length - 1;
      continue;
    }
    const n = numberAt(ix, i - 1);
    const start = tokens[n && n.value !== null ? i - n.length : i].start;
    weapon.push({ text: ix.doc.text.slice(start, tokens[i + w.length - 1].end), category: w.value.category, count: n?.value ?? w.value.count, start, end: tokens[i + w.length - 1].end });
    if (tokens[i].prefixes.includes('ال') && !n) weaponAnaphor = true;
    i += w.length - 1;
  }
  // one weapon a category: «صاروخين من نوع كاتيوشا» is two rockets, not three weapons
  for (let a = weapon.length - 1; a > 0; a--) {
    const first = weapon.findIndex((w) => w.category === weapon[a].category);
    if (first < a) {
      weapon[first].count ??= weapon[a].count;
      weapon.splice(a, 1);
    }
  }
  // a weapon only the trigger implies is spanned on the trigger that implies it, which need not be the
  // first: in «ثلاثة أشخاص قتلوا ... في انفجار» the explosion, not «قتلوا»
  if (!weapon.length && cl.def.weapon) {
    const implying = tokens[[cl.start, ...cl.triggers].find((k) => ix.triggerAt[k] === cl.def) ?? cl.start];
    weapon.push({ text: implying.text, category: cl.def.weapon, count: null, start: implying.start, end: implying.end });
  }

  // casualties
  let killed: number | null = null;
  let wounded: number | null = null;
  // (a clause that tells only a toll — a killing, plural attacks — and whose toll is a running total
  // is no attack: «قتل 260 مقاتلا خلال أسبوع من الغارات»)
  const tollOnly = [cl.start, ...cl.triggers].every((k) => tellsOnlyToll(ix, k) || (k === cl.start && cl.def === KILLING));
  let runningTotal = false;
  for (let i = s; i < e; i++) {
    const cue = ix.cueAt[i];
    if (!isToll(cue)) continue;
    if (runningTotalNear(ix, i, s, e, tollOnly && !weapon.length)) {
      runningTotal = true;
      continue;
    }
    const n = tollAt(ix, i, cue.length, e);
    if (n === undefined) continue;
    if (cue.kind === 'killed' && killed === null) killed = n;
    if (cue.kind === 'wounded' && wounded === null) wounded = n;
  }
  const isRunningTotal = runningTotal && tollOnly && killed === null && wounded === null;
  // «اغتيال زعيم حماس»: an assassination of one person
  if (killed === null && /^اغتي?ال/.test(triggerToken.base)) {
    const n = tollAt(ix, cl.start, 1, e);
    if (n === 1) killed = 1;
  }
  if (noCasualties) {
    killed ??= 0;
    wounded ??= 0;
  }

  // time: the expression nearest the trigger in scope
  // time: the expression nearest the trigger in scope, counting punctuation between them as far
  // («تحدثوا لصحيفة اليوم الأربعاء عن أن "الهجوم الذي وقع يوم الاثنين"» is Monday's attack); a time
  // after «منذ» (since) dates a period, not the attack
  let time: TimeExpr | null = null;
  let best = Infinity;
  // «... في نيسان/أبريل 2024، عندما شنت جماعات هجوماً»: a when-clause takes the time before it
  const whenClause = tokens.slice(s, s + 3).some((t) => ix.words.when.has(t.base));
  const timeFrom = whenClause ? Math.max(sentenceStart, s - 8) : s;
  for (const t of ix.doc.times ?? []) {
    if (t.tokenStart < timeFrom || t.tokenEnd > e) continue;
    // «منذ تموز»، «في الفترة بين تشرين الثاني وشباط»: a period, not the attack's day
    if (tokens.slice(Math.max(s, t.tokenStart - 8), t.tokenStart + 1).some((x) => formsOf(x).includes('منذ')) || tokens.slice(Math.max(s, t.tokenStart - 8), t.tokenStart).some((x) => formsOf(x).some((f) => ix.words.period.has(f)))) continue;
    if (t.tokenEnd <= cl.start && tokens.slice(Math.max(s, t.tokenStart - 4), t.tokenStart).some((x) => ix.words.reportVerb.has(x.base) || ix.words.reportVerb.has(x.fold))) continue;
    // «في الموصل ... تلعفر التي استعادها الجيش منها في مارس»: a time inside a relative clause on
    // another noun dates that noun's story (a relative clause right after the trigger is the attack's own)
    if (t.tokenStart >= cl.end && tokens.slice(cl.end + 2, t.tokenStart).some((x) => ix.words.relative.has(x.base))) continue;
    // «وجاء التفجير غداة احتفال ... 19 يوليو 2012»: a time after «غداة/بعد» dates what came before
    if (t.tokenStart >= cl.end && tokens.slice(cl.end, t.tokenStart).some((x) => ix.words.priorEvent.has(x.base) || x.base === 'مرور')) continue;
    // a date after the article's is a plan (the coming elections), not when the attack was
    if (t.value && ix.doc.date && t.value.slice(0, 10) > ix.doc.date.slice(0, t.value.length)) continue;
    const [from, to] = t.tokenStart >= cl.end ? [cl.end, t.tokenStart] : [t.tokenEnd, cl.start];
    let d = Math.abs(to - from) + (t.tokenStart >= cl.end ? 0 : 0.5);
    for (let k = Math.min(from, to); k < Math.max(from, to); k++) if (tokens[k].kind === 'punct') d += 10;
    if (d < best) (best = d), (time = t);
  }

  // roles
  const attacker: ArgSpan[] = [];
  const target: ArgSpan[] = [];
  const location: ArgSpan[] = [];
  const used = new Set<number>();
  const take = (list: ArgSpan[], span: ArgSpan | null) => {
    if (!span || list.some((x) => x.norm === span.norm) || triggerAdjective(ix, span)) return;
    list.push(span);
    for (let i = tokenAtOrAfter(ix, span.start); i < tokens.length && tokens[i].end <= span.end; i++) used.add(i);
  };

  // claims: «تبنى الهجوم فصيل جديد يدعى "الثوريون"»، «أعلن تنظيم داعش مسؤوليته»
  for (const c of claims) {
    const named = namedAfter(ix, c, e);
    if (named) take(attacker, { ...named, via: 'claim' });
    else {
      const back = actorBefore(ix, c, s);
      if (back) take(attacker, { ...back, via: 'claim' });
    }
  }
  // accusations: «تتهم واشنطن فصائل شيعية ... باستهداف قواتها» → the accused
  for (const c of accusations) {
    let i = c + 1;
    const accuser = ix.entityAt[i];
    i = accuser ? accuser.tokenEnd : i + 1;
    // more accusers joined by «و»: «الاتهامات السعودية والأمريكية»
    while (i < e && ix.entityAt[i]?.tokenStart === i && tokens[i].prefixes[0] === 'و' && (ix.entityAt[i]!.nationality || ix.entityAt[i]!.label === 'GPE')) i = ix.entityAt[i]!.tokenEnd;
    // the accused is named (a group, a state) or an actor («فصائل شيعية»); «بتزويد الحوثيين ...» is what
    // someone unnamed is accused of
    const named = ix.entityAt[i]?.tokenStart === i || (i < e && (ix.words.actorHead.has(tokens[i].base) || ix.words.attackerNoun.has(tokens[i].base) || ix.words.fighter.has(tokens[i].base)));
    if (!named) continue;
    // (the accused's name, not what they are accused of: «اتهمت باكستان الهند | بانتهاك آخر لوقف إطلاق النار»)
    const accused = ix.entityAt[i];
    if (accused?.tokenStart === i && accused.label !== 'PER') {
      take(attacker, { ...entitySpan(ix, accused), via: 'accusation' });
      continue;
    }
    let j = i;
    while (j < e && j < i + 8 && !(tokens[j].prefixes[0] === 'ب' && ix.triggerAt[j])) j++;
    if (j > i && j < e) take(attacker, { ...spanOf(ix, i, Math.min(j, i + 6), ix.entityAt[i]?.label ?? 'GROUP'), via: 'accusation' });
  }
  // blame without a cue word of its own: «تفيد بأن تنظيم داعش يقف وراء الاعتداء» (suspected),
  // «وحمّل الوزير حركة الشباب مسؤولية التفجير»، «ونسبت الشرطة الهجوم إلى مقاتلي الحركة» (accused)
  for (let i = s; i < e; i++) {
    const blamed = blamedAt(ix, i, s, e);
    if (blamed) take(attacker, blamed);
  }
  // «وشن الحوثيون سلسلة هجمات ... بإطلاقهم صاروخا»: «their launching» is the group's named before it
  // in the sentence (not «استهدافهم», the targeting *of* them)
  for (const at of [cl.start, ...cl.triggers]) {
    if (ix.triggerAt[at]?.pos === 'verb' || ix.words.patientConstruct.has(tokens[at].base) || !tokens[at].suffixes.some((x) => x === 'هم' || x === 'هما')) continue;
    for (let k = at - 1; k >= sentenceStart; k--) {
      const group = ix.entityAt[k];
      if (group?.label !== 'GROUP') continue;
      take(attacker, { ...entitySpan(ix, group), via: 'stated' });
      break;
    }
  }
  // a group's adjective right after a weapon: «مقذوفات حوثية»، «عبوة داعشية» (not a nationality: «صواريخ
  // روسية» may only be where the rockets were made)
  for (const w of weapon) {
    const k = tokenAtOrAfter(ix, w.end);
    const g = k < e ? ix.entityAt[k] : undefined;
    // (an adjective, without the article: «قذائف الحوثيين» may be what was hit, «مصادر قذائف الحوثيين»)
    if (g?.label === 'GROUP' && g.tokenStart === k && g.tokenEnd === k + 1 && !tokens[k].prefixes.includes('ال')) take(attacker, { ...entitySpan(ix, g), via: 'stated' });
  }
  // nationality right after a noun trigger: «غارة إسرائيلية»، «الضربة الأمريكية»
  for (const at of [cl.start, ...cl.triggers]) {
    // (two words on, only past an adjective of the attack: «غارة جوية إسرائيلية», not past its object:
    // «اغتيال العاهل | الأردني»، «قصف للمناطق | الباكستانية»)
    const adjectiveBetween =
      tokens[at + 1] !== undefined &&
      ((/(ي|يه)$/.test(tokens[at + 1].base) && !tokens[at + 1].prefixes.includes('ل') && !targetHeadOf(ix, tokens[at + 1])) ||
        // (or the weapon, whose nationality it is: «ضربات الطائرات الأمريكية»)
        ix.lex.weapons.match(tokens, at + 1) !== null);
    const after = ix.entityAt[at + 1] ?? (adjectiveBetween && !ix.words.patientConstruct.has(tokens[at].base) ? ix.entityAt[at + 2] : undefined);
    const trig = ix.triggerAt[at];
    if (trig?.pos !== 'verb' && after?.nationality && after.tokenStart <= at + 2) take(attacker, { ...entitySpan(ix, after), via: 'stated' });
    // «طيران التحالف قصف مواقع في حيدان»: «قصف» as the verb after its subject (a definite noun followed by a bare one is no construct)
    const before = ix.entityAt[at - 1];
    if (trig?.pos !== 'verb' && before?.label === 'GROUP' && before.tokenStart >= s && tokens[at].base === 'قصف' && !tokens[at].prefixes.length) take(attacker, { ...entitySpan(ix, before), via: 'stated' });
    // the subject of a carry-out verb before a noun trigger: «شنت جماعات مدعومة من إيران هجوماً»
    // (further for «قام ... بـ»: «وقامت الجماعة في ديسمبر (كانون الأول) 2005 بخطف»)
    for (let i = Math.max(s, at - (tokens[at].prefixes[0] === 'ب' ? 11 : 7)); i < at; i++) {
      if (!CARRY_OUT_VERBS.test(tokens[i].base)) continue;
      // the subject before the verb: «إن إسرائيل نفذت بالفعل ضربة جوية»
      const subject = ix.entityAt[i - 1];
      if (subject && i - 1 >= s && (subject.label === 'GROUP' || subject.label === 'GPE' || subject.label === 'ORG') && !subject.nationality) {
        take(attacker, { ...entitySpan(ix, subject), via: 'stated' });
        break;
      }
      // «أن المتمردين شنوا الهجوم»، «أقر التحالف أنه نفذ ضربات»
      const unnamed = !subject && i - 1 >= s ? subjectBefore(ix, i - 1, s, sentenceStart) : null;
      if (unnamed) {
        take(attacker, { ...unnamed, via: 'stated' });
        break;
      }
      // nameless attackers right after the verb are the doers, whatever they wear: «قام مسلحون يرتدون
      // بزات قوات الأمن بخطف»
      const nameless = ix.words.attackerNoun.has(tokens[i + 1].base) ? nounPhrase(ix, i + 1, at, ATTACKER_LABELS_PLUS) : null;
      if (nameless) {
        take(attacker, { ...nameless, via: 'stated' });
        break;
      }
      // a named group between the verb and the attack: «وشن طيران التحالف العربي غارات»
      const group = tokens.slice(i + 1, at).map((t) => ix.entityAt[t.i]).find((x) => x?.label === 'GROUP');
      if (group) {
        take(attacker, { ...entitySpan(ix, group), via: 'stated' });
        break;
      }
      // the nationality of the aircraft or forces between them: «ونفذت طائرات أميركية بدون طيار غارات»
      const national = tokens.slice(i + 1, at).map((t) => ix.entityAt[t.i]).find((x) => x?.nationality);
      if (national && national.tokenStart <= i + 3) {
        take(attacker, { ...(nationalActor(ix, national, i + 1) ?? entitySpan(ix, national)), via: 'stated' });
        break;
      }
      const np =
        nounPhrase(ix, i + 1, at, ATTACKER_LABELS_PLUS) ??
        // («شن التحالف بقيادة السعودية غارات»: a force by its bare noun too)
        (!isBreaker(ix, i + 1) && (ix.words.actorHead.has(tokens[i + 1].base) || ix.words.attackerNoun.has(tokens[i + 1].base) || bareWeaponOwner(ix, i + 1))
          ? actorUpTo(ix, i + 1, at)
          : null) ??
        // («وشن طيران التحالف غارات»: whose aircraft)
        weaponOwnerAfter(ix, i + 1, at);
      if (np) take(attacker, { ...np, via: 'stated' });
      break;
    }
  }
  // the subject of a killing verb in the attack's clause: «قال حلف شمال الأطلسي إنه قتل عددا من زعماء طالبان في هجمات»
  for (let i = s; i < e && !attacker.length; i++) {
    if (ix.cueAt[i]?.kind !== 'killed' || !ix.words.killVerb.has(tokens[i].base) || i - 1 < s || ix.triggerAt[i]) continue;
    const prev = ix.entityAt[i - 1];
    const subject = prev ? (prev.label === 'GROUP' && prev.tokenStart >= s ? entitySpan(ix, prev) : null) : subjectBefore(ix, i - 1, s, sentenceStart);
    if (subject) take(attacker, { ...subject, via: 'stated' });
  }
  // verb triggers: the actor just before (SVO) or after (VSO) the verb
  for (const at of [cl.start, ...cl.triggers]) {
    if (ix.triggerAt[at]?.pos !== 'verb') continue;
    // SVO: «الطائرات الإسرائيلية أطلقت»، «حماس قصفت»، «وكانت حركة طالبان قد خطفت»
    const before = at - 1 >= s && /^(قد|لقد)$/.test(tokens[at - 1].base) ? at - 2 : at - 1;
    const prev = ix.entityAt[before];
    let subjectFound = false;
    if (prev && (prev.label === 'GROUP' || prev.nationality) && prev.tokenStart >= s) {
      subjectFound = true;
      const head = prev.nationality ? nationalActor(ix, prev, s) : null;
      // «كتائب عز الدين القسام، الجناح العسكري لحركة حماس، أطلقت»: the named wing before its description
      const wing = appositiveHead(ix, prev.tokenStart, s);
      if (wing) take(attacker, { ...wing, via: 'stated' });
      take(attacker, { ...(head ?? entitySpan(ix, prev)), via: 'stated' });
    } else if (before >= s && !prev) {
      const subject = subjectBefore(ix, before, s, sentenceStart);
      if (subject) take(attacker, { ...subject, via: 'stated' });
      subjectFound = subject !== null;
    }
    // VSO: «فجر انتحاري نفسه»، «اغتال الجيش الإسرائيلي عنصرين» (but «الضربة استهدفت مسلحين»: the
    // attack itself is the subject, and what follows is the object)
    // (only a noun trigger just before the verb is its subject: in «الهجمات ضد القوات الألمانية ... وآخرها
    // كان يوم الجمعة عندما فجر انتحاري نفسه» the bomber is)
    const nounBefore = [cl.start, ...cl.triggers].filter((k) => k < at && at - k <= 4).some((k) => ix.triggerAt[k]?.pos === 'noun');
    // (with a subject before the verb, what follows is the object: «أنها استهدفت عناصر طالبان»)
    const attackIsSubject = (at > cl.start && nounBefore) || subjectFound;
    const next = at + 1 < e && !attackIsSubject ? nounPhrase(ix, at + 1, e, ATTACKER_LABELS_PLUS) : null;
    if (next && isActor(ix, next)) take(attacker, { ...next, via: 'stated' });
    // (fighters in the nominative after the verb are its subject too, with the adjectives that agree:
    // «فتح مقاتلون أكراد النار»; in «قتلت المتمردين» they are the object; «هاجم المقاتلون» are the group
    // named before, which the event inherits)
    else if (!attackIsSubject && at + 1 < e && ix.words.fighter.has(tokens[at + 1].base) && tokens[at + 1].base.endsWith('ون') && !tokens[at + 1].prefixes.includes('ال')) {
      let to = at + 2;
      while (to < e && tokens[to].kind === 'word' && !tokens[to].prefixes.length && !pluralDisagrees(ix, tokens[at + 1], tokens[to])) to++;
      take(attacker, { ...spanOf(ix, at + 1, to, 'GROUP'), via: 'stated' });
    }
  }
  // «هجوم انتحاري نفذته امرأة»، «الهجوم الذي نفذته طالبان»: the doer after the attack
  // (or before it: «صاروخين أطلقهما الحوثيون على جازان»)
  // (anywhere in the attack's scope: «تعرضت للهجوم ... في عمليات نفذها قراصنة صوماليون»)
  for (let i = Math.max(s, cl.start - 6); i < e; i++) {
    if (!CARRIED_OUT_BY.test(tokens[i].fold)) continue;
    const np =
      nounPhrase(ix, i + 1, e, ATTACKER_LABELS_PLUS) ??
      (ix.entityAt[i + 1] ? entitySpan(ix, ix.entityAt[i + 1]!) : null) ??
      // «هجوم شنه مسلحو حزب العمال الكردستاني»: a group's fighters
      fightersOf(ix, i + 1, e) ??
      // «غارات شنتها الطائرات التركية»: aircraft by their nationality
      (i + 2 < e && ix.lex.weapons.match(tokens, i + 1) && ix.entityAt[i + 2]?.nationality && ix.entityAt[i + 2]!.tokenStart === i + 2 ? spanOf(ix, i + 1, ix.entityAt[i + 2]!.tokenEnd, 'GROUP') : null) ??
      // «غارة شنها التحالف بقيادة السعودية»: a force named by its bare noun
      (i + 1 < e && bareWeaponOwner(ix, i + 1) ? spanOf(ix, i + 1, i + 2, 'GROUP') : null) ??
      // «بصاروخ أطلقته قوة إيساف»: a force and its name
      (i + 2 < e && /^(قوه|قوات)$/.test(tokens[i + 1].base) && ix.entityAt[i + 2]?.tokenStart === i + 2 && ix.entityAt[i + 2]!.tokenEnd <= e ? spanOf(ix, i + 1, ix.entityAt[i + 2]!.tokenEnd, 'GROUP') : null);
    if (np) take(attacker, { ...np, via: 'stated' });
    break;
  }
  // the group a noun trigger is said of: «غارات التحالف»، «غارة للتحالف العربي», or its fighters, past
  // an adjective of the attack: «هجوم انتحاري لمتمردي حركة الشباب»
  for (const at of [cl.start, ...cl.triggers]) {
    if (ix.triggerAt[at]?.pos !== 'noun' || ix.words.patientConstruct.has(tokens[at].base)) continue;
    const g = ix.entityAt[at + 1];
    if (g?.label === 'GROUP' && g.tokenStart === at + 1) take(attacker, { ...entitySpan(ix, g), via: 'stated' });
    else {
      const k = at + 1 < e && /(ي|يه)$/.test(tokens[at + 1].base) && !tokens[at + 1].prefixes.length && !ix.words.fightersOf.has(tokens[at + 1].base) ? at + 2 : at + 1;
      const fighters = k < e && tokens[k].prefixes[0] === 'ل' ? fightersOf(ix, k, e) : null;
      if (fighters) take(attacker, { ...fighters, via: 'stated' });
    }
  }
  // unnamed attackers: «هاجم مسلحون»
  if (!attacker.length) {
    // (not an adjective of the trigger: «هجوم انتحاري» says how, not who)
    // (nor the counted dead: «قتلوا خمسة مسلحين»)
    // (but «اقتحم 3 مسلحين» are the attackers)
    // (also past a partitive «من»: «مقتل 5 من عناصره»)
    // (nor the counted before a toll verb: «تسعة متمردين قتلوا ليلا», where «قتلوا» is passive)
    const counted = (at: number) => {
      const i = tokens[at - 1]?.base === 'من' ? at - 1 : at;
      if (numberAt(ix, i - 1) !== null && tokens[at + 1] && ix.words.victimsFirstToll.has(tokens[at + 1].base)) return true;
      // «قتلت 27 عنصرا من عناصر التنظيم»: of members counted before
      if (i !== at && i > 0 && (ix.words.member.has(tokens[i - 1].base) || ix.words.onePerson.has(tokens[i - 1].base)) && (numberAt(ix, i - 2) !== null || isToll(ix.cueAt[i - 2]))) return true;
      return i > 0 && (isToll(ix.cueAt[i - 1]) || (numberAt(ix, i - 1) !== null && i > 1 && isToll(ix.cueAt[i - 2])));
    };
    // (nor who it was against: «نفذ ضد عناصر من الشرطة»، «هجوم على مسلحين»)
    const against = (at: number) => at > 0 && (tokens[at - 1].base === 'ضد' || tokens[at - 1].base === 'علي');
    // (nor an adjective with the article after a noun: «العمليات الانتحارية»، «هجوم سوروتش الانتحاري»)
    const adjective = (at: number) => at > 0 && tokens[at].prefixes.includes('ال') && tokens[at - 1].kind === 'word' && !isBreaker(ix, at - 1) && (tokens[at - 1].prefixes.includes('ال') || ix.entityAt[at - 1] !== undefined);
    for (let i = s; i < e; i++) if (ix.words.attackerNoun.has(tokens[i].base) && !used.has(i) && !(i > 0 && ix.triggerAt[i - 1]) && !counted(i) && !against(i) && !adjective(i)) {
      take(attacker, { ...spanOf(ix, i, i + 1, 'OTHER'), via: 'stated' });
      break;
    }
  }

  // «مهاجما انتحاريا من حركة طالبان»: the group the attacker is from
  for (const a of [...attacker]) {
    let after = tokenAtOrAfter(ix, a.end);
    // (past an adjective: «مهاجما انتحاريا | من»)
    // (an adjective, not what was attacked: «استهدف انتحاري عناصر من قوات الأمن»)
    if (tokens[after]?.base !== 'من' && tokens[after]?.kind === 'word' && !ix.entityAt[after] && !targetHeadOf(ix, tokens[after])) after++;
    const g = tokens[after]?.base === 'من' ? ix.entityAt[after + 1] : undefined;
    if (g?.label === 'GROUP' && !a.entity) take(attacker, { ...entitySpan(ix, g), via: a.via });
  }

  // the one person killed is the target: «مقتل القائد العسكري البارز في حزب الله، فؤاد شكر، بغارة»
  for (let i = s; i < e; i++) {
    const cue = ix.cueAt[i];
    if (cue?.kind !== 'killed' && !/^اغتي?ال/.test(tokens[i].base)) continue;
    // one person, and another joined by و: «اغتيال زعيم حماس إسماعيل هنية وقائد حزب الله فؤاد شكر»
    for (let j = i + (cue?.length ?? 1), n = 0; j < e && n < 2; n++) {
      // «اغتالوا الأسبوع الماضي مسلم يعقوب البطاط»
      while (j < e && ix.timeAt[j]) j++;
      const person = ix.entityAt[j];
      const span =
        person?.label === 'PER' && person.tokenStart === j ? entitySpan(ix, person)
        : tokens[j] && ix.words.onePerson.has(tokens[j].base) ? nounPhrase(ix, j, e) ?? spanOf(ix, j, j + 1, 'PER')
        : null;
      if (!span) break;
      // the name that follows a title belongs to it: «زعيم حماس» + «إسماعيل هنية»
      let end = tokenAtOrAfter(ix, span.end);
      const name = ix.entityAt[end];
      const full = name?.label === 'PER' && name.tokenStart === end ? { ...span, end: name.end, text: ix.doc.text.slice(span.start, name.end) } : span;
      take(target, full);
      end = tokenAtOrAfter(ix, full.end);
      if (!(tokens[end]?.prefixes[0] === 'و' || tokens[end]?.fold.startsWith('و'))) break;
      j = end;
    }
    if (target.length) break;
  }
  // target: after a target marker, or the object of the trigger
  for (let i = cl.start; i < e && target.length < 2; i++) {
    if (used.has(i)) continue;
    const t = tokens[i];
    // rockets that «fell in» a base hit it: «سقطا في قاعدة عين الأسد»
    // so did a bomb that went off «in» a market: «فجر انتحاري نفسه في سوق شعبي»
    const explosive = cl.def.form === 'سقط' || (cl.def.weapon === 'explosive' && !target.length);
    // and one «at» or «in front of» something hit it: «عند نقطة تفتيش»، «انفجرت قنبلة أمام مكاتب الحزب»
    const isMarker = ix.words.targetMarker.has(t.base) || ix.words.targetMarker.has(t.fold) || (explosive && (t.base === 'في' || t.base === 'عند' || t.base === 'امام'));
    const isTrigger = i >= cl.start && i < cl.end;
    // a noun trigger takes an object only in the construct state, without the article: «استهداف قاعدة»، «اغتيال زعيم»
    const takesObject = ix.triggerAt[i]?.pos === 'verb' || (!t.prefixes.includes('ال') && (ix.words.anaphoricNoun.has(t.base) || /^اغتي?ال|^اقتحام|^خطف$|^اختطاف$/.test(t.base)));
    if (!isMarker && !(isTrigger && takesObject)) continue;
    // past the trigger's own weapon words and any other («استهدفت غارة جوية الحوثيين»: the Houthis are the object)
    let j = i + Math.max(1, (isTrigger && ix.lex.weapons.match(tokens, i, e)?.length) || 0);
    let afterWeapon = -1;
    while (j < e) {
      const weapon = ix.lex.weapons.match(tokens, j, e);
      if (weapon) afterWeapon = j += weapon.length;
      else if (ix.timeAt[j] || tokens[j].kind === 'punct' || tokens[j].base === 'ايضا' || ix.entityAt[j]?.nationality || used.has(j) || numberAt(ix, j) || ix.cueAt[j]?.kind === 'approx') j++;
      else break;
    }
    // «قصف طيران التحالف المركز الثقافي»، «قصفت طائرات النظام مدينة»: whose aircraft, in the construct of
    // the weapon, is the doer; the object comes after it
    if (isTrigger && j === afterWeapon && j + 1 < e && !ix.entityAt[j] && bareWeaponOwner(ix, j)) {
      take(attacker, { ...spanOf(ix, j, j + 1, 'GROUP'), via: 'stated' });
      j++;
    }
    // «غارة جوية لقوات التحالف العربي»: «ل» after an attack noun names whose attack it is, not its object
    if (isTrigger && ix.triggerAt[i]?.pos !== 'verb' && j < e && tokens[j].prefixes[0] === 'ل') {
      const owner = ix.entityAt[j];
      if (owner && owner.tokenStart === j && (owner.label === 'GROUP' || owner.label === 'ORG' || owner.label === 'GPE') && !owner.nationality) take(attacker, { ...entitySpan(ix, owner), via: 'stated' });
      continue;
    }
    if (tokens[j]?.base === 'من' && j > i + 1 && numberAt(ix, j - 1)) j++;
    // «بالقرب من محطة كهرباء»
    const near = t.base === 'قرب' || t.base === 'بالقرب' || t.fold === 'بالقرب';
    if (near && tokens[j]?.base === 'من' && !tokens[j].prefixes.length) j++;
    if (j + 1 < e && ix.words.partitive.has(tokens[j].base) && tokens[j + 1].base === 'من') j += 2;
    // «قصف طيران التحالف العربي المركز الثقافي»: an armed group in the construct of an attack noun is its
    // doer (not «استهداف داعش», the targeting of it), and its object comes after it (the rule «the group
    // a noun trigger is said of» above takes the group right after any attack noun; this one, past its weapon words)
    const doer = ix.entityAt[j];
    if (isTrigger && ix.triggerAt[i]?.pos !== 'verb' && !ix.words.patientConstruct.has(t.base) && doer?.label === 'GROUP' && doer.tokenStart === j && !doer.nationality) {
      take(attacker, { ...entitySpan(ix, doer), via: 'stated' });
    }
    // (an object shown by its ending, after a verb or its verbal noun with «ب»: «بخطف ثلاثة مهندسين»)
    let np = nounPhrase(ix, j, e, TARGET_LABELS, isTrigger && (ix.triggerAt[i]?.pos === 'verb' || t.prefixes.includes('ب')));
    // «قصف طيران التحالف المركز الثقافي»: past the attacker, the trigger's subject, comes its object
    // (past the attacker's own phrase, which knows where an actor's name ends: «هاجم مسلحون مجهولون | دورية»)
    const subject = np && isTrigger ? attacker.find((a) => a.start === np!.start) : undefined;
    if (np && subject) {
      const k = tokenAtOrAfter(ix, Math.min(np.end, subject.end));
      np = k < e ? nounPhrase(ix, k, e, TARGET_LABELS, false) : null;
    }
    // with a person killed as the target, a town or region after «على» is where: «بغارة على الضاحية الجنوبية لبيروت»
    // and a bomb that went off «في منطقة الكرادة» went off there: a district is where, not what
    const district = np && !np.entity && ix.words.locative.has(tokens[tokenAtOrAfter(ix, np.start)].base);
    // and a town a bomb went off near is where: «انفجرت قنبلة قرب بعقوبة»
    const placeAfterVictim =
      np && ((np.entity && (np.label === 'GPE' || np.label === 'LOC')) || district) &&
      (target.some((x) => x.label === 'PER') || (t.base === 'في' && explosive) || near);
    if (np && !placeAfterVictim && !attacker.some((a) => a.start === np.start)) take(target, withBody(ix, np, e));
    if (isMarker && np) break;
  }
  // the victims of the toll were hit too: «بمقتل أربعة أعضاء من قوات الحشد الشعبي»، «قتل 18 شخصا»,
  // and before a passive toll verb: «جنديين عراقيين قتلا بانفجار عبوة»
  for (let i = s; i < e && target.length < 3; i++) {
    const cue = ix.cueAt[i];
    if (!isToll(cue)) continue;
    let j = i + cue.length;
    // (past the day: «قتل أمس سبعة من عناصر الشرطة»)
    while (j < e && (ix.cueAt[j]?.kind === 'approx' || numberAt(ix, j) || ix.timeAt[j])) j += ix.cueAt[j]?.length ?? numberAt(ix, j)?.length ?? 1;
    let np = nounPhrase(ix, j, e, TARGET_LABELS, true);
    if (tokens[j + 1]?.base === 'من' || tokens[j]?.base === 'من') np = nounPhrase(ix, tokens[j].base === 'من' ? j + 1 : j + 2, e) ?? np;
    // «سقط عشرات العراقيين بين قتيل وجريح»: the victims before «between dead and wounded»
    // (a people in the plural, definite too: «العراقيين»)
    if (i - 2 >= s && tokens[i - 1].base === 'بين') {
      const people = tokens[i - 2].kind === 'word' && !isBreaker(ix, i - 2) && /..(ين|ون)$/.test(tokens[i - 2].base) ? spanOf(ix, i - 2, i - 1, 'OTHER') : null;
      np = victimsBefore(ix, i - 1, s) ?? people ?? np;
    }
    // «مقتل أحد جنوده»، «إصابة أحد الحراس»: one of them, with what they are
    if (!np && tokens[j]?.base === 'احد' && !tokens[j].prefixes.length && j + 1 < e) {
      const of = nounPhrase(ix, j + 1, e, TARGET_LABELS, true);
      if (of) np = spanOf(ix, j, tokenAtOrAfter(ix, of.end), of.label);
      else if (ix.words.ownForce.has(tokens[j + 1].base)) np = spanOf(ix, j, j + 2, 'OTHER');
    }
    // the victims before the verb come first: «20 مدنيا قتلوا امس فضلا عن 4 من رجال الشرطة»
    // (or before the relative pronoun on them: «النائب أنطوان غانم الذي قتل مع تسعة آخرين في تفجير»)
    if (i > s && ix.words.passiveToll.has(tokens[i].base)) {
      const before = victimsBefore(ix, i - 1 > s && ix.words.relative.has(tokens[i - 1].base) ? i - 1 : i, s);
      if (before && !attacker.some((a) => a.start <= before.start && before.end <= a.end)) np = before;
    }
    if (np && !attacker.some((a) => a.start === np.start) && !(np.entity && (np.label === 'GPE' || np.label === 'LOC'))) {
      take(target, np.entity ? np : { ...np, victim: true });
      break;
    }
  }
  // «أعلن الجيش الأميركي مقتل أحد جنوده»: the speaker's own men were hit, so was the speaker
  for (const t of [...target]) {
    const at = tokenAtOrAfter(ix, t.start);
    const own = tokens[at + 1] && tokens[at].base === 'احد' ? at + 1 : at;
    if (!tokens[own] || !ix.words.ownForce.has(tokens[own].base) || !tokens[own].suffixes.some((x) => x === 'ه' || x === 'ها')) continue;
    const speaker = speakerBefore(ix, own, sentenceStart);
    if (speaker && !attacker.some((a) => a.norm === speaker.norm)) take(target, speaker);
  }
  // «تعرضت قاعدة ... لهجوم»: the target comes before the trigger
  // (or before the verb: «ان 55 سفينة على الاقل تعرضت للهجوم»)
  for (let i = s; i < cl.start; i++) {
    if (!formsOf(tokens[i]).some((f) => f.startsWith('تعرض'))) continue;
    let k = i;
    if (k - 2 >= s && tokens[k - 2].base === 'علي' && tokens[k - 1].base === 'اقل') k -= 2;
    take(target, nounPhrase(ix, i + 1, cl.start) ?? (k > s ? victimsBefore(ix, k, s) : null));
    break;
  }

  // location: the places of the trigger's own clause; else the nearest place after it in scope
  // that a locative word introduces («في البصرة»، «قرب الحدود»، «شمال بغداد»)
  const placesIn = (from: number, to: number) => {
    const found: ArgSpan[] = [];
    for (let i = from; i < to; i++) {
      const ent = ix.entityAt[i];
      // (a name the tagger alone found counts after a word that says it is a place: «في منطقة ساقين»)
      if (!ent || ent.tokenStart !== i || !(onTheMap(ent) || (isPlace(ent) && ix.lex.placeNouns.has(tokens[i - 1]?.base ?? '')))) continue;
      const span = entitySpan(ix, ent);
      // «بغداد – أعلن الجيش»: a dateline says where the news came from
      if (DATELINE_DASHES.has(tokens[ent.tokenEnd]?.norm ?? '')) continue;
      const before = tokens[ent.tokenStart - 1];
      // «عودة رئيس الوزراء من الولايات المتحدة»، «صاروخين انطلقا من الحديثة»: from where is not where
      if (before?.base === 'من' || tokens[ent.tokenStart].prefixes.includes('من')) continue;
      // «قالت إسرائيل»: who speaks is not where; nor who leads: «التحالف بقيادة السعودية»
      if (before && (ix.words.reportVerb.has(before.base) || /^(بقياده|قياده|تقوده)$/.test(before.fold))) continue;
      // nor whom it is told by: «بحسب أنقرة»، «وقالت مصادر لـ"الرياض"» (the newspaper); nor the nationality of
      // counted people: «قتل 38 سائحا بينهم ثلاثون بريطانيا»
      if (before && (ix.words.accordingTo.has(before.base) || (QUOTES.has(before.norm) && tokens[ent.tokenStart - 2]?.fold === 'ل') || before.kind === 'number' || ix.lex.numbers.has(before.base))) continue;
      // nor where those are who condemn it, named before it: «استنكر أعضاء المجلس البلدي بمحافظة جدة التفجير
      // الذي استهدف جامعا في أبها»، «أدان رئيس الجامعة الإسلامية في باكستان التفجير»
      if (i < cl.start && tokens.slice(sentenceStart, i).some((t) => formsOf(t).some((f) => ix.words.condemn.has(f)))) continue;
      if (!attacker.some((a) => a.start <= span.start && span.end <= a.end)) found.push(span);
    }
    return found;
  };
  const own = clauseAround(ix, { tokenStart: s, tokenEnd: e }, cl.start);
  const introducedAsPlace = (at: number) => at > 0 && (ix.words.locative.has(tokens[at - 1].base) || tokens[at].prefixes.includes('ب') || /^(في|قرب)/.test(tokens[at].fold));
  const rank = (p: ArgSpan) => {
    const at = firstTokenOf(ix, p);
    return (introducedAsPlace(at) ? 0 : 100) + Math.abs(at - cl.start);
  };
  const lastOwn = clauseAround(ix, { tokenStart: s, tokenEnd: e }, cl.end - 1);
  const inClause = placesIn(own.start, Math.max(own.end, lastOwn.end)).filter((p) => !target.some((t) => t.start <= p.start && p.end <= t.end));
  for (const p of inClause.sort((a, b) => rank(a) - rank(b))) if (location.length < 2 && !location.some((l) => l.norm === p.norm)) location.push(p);
  if (!location.length) {
    const later = placesIn(cl.end, e).find((p) => introducedAsPlace(firstTokenOf(ix, p)));
    if (later) location.push(later);
  }
  // a place put before the sentence's first comma is where all of it happened: «وفي محافظة صعدة، قصف الطيران ...»
  if (!location.length && /^و?في$/.test(tokens[sentenceStart]?.base ?? '')) {
    const frontEnd = ix.clauseEnd[sentenceStart];
    if (frontEnd <= cl.start && frontEnd - sentenceStart <= FRONTED_PLACE_MAX) {
      const fronted = placesIn(sentenceStart, frontEnd);
      if (fronted.length) location.push(fronted[0]);
    }
  }
  location.sort((a, b) => placeRank(a) - placeRank(b));
  // «في بلدة التاجي شمال بغداد»، «في المحمودية بجنوب بغداد»: Baghdad is where the place is, not the attack
  if (location.length > 1) {
    for (const p of location) {
      const at = firstTokenOf(ix, p);
      const before = tokens[at - 1];
      if (before && ix.words.compass.has(before.base) && location.some((q) => q.end <= p.start)) p.landmark = true;
    }
    location.sort((a, b) => Number(a.landmark ?? false) - Number(b.landmark ?? false));
  }
  // «بلدة القائم القريبة من الحدود مع سوريا»: the country across the border is not where at all,
  // even when no other place is told: «خطف جنودا قرب الحدود مع باكستان» was not in Pakistan
  for (let k = location.length - 1; k >= 0; k--) {
    const at = firstTokenOf(ix, location[k]);
    if (tokens[at - 1]?.base === 'مع' && /^حدود/.test(tokens[at - 2]?.base ?? '')) location.splice(k, 1);
  }

  // «أي هجوم»، «كل الهجمات»: statements about attacks in general
  const before = tokens[cl.start - 1];
  if (before && cl.start > s - 1 && /^(اي|ايه|كل|مثل)$/.test(before.base)) return null;
  // «جريمة اغتيال الحريري»، «التحقيق في الهجوم»: the attack as a topic of something else
  // (but «داعش يقف وراء الاعتداء الذي استهدف ...» names who did it: the attack is told, with its suspect)
  const suspected = attacker.some((a) => a.via === 'suspicion');
  if (tokens.slice(Math.max(s, cl.start - 3), cl.start).some((t) => formsOf(t).some((f) => ix.words.background.has(f) && !(suspected && f === 'وراء')))) return null;
  // «بغداد أكدت أنها ترفض كل الأعمال المتهورة التي تستهدف القواعد»: a stand against attacks;
  // «بدأت الفصائل بقصف قواعد»، «وعادت الهجمات»: a trend, not an attack
  // (and before a plural attack noun, «واصل المتمردون هجماتهم على الدوريات»: attacks kept up, not one attack)
  const plural = ix.words.genericNoun.has(triggerToken.base);
  if (tokens.slice(s, cl.start).some((t) => formsOf(t).some((f) => ix.words.rejecting.has(f) || ix.words.trend.has(f) || (plural && ix.words.keepUp.has(f))))) return null;
  // «نحو ثلاثين هجوما»، «عشرات الهجمات»: a count of attacks, not one attack
  // (not a year before it, nor a noun with «ب»: «في ديسمبر 2005 بخطف تسعة جنود»)
  if (before && numberAt(ix, cl.start - 1) && !ix.timeAt[cl.start - 1] && !triggerToken.prefixes.includes('ب') && cl.def.pos === 'noun') return null;
  // (but the positions of fighters or of a group are theirs: «دكت مواقع المتمردين»، «مواقع داعش»)
  const ofFighters = (x: ArgSpan) => {
    const next = firstTokenOf(ix, x) + 1;
    return next < tokens.length && (ix.words.fighter.has(tokens[next].base) || ix.words.attackerNoun.has(tokens[next].base) || ix.entityAt[next]?.label === 'GROUP');
  };
  const genericTargets = target.length > 0 && target.every((x) => !x.entity && GENERIC_TARGETS.test(x.norm) && !ofFighters(x));
  const dated = Boolean(time?.value);
  // «عادت الهجمات على القواعد الأميركية»: attacks in general on bases in general
  // (every trigger of the cluster plural: «هجمات الميليشيات ... حين نفذت هجوما» reports one attack)
  const allPlural = [cl.start, ...cl.triggers].every((i) => ix.words.genericNoun.has(tokens[i].base));
  if (genericTargets && ((allPlural && !(location.length && dated)) || (!location.length && !dated && killed === null && wounded === null))) return null;
  if (!genericTargets) for (let k = target.length - 1; k >= 0; k--) if (!target[k].entity && GENERIC_TARGETS.test(target[k].norm) && !ofFighters(target[k])) target.splice(k, 1);
  const generic = allPlural || genericTargets;
  // «..., وتبنى تنظيم داعش الهجمات»، «وهي هجمات تبنى معظمها التنظيم»: attacks just told, claimed
  // or blamed on someone; the mention joins them (as an anaphor) instead of being dropped as attacks in general
  const attributed = allPlural && !target.length && !location.length && !dated && attacker.some((a) => a.via === 'claim' || a.via === 'accusation' || a.via === 'suspicion');
  const definiteNoun = cl.def.pos === 'noun' && triggerToken.prefixes.includes('ال');
  const anaphoric =
    attributed ||
    (definiteNoun && ix.words.anaphoricNoun.has(triggerToken.base) && !target.length && !location.length && !dated) ||
    // «التفجيرين استهدفا مقاتلين»: «the two bombings» are two attacks just told, whatever it adds of them
    (definiteNoun && isDual(ix.words, triggerToken.base) && !dated);
  if (generic && !attributed && !target.length && !location.length && !dated && killed === null && wounded === null) return null;
  // «الهجمات ضد الولايات المتحدة»: the attacks, in general
  if (status === 'occurred' && allPlural && !attributed && triggerToken.prefixes.includes('ال') && !dated && killed === null && wounded === null) return null;
  if (strength < 0.5 && !weapon.length && killed === null && wounded === null) return null;
  // «وتستهدف الإجراءات كبار المستهلكين»، «قضية تستهدف بلادنا»: «targets» in the present, with no weapon,
  // toll or date, is what something aims at
  if (/^(يستهدف|تستهدف)/.test(triggerToken.base) && cl.triggers.length === 0 && !weapon.length && killed === null && wounded === null && !time?.value) return null;
  // «هاجم الوزير الرئيس»، «شن هجوما على الملك»: an attack on a person with no weapon and no toll is in
  // words (not when armed men or a group made it: «هاجم مسلحون مجهولون الوزير في منزله»)
  const armed = attacker.some((a) => a.label === 'GROUP' || ix.words.attackerNoun.has(tokens[firstTokenOf(ix, a)].base));
  if (/^(هاجم|يهاجم|تهاجم|هجوم|هجوما)/.test(triggerToken.base) && cl.triggers.length === 0 && target.length > 0 && target.every((x) => x.label === 'PER') && !armed && !weapon.length && killed === null && wounded === null) return null;
  strength = Math.min(1, strength + 0.05 * (target.length + location.length + (dated ? 1 : 0) + weapon.length));

  // who attacked is not a part of what was attacked: «قصفت المدفعية مواقع المسلحين»; nor who is fought
  // against: «في الحرب ضد المسلحين الحوثيين»
  for (let k = attacker.length - 1; k >= 0; k--) {
    const a = attacker[k];
    const inTarget = target.some((t) => t.start <= a.start && a.end <= t.end && !(t.start === a.start && t.end === a.end));
    const first = firstTokenOf(ix, a);
    const after = tokenAtOrAfter(ix, a.end);
    // nor one of two the text leaves open: «نفذها الجيش السوري أو قوات التحالف»
    const open = tokens[after]?.base === 'او' || tokens[first - 1]?.base === 'او';
    // nor the ranks the dead fell in: «سقوط قتلى في صفوف عناصر الميليشيا»; nor the dead counted before a
    // toll verb: «15 جنديا على الأقل في الجيش النيجيري قتلوا»، «خمسة من الحوثيين وقوات صالح قتلوا»
    const ranks = tokens[first - 1]?.base === 'صفوف';
    let next = after;
    while (next < e && next < after + 3 && tokens[next].kind === 'word' && !ix.triggerAt[next] && !ix.words.victimsFirstToll.has(tokens[next].base)) next++;
    const counted = next < e && ix.words.victimsFirstToll.has(tokens[next].base) && tokens.slice(Math.max(sentenceStart, first - 6), first).some((t) => numberAt(ix, t.i));
    if (inTarget || open || ranks || counted || tokens[first - 1]?.base === 'ضد') attacker.splice(k, 1);
  }
  const mention: Mention = {
    sentence,
    trigger: { start: cl.start, end: cl.end, def: { ...cl.def, strength } },
    scope: cl.scope,
    status,
    anaphoric,
    definite: definiteNoun,
    generic,
    weaponAnaphor,
    runningTotal: isRunningTotal,
    tollOnly,
    prior: cl.prior,
    attacker,
    target,
    location,
    weapon,
    killed,
    wounded,
    time,
    people: peopleOfTargets(ix, target, cl.scope.end),
  };
  const extra = conjunctAttacks(ix, mention, cl, e);
  // (one clause telling several attacks: whose persons its names are is not known)
  if (extra.length) for (const m of [mention, ...extra]) (m.group = cl.start), (m.people = []);
  return [mention, ...extra];
}

/**
 * Norms of the persons named in the targets or just after one («زعيم حركة الشباب
 * أحمد عبدي غودان»: the first within PERSON_AFTER_TARGET words), once each. Not any person of the
 * clause: «غارة على المدينة ... قبل يوم من تشييع القيادي الذي قتل في غارة سابقة» names another
 * attack's victim.
 */
function peopleOfTargets(ix: DocIndex, targets: readonly ArgSpan[], end: number): string[] {
  const people: string[] = [];
  for (const t of targets) {
    const after = tokenAtOrAfter(ix, t.end);
    for (let i = firstTokenOf(ix, t); i < Math.min(end, after + PERSON_AFTER_TARGET); i++) {
      const e = ix.entityAt[i];
      if (e?.label !== 'PER' || e.tokenStart !== i) continue;
      if (!people.includes(e.norm)) people.push(e.norm);
      if (i >= after) break;
    }
  }
  return people;
}
const PERSON_AFTER_TARGET = 6;

/**
 * Coordinated places of one attack verb are separate attacks:
 * «الضربات الأولى على قاعدتي "عين الأسد" في العراق، و"حقل كونيكو" في سوريا» → two events;
 * «هجمات صاروخية ... على قواعد في مطار بغداد الدولي وشمال بغداد» → two events.
 */
function conjunctAttacks(ix: DocIndex, m: Mention, cl: Cluster, e: number): Mention[] {
  const { tokens } = ix;
  const extra: Mention[] = [];
  const placeAt = (i: number) => {
    const ent = ix.entityAt[i];
    return ent && ent.tokenStart === i && isPlace(ent) ? entitySpan(ix, ent) : null;
  };
  const conjunctStart = (i: number) => tokens[i].prefixes[0] === 'و' || tokens[i].fold.startsWith('و') || (QUOTES.has(tokens[i].norm) && tokens[i - 1]?.norm === 'و');
  // «T1 في P1، وT2 في P2»
  if (m.target.length && m.location.length) {
    for (let i = cl.end + 1; i < e - 2; i++) {
      if (!conjunctStart(i) || ix.entityAt[i - 1] === ix.entityAt[i] && ix.entityAt[i]) continue;
      const head = QUOTES.has(tokens[i].norm) ? i + 1 : i;
      const np = ix.entityAt[head] ? entitySpan(ix, ix.entityAt[head]!) : nounPhrase(ix, head, e);
      if (!np) continue;
      let j = tokenAtOrAfter(ix, np.end);
      if (j >= tokens.length) j = -1;
      while (j > 0 && j < e && QUOTES.has(tokens[j].norm)) j++;
      if (j <= 0 || j + 1 >= e || tokens[j].base !== 'في') continue;
      const place = placeAt(j + 1);
      if (!place || m.location.some((l) => l.norm === place.norm)) continue;
      extra.push({ ...m, target: [np], location: [place], attacker: [...m.attacker], weapon: [...m.weapon], killed: null, wounded: null });
      break;
    }
  }
  // «هجوماً واحداً على قاعدة عين الأسد وآخر في سوريا»: and another one elsewhere
  for (let i = cl.end + 1; !extra.length && i < e - 2; i++) {
    if (!/^و?اخر[يى]?$/.test(tokens[i].fold) || tokens[i + 1].base !== 'في') continue;
    const place = placeAt(i + 2);
    if (!place) continue;
    m.location = m.location.filter((l) => l.start !== place.start);
    extra.push({ ...m, target: [], location: [place], killed: null, wounded: null });
  }
  // «اغتيال زعيم حماس إسماعيل هنية وقائد حزب الله فؤاد شكر»: two people, two killings
  if (!extra.length && [cl.start, ...cl.triggers].some((i) => /^(اغتي?ال|مقتل)$/.test(tokens[i].base)) && m.target.length === 2) {
    const [a, b] = [...m.target].sort((x, y) => x.start - y.start);
    if (ix.doc.text[b.start] === 'و' || ix.doc.text.slice(a.end, b.start).trim() === 'و') {
      const withoutAnd = ix.doc.text[b.start] === 'و' ? { ...b, start: b.start + 1, text: b.text.slice(1) } : b;
      m.target = [a];
      extra.push({ ...m, target: [withoutAnd], location: [...m.location] });
    }
  }
  // «في A وB» after a plural trigger
  if (!extra.length && ix.words.genericNoun.has(tokens[cl.start].base) && m.location.length === 2) {
    const [a, b] = [...m.location].sort((x, y) => x.start - y.start);
    const between = ix.doc.text.slice(a.end, b.start).trim();
    const direction = /^و\s*((شمال|جنوب|شرق|غرب)[يى]?)$/.exec(between);
    if (between === 'و' || direction) {
      m.location = [a];
      // «وشمال بغداد»: the second place with its direction
      const start = direction ? ix.doc.text.lastIndexOf(direction[1], b.start) : b.start;
      extra.push({ ...m, location: [{ ...b, start, text: ix.doc.text.slice(start, b.end) }], target: [...m.target] });
    }
  }
  return extra;
}

const ATTACKER_LABELS_PLUS = new Set<Entity['label']>([...ATTACKER_LABELS, 'OTHER']);

/** Whether a phrase names someone who attacks: an armed group, a military, «مسلحون». */
function isActor(ix: DocIndex, span: ArgSpan): boolean {
  if (span.entity?.label === 'GROUP') return true;
  const first = ix.tokens[tokenAtOrAfter(ix, span.start)];
  if (!first) return false;
  return ix.words.attackerNoun.has(first.base) || ix.words.actorHead.has(first.base) || /^(طايرات|طيران|مقاتلات|سلاح|مدفعيه|معارضه|حكومه)$/.test(first.base);
}

/** Whether token k names who owns aircraft or guns by a bare noun with the article: «التحالف»، «الجيش». */
function bareWeaponOwner(ix: DocIndex, k: number): boolean {
  return ix.tokens[k].prefixes.includes('ال') && ix.words.weaponOwner.has(ix.tokens[k].base);
}

/** The owner of the weapon at token k, named after it: «طيران التحالف»، «مدفعية الجيش» → «التحالف»، «الجيش». */
function weaponOwnerAfter(ix: DocIndex, k: number, end: number): ArgSpan | null {
  const weapon = ix.lex.weapons.match(ix.tokens, k, end);
  const owner = weapon ? k + weapon.length : -1;
  if (!weapon || owner >= end || ix.entityAt[owner] || !bareWeaponOwner(ix, owner)) return null;
  return spanOf(ix, owner, owner + 1, 'GROUP');
}

/** A group's fighters at token k: «مسلحو حزب العمال الكردستاني»، «لمتمردي حركة الشباب» (the span starts after a «ل»). */
function fightersOf(ix: DocIndex, k: number, end: number): ArgSpan | null {
  const group = ix.entityAt[k + 1];
  if (!ix.words.fightersOf.has(ix.tokens[k]?.base ?? '') || group?.label !== 'GROUP' || group.tokenStart !== k + 1 || group.tokenEnd > end) return null;
  const span = spanOf(ix, k, group.tokenEnd, 'GROUP');
  const start = startPastProclitics(ix, k);
  return { ...span, text: ix.doc.text.slice(start, span.end), start };
}

/**
 * Where token k starts in the original text past its «و، ف، ب، ل، ك»: «لمتمردي» → «متمردي»، «والقوات» →
 * «القوات». Not past the «ل» of «للقوات», whose article lost its alef: the word is not a slice there.
 */
function startPastProclitics(ix: DocIndex, k: number): number {
  const t = ix.tokens[k];
  const article = t.prefixes.indexOf('ال');
  const before = article < 0 ? t.prefixes : t.prefixes.slice(0, article);
  if (!before.length || (article > 0 && before[before.length - 1] === 'ل')) return t.start;
  return originalOffset(ix.doc.norm, t.nStart + before.join('').length, t.start);
}

/**
 * The actor a nationality adjective is said of, up to three words before it: «فصائل المعارضة |
 * السورية»، «الحكومة | التونسية» (the adjective alone would name the country, which did not attack).
 */
function nationalActor(ix: DocIndex, nationality: Entity, from: number): ArgSpan | null {
  let found: ArgSpan | null = null;
  for (let k = nationality.tokenStart - 1; k >= Math.max(from, nationality.tokenStart - 3); k--) {
    if (ix.tokens[k].kind !== 'word' || isBreaker(ix, k)) break;
    const span = spanOf(ix, k, nationality.tokenEnd, 'GROUP');
    if (isActor(ix, span)) found = span; // (the longest: «فصائل المعارضة السورية»)
  }
  return found;
}

/**
 * The noun phrase that ends right before a toll verb at `verb`, if it can name victims:
 * «ان شخصين قتلا»، «اربعة مدنيين أصيبوا»، «مقاتلا قتل».
 */
function victimsBefore(ix: DocIndex, verb: number, start: number): ArgSpan | null {
  for (let k = Math.max(start, verb - 3); k < verb; k++) {
    if (ix.tokens[k].kind !== 'word' || isBreaker(ix, k)) continue;
    const np = nounPhrase(ix, k, verb, TARGET_LABELS, true);
    if (np && np.end === ix.tokens[verb - 1].end && !(np.entity && (np.label === 'GPE' || np.label === 'LOC'))) return np;
  }
  return null;
}

/**
 * An actor by its head word, between a carry-out verb and the attack: all of it, up to six words
 * («شنت جماعات مدعومة من إيران هجوماً»); when longer, up to the first word that ends a phrase
 * («وقامت الجماعة | في ديسمبر (كانون الأول) 2005 بخطف»).
 */
function actorUpTo(ix: DocIndex, from: number, at: number): ArgSpan {
  // (never over a time or a comma: «وقامت الجماعة | في مارس 2019 بخطف»)
  const ends = (k: number) => ix.tokens[k].kind !== 'word' || ix.timeAt[k] !== undefined || (ix.tokens[k].base === 'في' && ix.timeAt[k + 1] !== undefined);
  let to = from + 1;
  while (to < at && !ends(to) && (at - from <= 6 || (to < from + 6 && !isBreaker(ix, to)))) to++;
  return spanOf(ix, from, to, 'GROUP');
}

/**
 * The unnamed subject of a verb trigger ending at `last` (SVO): an actor phrase
 * («قوات اجنبية قتلت»، «مسلحون مجهولون اختطفوا»), or, for «قواته»، «جنوده»، «طائراته»,
 * the speaker they belong to: «وقال الجيش الأميركي إن قواته أطلقت» → الجيش الأميركي.
 */
function subjectBefore(ix: DocIndex, last: number, start: number, sentenceStart: number): ArgSpan | null {
  const { tokens } = ix;
  const own = tokens[last];
  const third = own.suffixes.some((x) => x === 'ه' || x === 'ها' || x === 'هم');
  // «قال حلف شمال الأطلسي إنه قتل»، «وأقر التحالف الدولي أنه نفذ ضربات»: the speaker did it
  const itSelf = own.base === 'انه' || (own.base === 'ان' && third);
  if (own.kind === 'word' && ((ix.words.ownForce.has(own.base) && third) || itSelf)) return speakerBefore(ix, last, sentenceStart);

  for (let k = last; k >= Math.max(start, last - 3); k--) {
    if (tokens[k].kind !== 'word') return null;
    const head = ix.words.actorHead.has(tokens[k].base) || ix.words.attackerNoun.has(tokens[k].base);
    if (!head && !ix.words.fighter.has(tokens[k].base)) continue;
    if (k > start && (numberAt(ix, k - 1) || ix.cueAt[k - 1])) return null;
    // (with what follows them agreeing: «المتمردين الحوثيين شنوا», but in «المتمردون الحوثيون سلسلة هجمات
    // استهدفت» the attacks are the subject)
    const definite = tokens[k].prefixes.includes('ال');
    if (!head) return tokens.slice(k + 1, last + 1).every((t) => t.prefixes.includes('ال') === definite) ? spanOf(ix, k, last + 1, 'OTHER') : null;
    const np = nounPhrase(ix, k, last + 1, ATTACKER_LABELS_PLUS);
    return np && np.end === tokens[last].end && isActor(ix, np) ? np : null;
  }
  return null;
}

/** The actor that speaks before `last` in its sentence: «قال الجيش الأميركي ...» → الجيش الأميركي. */
function speakerBefore(ix: DocIndex, last: number, sentenceStart: number): ArgSpan | null {
  const { tokens } = ix;
  for (let k = last - 1; k >= Math.max(sentenceStart, last - 24); k--) {
    if (!ix.words.reportVerb.has(tokens[k].base)) continue;
    const speaker = ix.entityAt[k + 1];
    if (speaker && speaker.tokenStart === k + 1 && ATTACKER_LABELS.has(speaker.label) && !speaker.nationality) {
      const np = nounPhrase(ix, k + 1, last, ATTACKER_LABELS_PLUS);
      return np && isActor(ix, np) ? np : entitySpan(ix, speaker);
    }
    const np = nounPhrase(ix, k + 1, last, ATTACKER_LABELS_PLUS);
    return np && isActor(ix, np) ? np : null;
  }
  return null;
}

/**
 * The named group an appositive describes, before the described one:
 * «كتائب عز الدين القسام، الجناح العسكري لحركة حماس» → كتائب عز الدين القسام.
 */
function appositiveHead(ix: DocIndex, described: number, start: number): ArgSpan | null {
  const { tokens } = ix;
  for (let k = described - 1; k >= Math.max(start, described - 4); k--) {
    if (tokens[k].norm !== '،' && tokens[k].norm !== ',') continue;
    let h = k - 1;
    while (h >= start && QUOTES.has(tokens[h].norm)) h--;
    const head = h >= start ? ix.entityAt[h] : undefined;
    return head?.label === 'GROUP' && head.tokenStart >= start ? entitySpan(ix, head) : null;
  }
  return null;
}

/** The name a claim introduces: an entity after the cue, or «يدعى X»، «تكني نفسها X». */
function namedAfter(ix: DocIndex, c: number, end: number): ArgSpan | null {
  const { tokens } = ix;
  for (let i = c + 1; i < end && i < c + 10; i++) {
    const t = tokens[i];
    if (/^(يدعي|تدعي|تسمي|يسمي|نفسها|نفسه|باسم)$/.test(t.base)) {
      let j = i + 1;
      while (j < end && tokens[j].kind === 'punct') j++;
      if (j < end) return ix.entityAt[j]?.tokenStart === j ? entitySpan(ix, ix.entityAt[j]!) : spanOf(ix, j, j + 1, 'GROUP');
    }
    const e = ix.entityAt[i];
    if (e && (e.label === 'GROUP' || e.label === 'ORG')) return entitySpan(ix, e);
  }
  // «تبنى الهجوم فصيل جديد»: the noun phrase after the claimed attack, if it names an actor
  let i = c + 1;
  while (i < end && (ix.triggerAt[i] || tokens[i].kind === 'punct' || ['عن', 'الهجوم'].includes(tokens[i].fold))) i++;
  if (i >= end || !(ix.words.actorHead.has(tokens[i].base) || ix.words.attackerNoun.has(tokens[i].base))) return null;
  let j = i + 1;
  while (j < end && j < i + 4 && !isBreaker(ix, j)) j++;
  return spanOf(ix, i, j, 'GROUP');
}

// (folded bases: ئ → ي)
const PLANES = new Map([['طايره', 1], ['طايرات', null], ['طايرتين', 2], ['طايرتان', 2]]);
/**
 * A drone with its nationality between «طائرة» and «without a pilot»: «طائرة روسية من دون طيار»
 * (the lexicon's forms are contiguous: «طائرة من دون طيار»).
 */
function nationalDroneAt(ix: DocIndex, i: number, end: number): { length: number; value: { category: WeaponCategory; count: number | null } } | null {
  const count = PLANES.get(ix.tokens[i].base);
  const nationality = ix.entityAt[i + 1];
  if (count === undefined || !nationality?.nationality || nationality.tokenStart !== i + 1) return null;
  const k = nationality.tokenEnd;
  const base = (x: number) => (x < end ? ix.tokens[x].base : '');
  const tail = base(k) === 'من' && base(k + 1) === 'دون' && base(k + 2) === 'طيار' ? 3 : /^(بدون|دون|بلا)$/.test(base(k)) && base(k + 1) === 'طيار' ? 2 : 0;
  return tail ? { length: k + tail - i, value: { category: 'drone', count } } : null;
}

const blameable = (x: Entity | undefined): x is Entity => Boolean(x && (x.label === 'GROUP' || x.label === 'ORG') && !x.nationality);

/**
 * The actor an attack is blamed on, by the words at token i: «X يقف وراء» (the group before),
 * «حمّل [accuser] X مسؤولية» (the last group before «مسؤولية»: the first may be the accuser),
 * «نسب الهجوم إلى X» (the group after «إلى»). Only tagged groups and organizations.
 */
function blamedAt(ix: DocIndex, i: number, start: number, end: number): ArgSpan | null {
  const { tokens } = ix;
  const base = tokens[i].base;
  if (ix.words.standsBehind.has(base) && tokens[i + 1]?.base === 'وراء') {
    let k = i - 1;
    while (k >= start && tokens[k].kind === 'punct') k--;
    const actor = k >= start ? ix.entityAt[k] : undefined;
    return blameable(actor) && actor.tokenStart >= start ? { ...entitySpan(ix, actor), via: 'suspicion' } : null;
  }
  if (ix.words.holdsResponsible.has(base)) {
    const until = tokens.slice(i + 1, Math.min(end, i + 10)).findIndex((t) => ix.words.responsibility.has(t.fold));
    if (until < 0) return null;
    let found: Entity | undefined;
    for (let k = i + 1; k <= i + until; k++) if (blameable(ix.entityAt[k])) found = ix.entityAt[k];
    // (the group right after the verb, with no other after it, is who blames: «وحمّلت منظمة التحرير الحكومة
    // المسؤولية»)
    if (found?.tokenStart === i + 1) return null;
    return found ? { ...entitySpan(ix, found), via: 'accusation' } : null;
  }
  if (ix.words.ascribes.has(base)) {
    const to = tokens.slice(i + 1, Math.min(end, i + 5)).findIndex((t) => t.base === 'الي');
    if (to < 0) return null;
    // (past the fighters of the group: «إلى متمردي حزب العمال الكردستاني»)
    const k = i + 2 + to;
    const actor = blameable(ix.entityAt[k]) ? ix.entityAt[k] : ix.words.fightersOf.has(tokens[k]?.base ?? '') ? ix.entityAt[k + 1] : undefined;
    return blameable(actor) ? { ...entitySpan(ix, actor), via: 'accusation' } : null;
  }
  return null;
}

/** «أعلن تنظيم داعش مسؤوليته»: the actor between the announcing verb and the cue. */
function actorBefore(ix: DocIndex, c: number, start: number): ArgSpan | null {
  for (let i = c - 1; i >= Math.max(start, c - 6); i--) {
    const e = ix.entityAt[i];
    if (e && (e.label === 'GROUP' || e.label === 'ORG')) return entitySpan(ix, e);
  }
  const verb = ix.tokens.slice(Math.max(start, c - 6), c).findIndex((t) => /^(اعلن|اعلنت|تبن)/.test(t.base));
  if (verb >= 0) {
    const from = Math.max(start, c - 6) + verb + 1;
    // (not the preposition before the cue: «أعلن تنظيم جند الخلافة عن مسؤوليته»)
    let to = c;
    while (to > from && isBreaker(ix, to - 1)) to--;
    if (from < to) return spanOf(ix, from, to, 'GROUP');
  }
  return null;
}

function placeRank(p: ArgSpan): number {
  const precision = p.entity?.geo?.precision;
  if (precision) return PRECISION_ORDER.indexOf(precision);
  return p.label === 'FAC' ? 0 : 2;
}

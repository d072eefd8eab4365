// How much a record deserves trust: a logistic model over what the text gave
// the event (a dated time, a named place, a toll, a claim...) and how it was
// told (a headline, a quotation, the topic of a trial). The weights are data,
// fitted by scripts/fit-confidence.mjs on the development sets; records below
// the threshold are not emitted.
import { jsonResource, ResourceError, type ResourceLoader } from '../resources/spec.js';
import type { Doc } from '../types.js';
import type { EventWords } from './lexicon.js';
import type { EventDraft } from './merge.js';

export const FEATURES = [
  'bias',
  'trigger_strength',
  'trigger_verb',
  'trigger_definite',
  'generic',
  'anaphoric_only',
  'target_entity',
  'target_phrase',
  'location',
  'location_precise',
  'time_day',
  'time_month_or_year',
  'time_vague',
  'time_recent',
  'weapon',
  'toll',
  'toll_zero',
  'attacker',
  'attacker_claim',
  'mentions',
  'headline',
  'quoted',
  'reported_speech',
  'after_word',
  'foiled',
  'sentence_long',
  'hypothetical',
  'topic_of',
  'happened_verb',
  'trigger_early',
] as const;
export type Feature = (typeof FEATURES)[number];

export interface ConfidenceModel {
  version: number;
  weights: Record<Feature, number>;
  /** Weights of the hashed words around the trigger (LEXICAL_BUCKETS of them), or absent. */
  lexical?: number[];
  threshold: number;
}

/** The words around an attack word tell a report («أسفر»، «أمس») from talk about attacks («المحكمة»، «الذكرى»). */
export const LEXICAL_BUCKETS = 2048;
const LEXICAL_WINDOW = 8;

export const CONFIDENCE_MODEL = jsonResource<ConfidenceModel>('ar/events/confidence.json', (value, file) => {
  const v = value as Partial<ConfidenceModel>;
  if (typeof v !== 'object' || v === null || typeof v.threshold !== 'number' || typeof v.weights !== 'object' || v.weights === null) {
    throw new ResourceError(file, null, 'expected {version, weights, threshold}');
  }
  for (const f of FEATURES) if (typeof (v.weights as Record<string, unknown>)[f] !== 'number') throw new ResourceError(file, null, `no weight for feature "${f}"`);
  if (v.lexical !== undefined && (!Array.isArray(v.lexical) || v.lexical.length !== LEXICAL_BUCKETS)) throw new ResourceError(file, null, `lexical must hold ${LEXICAL_BUCKETS} weights`);
  return v as ConfidenceModel;
});

const RECENT = /امس|اليوم|الليله|فجر|صباح|مساء|ليل/;

export function eventFeatures(words: EventWords, e: EventDraft, doc: Doc): Record<Feature, number> {
  const tokens = doc.tokens ?? [];
  const sentences = doc.sentences ?? [];
  const first = e.mentions[0];
  const trig = tokens[first.trigger.start];
  const sentence = sentences[first.sentence];
  const before = tokens.slice(sentence.tokenStart, first.trigger.start);
  let quotes = 0;
  for (const t of before) if ('«“"'.includes(t.norm)) quotes++;
  for (const t of before) if ('»”'.includes(t.norm)) quotes--;
  const time = e.time;
  return {
    bias: 1,
    trigger_strength: e.strength,
    trigger_verb: e.mentions.some((m) => m.trigger.def.pos === 'verb') ? 1 : 0,
    trigger_definite: trig.prefixes.includes('ال') ? 1 : 0,
    generic: e.mentions.every((m) => m.generic) ? 1 : 0,
    anaphoric_only: e.mentions.every((m) => m.anaphoric) ? 1 : 0,
    target_entity: e.target.some((t) => t.entity) ? 1 : 0,
    target_phrase: e.target.some((t) => !t.entity) ? 1 : 0,
    location: e.location.length ? 1 : 0,
    location_precise: e.location.some((l) => l.entity?.geo?.precision && l.entity.geo.precision !== 'country') ? 1 : 0,
    time_day: time?.value && time.grain === 'day' ? 1 : 0,
    time_month_or_year: time?.value && time.grain !== 'day' ? 1 : 0,
    time_vague: time && !time.value ? 1 : 0,
    time_recent: time && RECENT.test(time.text) ? 1 : 0,
    weapon: e.weapon.length ? 1 : 0,
    toll: (e.killed ?? 0) > 0 || (e.wounded ?? 0) > 0 ? 1 : 0,
    toll_zero: e.killed === 0 || e.wounded === 0 ? 1 : 0,
    attacker: e.attacker.length ? 1 : 0,
    attacker_claim: e.attacker.some((a) => a.via === 'claim') ? 1 : 0,
    mentions: Math.log2(e.mentions.length),
    headline: sentence.headline ? 1 : 0,
    quoted: quotes > 0 ? 1 : 0,
    reported_speech: before.some((t) => words.reporting.has(t.base)) ? 1 : 0,
    after_word: tokens.slice(Math.max(sentence.tokenStart, first.trigger.start - 2), first.trigger.start).some((t) => words.afterWord.has(t.base)) ? 1 : 0,
    foiled: e.status === 'foiled' ? 1 : 0,
    sentence_long: Math.min(1, (sentence.tokenEnd - sentence.tokenStart) / 60),
    hypothetical: tokens.slice(Math.max(sentence.tokenStart, first.trigger.start - 5), first.trigger.start).some((t) => words.hypothetical.has(t.base) || words.hypothetical.has(t.fold)) ? 1 : 0,
    topic_of: tokens.slice(Math.max(sentence.tokenStart, first.trigger.start - 3), first.trigger.start).some((t) => words.topicWord.has(t.base)) ? 1 : 0,
    happened_verb: tokens.slice(Math.max(sentence.tokenStart, first.trigger.start - 4), Math.min(sentence.tokenEnd, first.trigger.end + 4)).some((t, k, all) => words.happened.has(t.base) && all[k] !== trig) ? 1 : 0,
    trigger_early: first.trigger.start - sentence.tokenStart < 6 ? 1 : 0,
  };
}

/** FNV-1a, for bucketing words: stable across runs and platforms. */
function bucketOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return (h >>> 0) % LEXICAL_BUCKETS;
}

/** Buckets of the stems within LEXICAL_WINDOW words of the event's first trigger, each once. */
export function lexicalFeatures(e: EventDraft, doc: Doc): number[] {
  const tokens = doc.tokens ?? [];
  const first = e.mentions[0];
  const sentence = (doc.sentences ?? [])[first.sentence];
  const from = Math.max(sentence.tokenStart, first.trigger.start - LEXICAL_WINDOW);
  const to = Math.min(sentence.tokenEnd, first.trigger.end + LEXICAL_WINDOW);
  const buckets = new Set<number>();
  for (let i = from; i < to; i++) if (tokens[i].kind === 'word') buckets.add(bucketOf(tokens[i].stem));
  return [...buckets].sort((a, b) => a - b);
}

export function scoreEvent(features: Record<Feature, number>, model: ConfidenceModel, lexical: readonly number[] = []): number {
  let z = 0;
  for (const f of FEATURES) z += model.weights[f] * features[f];
  if (model.lexical) for (const b of lexical) z += model.lexical[b];
  return 1 / (1 + Math.exp(-z));
}

export function confidenceModel(resources: ResourceLoader): ConfidenceModel {
  return resources.load(CONFIDENCE_MODEL);
}

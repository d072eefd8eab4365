// extract: attack events from tagged text, one record per attack.
//   triggers and cues (src/resources/ar/events/) → mentions with their arguments
//   (events/mentions.ts) → mentions of one attack merged (events/merge.ts) → records.
import { defineStage, type Context } from '../pipeline.js';
import type { Actor, AttackEvent, Doc, Place, WeaponCategory } from '../types.js';
import { eventLexicon } from '../events/lexicon.js';
import { findMentions, indexDoc, type ArgSpan } from '../events/mentions.js';
import { inheritAttacker, inheritNewsDay, inheritPlace, mergeMentions, preferTelling, type EventDraft } from '../events/merge.js';
import { leadTime } from './time.js';
import { confidenceModel, eventFeatures, lexicalFeatures, scoreEvent } from '../events/confidence.js';

function actorOf(a: ArgSpan, withVia: boolean): Actor {
  const actor: Actor = { text: a.text, norm: a.norm, label: a.label };
  if (withVia) actor.via = a.via ?? 'stated';
  actor.start = a.start;
  actor.end = a.end;
  return actor;
}

function placeOf(a: ArgSpan): Place {
  const geo = a.entity?.geo;
  return {
    ...actorOf(a, false),
    country: geo?.country ?? null,
    lat: geo?.lat ?? null,
    lon: geo?.lon ?? null,
    ...(geo?.region !== undefined ? { region: geo.region } : {}),
    ...(geo?.precision !== undefined ? { precision: geo.precision } : {}),
  };
}

// A general category gives way to a specific one of its kind: «تفجير انتحاري» is a suicide attack,
// not also an «explosive» one; «غارة لطائرة بدون طيار» is a drone strike, not also an aircraft one;
// a ballistic missile is not also a rocket.
const SUBSUMED_BY: Partial<Record<WeaponCategory, WeaponCategory[]>> = {
  explosive: ['ied', 'car_bomb', 'suicide', 'grenade'],
  aircraft: ['drone'],
  // «صاروخ باليستي»: the «صاروخ» of a ballistic missile is that missile
  rocket: ['missile'],
  unknown: ['rocket', 'missile', 'drone', 'aircraft', 'artillery', 'ied', 'car_bomb', 'suicide', 'firearm', 'grenade', 'bladed', 'explosive'],
};
function specificWeapons<T extends { category: WeaponCategory }>(weapons: readonly T[]): T[] {
  const present = new Set(weapons.map((w) => w.category));
  return weapons.filter((w) => !(SUBSUMED_BY[w.category] ?? []).some((c) => present.has(c)));
}

/** Records of the drafts, numbered in order of first mention; `confidences` gives each draft's score. */
export function toRecords(doc: Doc, drafts: EventDraft[], confidences: number[]): AttackEvent[] {
  const sentences = doc.sentences ?? [];
  return drafts.map((e, index) => {
    const evidence = [...new Set(e.mentions.map((m) => m.sentence))]
      .sort((a, b) => a - b)
      .map((i) => ({ start: sentences[i].start, end: sentences[i].end, text: doc.text.slice(sentences[i].start, sentences[i].end) }));
    return {
      doc: doc.id,
      doc_date: doc.date,
      n: index + 1,
      type: 'attack',
      status: e.status,
      attacker: e.attacker.map((a) => actorOf(a, true)),
      target: e.target.map((a) => actorOf(a, false)),
      location: e.location.map(placeOf),
      time: e.time ? { text: e.time.text, value: e.time.value, grain: e.time.grain, start: e.time.start, end: e.time.end } : null,
      weapon: specificWeapons(e.weapon).map((w) => ({ text: w.text, category: w.category, count: w.count, start: w.start, end: w.end })),
      killed: e.killed,
      wounded: e.wounded,
      evidence,
      confidence: Math.round(confidences[index] * 1000) / 1000,
    };
  });
}

export const extractEvents = defineStage({
  name: 'extract',
  requires: ['norm', 'sentences', 'tokens', 'entities', 'times'],
  adds: ['events'],
  run(doc: Doc, ctx: Context): Doc {
    const lex = eventLexicon(ctx.resources);
    const model = confidenceModel(ctx.resources);
    const threshold = ctx.options.minConfidence ?? model.threshold;
    const scored = mergeMentions(lex.words, findMentions(indexDoc(doc, lex)), doc.date, leadTime(doc, 2), (m) => doc.sentences![m.sentence].headline)
      .map((draft) => ({ draft, confidence: scoreEvent(eventFeatures(lex.words, draft, doc), model, lexicalFeatures(draft, doc)) }))
      // threats and denials are kept whatever their score: they are not reports of attacks that happened
      .filter((x) => x.confidence >= threshold || x.draft.status === 'threatened' || x.draft.status === 'denied');
    inheritNewsDay(scored.map((x) => x.draft), doc.date);
    inheritPlace(scored.map((x) => x.draft));
    preferTelling(lex.words, scored.map((x) => x.draft));
    inheritAttacker(lex.words, scored.map((x) => x.draft));
    return { ...doc, events: toRecords(doc, scored.map((x) => x.draft), scored.map((x) => x.confidence)) };
  },
});

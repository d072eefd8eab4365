// screen: which sentences can an attack be read from? Those with a word an
// attack mention starts from (a trigger such as «هجوم» or «استهدف», «مقتل», a
// foiled cue), and what their records draw on: the sentence either side (the
// attacker named before «وأضاف أن الهجوم ...») and the lead (the headline and
// the dateline, with the place and day of the news). For `extract`, the entity
// tagger reads only these sentences, and a document with none of them skips
// the entity stages: most of a news feed is sport, economy and ceremonies, and
// tagging it was most of the cost of a batch.
//
// Measured on the gold sets (seeds, news-dev, the event GSR sentences): the same
// scores as tagging every sentence. Over SaudiNewsNet, 14 of 4,055 records
// differ (an entity the tagger reads differently without the far sentences).
import { defineStage, type Context, type Stage } from '../pipeline.js';
import type { Doc } from '../types.js';
import { eventLexicon } from '../events/lexicon.js';
import { attackSentences } from '../events/mentions.js';

/** Sentences of the lead: the headline and the dateline's. */
const LEAD_SENTENCES = 2;
/** Sentences to each side of one with an attack word. */
const NEIGHBOURS = 1;

/** Indices of the sentences to read, from which sentences have an attack word: none when none has. */
export function focusSentences(hasAttackWord: readonly boolean[]): number[] {
  if (!hasAttackWord.includes(true)) return [];
  const focus: number[] = [];
  for (let s = 0; s < hasAttackWord.length; s++) {
    let near = s < LEAD_SENTENCES;
    for (let k = Math.max(0, s - NEIGHBOURS); k <= s + NEIGHBOURS && k < hasAttackWord.length && !near; k++) near = hasAttackWord[k];
    if (near) focus.push(s);
  }
  return focus;
}

export const screenAttacks = defineStage({
  name: 'screen',
  requires: ['sentences', 'tokens'],
  adds: ['focus'],
  run(doc: Doc, ctx: Context): Doc {
    return { ...doc, focus: focusSentences(attackSentences(doc.tokens!, doc.sentences!, eventLexicon(ctx.resources))) };
  },
});

/**
 * `stage`, run only on documents with sentences in focus; a document the
 * screen set aside gets `setAside(doc)` instead: what the stage adds, empty.
 */
export function unlessScreenedOut(stage: Stage, setAside: (doc: Doc) => Doc): Stage {
  return defineStage({
    name: stage.name,
    requires: [...stage.requires, 'focus'],
    adds: stage.adds,
    run: (doc, ctx) => (doc.focus?.length === 0 ? setAside(doc) : stage.run(doc, ctx)),
  });
}

// screen: which sentences can an attack be read from? Those with a word an
// attack mention starts from (a trigger such as «هجوم» or «استهدف», «مقتل», a
// foiled cue), and what their records draw on: the sentence either side (the
// attacker named before «وأضاف أن الهجوم ...») and the lead (the headline and
// the dateline, with the place and day of the news). For `extract`, the entity
// tagger reads only these sentences, and a document with none of them skips
// the entity stages: most of a news feed is sport, economy and ceremonies, and
// tagging it was most of the cost of a batch. A document whose text has none
// of those words at all (mayTellAttack, read before tokenizing) skips the
// tokenizer and the time stage too.
//
// Measured on the gold sets (seeds, news-dev, the event GSR sentences): the same
// scores as tagging every sentence. Over SaudiNewsNet, 14 of 4,055 records
// differ (an entity the tagger reads differently without the far sentences).
import { defineStage, type Context, type Stage } from '../pipeline.js';
import type { Doc } from '../types.js';
import { eventLexicon } from '../events/lexicon.js';
import { attackSentences, mayTellAttack } from '../events/mentions.js';

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

/** Before tokenizing: may the text tell an attack at all? */
export const screenText = defineStage({
  name: 'screen-text',
  requires: ['norm'],
  adds: ['attackText'],
  run(doc: Doc, ctx: Context): Doc {
    return { ...doc, attackText: mayTellAttack(doc.norm!.fold, eventLexicon(ctx.resources)) };
  },
});

export const screenAttacks = defineStage({
  name: 'screen',
  requires: ['sentences', 'tokens'],
  adds: ['focus'],
  run(doc: Doc, ctx: Context): Doc {
    return { ...doc, focus: focusSentences(attackSentences(doc.tokens!, doc.sentences!, eventLexicon(ctx.resources))) };
  },
});

/**
 * `stage`, run only on documents the screen kept: whose text may tell an attack
 * (`by` 'text', for the tokenizer) or with sentences in focus (`by` 'focus'). A
 * document set aside gets `setAside(doc)` instead: what the stage adds, empty.
 */
export function unlessScreenedOut(stage: Stage, setAside: (doc: Doc) => Doc, by: 'text' | 'focus' = 'focus'): Stage {
  return defineStage({
    name: stage.name,
    requires: [...stage.requires, by === 'text' ? 'attackText' : 'focus'],
    adds: stage.adds,
    run: (doc, ctx) => (doc.attackText === false || doc.focus?.length === 0 ? setAside(doc) : stage.run(doc, ctx)),
  });
}

// `rasd tag --format conll`: pre-tokenized text in, one "token TAG" line per
// token out, in the same order, a blank line between sentences, so the output
// lines up with a CoNLL gold file (../shared/eval/conll.mjs). Input: one token
// a line (first column; extra columns such as a gold tag are ignored), a blank
// line between sentences. Tags are IOB2 over ANERcorp's types PERS, LOC, ORG, MISC.
//
// The tagging itself belongs to the NER stage: when src/stages/tag.ts exports
// `tagConll(sentences, ctx)`, it is used. Until then, tagConllFromSpans (below)
// runs the `tag` pipeline on each sentence joined with spaces and maps entity
// spans back onto the tokens.
import { processDoc, type Context } from '../index.js';
import * as tagStage from '../stages/tag.js';
import type { EntityLabel } from '../types.js';

export type TagConll = (sentences: string[][], ctx: Context) => string[][];

/** Entity labels as ANERcorp's tag types. */
const CONLL_TYPE: Record<EntityLabel, string> = {
  PER: 'PERS',
  ORG: 'ORG',
  GROUP: 'ORG',
  GPE: 'LOC',
  LOC: 'LOC',
  FAC: 'LOC',
  OTHER: 'MISC',
};

/** Stand-in for the NER stage's tagConll: entity spans of the `tag` pipeline → IOB2 tags. */
export function tagConllFromSpans(sentences: string[][], ctx: Context): string[][] {
  return sentences.map((tokens, s) => {
    const starts: number[] = [];
    let text = '';
    for (const token of tokens) {
      if (text) text += ' ';
      starts.push(text.length);
      text += token;
    }
    const tags = tokens.map(() => 'O');
    const doc = processDoc('tag', { id: `sentence-${s + 1}`, text }, ctx);
    for (const e of doc.entities ?? []) {
      const type = CONLL_TYPE[e.label] ?? 'MISC';
      let first = true;
      tokens.forEach((token, i) => {
        const start = starts[i];
        if (start + token.length <= e.start || start >= e.end || tags[i] !== 'O') return;
        tags[i] = `${first ? 'B' : 'I'}-${type}`;
        first = false;
      });
    }
    return tags;
  });
}

/** The NER stage's tagConll when it exports one, else the stand-in above. */
export const tagConll: TagConll = (tagStage as unknown as { tagConll?: TagConll }).tagConll ?? tagConllFromSpans;
export const usingStageTagConll = (tagStage as unknown as { tagConll?: TagConll }).tagConll !== undefined;

/** Sentences of tokens from CoNLL text: first column of each line, blank lines between sentences. */
export function parseConll(text: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const token = line.trim().split(/\s+/)[0];
    if (!token) {
      if (current.length) sentences.push(current), (current = []);
      continue;
    }
    current.push(token);
  }
  if (current.length) sentences.push(current);
  return sentences;
}

/** "token TAG" lines, a blank line after each sentence. */
export function formatConll(sentences: string[][], tags: string[][]): string {
  let out = '';
  sentences.forEach((tokens, s) => {
    tokens.forEach((token, i) => {
      out += `${token} ${tags[s]?.[i] ?? 'O'}\n`;
    });
    out += '\n';
  });
  return out;
}

// tag: named entities. The trained tagger (src/ner: a two-pass averaged
// perceptron over ANERcorp, see README.md, "Named entities") finds persons, organizations,
// places and other names; layers of lists and rules add what events need
// (src/ner/layers.ts): armed groups and militaries (GROUP, one norm per group),
// facilities (FAC), nationality adjectives (GPE, nationality: true), and the
// geocoder's place mentions (src/stages/geo.ts). The result is one
// non-overlapping, sorted list; offsets are token boundaries in the original
// text (a leading و/ب/ل stays inside the entity: "ولبنان" → norm "لبنان").
//
// ANERcorp's labels become the record's: PERS → PER, ORG → ORG, LOC → GPE when
// the places list knows a country, city or region by that name (or a place word
// heads it: مدينة، محافظة), else LOC; MISC → OTHER.
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, Entity, EntityLabel, Token } from '../types.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { loadNerLexicon, type NerLexicon } from '../ner/lexicon.js';
import { loadTagger } from '../ner/tagger.js';
import { formsOfRaw, type WordForms } from '../ner/word.js';
import {
  FUNCTION_WORDS, PRIORITY, candidate, facilityMentions, groupAnaphors, groupMentions, groupPhrases, layerInput, mergeEntities, nationalityMentions,
  organizationMentions, spanNorm, type Candidate, type LayerInput,
} from '../ner/layers.js';
import { findPlaceMentions } from './geo.js';

const LABEL: Record<string, EntityLabel> = { PERS: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'OTHER' };

/** The tagger's spans over a document's tokens, with the record's labels. */
export function nerCandidates(input: LayerInput, labels: readonly string[], lexicon: NerLexicon): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < labels.length) {
    if (labels[i] === 'O') {
      i++;
      continue;
    }
    const type = labels[i].slice(2);
    let j = i + 1;
    while (j < labels.length && labels[j] === `I-${type}`) j++;
    const end = j;
    // a name never ends in a preposition the tagger ran on into: «تنظيم احفاد الصحابة | عن»
    // («المقاومة الإسلامية في العراق» has one inside only)
    while (j - i > 1 && input.tokens[j - 1].kind === 'word' && FUNCTION_WORDS.has(input.tokens[j - 1].fold)) j--;
    let label = LABEL[type] ?? 'OTHER';
    let norm = spanNorm(input, i, j);
    let priority: number = PRIORITY.ner;
    if (label === 'LOC') {
      const place = lexicon.places.matchAt(input.cores, i).find((e) => e.words.length === j - i);
      const head = lexicon.keywords.get(input.tokens[i].base) ?? [];
      if (place) {
        label = place.kind === 'natural' ? 'LOC' : 'GPE';
        norm = place.canonical;
      } else if (head.includes('place')) label = 'GPE';
    }
    // a person after a title (الرئيس، العقيد) is more than a place of the same name
    if (label === 'PER' && i > 0 && (lexicon.keywords.get(input.tokens[i - 1].base) ?? []).includes('title')) priority = PRIORITY.nerInContext;
    out.push(candidate(input, i, j, label, norm, 'ner', priority));
    i = end;
  }
  return out;
}

/** The tagger's labels of a document's tokens: of the sentences in focus (see stages/screen.ts) when the screen ran, 'O' elsewhere. */
function tagFocus(doc: Doc, tokens: readonly Token[], ctx: Context): string[] {
  const sentences = doc.sentences ?? [{ tokenStart: 0, tokenEnd: tokens.length }];
  if (!doc.focus || doc.focus.length === sentences.length) return loadTagger(ctx).tagTokens(tokens, sentences);
  const focus = doc.focus.map((s) => sentences[s]);
  const focusLabels = loadTagger(ctx).tagTokens(tokens, focus);
  const labels: string[] = new Array(tokens.length).fill('O');
  let n = 0;
  for (const s of focus) for (let i = s.tokenStart; i < s.tokenEnd; i++) labels[i] = focusLabels[n++];
  return labels;
}

/** All entities of a document: the tagger's and the layers', merged. */
export function findEntities(doc: Doc, ctx: Context): Entity[] {
  const tokens: readonly Token[] = doc.tokens ?? [];
  if (!tokens.length) return [];
  const lexicon = loadNerLexicon(ctx.resources);
  const freq = wordFrequencies(ctx.resources);
  const labels = tagFocus(doc, tokens, ctx);
  const input = layerInput(doc.text, tokens);
  const ner = nerCandidates(input, labels, lexicon);
  // the geocoder's gazetteer places (with geo filled in), over the same tokens
  const places: Candidate[] = findPlaceMentions(doc, ctx).map((e) => ({ ...e, priority: PRIORITY.place }));
  const named = [...ner, ...places];
  const groups = [...groupMentions(input, lexicon, ner, freq), ...groupPhrases(input, lexicon, ner)];
  return mergeEntities([
    ...ner,
    ...places,
    ...groups,
    ...groupAnaphors(input, groups),
    ...facilityMentions(input, lexicon, named, freq),
    ...organizationMentions(input, lexicon, ner),
    ...nationalityMentions(input, lexicon),
  ]);
}

export const tagEntities = defineStage({
  name: 'tag',
  requires: ['norm', 'sentences', 'tokens'],
  adds: ['entities'],
  run(doc: Doc, ctx: Context): Doc {
    return { ...doc, entities: findEntities(doc, ctx) };
  },
});

const rawForms = new WeakMap<object, Map<string, WordForms>>();

/**
 * ANERcorp tags (B-PERS, I-LOC, …, O) for pre-tokenized sentences, exactly as
 * the trained model predicts them: `rasd tag --format conll`. The sentences are
 * read as one run of text (the second pass looks at the sentences around each).
 */
export function tagConll(sentences: string[][], ctx: Context): string[][] {
  const freq = wordFrequencies(ctx.resources);
  let cache = rawForms.get(freq);
  if (!cache) rawForms.set(freq, (cache = new Map()));
  const forms = sentences.map((s) => s.map((token) => formsOfRaw(token, freq, cache)));
  return loadTagger(ctx).tagLabels(forms);
}

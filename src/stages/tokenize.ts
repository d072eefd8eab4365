// tokenize: sentences and tokens over the normalized text, with offsets into the
// original. Each Arabic word gets its clitics split off as features:
//   وبالهجوم → prefixes [و, ب, ال], base هجوم;  قواتها → base قوات, suffixes [ها]
// and a stem (Snowball Arabic, from @orama/stemmers: maintained, dependency-free
// and the same algorithm as Lucene/Solr's Arabic light stemming).
import { stemmer as snowballArabic } from '@orama/stemmers/arabic';
import { defineStage, type Context } from '../pipeline.js';
import type { Doc, NormalizedText, Sentence, Token, TokenKind } from '../types.js';
import { wordFrequencies } from '../resources/lexicons.js';
import { toOriginal } from './normalize.js';

// Numbers keep their inner separators: 2.5, 1,000, 22/7/2024, 2023-10-07.
const TOKEN =
  /(\d+(?:[.,]\d+)*(?:[/-]\d+(?:[/-]\d+)?)?)|([\u0621-\u064A\u0671-\u06D3]+)|([A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?)|(\S)/gu;
const SENTENCE_END = new Set(['.', '!', '?', '؟', '؛', '…']);
const CLOSERS = new Set(['»', '”', '"', ')', ']', '’', "'"]);

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
export function analyzeWord(fold: string, freq: ReadonlyMap<string, number>): WordAnalysis {
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
        return { prefixes, base, suffixes: [suffix], stem: stemOf(base) };
      }
    }
  }
  return { prefixes, base, suffixes: [], stem: stemOf(base) };
}

function stemOf(base: string): string {
  return base.length <= 3 ? base : snowballArabic(base);
}

/** Cached analysis per folded form: news repeats its words. */
function analyzer(freq: ReadonlyMap<string, number>) {
  const cache = new Map<string, WordAnalysis>();
  return (fold: string): WordAnalysis => {
    let a = cache.get(fold);
    if (!a) {
      if (cache.size > 200_000) cache.clear();
      a = analyzeWord(fold, freq);
      cache.set(fold, a);
    }
    return a;
  };
}
const analyzers = new WeakMap<ReadonlyMap<string, number>, (fold: string) => WordAnalysis>();

export function tokenizeNormalized(norm: NormalizedText, original: string, freq: ReadonlyMap<string, number>): { tokens: Token[]; sentences: Sentence[] } {
  let analyze = analyzers.get(freq);
  if (!analyze) analyzers.set(freq, (analyze = analyzer(freq)));
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const text = norm.text;
  let sentenceStart = 0; // token index where the current sentence began
  let endedByPunct = false;

  const closeSentence = (tokenEnd: number, byPunct: boolean) => {
    if (tokenEnd <= sentenceStart) return;
    const first = tokens[sentenceStart];
    const last = tokens[tokenEnd - 1];
    const i = sentences.length;
    for (let k = sentenceStart; k < tokenEnd; k++) tokens[k].sentence = i;
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

  let prevEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const nStart = m.index ?? 0;
    const nEnd = nStart + m[0].length;
    const gap = text.slice(prevEnd, nStart);
    prevEnd = nEnd;
    // A sentence ends at a line break, or after final punctuation once any
    // closing quotes that follow it are taken in: «... الدولي». وأكد
    // (runs of final punctuation such as "؟!" or "..." stay together)
    const absorbed = Boolean(m[4] && (CLOSERS.has(m[4]) || SENTENCE_END.has(m[4])));
    if (gap.includes('\n')) closeSentence(tokens.length, endedByPunct);
    else if (endedByPunct && !absorbed) closeSentence(tokens.length, true);
    endedByPunct = endedByPunct && !gap.includes('\n') && absorbed;

    const kind: TokenKind = m[1] ? 'number' : m[2] ? 'word' : m[3] ? 'latin' : /\p{P}/u.test(m[0]) ? 'punct' : 'symbol';
    const { start, end } = toOriginal(norm, nStart, nEnd);
    const fold = norm.fold.slice(nStart, nEnd);
    const analysis: WordAnalysis =
      kind === 'word' ? analyze(fold) : { prefixes: [], base: kind === 'latin' ? fold.toLowerCase() : fold, suffixes: [], stem: kind === 'latin' ? fold.toLowerCase() : fold };
    const token: Token = {
      i: tokens.length,
      start,
      end,
      nStart,
      nEnd,
      text: original.slice(start, end),
      norm: m[0],
      fold,
      kind,
      prefixes: analysis.prefixes,
      base: analysis.base,
      suffixes: analysis.suffixes,
      stem: analysis.stem,
      sentence: 0,
    };
    if (kind === 'number') {
      const plain = m[0].replace(/,(?=\d{3}\b)/g, '');
      if (/^\d+(\.\d+)?$/.test(plain)) token.value = Number(plain);
    }
    tokens.push(token);
    if (kind === 'punct' && SENTENCE_END.has(m[0])) endedByPunct = true;
  }
  closeSentence(tokens.length, endedByPunct);
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

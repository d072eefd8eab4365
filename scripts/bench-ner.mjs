#!/usr/bin/env node
// Speed of the entity tagger: model load time, and tokens per second on one
// core, (1) tagging pre-tokenized text (the ANERcorp test split, as
// `rasd tag --format conll` does) and (2) the tag stage inside the pipeline on
// real news (SaudiNewsNet articles, normalized and tokenized beforehand so that
// only the stage is timed). Prints figures; needs dist/ (npm run build) and,
// for the texts, ../shared.
//   node scripts/bench-ner.mjs [--articles 2000]
import { scriptArgs } from './script-args.mjs';
import { readFileSync, existsSync, statSync, createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createResourceLoader, RESOURCE_DIR } from '../dist/io/resources.js';
import { NER_MODEL } from '../dist/ner/model.js';
import { loadTagger } from '../dist/ner/tagger.js';
import { tagConll, tagEntities } from '../dist/stages/tag.js';
import { normalize } from '../dist/stages/normalize.js';
import { tokenize } from '../dist/stages/tokenize.js';
import { createDoc } from '../dist/pipeline.js';
import { wordFrequencies } from '../dist/resources/lexicons.js';
import { loadNerLexicon } from '../dist/ner/lexicon.js';
import { findEntities } from '../dist/stages/tag.js';

const shared = new URL('../../shared/', import.meta.url).pathname;
// --quick (passed on by scripts/bench.mjs): 500 articles unless --articles says otherwise
const cli = scriptArgs(import.meta.url, { articles: 'value', quick: 'flag' });
const ARTICLES = cli.numeric('articles', cli.flag('quick') ? 500 : 2000);
const line = (name, value) => process.stdout.write(`${name.padEnd(44)} ${value}\n`);

// ---- model size and load time (fresh loader: read + decode + lookup tables) ---------
const modelPath = join(RESOURCE_DIR, 'ner/model.bin');
line('model file', `${(statSync(modelPath).size / 1e6).toFixed(2)} MB`);
let t = performance.now();
const ctx = { resources: createResourceLoader(), options: {} };
const model = ctx.resources.load(NER_MODEL);
const loadMs = performance.now() - t;
t = performance.now();
loadTagger(ctx);
wordFrequencies(ctx.resources);
loadNerLexicon(ctx.resources);
const readyMs = performance.now() - t;
line('model load (read, decode, index)', `${loadMs.toFixed(0)} ms`);
line('tagger ready (+ word lists, word frequencies)', `${(loadMs + readyMs).toFixed(0)} ms`);
line('model', `${model.header.version}, ${model.passes.map((p) => p.featureCount).join(' + ')} features, ${model.clusters.size} clustered words`);

// ---- 1. pre-tokenized text: the ANERcorp test split --------------------------------
const testFile = join(shared, 'data/anercorp/ANERCorp_CamelLab_test.txt');
if (existsSync(testFile)) {
  const sentences = readFileSync(testFile, 'utf8').split(/\n\s*\n/).map((s) => s.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter(Boolean)).filter((s) => s.length);
  const tokens = sentences.reduce((n, s) => n + s.length, 0);
  // first run: cold caches (word analysis and features computed for every new word)
  t = performance.now();
  tagConll(sentences, ctx);
  const cold = performance.now() - t;
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    t = performance.now();
    tagConll(sentences, ctx);
    best = Math.min(best, performance.now() - t);
  }
  line('conll, ANERcorp test, first run (cold)', `${Math.round(tokens / (cold / 1000)).toLocaleString('en')} tokens/s (${tokens} tokens)`);
  line('conll, ANERcorp test, warm (best of 5)', `${Math.round(tokens / (best / 1000)).toLocaleString('en')} tokens/s`);
} else line('conll', 'skipped: ../shared/data/anercorp missing');

// ---- 2. the tag stage on real news -------------------------------------------------------
const news = join(shared, 'data/saudinewsnet/saudinewsnet.jsonl.gz');
if (existsSync(news)) {
  const docs = [];
  const rl = createInterface({ input: createReadStream(news).pipe(createGunzip()) });
  for await (const l of rl) {
    if (!l) continue;
    const { id, text } = JSON.parse(l);
    docs.push(tokenize.run(normalize.run(createDoc({ id, text }), ctx), ctx));
    if (docs.length >= ARTICLES) break;
  }
  rl.close();
  const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
  t = performance.now();
  for (const d of docs) tagEntities.run(d, ctx);
  const stage = performance.now() - t;
  // the tagger alone on the same tokens (the stage minus the lists, rules and places)
  // (best of 3: one pass swings by ±15% on a shared machine)
  const tagger = loadTagger(ctx);
  let taggerOnly = Infinity;
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    for (const d of docs) tagger.tagTokens(d.tokens, d.sentences);
    taggerOnly = Math.min(taggerOnly, performance.now() - t);
  }
  let entities = 0;
  for (const d of docs.slice(0, 200)) entities += findEntities(d, ctx).length;
  line(`news: ${docs.length} articles, ${tokens} tokens`, '');
  line('  tag stage (tagger + lists, rules, places)', `${Math.round(tokens / (stage / 1000)).toLocaleString('en')} tokens/s`);
  line('  tagger alone (two passes, warm, best of 3)', `${Math.round(tokens / (taggerOnly / 1000)).toLocaleString('en')} tokens/s`);
  line('  entities per article (first 200)', (entities / Math.min(200, docs.length)).toFixed(1));
} else line('news', 'skipped: ../shared/data/saudinewsnet missing');

#!/usr/bin/env node
// How many places land on the map, over the gold sets (seeds, news-dev).
//
//   npx tsc -p . && node scripts/geo-coverage.mjs [--gold DIR/gold.json ...] [--verbose]
//
// Three figures per gold set (texts are read from ../shared and never copied):
//   records    `node bin/rasd.js extract` run on the set's documents the way
//              ../shared/eval/evaluate.mjs runs it: the share of `location`
//              entries of the records that carry a country and coordinates
//   gold       every hand-annotated location string, geocoded with the
//              article's countries as the hint: the share that resolves
//   mentions   gazetteer place mentions found in the texts (findPlaceMentions)
//              and the share of the tagger's GPE/LOC/FAC entities with geo
import { scriptArgs } from './script-args.mjs';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const cli = scriptArgs(import.meta.url, { verbose: 'flag', gold: 'values' });
const verbose = cli.flag('verbose');
const golds = [...cli.values('gold')];
if (!golds.length) golds.push(join(SHARED, 'fixtures/seeds/gold.json'), join(SHARED, 'fixtures/news-dev/gold.json'));
if (!golds.every(existsSync)) {
  process.stderr.write(`gold files not found (${golds.join(', ')}): ../shared is needed\n`);
  process.exit(2);
}

const { createContext, composePipeline, runPipeline } = await import(join(ROOT, 'dist/index.js'));
const { geocode, findPlaceMentions, articleCountries, resolvePlaces } = await import(join(ROOT, 'dist/stages/geo.js'));
const { normalize } = await import(join(ROOT, 'dist/stages/normalize.js'));
const { tokenize } = await import(join(ROOT, 'dist/stages/tokenize.js'));
const { tagEntities } = await import(join(ROOT, 'dist/stages/tag.js'));
const ctx = createContext();
// the tag pipeline without the time stage (places do not depend on it)
const placesPipeline = composePipeline([normalize, tokenize, tagEntities, resolvePlaces]);
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const onMap = (x) => x && typeof x.country === 'string' && x.country && Number.isFinite(x.lat) && Number.isFinite(x.lon);

for (const goldPath of golds) {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const dir = dirname(goldPath);
  const docs = gold.docs.map((d) => ({ id: d.doc, date: d.doc_date ?? null, text: readFileSync(join(dir, d.doc), 'utf8') }));
  const name = goldPath.replace(SHARED + '/', '');
  process.stdout.write(`\n${name}: ${docs.length} documents\n`);

  // 1. records of `rasd extract`
  const bin = join(ROOT, 'bin/rasd.js');
  if (existsSync(bin)) {
    const work = mkdtempSync(join(tmpdir(), 'geo-cov-'));
    const input = join(work, 'docs.jsonl');
    writeFileSync(input, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const run = spawnSync('node', [bin, 'extract', input], { encoding: 'utf8', maxBuffer: 1 << 30 });
    rmSync(work, { recursive: true, force: true });
    if (run.status !== 0) process.stdout.write(`  records: rasd extract exited ${run.status}: ${run.stderr.split('\n')[0]}\n`);
    else {
      const records = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const locations = records.flatMap((r) => (Array.isArray(r.location) ? r.location : []));
      const placed = locations.filter(onMap);
      process.stdout.write(`  records: ${records.length} records, ${locations.length} location entries, ${placed.length} with country+coordinates (${pct(placed.length, locations.length)})\n`);
      if (verbose) for (const l of locations.filter((x) => !onMap(x))) process.stdout.write(`    not placed: ${l.text}\n`);
    }
  } else process.stdout.write('  records: bin/rasd.js not found\n');

  // 2. gold locations geocoded with the article's countries; 3. mentions
  let goldTotal = 0;
  let goldPlaced = 0;
  let mentions = 0;
  let entityPlaces = 0;
  let entityPlaced = 0;
  const misses = [];
  for (const d of docs) {
    const doc = runPipeline(placesPipeline, d, ctx);
    const countries = articleCountries(doc, ctx);
    mentions += findPlaceMentions(doc, ctx).length;
    for (const e of doc.entities ?? []) {
      if (!['GPE', 'LOC', 'FAC'].includes(e.label) || e.nationality) continue;
      entityPlaces++;
      if (onMap(e.geo)) entityPlaced++;
    }
    const entry = gold.docs.find((g) => g.doc === d.id);
    for (const ev of entry.events ?? []) {
      for (const loc of ev.location ?? []) {
        goldTotal++;
        const geo = geocode(loc, ctx, { countries });
        if (onMap(geo)) goldPlaced++;
        else misses.push(`${d.id}: ${loc} [${countries.slice(0, 3).join(',')}]`);
        if (verbose && geo) process.stdout.write(`    ${loc} → ${geo.country} ${geo.region ?? ''} ${geo.precision} (${geo.name})\n`);
      }
    }
  }
  process.stdout.write(`  gold: ${goldTotal} location strings, ${goldPlaced} resolved (${pct(goldPlaced, goldTotal)})\n`);
  if (verbose) for (const m of misses) process.stdout.write(`    unresolved: ${m}\n`);
  process.stdout.write(`  mentions: ${mentions} gazetteer place mentions; tagger place entities with geo: ${entityPlaced}/${entityPlaces} (${pct(entityPlaced, entityPlaces)})\n`);
}

#!/usr/bin/env node
// Checks the time tagger against the dates of a gold set's events, before (or
// beside) the extractor: for every gold event with a date, is that date among
// the values tagged in its article? And which tagged values look wrong?
//
//   npx tsc -p . && node scripts/time-gold-check.mjs [GOLD.json ...] [--verbose]
//
// Default gold sets: ../shared/fixtures/seeds/gold.json and ../shared/fixtures/news-dev/gold.json.
// A gold date is "found" when a tagged value equals it or is a finer date inside it
// (2024-07-16 inside 2024-07), as the event scorer counts a date. A tagged value
// "looks wrong" when it is after the document date (news reports past events; a
// future date is a scheduled event or a mis-resolved year) or when it misses every
// gold date of its article by only a few days (a weekday or yesterday resolved one
// step off). Prints figures; asserts nothing.
import { scriptArgs } from './script-args.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = scriptArgs(import.meta.url, { verbose: 'flag' }, { positionals: true });
const verbose = cli.flag('verbose');
let goldFiles = cli.positionals;
if (!goldFiles.length) goldFiles = ['seeds', 'news-dev'].map((s) => join(root, '..', 'shared', 'fixtures', s, 'gold.json'));
goldFiles = goldFiles.filter((f) => {
  if (existsSync(f)) return true;
  console.error(`skipped ${f}: not found (../shared is not part of a clone)`);
  return false;
});
if (!goldFiles.length) process.exit(0);

const dist = join(root, 'dist');
if (!existsSync(join(dist, 'stages', 'time.js'))) {
  console.error('dist/ is missing: run `npx tsc -p .` first');
  process.exit(1);
}
const { composePipeline, runPipeline, createContext } = await import(join(dist, 'index.js'));
const { normalize } = await import(join(dist, 'stages', 'normalize.js'));
const { tokenize } = await import(join(dist, 'stages', 'tokenize.js'));
const { tagTimes } = await import(join(dist, 'stages', 'time.js'));
// The times of the `tag` pipeline without the entity and place stages, which do not affect them.
const pipeline = composePipeline([normalize, tokenize, tagTimes]);
const ctx = createContext();

const covers = (value, gold) => value === gold || value.startsWith(gold + '-');
const dayNumber = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(v + 'T00:00:00Z') / 86_400_000 : null);

for (const goldFile of goldFiles) {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8'));
  const dir = dirname(goldFile);
  const totals = { events: 0, found: 0, optionalEvents: 0, optionalFound: 0, tagged: 0, withValue: 0, future: 0, nearMiss: 0, docs: 0 };
  const misses = [];
  const suspects = [];
  for (const g of gold.docs) {
    const text = readFileSync(join(dir, g.doc), 'utf8');
    const doc = runPipeline(pipeline, { id: g.doc, text, date: g.doc_date ?? null }, ctx);
    totals.docs++;
    const values = doc.times.filter((t) => t.value).map((t) => t.value);
    totals.tagged += doc.times.length;
    totals.withValue += values.length;
    const goldDates = g.events.flatMap((e) => (e.date === null || e.date === undefined ? [] : Array.isArray(e.date) ? e.date : [e.date]));
    for (const e of g.events) {
      if (e.date === null || e.date === undefined) continue;
      const dates = Array.isArray(e.date) ? e.date : [e.date];
      const found = dates.some((d) => values.some((v) => covers(v, d)));
      if (e.optional) {
        totals.optionalEvents++;
        if (found) totals.optionalFound++;
      } else {
        totals.events++;
        if (found) totals.found++;
        else misses.push(`${g.doc} ${e.id}: gold ${dates.join('|')} not among [${[...new Set(values)].join(', ')}]`);
      }
    }
    const docDay = doc.date ? dayNumber(doc.date) : null;
    for (const t of doc.times) {
      if (!t.value) continue;
      const n = dayNumber(t.value);
      if (docDay !== null && t.value.slice(0, t.value.length) > doc.date.slice(0, t.value.length)) {
        totals.future++;
        suspects.push(`${g.doc} future: "${t.text}" → ${t.value} (doc ${doc.date})`);
      } else if (n !== null && !goldDates.some((d) => covers(t.value, d))) {
        const near = goldDates.map(dayNumber).filter((d) => d !== null && Math.abs(d - n) <= 3);
        if (near.length) {
          totals.nearMiss++;
          suspects.push(`${g.doc} near miss: "${t.text}" → ${t.value}, gold ${goldDates.join('|')}`);
        }
      }
      if (verbose) console.log(`  ${g.doc} [${doc.date}] "${t.text}" → ${t.value} (${t.grain}${t.relative ? ', relative' : ''})`);
    }
  }
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '-');
  console.log(`\n${goldFile}`);
  console.log(`  documents ${totals.docs}; time expressions ${totals.tagged}, with a value ${totals.withValue}`);
  console.log(`  gold event dates found among the tagged values: ${totals.found}/${totals.events} (${pct(totals.found, totals.events)}%); optional events ${totals.optionalFound}/${totals.optionalEvents}`);
  console.log(`  values that look wrong: ${totals.future} after the document date, ${totals.nearMiss} a few days off a gold date`);
  for (const m of misses) console.log(`  MISS ${m}`);
  for (const s of suspects) console.log(`  CHECK ${s}`);
}

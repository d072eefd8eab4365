// The time tagger against the dates of the gold events (../shared/fixtures):
// the date of almost every gold event must be among the values tagged in its
// article. ../shared is not part of a clone: without it these tests are skipped.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composePipeline, runPipeline } from '../src/pipeline.js';
import { createContext } from '../src/index.js';
import { normalize } from '../src/stages/normalize.js';
import { tokenize } from '../src/stages/tokenize.js';
import { tagTimes } from '../src/stages/time.js';

const shared = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'fixtures');
const pipeline = composePipeline([normalize, tokenize, tagTimes]);
const ctx = createContext();

interface GoldDoc {
  doc: string;
  doc_date: string | null;
  events: Array<{ id: string; date?: string | string[] | null; optional?: boolean }>;
}

const SETS: Array<[name: string, minimumShare: number]> = [
  ['seeds', 1],
  ['news-dev', 0.95],
];

for (const [name, minimumShare] of SETS) {
  const goldFile = join(shared, name, 'gold.json');
  const present = existsSync(goldFile);
  if (!present) console.warn(`time-gold: ${goldFile} is missing (../shared is not part of a clone); skipping the ${name} check`);
  describe.skipIf(!present)(`gold event dates of ${name}${present ? '' : ' (skipped: ../shared/fixtures missing)'}`, () => {
    it(`finds at least ${minimumShare * 100}% of them among the tagged values`, () => {
      const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as { docs: GoldDoc[] };
      let dated = 0;
      const missed: string[] = [];
      for (const g of gold.docs) {
        const text = readFileSync(join(shared, name, g.doc), 'utf8');
        const values = (runPipeline(pipeline, { id: g.doc, text, date: g.doc_date }, ctx).times ?? []).map((t) => t.value).filter((v): v is string => v !== null);
        for (const e of g.events) {
          if (!e.date || e.optional) continue;
          dated++;
          const dates = Array.isArray(e.date) ? e.date : [e.date];
          if (!dates.some((d) => values.some((v) => v === d || v.startsWith(d + '-')))) missed.push(`${e.id} (${dates.join('|')})`);
        }
      }
      expect(dated).toBeGreaterThan(5);
      expect(1 - missed.length / dated, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(minimumShare);
    });
  });
}

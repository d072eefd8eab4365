// The news-dev articles (../shared/fixtures/news-dev) are for evaluation only: their licences do
// not allow copying their text into the project. This test reads every tracked text file of the
// repository and fails on any run of six words that also occurs in one of those articles, so a
// test sentence or a comment taken from them cannot slip in. (Five words would flag date
// expressions such as «الرابع من نوفمبر/تشرين الثاني 2017», which are not text.)
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const newsDev = new URL('../../shared/fixtures/news-dev/', import.meta.url).pathname;
const RUN = 6;
const ARABIC_WORDS = /[\u0600-\u06FF]+/g;

function articles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? articles(join(dir, d.name)) : d.name.endsWith('.txt') ? [join(dir, d.name)] : [],
  );
}

/** Every run of RUN Arabic words in a text, joined by spaces. */
function runs(text: string): string[] {
  const words = text.match(ARABIC_WORDS) ?? [];
  const out: string[] = [];
  for (let i = 0; i + RUN <= words.length; i++) out.push(words.slice(i, i + RUN).join(' '));
  return out;
}

const present = existsSync(newsDev);
if (!present) console.warn(`provenance: ${newsDev} is missing (../shared is not part of a clone); skipping the check for copied news-dev text`);

describe.skipIf(!present)(`no news-dev text in the repository${present ? '' : ' (skipped: ../shared/fixtures missing)'}`, () => {
  it('shares no run of six words with a news-dev article', () => {
    const known = new Set(articles(newsDev).flatMap((f) => runs(readFileSync(f, 'utf8'))));
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      // (the gazetteer is place names only, and large)
      .filter((f) => /\.(ts|mjs|js|md|txt|tsv|json|jsonl)$/.test(f) && !f.endsWith('gazetteer.json'));
    const copied: string[] = [];
    for (const f of tracked) {
      const path = join(root, f);
      if (!existsSync(path)) continue;
      for (const r of runs(readFileSync(path, 'utf8'))) if (known.has(r)) copied.push(`${f}: «${r}»`);
    }
    expect(copied).toEqual([]);
  });

  it('would catch a copied sentence', () => {
    const [article] = articles(newsDev);
    const sample = runs(readFileSync(article, 'utf8'))[0];
    const known = new Set(runs(readFileSync(article, 'utf8')));
    expect(runs(`مثال: ${sample}.`).some((r) => known.has(r))).toBe(true);
  });
});

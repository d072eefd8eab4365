// End-to-end tests of the rasd command (Part 1: commands, formats, inputs,
// output files, bad inputs, exit codes), on the built CLI: node bin/rasd.js.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../src/io/records.js';
import { BIN, ensureBuilt, jsonLines, parseCsv, rasd, seeds, shell, startRasd, stderrLines, tempDir } from './cli-helpers.js';

beforeAll(() => ensureBuilt(), 180_000);

const SEED = seeds()[0];
const PKG = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** A folder holding the seeds as JSON Lines, repeated so the output is large (megabytes). */
function bigJsonl(copies: number): string {
  const dir = tempDir();
  const lines: string[] = [];
  for (let c = 0; c < copies; c++) for (const s of seeds()) lines.push(JSON.stringify({ id: `${c}-${s.name}`, date: '2024-08-06', text: s.text }));
  writeFileSync(join(dir, 'big.jsonl'), lines.join('\n') + '\n');
  return join(dir, 'big.jsonl');
}

describe('the three commands on fixtures/', () => {
  it.each([['extract'], ['tag'], ['normalize']])('rasd %s fixtures prints JSON Lines and exits 0', (command) => {
    const run = rasd([command, 'fixtures']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const records = jsonLines(run.stdout) as { doc: string }[];
    expect(records.length).toBeGreaterThan(0);
    // Every record names a seed article; gold.json is not an input.
    for (const r of records) expect(r.doc).toMatch(/^fixtures\/seeds\/\d{3}_[0-9a-f]+\.txt$/);
    if (command !== 'extract') expect(records.map((r) => r.doc)).toEqual(seeds().map((s) => `fixtures/seeds/${s.name}`));
  });

  it('two runs are byte-identical, with workers and without', () => {
    const a = rasd(['extract', 'fixtures']);
    const b = rasd(['extract', 'fixtures']);
    const inline = rasd(['extract', '--jobs', '1', 'fixtures']);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(inline.stdout).toBe(a.stdout);
  });

  it('records of a folder come in sorted path order', () => {
    const docs = (jsonLines(rasd(['normalize', 'fixtures']).stdout) as { doc: string }[]).map((r) => r.doc);
    expect(docs).toEqual([...docs].sort());
  });
});

describe('a pipe closed early', () => {
  it('`rasd extract ... | head -1` exits 0 with nothing on stderr', () => {
    const input = bigJsonl(40); // megabytes of output: the pipe really breaks
    const dir = tempDir();
    const run = shell(`node bin/rasd.js extract "${input}" 2>"${dir}/err" | head -1; echo "\${PIPESTATUS[0]}" > "${dir}/rc"`);
    expect(jsonLines(run.stdout)).toHaveLength(1);
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'rc'), 'utf8').trim()).toBe('0');
  });

  it('`rasd extract fixtures | head -1` exits 0 with nothing on stderr', () => {
    const dir = tempDir();
    const run = shell(`node bin/rasd.js extract fixtures 2>"${dir}/err" | head -1; echo "\${PIPESTATUS[0]}" > "${dir}/rc"`);
    expect(jsonLines(run.stdout)).toHaveLength(1);
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'rc'), 'utf8').trim()).toBe('0');
  });
});

describe('bad inputs do not stop a batch', () => {
  it('a binary, an empty and an English file beside an Arabic article: its output, one stderr line each, exit 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-article.txt'), SEED.text);
    // A PNG-like file: signature, then binary data with NUL bytes.
    const binary = Buffer.alloc(4096);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(binary);
    for (let i = 8; i < binary.length; i++) binary[i] = (i * 7919) % 251;
    writeFileSync(join(dir, 'b-image.txt'), binary);
    writeFileSync(join(dir, 'c-empty.txt'), '');
    writeFileSync(join(dir, 'd-english.txt'), 'The ministry said on Tuesday that the talks would resume next week in Geneva, according to officials.\n');

    const alone = rasd(['tag', join(dir, 'a-article.txt')]);
    const run = rasd(['tag', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(alone.stdout);
    expect((jsonLines(run.stdout) as { doc: string }[]).map((r) => r.doc)).toEqual([join(dir, 'a-article.txt')]);
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^rasd: ${join(dir, 'b-image.txt')}: binary file`));
    expect(lines[1]).toMatch(new RegExp(`^rasd: ${join(dir, 'c-empty.txt')}: empty file`));
    expect(lines[2]).toMatch(new RegExp(`^rasd: ${join(dir, 'd-english.txt')}: not Arabic .*skipped$`));
  });

  it('--quiet keeps error lines and drops skip warnings; the exit code still says 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), SEED.text);
    writeFileSync(join(dir, 'b.txt'), 'An English paragraph, which rasd skips with a warning because it is not Arabic.');
    writeFileSync(join(dir, 'c.jsonl'), '{"id": "x", "text": 5}\n');
    const run = rasd(['normalize', '--quiet', dir]);
    expect(run.status).toBe(1);
    expect(stderrLines(run.stderr)).toEqual([`rasd: ${join(dir, 'c.jsonl')}:1: no "text" text field (a number), line skipped`]);
  });

  it('a missing input is reported and the others are still read', () => {
    const run = rasd(['normalize', 'no/such/file.txt', join('fixtures', 'seeds', SEED.name)]);
    expect(run.status).toBe(1);
    expect(stderrLines(run.stderr)).toEqual(['rasd: no/such/file.txt: cannot read: no such file or folder']);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });

  it('bad JSON Lines lines are reported with their line number; the good lines go through', () => {
    const dir = tempDir();
    const good = (id: string) => JSON.stringify({ id, text: SEED.text });
    writeFileSync(join(dir, 'in.jsonl'), [good('one'), '{"id": "two", "text": "unterminated', '[1, 2]', '', good('three')].join('\n') + '\n');
    const run = rasd(['normalize', join(dir, 'in.jsonl')]);
    expect(run.status).toBe(1);
    expect((jsonLines(run.stdout) as { doc: string }[]).map((r) => r.doc)).toEqual(['one', 'three']);
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/in\.jsonl:2: not valid JSON/);
    expect(lines[1]).toMatch(/in\.jsonl:3: not a JSON object/);
  });
});

describe('usage errors exit 2 and run nothing', () => {
  it.each([
    [['extract', '--bogus', 'fixtures'], /unknown option '--bogus'/],
    [['extract', '--doc-date', '2024-02-30', 'fixtures'], /--doc-date.*2024-02-30.*YYYY-MM-DD/],
    [['extract', '--doc-date', '6/8/2024', 'fixtures'], /YYYY-MM-DD/],
    [['extract', '--format', 'xml', 'fixtures'], /Allowed choices are jsonl, json, csv/],
    [['tag', '--format', 'csv', 'fixtures'], /Allowed choices are jsonl, json, conll/],
    [['normalize', '--steps', 'nfkc,shout', 'fixtures'], /unknown step shout/],
    [['extract', '--jobs', '0', 'fixtures'], /--jobs must be a whole number/],
    [['extract', '--shard', '3/2', 'fixtures'], /K\/N/],
    [['extract', '--max-doc-size', 'big', 'fixtures'], /size in bytes/],
    [['extract', '--format', 'json', '--state', '/tmp/rasd-never.state', 'fixtures'], /--state cannot be used with --format json/],
    [['explode', 'fixtures'], /unknown command/],
    [[], /Usage: rasd/],
  ])('rasd %j', (args, message) => {
    const run = rasd(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('--help and --version exit 0 on stdout', () => {
    expect(rasd(['--version'])).toMatchObject({ status: 0, stdout: `${PKG.version}\n` });
    const help = rasd(['extract', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--format <format>/);
  });
});

describe('-o writes atomically and never clobbers an input', () => {
  it('writes the same bytes as stdout, leaving no temporary file', () => {
    const dir = tempDir();
    const out = join(dir, 'events.jsonl');
    writeFileSync(out, 'old contents\n');
    const run = rasd(['extract', 'fixtures', '-o', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(rasd(['extract', 'fixtures']).stdout);
    expect(readdirSync(dir)).toEqual(['events.jsonl']);
  });

  it('an interrupted run (SIGTERM) leaves the old file and no temporary file', async () => {
    const dir = tempDir();
    const out = join(dir, 'events.jsonl');
    writeFileSync(out, 'old contents\n');
    const child = startRasd(['extract', '--jobs', '1', bigJsonl(40), '-o', out]);
    // Wait for the temporary file, then interrupt.
    const started = Date.now();
    while (readdirSync(dir).length < 2 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(dir).length).toBe(2);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', (c, signal) => r(c ?? signal)));
    expect(code).toBe(143);
    expect(readFileSync(out, 'utf8')).toBe('old contents\n');
    expect(readdirSync(dir)).toEqual(['events.jsonl']);
  });

  it('an interrupted run (SIGTERM) writing to stdout exits 143 with whole records, each as a full run makes it', async () => {
    const child = startRasd(['extract', '--jobs', '1', bigJsonl(400)]);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const exited = new Promise((r) => child.on('exit', (c, signal) => r(c ?? signal)));
    // interrupt once records have been made (2,000 articles take several seconds)
    const started = Date.now();
    while (!out.includes('\n') && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(out.endsWith('\n')).toBe(true);
    const records = jsonLines(out) as { doc: string }[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(400 * (jsonLines(rasd(['extract', 'fixtures']).stdout).length));
    // the same records as an uninterrupted run over one copy of each article
    const once = new Map<string, string[]>();
    for (const r of jsonLines(rasd(['extract', '--jobs', '1', bigJsonl(1)]).stdout) as { doc: string }[]) {
      const name = r.doc.slice(r.doc.indexOf('-') + 1);
      once.set(name, [...(once.get(name) ?? []), JSON.stringify({ ...r, doc: name })]);
    }
    for (const r of records) {
      const name = r.doc.slice(r.doc.indexOf('-') + 1);
      expect(once.get(name)).toContain(JSON.stringify({ ...r, doc: name }));
    }
  });

  it.each([
    ['the explicit input file', (p: string) => ['normalize', p, '-o', p]],
    ['a file inside the input folder', (p: string) => ['normalize', join(p, '..'), '-o', p]],
  ])('refuses to overwrite %s (exit 2, file unchanged)', (_, args) => {
    const dir = tempDir();
    const input = join(dir, 'article.txt');
    writeFileSync(input, SEED.text);
    const run = rasd(args(input));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(input, 'utf8')).toBe(SEED.text);
  });
});

describe('input forms', () => {
  it('JSON Lines with custom field names (--id-field, --text-field, --date-field)', () => {
    const dir = tempDir();
    const line = { key: 'article-7', body: SEED.text, published: '2024-08-06T09:30:00Z' };
    writeFileSync(join(dir, 'docs.jsonl'), JSON.stringify(line) + '\n');
    const run = rasd(['tag', '--id-field', 'key', '--text-field', 'body', '--date-field', 'published', join(dir, 'docs.jsonl')]);
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([expect.objectContaining({ doc: 'article-7', doc_date: '2024-08-06' })]);
  });

  it.each([
    ['plain text', SEED.text, 'stdin'],
    ['JSON Lines', JSON.stringify({ id: 'from-pipe', text: SEED.text }) + '\n', 'from-pipe'],
  ])('stdin: %s, with - and with no input at all', (_, input, id) => {
    for (const args of [['normalize', '-'], ['normalize']]) {
      const run = rasd(args, { input });
      expect(run.status).toBe(0);
      expect(jsonLines(run.stdout)).toEqual([expect.objectContaining({ doc: id })]);
    }
  });

  it('--doc-date is the date of documents that carry none, not of those that do', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'docs.jsonl'),
      [JSON.stringify({ id: 'dated', date: '2015-07-21', text: SEED.text }), JSON.stringify({ id: 'undated', text: SEED.text })].join('\n'),
    );
    const run = rasd(['tag', '--doc-date', '2024-08-06', join(dir, 'docs.jsonl')]);
    expect((jsonLines(run.stdout) as { doc: string; doc_date: string }[]).map((r) => [r.doc, r.doc_date])).toEqual([
      ['dated', '2015-07-21'],
      ['undated', '2024-08-06'],
    ]);
  });
});

describe('output formats', () => {
  it('CSV: the documented header, one row per extract record, 21 cells each', () => {
    const csv = rasd(['extract', '--format', 'csv', 'fixtures']);
    const jsonl = jsonLines(rasd(['extract', 'fixtures']).stdout) as { doc: string; n: number; killed: number | null }[];
    expect(csv.status).toBe(0);
    const rows = parseCsv(csv.stdout);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length - 1).toBe(jsonl.length);
    rows.slice(1).forEach((row, i) => {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      expect(row[0]).toBe(jsonl[i].doc);
      expect(row[2]).toBe(String(jsonl[i].n));
      expect(row[CSV_COLUMNS.indexOf('killed')]).toBe(jsonl[i].killed === null ? '' : String(jsonl[i].killed));
    });
  });

  it.each([['extract'], ['tag'], ['normalize']])('%s --format json is one array holding the JSON Lines records', (command) => {
    const json = rasd([command, '--format', 'json', 'fixtures']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(jsonLines(rasd([command, 'fixtures']).stdout));
  });

  it('--format json with no records is an empty array', () => {
    const run = rasd(['extract', '--format', 'json', '-'], { input: 'الطقس اليوم مشمس في الرياض مع رياح خفيفة.' });
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('tag --format conll: one "token TAG" line per input token, same order, sentence breaks kept', () => {
    const dir = tempDir();
    // Pre-tokenized input, with an extra gold column that is ignored.
    const sentences = [
      ['قال', 'الرئيس', 'الأمريكي', 'جو', 'بايدن', 'في', 'واشنطن'],
      ['هاجم', 'مسلحون', 'قاعدة', 'عين', 'الأسد', 'في', 'العراق', '.'],
    ];
    writeFileSync(join(dir, 'test.txt'), sentences.map((s) => s.map((t) => `${t} O`).join('\n')).join('\n\n') + '\n');
    const run = rasd(['tag', '--format', 'conll', join(dir, 'test.txt')]);
    expect(run.status).toBe(0);
    const out = run.stdout.split('\n\n').filter((b) => b.trim()).map((b) => b.trim().split('\n').map((l) => l.split(' ')));
    expect(out.map((s) => s.map(([token]) => token))).toEqual(sentences);
    for (const s of out) for (const [, tag] of s) expect(tag).toMatch(/^(O|[BI]-(PERS|LOC|ORG|MISC))$/);
  });

  it('normalize --steps applies only the named steps', () => {
    const text = 'الـمـوصـل مُحَمَّد ٢٠٢٤';
    const all = jsonLines(rasd(['normalize', '-'], { input: text }).stdout)[0] as { text: string; steps: string[] };
    const some = jsonLines(rasd(['normalize', '--steps', 'strip-tatweel,ascii-digits', '-'], { input: text }).stdout)[0] as { text: string; steps: string[] };
    expect(all.text).toBe('الموصل محمد 2024');
    expect(some.steps).toEqual(['strip-tatweel', 'ascii-digits']);
    expect(some.text).toBe('الموصل مُحَمَّد 2024');
  });

  it('a doc warning goes to stderr as "rasd: <doc>: <warning>"', () => {
    // Whether a stage warns is the stages' business; every warning line must have the form.
    const run = rasd(['extract', 'fixtures']);
    for (const line of stderrLines(run.stderr)) expect(line).toMatch(/^rasd: [^:]+: .+/);
  });
});

describe('bin/rasd.js without a build', () => {
  it('says how to build and exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'rasd.js'));
    const run = shell(`node "${join(dir, 'bin', 'rasd.js')}" extract x`);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('rasd is not built: run npm install\n');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});

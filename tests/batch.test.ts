// End-to-end tests of batch operation (Part 2): worker threads in input order,
// --state (re-runs, kill -9 and resume), --shard, streaming, and inputs from
// the wild. All on the built CLI, node bin/rasd.js.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, jsonLines, rasd, ROOT, seeds, stderrLines, tempDir } from './cli-helpers.js';

beforeAll(() => ensureBuilt(), 180_000);

/** JSON Lines of the seeds repeated under distinct ids (sizes vary, so workers finish out of order). */
function corpus(copies: number): string {
  const lines: string[] = [];
  for (let c = 0; c < copies; c++) for (const s of seeds()) lines.push(JSON.stringify({ id: `c${c}-${s.name}`, date: '2024-08-06', text: s.text }));
  return lines.join('\n') + '\n';
}

function writeCorpus(dir: string, copies: number): string {
  const path = join(dir, 'corpus.jsonl');
  writeFileSync(path, corpus(copies));
  return path;
}

const sortedLines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('worker threads', () => {
  it('--jobs 1, 2 and 3 print byte-identical output, in input order', () => {
    const input = writeCorpus(tempDir(), 8);
    const outputs = ['1', '2', '3'].map((jobs) => rasd(['extract', '--jobs', jobs, input]));
    for (const run of outputs) expect(run.status).toBe(0);
    expect(outputs[0].stdout.length).toBeGreaterThan(1000);
    expect(outputs[1].stdout).toBe(outputs[0].stdout);
    expect(outputs[2].stdout).toBe(outputs[0].stdout);
    const docs = (jsonLines(outputs[1].stdout) as { doc: string }[]).map((r) => r.doc);
    const order = corpus(8).split('\n').filter(Boolean).map((l) => JSON.parse(l).id as string);
    expect(docs.map((d) => order.indexOf(d))).toEqual([...docs.map((d) => order.indexOf(d))].sort((a, b) => a - b));
  });

  it('a document over --doc-timeout fails with a clear line; the run finishes', () => {
    const run = rasd(['normalize', '--jobs', '2', '--doc-timeout', '0.001', 'fixtures']);
    expect(run.status).toBe(1);
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(seeds().length);
    for (const line of lines) expect(line).toMatch(/^rasd: fixtures\/seeds\/.*: took longer than --doc-timeout 0.001 s, abandoned$/);
  });

  it('a long document goes to a big-document worker; its records are those of --jobs 1', () => {
    // 64 MB regular workers: a document of over 64 × 3,000 characters gets a worker of its own (4 × 64 MB)
    const long = seeds().map((s) => s.text).join('\n\n').repeat(40);
    expect(long.length).toBeGreaterThan(64 * 3000);
    const input = join(tempDir(), 'long.txt');
    writeFileSync(input, long);
    const pooled = rasd(['extract', '--jobs', '2', '--worker-memory', '64', input], { env: { RASD_DEBUG_POOL: '1' } });
    expect(pooled.status).toBe(0);
    expect(pooled.stderr).toMatch(/rasd pool: big-document worker \d+ starts/);
    expect(pooled.stderr).not.toMatch(/out of memory/);
    expect(pooled.stdout).toBe(rasd(['extract', '--jobs', '1', input]).stdout);
  });

  it('streams: the record of the first stdin line comes out before stdin ends', async () => {
    const child = spawn(process.execPath, [BIN, 'normalize', '--jobs', '2'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write(JSON.stringify({ id: 'first', text: seeds()[0].text }) + '\n');
    const firstRecord = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out);
      });
      setTimeout(() => reject(new Error('no record within 20 s while stdin was open')), 20_000);
    });
    expect(JSON.parse(firstRecord.split('\n')[0])).toMatchObject({ doc: 'first' });
    child.stdin.end(JSON.stringify({ id: 'second', text: seeds()[1].text }) + '\n');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  });
});

describe('--state', () => {
  it('a re-run processes only new and changed documents and appends only their records', () => {
    const dir = tempDir();
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    const [a, b, c] = seeds();
    writeFileSync(join(docs, 'a.txt'), a.text);
    writeFileSync(join(docs, 'b.txt'), b.text);
    const state = join(dir, 'state');
    const out = join(dir, 'out.jsonl');
    const args = ['tag', docs, '--state', state, '-o', out];

    expect(rasd(args).status).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect((jsonLines(first) as { doc: string }[]).map((r) => r.doc)).toEqual([join(docs, 'a.txt'), join(docs, 'b.txt')]);

    // Nothing new: nothing done, nothing written.
    const again = rasd(args);
    expect(again.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);

    // One changed, one new.
    writeFileSync(join(docs, 'b.txt'), c.text);
    writeFileSync(join(docs, 'c.txt'), a.text);
    expect(rasd(args).status).toBe(0);
    const added = readFileSync(out, 'utf8').slice(first.length);
    expect((jsonLines(added) as { doc: string }[]).map((r) => r.doc)).toEqual([join(docs, 'b.txt'), join(docs, 'c.txt')]);
  });

  it('with stdout: the second run prints nothing', () => {
    const dir = tempDir();
    const input = writeCorpus(dir, 1);
    const state = join(dir, 'state');
    expect(jsonLines(rasd(['normalize', input, '--state', state]).stdout)).toHaveLength(seeds().length);
    expect(rasd(['normalize', input, '--state', state])).toMatchObject({ status: 0, stdout: '' });
  });

  it('refuses a state file another live run holds (exit 2); takes over the lock of a dead one', () => {
    const dir = tempDir();
    const state = join(dir, 'state');
    writeFileSync(`${state}.lock`, `${process.pid}\n`);
    const held = rasd(['normalize', 'fixtures', '--state', state]);
    expect(held.status).toBe(2);
    expect(held.stderr).toMatch(/in use by another rasd run \(pid \d+\)/);
    writeFileSync(`${state}.lock`, '999999999\n');
    expect(rasd(['normalize', 'fixtures', '--state', state]).status).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('killed with SIGKILL at any moment and restarted: every record exactly once', async () => {
    const dir = tempDir();
    const input = writeCorpus(dir, 60); // 300 documents
    const expected = sortedLines(rasd(['extract', '--jobs', '2', input]).stdout);
    expect(expected.length).toBeGreaterThan(300);

    const out = join(dir, 'out.jsonl');
    const state = join(dir, 'state');
    const env = { ...process.env, RASD_STATE_COMMIT_EVERY: '7' };
    let kills = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      const child = spawn(process.execPath, [BIN, 'extract', '--jobs', '2', input, '--state', state, '-o', out], { cwd: ROOT, env, stdio: 'ignore' });
      const exited = new Promise<number | string | null>((r) => child.on('exit', (code, signal) => r(code ?? signal)));
      // Kill at a different moment each time, until one run gets to the end.
      const delay = attempt < 8 ? 400 + attempt * 150 : 60_000;
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const result = await exited;
      clearTimeout(timer);
      if (result === 'SIGKILL') {
        kills++;
        continue;
      }
      expect(result).toBe(0);
      break;
    }
    expect(kills).toBeGreaterThan(0);
    const got = sortedLines(readFileSync(out, 'utf8'));
    const keys = got.map((l) => { const r = JSON.parse(l) as { doc: string; n: number }; return `${r.doc}#${r.n}`; });
    expect(keys.length - new Set(keys).size).toBe(0); // nothing twice
    expect(got).toEqual(expected); // nothing lost
  }, 180_000);
});

describe('--shard', () => {
  it('the union of N shards is the single run', () => {
    const dir = tempDir();
    const input = writeCorpus(dir, 4);
    const single = rasd(['tag', input, 'fixtures']);
    const shards = [1, 2, 3].map((k) => rasd(['tag', '--shard', `${k}/3`, input, 'fixtures']));
    for (const run of shards) {
      expect(run.status).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(run.stdout.length).toBeLessThan(single.stdout.length);
    }
    const byDoc = (lines: string[]) => lines.map((l) => JSON.parse(l) as { doc: string }).sort((a, b) => (a.doc < b.doc ? -1 : 1));
    expect(byDoc(shards.flatMap((r) => r.stdout.split('\n').filter(Boolean)))).toEqual(byDoc(single.stdout.split('\n').filter(Boolean)));
  });
});

describe('inputs from the wild', () => {
  // The seed with the characters Windows-1256 cannot encode replaced by spaces, so every variant can hold it.
  const cp1256Table = (() => {
    const decoder = new TextDecoder('windows-1256');
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
    return table;
  })();
  const base = [...seeds()[2].text].map((ch) => (cp1256Table.has(ch) && ch !== '\r' ? ch : ' ')).join('');
  const utf16be = (text: string) => {
    const b = Buffer.from(text, 'utf16le');
    for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
    return b;
  };
  /** What `tag` found, without offsets (CRLF and HTML move them): entities and time expressions. */
  type TagRecord = { entities: { text: string; label: string }[]; times: { text: string; value: string | null }[] };
  const found = (stdout: string) =>
    (jsonLines(stdout) as TagRecord[]).map((r) => [...r.entities.map((e) => `${e.label}:${e.text}`), ...r.times.map((t) => `time ${t.value}:${t.text}`)]);

  it.each([
    ['UTF-8 with BOM', 'bom.txt', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)])],
    ['UTF-16 LE with BOM', 'le.txt', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')])],
    ['UTF-16 BE with BOM', 'be.txt', () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(base)])],
    ['Windows-1256', 'legacy.txt', () => Buffer.from([...base].map((ch) => cp1256Table.get(ch)!))],
    ['CRLF line ends', 'crlf.txt', () => Buffer.from(base.replace(/\n/g, '\r\n'))],
    ['stray NUL bytes', 'nul.txt', () => Buffer.concat([Buffer.from(base), Buffer.from([0, 0, 0])])],
    ['an HTML page', 'page.html', () => Buffer.from(`<!doctype html><html><head><script>var a="<p>x</p>";</script></head><body><nav>الرئيسية</nav><article>${base.split('\n').filter((l) => l.trim()).map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}</article><footer>جميع الحقوق محفوظة</footer></body></html>`)],
    ['gzip\'d JSON Lines', 'docs.jsonl.gz', () => gzipSync(JSON.stringify({ id: 'gz', text: base }) + '\n')],
  ])('%s gives the entities and times of the plain UTF-8 text', (_, name, bytes) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain.txt'), base);
    writeFileSync(join(dir, name), bytes());
    const plain = rasd(['tag', join(dir, 'plain.txt')]);
    const variant = rasd(['tag', join(dir, name)]);
    expect(variant.status).toBe(0);
    expect(found(plain.stdout)[0].length).toBeGreaterThan(0);
    expect(found(variant.stdout)).toEqual(found(plain.stdout));
  });

  it('a 200 MB file over --max-doc-size is refused with one line, without reading it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), base);
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 200 << 20); // sparse: costs no disk
    const started = Date.now();
    const run = rasd(['normalize', dir]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.status).toBe(1);
    expect(stderrLines(run.stderr)).toEqual([`rasd: ${join(dir, 'huge.txt')}: 200 MB, larger than --max-doc-size 5 MB, skipped`]);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });

  it('a symbolic link loop is read once, with a warning; the exit code stays 0', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.txt'), base);
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const run = rasd(['normalize', dir]);
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(1);
    expect(stderrLines(run.stderr)).toEqual([`rasd: ${join(dir, 'sub', 'loop')}: folder already read (a symbolic link loop?), not read again`]);
  });

  const isRoot = process.getuid?.() === 0;
  if (isRoot) console.warn('skipping the unreadable-file test: running as root, which reads any file');
  it.skipIf(isRoot)('an unreadable file: one line, exit 1, the rest is read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), base);
    writeFileSync(join(dir, 'b.txt'), base);
    chmodSync(join(dir, 'b.txt'), 0o000);
    const run = rasd(['normalize', dir]);
    expect(run.status).toBe(1);
    expect(stderrLines(run.stderr)).toEqual([`rasd: ${join(dir, 'b.txt')}: cannot read: permission denied`]);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });
});

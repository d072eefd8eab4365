// The worker pool's memory rules (src/io/pool.ts), with a stand-in worker that
// fills as much heap as a job asks (tests/alloc-worker.mjs).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './cli-helpers.js';

beforeAll(() => ensureBuilt(), 180_000);

type Pool = import('../src/io/pool.js').WorkerPool;
let pool: Pool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

async function makePool(memoryMb: number, shared?: () => Promise<Record<string, unknown>>, size = 1): Promise<Pool> {
  const { WorkerPool } = await import('../dist/io/pool.js');
  const settings = { command: 'extract' as const, format: 'jsonl' as const, languageCheck: false, docDate: null, normalizeSteps: null };
  return (pool = new WorkerPool({ size, settings, timeoutMs: 0, memoryMb, shared, script: new URL('./alloc-worker.mjs', import.meta.url) }));
}

const job = (seq: number, text: string) => ({ seq, doc: { id: String(seq), text } });
/** The heap limit a worker reported, MB. */
const limitOf = (record: string) => Number(/in (\d+)$/.exec(record)![1]);

describe('worker pool memory', () => {
  it('a document that runs out of memory in a regular worker is done again in a big-document worker (4 × the cap)', async () => {
    const p = await makePool(64);
    const [small, big, after] = await Promise.all([p.run(job(0, '8')), p.run(job(1, '100')), p.run(job(2, '8'))]);
    expect(small.error).toBeUndefined();
    expect(limitOf(small.records[0])).toBeLessThan(128);
    expect(big.error).toBeUndefined();
    expect(big.records[0]).toMatch(/^100 MB in /);
    expect(limitOf(big.records[0])).toBeGreaterThanOrEqual(256);
    expect(after.records[0]).toMatch(/^8 MB in /);
  });

  it('a document too big for a big-document worker fails with a line naming --worker-memory; the pool goes on', async () => {
    const p = await makePool(64);
    const failed = await p.run(job(0, '400'));
    expect(failed.error).toBe('ran out of memory in a big-document worker (4 × --worker-memory 64 MB)');
    const next = await p.run(job(1, '8'));
    expect(next.error).toBeUndefined();
  });

  it('a long document goes straight to a big-document worker', async () => {
    const p = await makePool(64);
    const long = ' '.repeat(64 * 3000 + 1);
    const [short, longResult] = await Promise.all([p.run(job(0, ' ')), p.run(job(1, long))]);
    expect(limitOf(short.records[0])).toBeLessThan(128);
    expect(limitOf(longResult.records[0])).toBeGreaterThanOrEqual(256);
  });

  it('sends the shared resources to every worker before its first job, however late they come', async () => {
    let asked = 0;
    const shared = () => new Promise<Record<string, unknown>>((resolve) => {
      asked++;
      setTimeout(() => resolve({ 'ner/model.bin': { answer: 42 } }), 300);
    });
    const p = await makePool(64, shared, 2);
    const results = await Promise.all([0, 1, 2, 3].map((seq) => p.run(job(seq, 'shared?'))));
    for (const r of results) expect(JSON.parse(r.records[0])).toEqual({ 'ner/model.bin': { answer: 42 } });
    expect(asked).toBe(1); // loaded once for all workers
  });
});

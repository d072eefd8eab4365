// Word tables in shared memory, and resources shared between worker threads.
import { describe, expect, it } from 'vitest';
import { createResourceLoader, shareResources } from '../src/io/resources.js';
import { NER_MODEL } from '../src/ner/model.js';
import { createContext, processDoc, tag, toTagRecord } from '../src/index.js';
import { PackedWordMap } from '../src/resources/packed.js';
import { WORD_FREQUENCIES } from '../src/resources/lexicons.js';
import { SHARED_RESOURCES } from '../src/resources/shared.js';

describe('PackedWordMap', () => {
  const entries: [string, number][] = [
    ['بغداد', 7],
    ['والقوات', 12],
    ['', 1],
    ['a', -3],
    ['بغدا', 2], // a prefix of another key
    ['دمشق', 5],
  ];
  const map = PackedWordMap.from(entries);

  it.each(entries)('finds %j → %i', (key, value) => {
    expect(map.get(key)).toBe(value);
    expect(map.has(key)).toBe(true);
  });

  it.each(['بغدادي', 'بغ', 'القوات', 'A', ' '])('does not find %j', (key) => {
    expect(map.get(key)).toBeUndefined();
    expect(map.has(key)).toBe(false);
  });

  it('keeps the last value of a repeated key, and iterates in packing order', () => {
    const again = PackedWordMap.from([['x', 1], ['y', 2], ['x', 3]]);
    expect(again.size).toBe(2);
    expect(again.get('x')).toBe(3);
    expect([...map]).toEqual(entries);
  });

  it('lives in SharedArrayBuffers: a copy made from its parts sees the same memory', () => {
    const parts = map.parts;
    for (const array of Object.values(parts)) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    const clone = new PackedWordMap(structuredClone(parts));
    expect(clone.get('دمشق')).toBe(5);
  });

  it('answers as the Map it was packed from, over the whole word-count list', () => {
    const packed = createResourceLoader().load(WORD_FREQUENCIES);
    const plain = new Map(packed);
    expect(plain.size).toBeGreaterThan(100_000);
    let checked = 0;
    for (const [word, count] of plain) if (checked++ % 97 === 0) expect(packed.get(word)).toBe(count);
  });
});

describe('shareResources', () => {
  const shared = shareResources(SHARED_RESOURCES.extract);

  it('gives the tagger model and the word counts, in shared memory', () => {
    expect(Object.keys(shared).sort()).toEqual([NER_MODEL.file, WORD_FREQUENCIES.file].sort());
    const loader = createResourceLoader(undefined, structuredClone(shared));
    const model = loader.load(NER_MODEL);
    expect(model.clusters.size).toBeGreaterThan(10_000);
    expect(loader.load(WORD_FREQUENCIES).get('بغداد')).toBe(createResourceLoader().load(WORD_FREQUENCIES).get('بغداد'));
  });

  it('a pipeline on shared resources tags as one on resources of its own', () => {
    const text = 'قال الرئيس العراقي برهم صالح إن تنظيم داعش هاجم قاعدة عين الأسد في محافظة الأنبار أمس.';
    const sharedCtx = createContext({}, createResourceLoader(undefined, structuredClone(shared)));
    const { entities } = tag({ id: 'a', text, date: '2024-01-01' }, {});
    expect(entities.length).toBeGreaterThan(2);
    expect(toTagRecord(processDoc('tag', { id: 'a', text, date: '2024-01-01' }, sharedCtx)).entities).toEqual(entities);
  });
});

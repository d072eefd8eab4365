// Word tables packed into shared memory. A lexicon of 100,000+ words as a JS
// Map costs 60–90 bytes of heap a word in every worker thread that loads it;
// packed into SharedArrayBuffers it costs ~30 bytes a word once, and the batch
// pool hands the same memory to all its workers (src/io/resources.ts,
// shareResources).

/** What the stages need of a word → count (or word → number) table. A Map is one. */
export interface WordCounts {
  get(word: string): number | undefined;
  has(word: string): boolean;
  readonly size: number;
}

/** Typed arrays over SharedArrayBuffers: postMessage and workerData share them instead of copying. */
export function sharedArray<T extends Int32Array | Int16Array | Uint16Array | Float32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** A PackedWordMap's memory, as handed between threads. */
export interface PackedWordMapParts {
  /** Per slot: the key's hash and its entry number + 1 (0: empty). */
  slots: Int32Array;
  /** The keys' UTF-16 code units, one after another. */
  codes: Uint16Array;
  /** Entry i's key is codes[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  values: Int32Array;
}

/** FNV-1a over the UTF-16 code units [start, end) of s (also the tokenizer's word-type table's hash). */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0; // (an empty range too is an int32: tables keep hashes in Int32Arrays)
}
const hashKey = (key: string): number => hashRange(key, 0, key.length);

/** Whether entry `entry`'s key (codes[offsets[entry] .. offsets[entry + 1])) is `key`. */
function sameKey(codes: Uint16Array, offsets: Int32Array, entry: number, key: string): boolean {
  const start = offsets[entry];
  if (offsets[entry + 1] - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (codes[start + k] !== key.charCodeAt(k)) return false;
  return true;
}

/** An immutable string → int32 map in four typed arrays, open addressing at load ≤ 1/2. */
export class PackedWordMap implements WordCounts {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly codes: Uint16Array;
  private readonly offsets: Int32Array;
  private readonly values: Int32Array;

  constructor(parts: PackedWordMapParts) {
    ({ slots: this.slots, codes: this.codes, offsets: this.offsets, values: this.values } = parts);
    this.mask = this.slots.length / 2 - 1;
  }

  /** Pack entries (a later duplicate key overwrites the earlier value). */
  static from(entries: Iterable<readonly [string, number]>): PackedWordMap {
    const keys: string[] = [];
    const values: number[] = [];
    for (const [key, value] of entries) {
      keys.push(key);
      values.push(value);
    }
    return PackedWordMap.fromKeys(keys, values);
  }

  /** Pack keys[i] → values[i] (a later duplicate key overwrites the earlier value). */
  static fromKeys(keys: readonly string[], values: ArrayLike<number>): PackedWordMap {
    let codeCount = 0;
    for (const key of keys) codeCount += key.length;
    let slotCount = 2;
    while (slotCount < keys.length * 2) slotCount <<= 1;
    const mask = slotCount - 1;
    const slots = sharedArray(Int32Array, 2 * slotCount);
    const codes = sharedArray(Uint16Array, codeCount);
    const offsets = new Int32Array(keys.length + 1);
    const packedValues = new Int32Array(keys.length);
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const h = hashKey(key);
      let p = h & mask;
      // to the first empty slot, or to the key's own when it came before
      while (slots[2 * p + 1] !== 0 && !(slots[2 * p] === h && sameKey(codes, offsets, slots[2 * p + 1] - 1, key))) p = (p + 1) & mask;
      if (slots[2 * p + 1] !== 0) {
        packedValues[slots[2 * p + 1] - 1] = values[i];
        continue;
      }
      const at = offsets[count];
      for (let k = 0; k < key.length; k++) codes[at + k] = key.charCodeAt(k);
      offsets[count + 1] = at + key.length;
      slots[2 * p] = h;
      slots[2 * p + 1] = count + 1;
      packedValues[count++] = values[i];
    }
    const shared = (array: Int32Array, length: number) => {
      const out = sharedArray(Int32Array, length);
      out.set(array.subarray(0, length));
      return out;
    };
    return new PackedWordMap({ slots, codes, offsets: shared(offsets, count + 1), values: shared(packedValues, count) });
  }

  get parts(): PackedWordMapParts {
    return { slots: this.slots, codes: this.codes, offsets: this.offsets, values: this.values };
  }

  get size(): number {
    return this.values.length;
  }

  /** The entry number of `key`, or -1. */
  indexOf(key: string): number {
    const h = hashKey(key);
    const { slots, codes, offsets } = this;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
      const entry = slots[2 * p + 1];
      if (entry === 0) return -1;
      if (slots[2 * p] === h && sameKey(codes, offsets, entry - 1, key)) return entry - 1;
    }
  }

  get(key: string): number | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** The entries, in the order they were packed (as a Map's). */
  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.values.length; i++) {
      let key = '';
      for (let k = this.offsets[i]; k < this.offsets[i + 1]; k++) key += String.fromCharCode(this.codes[k]);
      yield [key, this.values[i]];
    }
  }
}

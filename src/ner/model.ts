// The trained entity tagger's model file, src/resources/ner/model.bin:
//
//   bytes 0-3    "RNER"
//   4-7          format version (uint32, little-endian)
//   8-11         header length H (uint32)
//   12..12+H     header, JSON: labels, the passes (each with its weight scale
//                and sections), where each section is, training figures, the
//                lexicon fingerprint, the data credit
//   sections     4-byte aligned, little-endian. Per pass p (0: first pass,
//                1: second pass, which also sees the first pass's labels of
//                the document, see documentFeatures):
//     keys.p         uint32 × F   feature hashes, ascending
//     weights.p      int16 × F×L  each feature's weight per label, × weightScale
//     transitions.p  float32 × (L+2)×L   label→label, start→label, label→end
//   and shared by the passes:
//     clusterWords   UTF-8, the clustered core forms joined by "\n"
//     clusterIds     uint16 × W×levels  each word's cluster at every level
//
// Feature strings are not stored: a feature is its 32-bit hash (hash.ts).
// Weights are quantized to 16 bits, which changes no decision worth counting.
import { PackedWordMap, sharedArray, type PackedWordMapParts } from '../resources/packed.js';
import { ResourceError, type ResourceSpec } from '../resources/spec.js';

export const MODEL_MAGIC = 'RNER';
export const MODEL_FORMAT = 1;

type Section = [offset: number, bytes: number];

export interface PassHeader {
  featureCount: number;
  weightScale: number;
  sections: { keys: Section; weights: Section; transitions: Section };
}

export interface ModelHeader {
  format: number;
  /** Version of the trained model, e.g. "2025-11-21.1". */
  version: string;
  labels: string[];
  passes: PassHeader[];
  clusterLevels: number;
  /** Names of the columns after the cluster levels in each word's row (FeatureTables.extraColumns; absent: none). */
  extraColumns?: string[];
  /** Which roles see them (bit mask over ROLES, features.ts; absent: self, previous, next). */
  extraRoles?: number;
  /** Pairs (neighbour's core, word's cluster) among the features (FeatureTables.clusterPairs; absent: no). */
  clusterPairs?: boolean;
  clusterCount: number;
  /** Fingerprint of the word lists the features were computed with (lexicon.ts). */
  lexiconFingerprint: string;
  sections: Record<'clusterWords' | 'clusterIds', Section>;
  /** How the model was trained and what it scored, for the record. */
  training?: Record<string, unknown>;
  credit?: string;
}

/** One pass's weights, as the trainer hands them over. */
export interface PassParts {
  keys: Uint32Array;
  /** F × L weights, float; quantized on encoding. */
  weights: Float32Array | Float64Array;
  /** (L+2) × L. */
  transitions: Float32Array | Float64Array;
}

export interface ModelParts {
  version: string;
  labels: string[];
  passes: PassParts[];
  clusterWords: string[];
  clusterIds: Uint16Array;
  clusterLevels: number;
  extraColumns?: string[];
  extraRoles?: number;
  clusterPairs?: boolean;
  lexiconFingerprint: string;
  training?: Record<string, unknown>;
  credit?: string;
}

/** A WeightTable's memory, as handed between threads (see NerModel.parts). */
export interface WeightTableParts {
  L: number;
  featureCount: number;
  slots: Int32Array;
  /** Bloom filter of the keys (see WeightTable.filter). */
  filter: Int32Array;
  /** The weights as stored in the model file (16 bits), F × L; each is weightScale × its value. */
  weights: Int16Array;
  weightScale: number;
  transitions: Float32Array;
}

/** The weights of one pass, looked up by feature hash. */
export class WeightTable {
  readonly L: number;
  readonly featureCount: number;
  /**
   * The open-addressing table: per slot, the key and (next to it, so a probe
   * reads one cache line) the index of its first weight, or -1 for an empty slot.
   * Keys are stored as int32 (the same 32 bits as the uint32 hash).
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * A Bloom filter of the keys (two bits a key, ~10 bits of filter a key): most
   * features asked about are not in the model (the pairs of words never seen
   * together in training, the words themselves of new text), and the filter,
   * small enough to stay in the processor's cache, says so without reading
   * the table, where nearly every probe is a cache miss.
   */
  private readonly filter: Int32Array;
  private readonly filterMask: number;
  /**
   * The weights as the model file has them, F × L, 16 bits each (read as
   * Math.fround(weight × weightScale), the float they were trained as): half the
   * memory of floats, so more of the table stays in the processor's cache.
   */
  private readonly weights: Int16Array;
  private readonly weightScale: number;
  /** (L+2) × L: label→label, start→label, label→end. */
  readonly transitions: Float32Array;

  constructor(parts: WeightTableParts) {
    ({ L: this.L, featureCount: this.featureCount, slots: this.slots, filter: this.filter, weights: this.weights, weightScale: this.weightScale, transitions: this.transitions } = parts);
    this.mask = this.slots.length / 2 - 1;
    this.filterMask = this.filter.length * 32 - 1;
  }

  /**
   * Index a pass of the model file. `keys`, `quantized` and `transitions` may be
   * views into the file: they are copied (into shared memory), not kept.
   */
  static build(L: number, keys: Uint32Array, quantized: Int16Array, weightScale: number, transitions: Float32Array): WeightTable {
    const weights = sharedArray(Int16Array, quantized.length);
    weights.set(quantized);
    // open addressing at load factor ≤ 1/2: one probe for most look-ups
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    const mask = size - 1;
    const slots = sharedArray(Int32Array, 2 * size);
    for (let p = 0; p < size; p++) slots[2 * p + 1] = -1;
    for (let i = 0; i < keys.length; i++) {
      let p = keys[i] & mask;
      while (slots[2 * p + 1] !== -1) p = (p + 1) & mask;
      slots[2 * p] = keys[i] | 0;
      slots[2 * p + 1] = i * L;
    }
    let filterBits = 1024;
    while (filterBits < keys.length * 10) filterBits <<= 1;
    const filter = sharedArray(Int32Array, filterBits / 32);
    for (const key of keys) {
      const a = firstFilterBit(key | 0, filterBits - 1);
      const b = secondFilterBit(key | 0, filterBits - 1);
      filter[a >>> 5] |= 1 << (a & 31);
      filter[b >>> 5] |= 1 << (b & 31);
    }
    const sharedTransitions = sharedArray(Float32Array, transitions.length);
    sharedTransitions.set(transitions);
    return new WeightTable({ L, featureCount: keys.length, slots, filter, weights, weightScale, transitions: sharedTransitions });
  }

  get parts(): WeightTableParts {
    return { L: this.L, featureCount: this.featureCount, slots: this.slots, filter: this.filter, weights: this.weights, weightScale: this.weightScale, transitions: this.transitions };
  }

  /** Add the weights of feature `hash` to out[at .. at+L). */
  addWeights(hash: number, out: Float32Array, at: number): void {
    const key = hash | 0;
    const a = firstFilterBit(key, this.filterMask);
    const b = secondFilterBit(key, this.filterMask);
    if ((this.filter[a >>> 5] & (1 << (a & 31))) === 0 || (this.filter[b >>> 5] & (1 << (b & 31))) === 0) return;
    const slots = this.slots;
    let p = key & this.mask;
    for (;;) {
      const base = slots[2 * p + 1];
      if (base === -1) return;
      if (slots[2 * p] === key) {
        const weights = this.weights;
        const scale = this.weightScale;
        for (let y = 0; y < this.L; y++) out[at + y] += Math.fround(weights[base + y] * scale);
        return;
      }
      p = (p + 1) & this.mask;
    }
  }
}

/** A key's first Bloom filter bit: bits 7… of its hash (the table's slot takes the low bits). */
function firstFilterBit(key: number, filterMask: number): number {
  return (key >>> 7) & filterMask;
}

/** A key's second Bloom filter bit: the hash mixed again. */
function secondFilterBit(key: number, filterMask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 0) & filterMask;
}

/**
 * Each clustered word's cluster numbers, coarse to fine: a packed word table
 * (src/resources/packed.ts) from word to row, over one array of numbers. (A Map
 * to per-word subarrays cost ~150 bytes of heap a word, about 20 MB per worker
 * thread for the ~157,000 words.)
 */
export class ClusterIndex {
  constructor(
    private readonly rows: PackedWordMap,
    private readonly ids: Uint16Array,
    private readonly levels: number,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** The word's cluster at each level, or undefined when it was not clustered. */
  get(word: string): Uint16Array | undefined {
    const row = this.rows.get(word);
    return row === undefined ? undefined : this.ids.subarray(row * this.levels, (row + 1) * this.levels);
  }

  get parts(): { rows: PackedWordMapParts; ids: Uint16Array; levels: number } {
    return { rows: this.rows.parts, ids: this.ids, levels: this.levels };
  }
}

/** A NerModel's memory, as handed between threads: typed arrays over SharedArrayBuffers and the header. */
export interface NerModelParts {
  header: ModelHeader;
  passes: WeightTableParts[];
  clusters: ClusterIndex['parts'];
}

export class NerModel {
  readonly labels: string[];
  readonly L: number;

  constructor(
    readonly header: ModelHeader,
    /** The first pass, and the second when the model has one. */
    readonly passes: WeightTable[],
    readonly clusters: ClusterIndex,
  ) {
    this.labels = header.labels;
    this.L = header.labels.length;
  }

  get parts(): NerModelParts {
    return { header: this.header, passes: this.passes.map((p) => p.parts), clusters: this.clusters.parts };
  }

  static fromParts({ header, passes, clusters }: NerModelParts): NerModel {
    return new NerModel(header, passes.map((p) => new WeightTable(p)), new ClusterIndex(new PackedWordMap(clusters.rows), clusters.ids, clusters.levels));
  }
}

const align4 = (n: number) => (n + 3) & ~3;
const asBytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Serialize a trained model (used by scripts/train-ner.mjs). */
export function encodeModel(parts: ModelParts): Uint8Array {
  const L = parts.labels.length;
  const encoder = new TextEncoder();
  const blobs: Array<[string, Uint8Array]> = [];
  const passes: PassHeader[] = parts.passes.map((pass, p) => {
    if (pass.transitions.length !== (L + 2) * L) throw new Error(`pass ${p}: expected ${(L + 2) * L} transition weights`);
    if (pass.weights.length !== pass.keys.length * L) throw new Error(`pass ${p}: expected ${pass.keys.length * L} weights`);
    let maxAbs = 0;
    for (const w of pass.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
    const weightScale = maxAbs / 32767 || 1;
    const weights = Int16Array.from(pass.weights, (w) => Math.round(w / weightScale));
    blobs.push([`keys.${p}`, asBytes(pass.keys)], [`weights.${p}`, asBytes(weights)], [`transitions.${p}`, asBytes(Float32Array.from(pass.transitions))]);
    return { featureCount: pass.keys.length, weightScale, sections: {} as PassHeader['sections'] };
  });
  blobs.push(
    ['clusterWords', encoder.encode(parts.clusterWords.join('\n'))],
    ['clusterIds', asBytes(parts.clusterIds)],
  );
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    version: parts.version,
    labels: parts.labels,
    passes,
    clusterLevels: parts.clusterLevels,
    ...(parts.extraColumns?.length ? { extraColumns: parts.extraColumns, extraRoles: parts.extraRoles } : {}),
    ...(parts.clusterPairs ? { clusterPairs: true } : {}),
    clusterCount: parts.clusterWords.length,
    lexiconFingerprint: parts.lexiconFingerprint,
    sections: {} as ModelHeader['sections'],
    training: parts.training,
    credit: parts.credit,
  };
  const place = (name: string, section: Section) => {
    const [kind, pass] = name.split('.');
    if (pass === undefined) header.sections[kind as keyof ModelHeader['sections']] = section;
    else passes[Number(pass)].sections[kind as keyof PassHeader['sections']] = section;
  };
  // the header's length decides where the sections start: lay out until it settles
  let json = '';
  for (let round = 0; round < 4; round++) {
    let at = align4(12 + encoder.encode(json).length);
    for (const [name, blob] of blobs) {
      place(name, [at, blob.length]);
      at = align4(at + blob.length);
    }
    json = JSON.stringify(header);
  }
  const headerBytes = encoder.encode(json);
  let end = align4(12 + headerBytes.length);
  for (const [, blob] of blobs) end = align4(end + blob.length);
  const out = new Uint8Array(end);
  out.set(encoder.encode(MODEL_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, MODEL_FORMAT, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let at = align4(12 + headerBytes.length);
  for (const [, blob] of blobs) {
    out.set(blob, at);
    at = align4(at + blob.length);
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function decodeModel(raw: Uint8Array, file = 'model'): NerModel {
  if (!LITTLE_ENDIAN) throw new ResourceError(file, null, 'the model file is little-endian; this machine is not');
  if (raw.length < 12 || new TextDecoder().decode(raw.subarray(0, 4)) !== MODEL_MAGIC) throw new ResourceError(file, null, 'not an entity-tagger model (no RNER magic)');
  // typed-array views need aligned offsets: copy if the bytes are not 4-aligned
  const bytes = raw.byteOffset % 4 === 0 ? raw : raw.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(4, true);
  if (format !== MODEL_FORMAT) throw new ResourceError(file, null, `model format ${format}, this code reads format ${MODEL_FORMAT}: retrain with npm run train:ner`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + view.getUint32(8, true)))) as ModelHeader;
  const slice = (name: string, [offset, length]: Section) => {
    if (offset % 4 || offset + length > bytes.length) throw new ResourceError(file, null, `section ${name} is misplaced or runs past the end (truncated file?)`);
    return { offset: bytes.byteOffset + offset, length };
  };
  const L = header.labels.length;
  const passes = header.passes.map((pass, p) => {
    const k = slice(`keys.${p}`, pass.sections.keys);
    const w = slice(`weights.${p}`, pass.sections.weights);
    const t = slice(`transitions.${p}`, pass.sections.transitions);
    const keys = new Uint32Array(bytes.buffer, k.offset, k.length / 4);
    const weights = new Int16Array(bytes.buffer, w.offset, w.length / 2);
    const transitions = new Float32Array(bytes.buffer, t.offset, t.length / 4);
    if (keys.length !== pass.featureCount || weights.length !== keys.length * L || transitions.length !== (L + 2) * L) {
      throw new ResourceError(file, null, `pass ${p}: section sizes do not match the header`);
    }
    return WeightTable.build(L, keys, weights, pass.weightScale, transitions);
  });
  const text = (name: keyof ModelHeader['sections'], count: number) => {
    const s = slice(name, header.sections[name]);
    const start = s.offset - bytes.byteOffset;
    return count ? new TextDecoder().decode(bytes.subarray(start, start + s.length)).split('\n') : [];
  };
  const clusterWords = text('clusterWords', header.clusterCount);
  const ci = slice('clusterIds', header.sections.clusterIds);
  const clusterIds = new Uint16Array(bytes.buffer, ci.offset, ci.length / 2);
  if (clusterWords.length !== header.clusterCount || clusterIds.length !== clusterWords.length * (header.clusterLevels + (header.extraColumns?.length ?? 0))) {
    throw new ResourceError(file, null, 'word tables do not match the header');
  }
  const ids = sharedArray(Uint16Array, clusterIds.length);
  ids.set(clusterIds); // a copy: a view would keep the whole model file in memory
  const rows = PackedWordMap.fromKeys(clusterWords, Int32Array.from(clusterWords, (_, i) => i));
  return new NerModel(header, passes, new ClusterIndex(rows, ids, header.clusterLevels + (header.extraColumns?.length ?? 0)));
}

/** The committed model, read as bytes and decoded once per process. */
export const NER_MODEL: ResourceSpec<NerModel> = {
  file: 'ner/model.bin',
  binary: true,
  parse: (raw, file) => decodeModel(raw, file),
  share: { parts: (model) => model.parts, fromParts: (parts) => NerModel.fromParts(parts as NerModelParts) },
};

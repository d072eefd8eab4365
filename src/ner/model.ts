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

/** The weights of one pass, looked up by feature hash. */
export class WeightTable {
  /**
   * The open-addressing table: per slot, the key and (next to it, so a probe
   * reads one cache line) the index of its first weight, or -1 for an empty slot.
   * Keys are stored as int32 (the same 32 bits as the uint32 hash).
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The weights, dequantized once: F × L. */
  private readonly weights: Float32Array;

  constructor(
    readonly L: number,
    private readonly keys: Uint32Array,
    quantized: Int16Array,
    readonly weightScale: number,
    /** (L+2) × L: label→label, start→label, label→end. */
    readonly transitions: Float32Array,
  ) {
    this.weights = new Float32Array(quantized.length);
    for (let i = 0; i < quantized.length; i++) this.weights[i] = quantized[i] * weightScale;
    // open addressing at load factor ≤ 1/2: one probe for most look-ups
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(2 * size);
    for (let p = 0; p < size; p++) this.slots[2 * p + 1] = -1;
    for (let i = 0; i < keys.length; i++) {
      let p = keys[i] & this.mask;
      while (this.slots[2 * p + 1] !== -1) p = (p + 1) & this.mask;
      this.slots[2 * p] = keys[i] | 0;
      this.slots[2 * p + 1] = i * L;
    }
  }

  get featureCount(): number {
    return this.keys.length;
  }

  /** Add the weights of feature `hash` to out[at .. at+L). */
  addWeights(hash: number, out: Float32Array, at: number): void {
    const key = hash | 0;
    const slots = this.slots;
    let p = key & this.mask;
    for (;;) {
      const base = slots[2 * p + 1];
      if (base === -1) return;
      if (slots[2 * p] === key) {
        const weights = this.weights;
        for (let y = 0; y < this.L; y++) out[at + y] += weights[base + y];
        return;
      }
      p = (p + 1) & this.mask;
    }
  }
}

export class NerModel {
  readonly labels: string[];
  readonly L: number;
  readonly clusters: Map<string, Uint16Array>;

  constructor(
    readonly header: ModelHeader,
    /** The first pass, and the second when the model has one. */
    readonly passes: WeightTable[],
    clusterWords: string[],
    clusterIds: Uint16Array,
  ) {
    this.labels = header.labels;
    this.L = header.labels.length;
    this.clusters = new Map();
    const levels = header.clusterLevels + (header.extraColumns?.length ?? 0);
    clusterWords.forEach((w, i) => this.clusters.set(w, clusterIds.subarray(i * levels, (i + 1) * levels)));
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
    return new WeightTable(L, keys, weights, pass.weightScale, transitions);
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
  return new NerModel(header, passes, clusterWords, clusterIds);
}

/** The committed model, read as bytes and decoded once per process. */
export const NER_MODEL: ResourceSpec<NerModel> = {
  file: 'ner/model.bin',
  binary: true,
  parse: (raw, file) => decodeModel(raw, file),
};

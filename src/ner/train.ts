// Training of the entity tagger: a structured averaged perceptron (Collins
// 2002) over the features of features.ts, decoded with the same constrained
// Viterbi as at run time. Used by scripts/train-ner.mjs; nothing here reads files.
import { bioTransitions, viterbi } from './decode.js';

export interface TrainingSentence {
  n: number;
  /** Feature indices of token i: feats[offsets[i] .. offsets[i+1]). */
  feats: Int32Array;
  offsets: Int32Array;
  gold: Int32Array;
}

/** Deterministic shuffling (mulberry32), so training is reproducible. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class PerceptronTrainer {
  readonly L: number;
  /** Current weights (F × L) and the time-weighted sums for averaging. */
  private readonly w: Float64Array;
  private readonly u: Float64Array;
  /** (L+2) × L: label→label, start→label, label→end. */
  private readonly t: Float64Array;
  private readonly tu: Float64Array;
  private c = 1;
  private readonly allowed: Uint8Array;
  private readonly allowedStart: Uint8Array;
  private readonly allowedEnd: Uint8Array;

  /**
   * @param identityFeatures how many features at the start of each token's list name the word itself
   * @param hideIdentity probability of hiding them for a token in a training pass (word dropout)
   */
  constructor(
    readonly featureCount: number,
    readonly labels: readonly string[],
    readonly identityFeatures = 0,
    readonly hideIdentity = 0,
    /** Cost-augmented training: every wrong label gets this much extra score while training (0: plain perceptron). */
    readonly margin = 0,
  ) {
    this.L = labels.length;
    this.w = new Float64Array(featureCount * this.L);
    this.u = new Float64Array(featureCount * this.L);
    this.t = new Float64Array((this.L + 2) * this.L);
    this.tu = new Float64Array((this.L + 2) * this.L);
    ({ allowed: this.allowed, allowedStart: this.allowedStart, allowedEnd: this.allowedEnd } = bioTransitions(labels));
  }

  /** Per token, where its features start: past the identity features when they are hidden. */
  private firstFeature(s: TrainingSentence, i: number, hidden?: Uint8Array): number {
    return hidden && hidden[i] ? Math.min(s.offsets[i] + this.identityFeatures, s.offsets[i + 1]) : s.offsets[i];
  }

  private emissions(s: TrainingSentence, w: Float64Array | Float32Array, hidden?: Uint8Array): Float64Array {
    const L = this.L;
    const out = new Float64Array(s.n * L);
    for (let i = 0; i < s.n; i++) {
      for (let k = this.firstFeature(s, i, hidden); k < s.offsets[i + 1]; k++) {
        const base = s.feats[k] * L;
        for (let y = 0; y < L; y++) out[i * L + y] += w[base + y];
      }
    }
    return out;
  }

  decode(s: TrainingSentence, averaged?: { weights: Float32Array; transitions: Float32Array }, hidden?: Uint8Array): Int32Array {
    const w = averaged ? averaged.weights : this.w;
    const t = averaged ? averaged.transitions : this.t;
    return viterbi(this.emissions(s, w, hidden), s.n, this.L, t, this.allowed, this.allowedStart, undefined, undefined, this.allowedEnd);
  }

  /** The best labels when every label but the gold one is worth `margin` more: an update also when gold wins narrowly. */
  private decodeWithCost(s: TrainingSentence, hidden?: Uint8Array): Int32Array {
    const e = this.emissions(s, this.w, hidden);
    const L = this.L;
    for (let i = 0; i < s.n; i++) for (let y = 0; y < L; y++) if (y !== s.gold[i]) e[i * L + y] += this.margin;
    return viterbi(e, s.n, L, this.t, this.allowed, this.allowedStart, undefined, undefined, this.allowedEnd);
  }

  private bump(arr: Float64Array, sums: Float64Array, index: number, delta: number): void {
    arr[index] += delta;
    sums[index] += this.c * delta;
  }

  /** One pass over the sentences in a shuffled order; returns how many tokens were mislabelled. */
  epoch(sentences: readonly TrainingSentence[], random: () => number): number {
    const order = sentences.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const L = this.L;
    let errors = 0;
    for (const index of order) {
      const s = sentences[index];
      let hidden: Uint8Array | undefined;
      if (this.hideIdentity > 0) {
        hidden = new Uint8Array(s.n);
        for (let i = 0; i < s.n; i++) hidden[i] = random() < this.hideIdentity ? 1 : 0;
      }
      const pred = this.margin > 0 ? this.decodeWithCost(s, hidden) : this.decode(s, undefined, hidden);
      let wrong = false;
      for (let i = 0; i < s.n; i++) if (pred[i] !== s.gold[i]) (wrong = true), errors++;
      if (wrong) {
        for (let i = 0; i < s.n; i++) {
          const g = s.gold[i];
          const p = pred[i];
          if (g !== p) {
            for (let k = this.firstFeature(s, i, hidden); k < s.offsets[i + 1]; k++) {
              const base = s.feats[k] * L;
              this.bump(this.w, this.u, base + g, 1);
              this.bump(this.w, this.u, base + p, -1);
            }
          }
          const gPrev = i > 0 ? s.gold[i - 1] * L : L * L; // start row
          const pPrev = i > 0 ? pred[i - 1] * L : L * L;
          if (gPrev !== pPrev || g !== p) {
            this.bump(this.t, this.tu, gPrev + g, 1);
            this.bump(this.t, this.tu, pPrev + p, -1);
          }
        }
        const gEnd = L * L + L + s.gold[s.n - 1];
        const pEnd = L * L + L + pred[s.n - 1];
        if (gEnd !== pEnd) this.bump(this.t, this.tu, gEnd, 1), this.bump(this.t, this.tu, pEnd, -1);
      }
      this.c++;
    }
    return errors;
  }

  /** The averaged weights: what the model keeps. */
  averaged(): { weights: Float32Array; transitions: Float32Array } {
    const weights = new Float32Array(this.w.length);
    for (let i = 0; i < weights.length; i++) weights[i] = this.w[i] - this.u[i] / this.c;
    const transitions = new Float32Array(this.t.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.t[i] - this.tu[i] / this.c;
    return { weights, transitions };
  }
}


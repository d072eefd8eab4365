// First-order Viterbi decoding over BIO labels. An I-X may only follow B-X or
// I-X: a lone I-X is scored by CoNLL as a new entity anyway, so the decoder
// never proposes one and the trainer repairs such tags in the gold data.

/**
 * allowed[prev * L + y]: may label y follow label prev? Derived from the label names:
 * BIO (O, B-X, I-X) or BIOES (also E-X, the last word of a name, and S-X, a one-word
 * name). In BIOES an I-X or E-X continues a B-X or I-X, which must be continued, and
 * allowedEnd says which labels may end a sentence (BIO: all).
 */
export function bioTransitions(labels: readonly string[]): { allowed: Uint8Array; allowedStart: Uint8Array; allowedEnd: Uint8Array } {
  const L = labels.length;
  const allowed = new Uint8Array(L * L);
  const allowedStart = new Uint8Array(L);
  const allowedEnd = new Uint8Array(L).fill(1);
  const bioes = labels.some((l) => l.startsWith('E-') || l.startsWith('S-'));
  const continues = (l: string) => l.startsWith('I-') || l.startsWith('E-');
  const open = (l: string) => bioes && (l.startsWith('B-') || l.startsWith('I-'));
  for (let y = 0; y < L; y++) {
    const inside = continues(labels[y]);
    allowedStart[y] = inside ? 0 : 1;
    if (open(labels[y])) allowedEnd[y] = 0;
    for (let p = 0; p < L; p++) {
      const same = labels[p].slice(2) === labels[y].slice(2);
      allowed[p * L + y] = open(labels[p]) ? (inside && same ? 1 : 0) : !inside || (same && labels[p] !== 'O' && !bioes) ? 1 : 0;
    }
  }
  return { allowed, allowedStart, allowedEnd };
}

/** BIO tags as BIOES: the last word of a name E-X, a one-word name S-X. */
export function toBioes(tags: readonly string[]): string[] {
  return tags.map((t, i) => {
    if (t === 'O') return t;
    const next = tags[i + 1];
    const ends = next !== 'I-' + t.slice(2);
    return t.startsWith('B-') ? (ends ? 'S-' : 'B-') + t.slice(2) : (ends ? 'E-' : 'I-') + t.slice(2);
  });
}

/**
 * Label ys[start .. start + length) a name of `type` in the model's scheme (`labels`):
 * B-, then I- (BIOES: S- for one word, E- for the last). Used by the rules after decoding.
 */
export function labelName(ys: Int32Array, start: number, length: number, type: string, labels: readonly string[]): void {
  const bioes = labels.includes(`E-${type}`);
  for (let k = 0; k < length; k++) {
    const tag = !bioes ? (k ? 'I' : 'B') : length === 1 ? 'S' : k === 0 ? 'B' : k === length - 1 ? 'E' : 'I';
    ys[start + k] = labels.indexOf(`${tag}-${type}`);
  }
}

/** A BIOES label as BIO (S-X → B-X, E-X → I-X); BIO labels stay. */
export function toBio(label: string): string {
  return label.startsWith('S-') ? 'B-' + label.slice(2) : label.startsWith('E-') ? 'I-' + label.slice(2) : label;
}

/** Make a tag sequence valid BIO: an I-X that does not continue an X becomes B-X. */
export function repairBio(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const prev = i > 0 ? tags[i - 1] : 'O';
    return prev === 'O' || prev.slice(2) !== t.slice(2) ? 'B-' + t.slice(2) : t;
  });
}

/** Work space for viterbi, reused from sentence to sentence (a batch decodes hundreds of thousands). */
export class ViterbiScratch {
  score = new Float64Array(0);
  back = new Int32Array(0);

  /** Room for n × L entries. */
  reserve(size: number): this {
    if (this.score.length < size) {
      const length = Math.max(size, 2 * this.score.length, 1024);
      this.score = new Float64Array(length);
      this.back = new Int32Array(length);
    }
    return this;
  }
}

/**
 * The best label sequence for n tokens.
 * emissions: n × L scores; transitions: L×L, then start (L), then end (L).
 * scratch: work space to use instead of allocating (every entry used is written first).
 */
export function viterbi(
  emissions: ArrayLike<number>,
  n: number,
  L: number,
  transitions: ArrayLike<number>,
  allowed: Uint8Array,
  allowedStart: Uint8Array,
  out: Int32Array = new Int32Array(n),
  scratch?: ViterbiScratch,
  allowedEnd?: Uint8Array,
): Int32Array {
  if (n === 0) return out;
  const score = scratch ? scratch.reserve(n * L).score : new Float64Array(n * L);
  const back = scratch ? scratch.back : new Int32Array(n * L);
  const startAt = L * L;
  const endAt = L * L + L;
  for (let y = 0; y < L; y++) score[y] = allowedStart[y] ? transitions[startAt + y] + emissions[y] : -Infinity;
  for (let i = 1; i < n; i++) {
    const row = i * L;
    const prevRow = row - L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + y]) continue;
        const s = score[prevRow + p] + transitions[p * L + y];
        if (s > best) (best = s), (arg = p);
      }
      score[row + y] = best + emissions[row + y];
      back[row + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  const lastRow = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (allowedEnd && !allowedEnd[y]) continue;
    const s = score[lastRow + y] + transitions[endAt + y];
    if (s > best) (best = s), (arg = y);
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg];
  }
  return out;
}

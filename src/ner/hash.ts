// 32-bit feature hashing. A feature is a template and a value ("previous word
// is قال"); it is stored in the model as one 32-bit number, so the model keeps
// no feature strings and the tagger builds none for pairs (they are mixed from
// the two words' numbers).

/** Murmur3's finalizer: spreads the bits of a 32-bit number. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, seeded, then finalized. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combine two hashes (order matters) under a template seed. */
export function hashPair(a: number, b: number, seed: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ fmix32(b + seed)) >>> 0);
}

// --shard K/N: run K of N takes the documents whose id hashes to K-1 modulo N.
// The hash (the first 4 bytes of SHA-1 of the UTF-8 id) is the same on every
// machine, so N runs over the same inputs split them with no overlap and no gap.
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** Parse "K/N" (1 ≤ K ≤ N); null when it is not one. */
export function parseShard(value: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return null;
  return { index, count };
}

export function shardOf(key: string, count: number): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % count;
}

export function ownsKey(shard: Shard | null): (key: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  return (key) => shardOf(key, shard.count) === shard.index - 1;
}

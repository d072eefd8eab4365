// A bounded memo for per-word caches: two generations of at most `limit`
// entries each. New entries go into the young map; when it is full, it becomes
// the old map (the previous old one is dropped) and a new young map starts. An
// entry found in the old map moves back into the young one, so the words that
// keep coming (most of any text) stay, while a long run's stream of rare words
// (names, typos, numbers) passes through without the cache, or the heap, growing
// past 2 × limit entries. Cheaper than an LRU: one Map lookup on a hit.
export class TwoGenerationCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

/**
 * A small per-process cache of computed answers, each kept for a short time. For things every
 * visitor gets the same and that change rarely (a public calendar feed): the owner clears a
 * tenant's entries when it writes, and other processes see the change within the time to live.
 */
export class ShortCache<V> {
  private entries = new Map<string, { value: V; at: number }>();
  /** Moves on with every clear: a value read before a clear is not kept after it. */
  private generation = 0;

  constructor(
    private ttlMs: number,
    private maxEntries = 500,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /**
   * The kept value, or what `load` reads, kept unless the cache was cleared while it was read (a
   * change committed meanwhile: what was read may be from before it). `fresh` reads anew whatever is kept.
   */
  async remember(key: string, load: () => Promise<V>, fresh = false): Promise<V> {
    const hit = fresh ? undefined : this.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    // A Map keeps insertion order: the first key is the oldest.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, at: Date.now() });
  }

  /** Forgets every entry whose key starts with the prefix (a tenant's, say). */
  clearPrefix(prefix: string): void {
    this.generation++;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

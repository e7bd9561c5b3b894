/**
 * A small per-process cache of computed answers, each kept for a short time. For things every
 * visitor gets the same and that change rarely (a public calendar feed): the owner clears a
 * tenant's entries when it writes, and other processes see the change within the time to live.
 */
export class ShortCache<V> {
  private entries = new Map<string, { value: V; at: number }>();

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

  set(key: string, value: V): void {
    this.entries.delete(key);
    // A Map keeps insertion order: the first key is the oldest.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, at: Date.now() });
  }

  /** Forgets every entry whose key starts with the prefix (a tenant's, say). */
  clearPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

import type { Database } from './db/index.js';

const CHANNEL = 'motesplats_changes';

/** Called with the tenant whose data changed, or null when anything may have changed (after a lost connection). */
export type ChangeListener = (tenantId: string | null) => void;

/**
 * Tells every instance on the same database that a tenant's data changed, so each clears what it
 * keeps in memory of that tenant (the tenant table, its localities and areas, its public feeds).
 * The process that wrote clears at once; the others hear of it through PostgreSQL NOTIFY within
 * milliseconds, and clear everything when their listening connection had to reconnect.
 */
export class Changes {
  private listeners = new Set<ChangeListener>();
  private stop: (() => Promise<void>) | null = null;
  /** The latest data version this process has read of each tenant (the tenants, never what a request names). */
  private versions = new Map<string, number>();

  constructor(private database: Database) {}

  /** Adds something to clear when a tenant's data changes. */
  onChange(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  /** Says that a tenant's data changed: here at once, on other instances through the database. */
  announce(tenantId: string): void {
    this.emit(tenantId);
    this.database.notify(CHANNEL, tenantId).catch(() => {
      // Other instances still see the change when their caches expire (seconds).
    });
  }

  /**
   * Hears of a write from the tenant's data version (data_versions), which a reader gets before
   * the message: a version this process has not seen clears what it keeps of the tenant before
   * the page is made, so a kept page never holds a section or a list from before the write. Says
   * whether it cleared.
   */
  observe(tenantId: string, version: number): boolean {
    const known = this.versions.get(tenantId);
    if (known !== undefined && version <= known) return false;
    this.versions.set(tenantId, version);
    this.emit(tenantId);
    return true;
  }

  /** Starts hearing other instances' changes. */
  async start(): Promise<void> {
    if (this.stop) return;
    this.stop = await this.database.listen(
      CHANNEL,
      (tenantId) => this.emit(tenantId || null),
      () => this.emit(null),
    );
  }

  async close(): Promise<void> {
    const stop = this.stop;
    this.stop = null;
    await stop?.();
  }

  private emit(tenantId: string | null): void {
    for (const l of this.listeners) l(tenantId);
  }
}

import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { tenants } from './schema.js';

export type Tenant = typeof tenants.$inferSelect;

export { tenants };

/**
 * Resolves the municipality from the request's host name. A host no tenant claims (localhost,
 * an IP address) is served by the default tenant. The hosts every tenant claims are read in one
 * statement and kept briefly (tenants are few and change rarely); what is kept is bounded by the
 * tenants, never by the Host headers visitors send.
 */
export class TenantResolver {
  private table: { byHost: Map<string, Tenant>; fallback: Tenant | null; at: number } | null = null;
  private loading: Promise<NonNullable<TenantResolver['table']>> | null = null;
  /** Moves on with every clear, so a read that started before a change is not kept after it. */
  private generation = 0;
  constructor(
    private db: Db,
    private ttlMs = 30_000,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<Tenant | null> {
    const host = normaliseHost(hostHeader);
    const table = this.table && Date.now() - this.table.at < this.ttlMs ? this.table : await this.load();
    return table.byHost.get(host) ?? table.fallback;
  }

  /** How many host names are kept: the tenants' own, whatever hosts were asked for. */
  get size(): number {
    return this.table?.byHost.size ?? 0;
  }

  clear(): void {
    this.table = null;
    this.loading = null;
    this.generation++;
  }

  private load(): Promise<NonNullable<TenantResolver['table']>> {
    // Requests that arrive while the table is read wait for the same read.
    const generation = this.generation;
    this.loading ??= this.db
      .select()
      .from(tenants)
      .orderBy(tenants.createdAt)
      .then((rows) => {
        const byHost = new Map<string, Tenant>();
        for (const t of rows) for (const h of t.hosts) if (!byHost.has(h)) byHost.set(h, t);
        const table = { byHost, fallback: rows.find((t) => t.isDefault) ?? null, at: Date.now() };
        if (generation === this.generation) {
          this.table = table;
          this.loading = null;
        }
        return table;
      });
    this.loading.catch(() => {
      this.loading = null;
    });
    return this.loading;
  }
}

/** The host name without port, lower case. */
export function normaliseHost(h: string | undefined): string {
  if (!h) return '';
  const host = h.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '');
}

/** Creates a tenant; used by seeds and tests. */
export async function createTenant(db: Db, values: typeof tenants.$inferInsert): Promise<Tenant> {
  const [row] = await db.insert(tenants).values(values).returning();
  if (!row) throw new Error('tenant not created');
  return row;
}

/** Looks a tenant up by slug. */
export async function getTenantBySlug(db: Db, slug: string): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return row ?? null;
}

/** Looks a tenant up by id. */
export async function getTenantById(db: Db, id: string): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  return row ?? null;
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { tenants } from './schema.js';

export type Tenant = typeof tenants.$inferSelect;
export { tenants };

/**
 * Resolves the municipality from the request's host name. A host no tenant claims (localhost,
 * an IP address) is served by the default tenant. Answers are cached briefly: the lookup runs on
 * every request and tenants change rarely.
 */
export class TenantResolver {
  private cache = new Map<string, { tenant: Tenant; at: number }>();
  constructor(
    private db: Db,
    private ttlMs = 30_000,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<Tenant | null> {
    const host = normaliseHost(hostHeader);
    const hit = this.cache.get(host);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.tenant;
    const rows = await this.db
      .select()
      .from(tenants)
      .where(sql`${host} = any(${tenants.hosts}) or ${tenants.isDefault}`)
      .orderBy(sql`${tenants.isDefault} asc`)
      .limit(1);
    const tenant = rows[0] ?? null;
    if (tenant) this.cache.set(host, { tenant, at: Date.now() });
    return tenant;
  }

  clear(): void {
    this.cache.clear();
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

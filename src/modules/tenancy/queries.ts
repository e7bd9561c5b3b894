import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { areas, functions, localities } from './schema.js';

export type Locality = typeof localities.$inferSelect;
export type Area = typeof areas.$inferSelect;
export type MunicipalFunction = typeof functions.$inferSelect;

/** All localities of a municipality, the town first, then by name. */
export function listLocalities(db: Db, tenantId: string): Promise<Locality[]> {
  return db.select().from(localities).where(eq(localities.tenantId, tenantId)).orderBy(asc(localities.kind), asc(localities.name));
}

/** All areas of a municipality, by name. */
export function listAreas(db: Db, tenantId: string): Promise<Area[]> {
  return db.select().from(areas).where(eq(areas.tenantId, tenantId)).orderBy(asc(areas.name));
}

/** All municipal functions (departments, companies), by kind and name. */
export function listFunctions(db: Db, tenantId: string): Promise<MunicipalFunction[]> {
  return db.select().from(functions).where(eq(functions.tenantId, tenantId)).orderBy(asc(functions.kind), asc(functions.name));
}

export interface Places {
  localities: Locality[];
  areas: Area[];
}

/**
 * Localities and areas change a few times a year but are shown on most public pages, so they are
 * kept in memory for a short while. A change clears the cache at once, on other app instances
 * through `Changes` (PostgreSQL NOTIFY), and PLACES_TTL_MS bounds it if a message is ever lost.
 */
const PLACES_TTL_MS = 15_000;
const placesCache = new Map<string, { at: number; value: Promise<Places> }>();

/** Localities and areas together (cached briefly), for the start page and other modules' pickers. */
export function listPlaces(db: Db, tenantId: string): Promise<Places> {
  const hit = placesCache.get(tenantId);
  if (hit && Date.now() - hit.at < PLACES_TTL_MS) return hit.value;
  const value = Promise.all([listLocalities(db, tenantId), listAreas(db, tenantId)]).then(([l, a]) => ({ localities: l, areas: a }));
  placesCache.set(tenantId, { at: Date.now(), value });
  value.catch(() => placesCache.delete(tenantId));
  return value;
}

/** Forgets the cached places of a tenant (after a change), or of every tenant when none is named. */
export function forgetPlaces(tenantId: string | null): void {
  if (tenantId) placesCache.delete(tenantId);
  else placesCache.clear();
}

/** SQL for other modules' statements: the name of the municipal function whose id is `id` (null if none). */
export function functionNameSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select f.name from functions f where f.id = ${id})`;
}

/** SQL for other modules' statements: the function whose id is `id` as JSON `{ id, slug, name }` (null if none). */
export function functionRefSql(id: SQL): SQL<{ id: string; slug: string; name: string } | null> {
  return sql<{
    id: string;
    slug: string;
    name: string;
  } | null>`(select json_build_object('id', f.id, 'slug', f.slug, 'name', f.name) from functions f where f.id = ${id})`;
}

/** SQL for other modules' statements: the name of the locality whose id is `id` (null if none). */
export function localityNameSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select l.name from localities l where l.id = ${id})`;
}

/** SQL for other modules' statements: the address (slug) of the locality whose id is `id` (null if none). */
export function localitySlugSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select l.slug from localities l where l.id = ${id})`;
}

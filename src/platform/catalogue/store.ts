import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { audit } from '../audit/index.js';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { isUniqueViolation, sameVersion, slugify } from '../db/sql-helpers.js';
import { fail, ok, type Result } from '../result.js';

/** A table kept as an administrator's catalogue: named rows with a slug, per tenant, edited with a version check. */
export type CatalogueTable = PgTable & { id: PgColumn; tenantId: PgColumn; slug: PgColumn; updatedAt: PgColumn };

/** The slug field of a catalogue form: empty (made from the name) or lower-case words joined by hyphens. */
export const slugField = z
  .string()
  .trim()
  .max(80)
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'platform.errors.slug')
  .optional()
  .default('');

/**
 * Saves a catalogue row (create when `existing` is absent, else update), with its audit row, in one
 * transaction. An update only applies if nobody changed the row since the form was loaded; a
 * taken slug comes back as an error on the slug field.
 */
export async function saveCatalogueRow(
  db: Db,
  actor: Actor,
  table: CatalogueTable,
  recordType: string,
  values: Record<string, unknown> & { name: string; slug: string },
  existing?: { id: string; updatedAt: Date },
): Promise<Result<{ id: string; slug: string }>> {
  const slugValue = values.slug || slugify(values.name);
  if (!slugValue) return fail('slug', 'platform.errors.slug');
  const t = table as unknown as PgTable & Record<'id' | 'tenantId' | 'slug' | 'updatedAt', PgColumn>;
  try {
    return await db.transaction(async (tx) => {
      const row = { ...values, slug: slugValue, updatedAt: new Date() };
      let saved: { id: string; slug: string } | undefined;
      if (!existing) {
        [saved] = (await tx
          .insert(t)
          .values({ ...row, tenantId: actor.tenantId } as never)
          .returning({ id: t.id, slug: t.slug })) as { id: string; slug: string }[];
      } else {
        [saved] = (await tx
          .update(t)
          .set(row as never)
          .where(and(eq(t.id, existing.id), eq(t.tenantId, actor.tenantId), sameVersion(t.updatedAt, existing.updatedAt)))
          .returning({ id: t.id, slug: t.slug })) as { id: string; slug: string }[];
        if (!saved) return fail<{ id: string; slug: string }>('_form', 'platform.errors.stale');
      }
      if (!saved) throw new Error('row not saved');
      await audit(tx, actor, `${recordType}.${existing ? 'update' : 'create'}`, { type: recordType, id: saved.id }, { name: values.name, slug: slugValue });
      return ok(saved);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail('slug', 'platform.errors.slugTaken');
    throw err;
  }
}

/** Loads one catalogue row of the tenant by id (checked by the route's parameter schema), for editing; null for a foreign id. */
export async function getCatalogueRow<T extends CatalogueTable>(db: Db, table: T, tenantId: string, id: string): Promise<T['$inferSelect'] | null> {
  const t = table as unknown as PgTable & Record<'id' | 'tenantId', PgColumn>;
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.tenantId, tenantId)))
    .limit(1);
  return (rows[0] as T['$inferSelect']) ?? null;
}

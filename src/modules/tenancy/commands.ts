import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, slugify } from '../../platform/db/sql-helpers.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { forgetPlaces } from './queries.js';
import { areas, functions, localities } from './schema.js';

const slug = z
  .string()
  .trim()
  .max(80)
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'platform.errors.slug')
  .optional()
  .default('');
const text = (max: number) => z.string().trim().max(max).optional().default('');

export const LocalityInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug,
  kind: z.enum(['town', 'service']),
  description: text(4000),
  covers: text(1000),
  population: z
    .union([z.literal(''), z.coerce.number().int().min(0).max(10_000_000)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});
export type LocalityInput = z.infer<typeof LocalityInput>;

export const AreaInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug,
  localityId: z.string().uuid('platform.errors.choice'),
  description: text(4000),
  covers: text(1000),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});
export type AreaInput = z.infer<typeof AreaInput>;

export const FunctionInput = z.object({
  name: z.string().trim().min(1).max(160),
  slug,
  kind: z.enum(['department', 'company', 'federation']),
  code: z
    .string()
    .trim()
    .max(10)
    .regex(/^[A-ZÅÄÖ0-9]*$/, 'tenancy.errors.code')
    .optional()
    .default(''),
  email: z
    .union([z.literal(''), z.string().trim().email().max(320)])
    .optional()
    .default(''),
  description: text(4000),
});
export type FunctionInput = z.infer<typeof FunctionInput>;

type Table = typeof localities | typeof areas | typeof functions;

/**
 * Saves a catalogue row (create when `id` is absent, else update), with its audit row, in one
 * transaction. An update only applies if nobody changed the row since the form was loaded.
 */
async function saveRow<T extends Table>(
  db: Db,
  actor: Actor,
  table: T,
  recordType: string,
  values: Record<string, unknown> & { name: string; slug: string },
  existing?: { id: string; updatedAt: Date },
): Promise<Result<{ id: string; slug: string }>> {
  const slugValue = values.slug || slugify(values.name);
  if (!slugValue) return fail('slug', 'platform.errors.slug');
  try {
    const result = await db.transaction(async (tx) => {
      const row = { ...values, slug: slugValue, updatedAt: new Date() };
      let saved: { id: string; slug: string } | undefined;
      if (!existing) {
        [saved] = await tx
          .insert(table)
          .values({ ...row, tenantId: actor.tenantId } as never)
          .returning({ id: table.id, slug: table.slug });
      } else {
        [saved] = await tx
          .update(table)
          .set(row as never)
          .where(and(eq(table.id, existing.id), eq(table.tenantId, actor.tenantId), sameVersion(table.updatedAt, existing.updatedAt)))
          .returning({ id: table.id, slug: table.slug });
        if (!saved) return fail<{ id: string; slug: string }>('_form', 'platform.errors.stale');
      }
      if (!saved) throw new Error('row not saved');
      await audit(tx, actor, `${recordType}.${existing ? 'update' : 'create'}`, { type: recordType, id: saved.id }, { name: values.name, slug: slugValue });
      return ok(saved);
    });
    forgetPlaces(actor.tenantId);
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) return fail('slug', 'platform.errors.slugTaken');
    throw err;
  }
}

/** Creates or updates a locality. */
export function saveLocality(db: Db, actor: Actor, input: LocalityInput, existing?: { id: string; updatedAt: Date }) {
  return saveRow(db, actor, localities, 'locality', input, existing);
}

/** Creates or updates an area; its locality must belong to the same municipality. */
export async function saveArea(db: Db, actor: Actor, input: AreaInput, existing?: { id: string; updatedAt: Date }) {
  const [loc] = await db
    .select({ id: localities.id })
    .from(localities)
    .where(and(eq(localities.id, input.localityId), eq(localities.tenantId, actor.tenantId)));
  if (!loc) return fail<{ id: string; slug: string }>('localityId', 'platform.errors.choice');
  return saveRow(db, actor, areas, 'area', input, existing);
}

/** Creates or updates a municipal function. */
export function saveFunction(db: Db, actor: Actor, input: FunctionInput, existing?: { id: string; updatedAt: Date }) {
  return saveRow(db, actor, functions, 'function', input, existing);
}

/** Loads one catalogue row of the actor's tenant by id, for editing. */
export async function getRowById<T extends Table>(db: Db, table: T, tenantId: string, id: string): Promise<T['$inferSelect'] | null> {
  if (!z.string().uuid().safeParse(id).success) return null;
  const rows = await db
    .select()
    .from(table as Table)
    .where(and(eq(table.id, id), eq(table.tenantId, tenantId)))
    .limit(1);
  return (rows[0] as T['$inferSelect']) ?? null;
}

/** Compares a stored updated_at with the version a form carried (JavaScript dates hold milliseconds). */
export function sameVersion(column: unknown, version: Date) {
  return sql`date_trunc('milliseconds', ${column}) = ${version.toISOString()}::timestamptz`;
}

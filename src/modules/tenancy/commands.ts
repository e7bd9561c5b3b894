import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
import { saveCatalogueRow, slugField } from '../../platform/catalogue/store.js';
import type { Db } from '../../platform/db/index.js';
import { optionalInt, optionalText } from '../../platform/http/fields.js';
import { fail } from '../../platform/result.js';
import { forgetPlaces } from './queries.js';
import { areas, functions, localities } from './schema.js';

export const LocalityInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: slugField,
  kind: z.enum(['town', 'service']),
  description: optionalText(4000),
  covers: optionalText(1000),
  population: optionalInt(0, 10_000_000),
});
export type LocalityInput = z.infer<typeof LocalityInput>;

export const AreaInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: slugField,
  localityId: z.string().uuid('platform.errors.choice'),
  description: optionalText(4000),
  covers: optionalText(1000),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});
export type AreaInput = z.infer<typeof AreaInput>;

export const FunctionInput = z.object({
  name: z.string().trim().min(1).max(160),
  slug: slugField,
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
  description: optionalText(4000),
});
export type FunctionInput = z.infer<typeof FunctionInput>;

/** Clears the cached places once a change has committed. */
async function saved<T>(actor: Actor, result: Promise<T>): Promise<T> {
  const r = await result;
  forgetPlaces(actor.tenantId);
  return r;
}

/** Creates or updates a locality. */
export function saveLocality(db: Db, actor: Actor, input: LocalityInput, existing?: { id: string; updatedAt: Date }) {
  return saved(actor, saveCatalogueRow(db, actor, localities, 'locality', input, existing));
}

/** Creates or updates an area; its locality must belong to the same municipality. */
export async function saveArea(db: Db, actor: Actor, input: AreaInput, existing?: { id: string; updatedAt: Date }) {
  const [loc] = await db
    .select({ id: localities.id })
    .from(localities)
    .where(and(eq(localities.id, input.localityId), eq(localities.tenantId, actor.tenantId)));
  if (!loc) return fail<{ id: string; slug: string }>('localityId', 'platform.errors.choice');
  return saved(actor, saveCatalogueRow(db, actor, areas, 'area', input, existing));
}

/** Creates or updates a municipal function. */
export function saveFunction(db: Db, actor: Actor, input: FunctionInput, existing?: { id: string; updatedAt: Date }) {
  return saved(actor, saveCatalogueRow(db, actor, functions, 'function', input, existing));
}

import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, slugify } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { checkbox, optionalId } from '../../platform/http/fields.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { getUserByEmail } from '../accounts/index.js';
import { findOrganisation } from '../organisations/index.js';
import { listPlaces } from '../tenancy/index.js';
import type { Council } from './queries.js';
import { councilMembers, councils } from './schema.js';

export const CouncilInput = z.object({
  name: z.string().trim().min(1).max(160),
  slug: z
    .string()
    .trim()
    .max(80)
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'platform.errors.slug')
    .optional()
    .default(''),
  kind: z.enum(['local_council', 'area_network', 'contact_network']),
  localityId: optionalId,
  areaId: optionalId,
  organisation: z.string().trim().max(160).optional().default(''),
  description: z.string().trim().max(5000).optional().default(''),
  howToJoin: z.string().trim().max(3000).optional().default(''),
  isPublic: checkbox,
  active: checkbox,
});
export type CouncilInput = z.infer<typeof CouncilInput>;

export const MemberInput = z
  .object({
    organisation: z.string().trim().max(160).optional().default(''),
    email: z
      .union([z.literal(''), z.string().trim().email().max(320)])
      .optional()
      .default(''),
    role: z.enum(['chair', 'secretary', 'member']),
  })
  .refine((v) => v.organisation !== '' || v.email !== '', { path: ['organisation'], message: 'councils.errors.memberWho' })
  .refine((v) => v.role === 'member' || v.email !== '', { path: ['email'], message: 'councils.errors.rolePerson' });
export type MemberInput = z.infer<typeof MemberInput>;

/** Creates or updates a council (administrators); the running association is named by its name or address. */
export async function saveCouncil(
  db: Db,
  actor: Actor,
  input: CouncilInput,
  existing?: { id: string; updatedAt: Date },
): Promise<Result<{ id: string; slug: string }>> {
  const places = await listPlaces(db, actor.tenantId);
  if (input.localityId && !places.localities.some((l) => l.id === input.localityId)) return fail('localityId', 'platform.errors.choice');
  if (input.areaId && !places.areas.some((a) => a.id === input.areaId)) return fail('areaId', 'platform.errors.choice');
  const org = input.organisation ? await findOrganisation(db, actor.tenantId, input.organisation) : null;
  if (input.organisation && !org) return fail('organisation', 'councils.errors.noOrganisation');
  const slug = input.slug || slugify(input.name);
  if (!slug) return fail('slug', 'platform.errors.slug');
  const { organisation: _name, ...values } = input;
  const row = { ...values, slug, organisationId: org?.id ?? null, updatedAt: new Date() };
  try {
    return await db.transaction(async (tx) => {
      let saved: { id: string; slug: string } | undefined;
      if (existing) {
        [saved] = await tx
          .update(councils)
          .set(row)
          .where(
            and(
              eq(councils.id, existing.id),
              eq(councils.tenantId, actor.tenantId),
              sql`date_trunc('milliseconds', ${councils.updatedAt}) = ${existing.updatedAt.toISOString()}::timestamptz`,
            ),
          )
          .returning({ id: councils.id, slug: councils.slug });
        if (!saved) return fail<{ id: string; slug: string }>('_form', 'platform.errors.stale');
      } else {
        [saved] = await tx
          .insert(councils)
          .values({ ...row, tenantId: actor.tenantId })
          .returning({ id: councils.id, slug: councils.slug });
      }
      if (!saved) throw new Error('council not saved');
      await audit(tx, actor, existing ? 'council.update' : 'council.create', { type: 'council', id: saved.id }, { name: input.name });
      return ok(saved);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail('slug', 'platform.errors.slugTaken');
    throw err;
  }
}

/** Adds an organisation or a person (with a role) to a council. */
export async function addCouncilMember(db: Db, actor: Actor, council: Council, input: MemberInput): Promise<Result<null>> {
  const org = input.organisation ? await findOrganisation(db, actor.tenantId, input.organisation) : null;
  if (input.organisation && !org) return fail('organisation', 'councils.errors.noOrganisation');
  const person = input.email ? await getUserByEmail(db, actor.tenantId, input.email) : null;
  if (input.email && !person) return fail('email', 'councils.errors.noPerson');
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(councilMembers)
        .values({ tenantId: actor.tenantId, councilId: council.id, organisationId: org?.id ?? null, userId: person?.id ?? null, role: input.role })
        .returning({ id: councilMembers.id });
      if (!row) throw new Error('member not added');
      await audit(
        tx,
        actor,
        'council.addMember',
        { type: 'council', id: council.id },
        { organisation: org?.name ?? null, person: person?.id ?? null, role: input.role },
      );
      await emit(tx, actor, 'councils.memberAdded', { councilId: council.id, userId: person?.id ?? null, organisationId: org?.id ?? null, role: input.role });
      return ok(null);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail(org ? 'organisation' : 'email', 'councils.errors.alreadyMember');
    throw err;
  }
}

/** Removes a member from a council. */
export async function removeCouncilMember(db: Db, actor: Actor, council: Council, memberId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(councilMembers)
      .where(and(eq(councilMembers.id, memberId), eq(councilMembers.councilId, council.id)))
      .returning();
    if (!gone) return false;
    await audit(
      tx,
      actor,
      'council.removeMember',
      { type: 'council', id: council.id },
      { organisationId: gone.organisationId, userId: gone.userId, role: gone.role },
    );
    await emit(tx, actor, 'councils.memberRemoved', { councilId: council.id, userId: gone.userId, organisationId: gone.organisationId });
    return true;
  });
}

/** Adds a member without an actor (demo data and tests). */
export async function seedCouncilMember(
  db: Db,
  tenantId: string,
  councilId: string,
  v: { organisationId?: string; userId?: string; role?: 'chair' | 'secretary' | 'member' },
): Promise<void> {
  await db.insert(councilMembers).values({ tenantId, councilId, organisationId: v.organisationId ?? null, userId: v.userId ?? null, role: v.role ?? 'member' });
}

import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, sameVersion, slugify } from '../../platform/db/sql-helpers.js';
import { optionalId, optionalInt, optionalText, optionalWebAddress } from '../../platform/http/fields.js';
import { hashToken, newToken } from '../../platform/http/sessions.js';
import { LocalDate } from '../../platform/http/validation.js';
import { enqueue } from '../../platform/jobs/index.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { listPlaces } from '../tenancy/index.js';
import type { Organisation } from './queries.js';
import { organisationInvitations, organisationMembers, organisations } from './schema.js';

export const ORGANISATION_KINDS = ['association', 'business', 'idea_based', 'municipal_unit', 'religious', 'school'] as const;

const optionalDay = z
  .union([z.literal(''), LocalDate])
  .optional()
  .transform((v) => v || null);

export const OrganisationInput = z.object({
  name: z.string().trim().min(1).max(160),
  kind: z.enum(ORGANISATION_KINDS),
  orgNumber: z
    .string()
    .trim()
    .max(20)
    .regex(/^(\d{6}-?\d{4})?$/, 'organisations.errors.orgNumber')
    .optional()
    .default(''),
  description: optionalText(5000),
  email: z
    .union([z.literal(''), z.string().trim().email().max(320)])
    .optional()
    .default(''),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9 +()-]*$/, 'organisations.errors.phone')
    .optional()
    .default(''),
  website: optionalWebAddress,
  localityId: optionalId,
  areaId: optionalId,
  memberCount: optionalInt(0, 1_000_000),
  membersCountedOn: optionalDay,
  annualMeetingOn: optionalDay,
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export const InviteInput = z.object({
  email: z.string().trim().min(1).max(320).email(),
  role: z.enum(['representative', 'member']),
});
export type InviteInput = z.infer<typeof InviteInput>;

async function checkPlaces(db: Db, tenantId: string, input: OrganisationInput): Promise<Result<null>> {
  if (!input.localityId && !input.areaId) return ok(null);
  const places = await listPlaces(db, tenantId);
  if (input.localityId && !places.localities.some((l) => l.id === input.localityId)) return fail('localityId', 'platform.errors.choice');
  if (input.areaId && !places.areas.some((a) => a.id === input.areaId)) return fail('areaId', 'platform.errors.choice');
  return ok(null);
}

/** Adds an organisation to the register. */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Result<Organisation>> {
  const places = await checkPlaces(db, actor.tenantId, input);
  if (!places.ok) return places;
  const slug = slugify(input.name);
  if (!slug) return fail('name', 'platform.errors.invalid');
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organisations)
        .values({ ...input, tenantId: actor.tenantId, slug })
        .returning();
      if (!org) throw new Error('organisation not created');
      await audit(tx, actor, 'organisation.create', { type: 'organisation', id: org.id }, { name: org.name });
      return ok(org);
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail('name', 'organisations.errors.nameTaken');
    throw err;
  }
}

/** Updates an organisation's profile, unless someone else changed it since the form was loaded. */
export async function updateOrganisation(db: Db, actor: Actor, org: Organisation, input: OrganisationInput, version: Date): Promise<Result<Organisation>> {
  const places = await checkPlaces(db, actor.tenantId, input);
  if (!places.ok) return places;
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(organisations)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(organisations.id, org.id), eq(organisations.tenantId, actor.tenantId), sameVersion(organisations.updatedAt, version)))
      .returning();
    if (!saved) return fail<Organisation>('_form', 'platform.errors.stale');
    await audit(tx, actor, 'organisation.update', { type: 'organisation', id: org.id }, { name: input.name });
    return ok(saved);
  });
}

const INVITATION_DAYS = 14;

/** Invites a person by e-mail; the mail with the link is sent by a job after the commit. */
export async function inviteMember(db: Db, actor: Actor, org: Organisation, input: InviteInput): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    // Invitations to one organisation are made one at a time, so a double submit cannot send two.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, org.id)).for('update');
    const [open] = await tx
      .select({ id: organisationInvitations.id })
      .from(organisationInvitations)
      .where(
        and(
          eq(organisationInvitations.organisationId, org.id),
          sql`lower(${organisationInvitations.email}) = lower(${input.email})`,
          isNull(organisationInvitations.acceptedAt),
          gt(organisationInvitations.expiresAt, sql`now()`),
        ),
      )
      .limit(1);
    if (open) return fail<null>('email', 'organisations.errors.alreadyInvited');
    const [inv] = await tx
      .insert(organisationInvitations)
      .values({
        tenantId: actor.tenantId,
        organisationId: org.id,
        email: input.email,
        role: input.role,
        // Replaced by the mail job with the hash of the token it sends; this one opens nothing.
        tokenHash: hashToken(newToken()),
        invitedBy: actor.user?.id ?? null,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      })
      .returning({ id: organisationInvitations.id });
    if (!inv) throw new Error('invitation not created');
    await audit(tx, actor, 'organisation.invite', { type: 'organisation', id: org.id }, { email: input.email, role: input.role });
    await enqueue(tx, 'organisations.sendInvitation', { invitationId: inv.id }, { tenantId: actor.tenantId });
    return ok(null);
  });
}

/** Gives an invitation a fresh token (used by the mail job) and returns it. */
export async function issueInvitationToken(db: Db, invitationId: string): Promise<string> {
  const token = newToken();
  await db
    .update(organisationInvitations)
    .set({ tokenHash: hashToken(token), updatedAt: new Date() })
    .where(eq(organisationInvitations.id, invitationId));
  return token;
}

/** Looks an open invitation up by the token from its mail. */
export async function getInvitationByToken(db: Db, tenantId: string, token: string) {
  const [row] = await db
    .select({ invitation: organisationInvitations, organisation: organisations })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(
      and(
        eq(organisationInvitations.tokenHash, hashToken(token)),
        eq(organisationInvitations.tenantId, tenantId),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Accepts an invitation for the signed-in person, whose e-mail must be the invited one. */
export async function acceptInvitation(db: Db, actor: Actor, token: string): Promise<Result<Organisation>> {
  const user = actor.user;
  if (!user) return fail('token', 'organisations.errors.invitationInvalid');
  return db.transaction(async (tx) => {
    const found = await getInvitationByToken(tx, actor.tenantId, token);
    if (!found) return fail<Organisation>('token', 'organisations.errors.invitationInvalid');
    if (found.invitation.email.toLowerCase() !== user.email.toLowerCase()) return fail<Organisation>('token', 'organisations.errors.invitationOtherEmail');
    const [claimed] = await tx
      .update(organisationInvitations)
      .set({ acceptedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(organisationInvitations.id, found.invitation.id), isNull(organisationInvitations.acceptedAt)))
      .returning({ id: organisationInvitations.id });
    if (!claimed) return fail<Organisation>('token', 'organisations.errors.invitationInvalid');
    await tx
      .insert(organisationMembers)
      .values({ tenantId: actor.tenantId, organisationId: found.organisation.id, userId: user.id, role: found.invitation.role })
      .onConflictDoUpdate({
        target: [organisationMembers.organisationId, organisationMembers.userId],
        // Accepting a representative invitation promotes a member; a member invitation never demotes.
        set: { role: sql`case when excluded.role = 'representative' then 'representative' else ${organisationMembers.role} end`, updatedAt: new Date() },
      });
    await audit(tx, actor, 'organisation.join', { type: 'organisation', id: found.organisation.id }, { role: found.invitation.role });
    return ok(found.organisation);
  });
}

/** Removes a member from an organisation. */
export async function removeMember(db: Db, actor: Actor, org: Organisation, memberId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(organisationMembers)
      .where(and(eq(organisationMembers.id, memberId), eq(organisationMembers.organisationId, org.id)))
      .returning();
    if (!gone) return false;
    await audit(tx, actor, 'organisation.removeMember', { type: 'organisation', id: org.id }, { userId: gone.userId, role: gone.role });
    return true;
  });
}

/** Adds a member directly (demo data and tests). */
export async function addMember(db: Db, tenantId: string, organisationId: string, userId: string, role: 'representative' | 'member'): Promise<void> {
  await db.insert(organisationMembers).values({ tenantId, organisationId, userId, role }).onConflictDoNothing();
}

import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../platform/db/keyset.js';
import { isFollowingSql } from '../../platform/notifications/index.js';
import { organisationPath } from './paths.js';
import { type OrganisationKind, organisationInvitations, organisationMembers, organisations } from './schema.js';

export type Organisation = typeof organisations.$inferSelect;
export type Member = typeof organisationMembers.$inferSelect;
export type Invitation = typeof organisationInvitations.$inferSelect;
export type { OrganisationKind };

export const ORG_PAGE_SIZE = 25;

const listColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  kind: organisations.kind,
  description: organisations.description,
  localityId: organisations.localityId,
  areaId: organisations.areaId,
};
export type OrganisationSummary = Pick<Organisation, keyof typeof listColumns>;

export interface OrganisationFilter {
  q?: string;
  kind?: OrganisationKind;
  localityId?: string;
  areaId?: string;
  /** Another module's subquery of organisation ids, such as a council's member organisations. */
  within?: SQL;
  after?: Cursor<string>;
  /** Also count every match (one window count in the same statement). */
  withTotal?: boolean;
}

/** The register, by name, 25 at a time (keyset on name and id), searched in Swedish and filtered. */
export async function listOrganisations(
  db: Db,
  tenantId: string,
  f: OrganisationFilter,
): Promise<{ rows: OrganisationSummary[]; next?: Cursor<string>; total?: number }> {
  const conditions = [eq(organisations.tenantId, tenantId)];
  if (f.q) conditions.push(sql`${organisations.search} @@ websearch_to_tsquery('swedish', ${f.q})`);
  if (f.kind) conditions.push(eq(organisations.kind, f.kind));
  if (f.localityId) conditions.push(eq(organisations.localityId, f.localityId));
  if (f.areaId) conditions.push(eq(organisations.areaId, f.areaId));
  // As an array, read once: each id is then looked up by key. As `in (subquery)` PostgreSQL chose
  // to walk every organisation of the municipality in name order (10 ms at scale 10, not 2).
  if (f.within) conditions.push(sql`"organisations"."id" = any(array(${f.within}))`);
  const after = afterCursor(organisations.name, organisations.id, f.after);
  if (after) conditions.push(after);
  const rows = await db
    .select({ ...listColumns, total: f.withTotal ? sql<number>`count(*) over ()`.mapWith(Number) : sql<number>`0`.mapWith(Number) })
    .from(organisations)
    .where(and(...conditions))
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORG_PAGE_SIZE + 1);
  const page = pageOf(rows, ORG_PAGE_SIZE, (last) => ({ key: last.name, id: last.id }));
  return {
    rows: page.rows.map(({ total: _t, ...r }) => r),
    next: page.next,
    total: f.withTotal ? (rows[0]?.total ?? 0) : undefined,
  };
}

/** One organisation by slug, with the actor's membership of it, in one statement. */
export async function getOrganisationBySlug(
  db: Db,
  tenantId: string,
  slug: string,
  userId?: string,
): Promise<{ org: Organisation; membership: Member | null; following: boolean } | null> {
  const [row] = await db
    .select({ org: organisations, membership: organisationMembers, following: isFollowingSql(userId ?? null, 'organisation', sql`"organisations"."id"`) })
    .from(organisations)
    .leftJoin(organisationMembers, and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.userId, userId ?? sql`null::uuid`)))
    .where(and(eq(organisations.tenantId, tenantId), eq(organisations.slug, slug)))
    .limit(1);
  return row ? { org: row.org, membership: row.membership, following: row.following } : null;
}

/** The names and addresses of organisations, of those asked for (what a person follows); the register is public. */
export async function organisationNamesForFollows(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(and(eq(organisations.tenantId, actor.tenantId), inArray(organisations.id, ids)));
  return new Map(rows.map((r) => [r.id, { name: r.name, href: organisationPath(r) }]));
}

/** An organisation's members. */
export function listMembers(db: Db, organisationId: string): Promise<Member[]> {
  return db
    .select()
    .from(organisationMembers)
    .where(eq(organisationMembers.organisationId, organisationId))
    .orderBy(asc(organisationMembers.role), asc(organisationMembers.createdAt));
}

/** Invitations not yet accepted. */
export function listOpenInvitations(db: Db, organisationId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(organisationInvitations)
    .where(
      and(
        eq(organisationInvitations.organisationId, organisationId),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(organisationInvitations.createdAt));
}

/** The organisations a person belongs to, for their profile and data export. */
export function listMembershipsOf(db: Db, tenantId: string, userId: string) {
  return db
    .select({
      id: organisationMembers.id,
      organisation: organisations.name,
      slug: organisations.slug,
      role: organisationMembers.role,
      since: organisationMembers.createdAt,
    })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId)))
    .orderBy(asc(organisations.name));
}

/** What the register holds about a person, for their export: their memberships, and the invitations they sent (to whom, for what). */
export async function organisationsPersonalData(db: Db, tenantId: string, userId: string) {
  const [memberships, invitationsSent] = await Promise.all([
    listMembershipsOf(db, tenantId, userId),
    db
      .select({
        id: organisationInvitations.id,
        organisation: organisations.name,
        email: organisationInvitations.email,
        role: organisationInvitations.role,
        sentAt: organisationInvitations.createdAt,
        acceptedAt: organisationInvitations.acceptedAt,
      })
      .from(organisationInvitations)
      .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
      .where(and(eq(organisationInvitations.tenantId, tenantId), eq(organisationInvitations.invitedBy, userId)))
      .limit(5000),
  ]);
  return { memberships, invitationsSent };
}

/** The organisations a person belongs to, by name: what they may speak for. */
export function listOrganisationsOf(db: Db, tenantId: string, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId)))
    .orderBy(asc(organisations.name))
    .limit(100);
}

/** Names and slugs of organisations by id, in one statement. */
export async function getOrganisationNames(db: Db, tenantId: string, ids: string[]): Promise<Map<string, { name: string; slug: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenantId), sql`${organisations.id} = any(${sql.param(ids)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, { name: r.name, slug: r.slug }]));
}

/** An organisation by its address (slug) or exact name, case-insensitive; for forms that name one. */
export async function findOrganisation(db: Db, tenantId: string, text: string): Promise<{ id: string; name: string; slug: string } | null> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(
      and(
        eq(organisations.tenantId, tenantId),
        or(eq(organisations.slug, text.trim().toLowerCase()), sql`lower(${organisations.name}) = lower(${text.trim()})`),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** SQL for other modules' statements: the name of the organisation whose id is `id` (null if none). */
export function organisationNameSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select o.name from organisations o where o.id = ${id})`;
}

/** SQL for other modules' statements: the organisation whose id is `id` as JSON `{ id, slug, name }` (null if none). */
export function organisationRefSql(id: SQL): SQL<{ id: string; slug: string; name: string } | null> {
  return sql<{
    id: string;
    slug: string;
    name: string;
  } | null>`(select json_build_object('id', o.id, 'slug', o.slug, 'name', o.name) from organisations o where o.id = ${id})`;
}

/** What the register knows of an organisation that grants read: its kind, number, members, annual meeting and contact. */
export interface OrganisationFacts {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  orgNumber: string;
  memberCount: number | null;
  membersCountedOn: string | null;
  annualMeetingOn: string | null;
  email: string;
  phone: string;
  localityId: string | null;
}

const factsColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  kind: organisations.kind,
  orgNumber: organisations.orgNumber,
  memberCount: organisations.memberCount,
  membersCountedOn: organisations.membersCountedOn,
  annualMeetingOn: organisations.annualMeetingOn,
  email: organisations.email,
  phone: organisations.phone,
  localityId: organisations.localityId,
};

/** The organisations a person represents (may speak and apply for), with the register's facts about each. */
export function listRepresentedOrganisations(db: Db, tenantId: string, userId: string): Promise<OrganisationFacts[]> {
  return db
    .select(factsColumns)
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'representative')))
    .orderBy(asc(organisations.name))
    .limit(100);
}

/** SQL for other modules' statements: the register's facts about the organisation whose id is `id`, as JSON (null if none). */
export function organisationFactsSql(id: SQL): SQL<OrganisationFacts | null> {
  return sql<OrganisationFacts | null>`(select json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'orgNumber', o.org_number,
    'memberCount', o.member_count, 'membersCountedOn', o.members_counted_on, 'annualMeetingOn', o.annual_meeting_on, 'email', o.email,
    'phone', o.phone, 'localityId', o.locality_id) from organisations o where o.id = ${id})`;
}

/** SQL for other modules' statements: the role (`representative`, `member`) the person has in the organisation whose id is `id`, or null. */
export function membershipRoleSql(id: SQL, userId: string | null): SQL<'representative' | 'member' | null> {
  if (!userId) return sql<null>`null::text`;
  return sql<'representative' | 'member' | null>`(select m.role from organisation_members m where m.organisation_id = ${id} and m.user_id = ${userId})`;
}

/** SQL for other modules' statements: whether the person belongs to the organisation whose id is `id`. */
export function isMemberSql(id: SQL, userId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from organisation_members m where m.organisation_id = ${id} and m.user_id = ${userId})`;
}

/** The people who represent an organisation: whom its business with the municipality is sent to. */
export async function listRepresentatives(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'representative')));
  return rows.map((r) => r.userId);
}

/** SQL for other modules' statements: the locality of the organisation whose id is `id` (null if none). */
export function organisationLocalitySql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select o.locality_id from organisations o where o.id = ${id})`;
}

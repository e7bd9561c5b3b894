import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../platform/db/keyset.js';
import { isFollowingSql } from '../../platform/notifications/index.js';
import { userNameSql } from '../accounts/index.js';
import { insideCouncilSql } from './inside.js';
import { councilPath } from './paths.js';
import { councilMembers, councils } from './schema.js';

export type Council = typeof councils.$inferSelect;
export type CouncilMember = typeof councilMembers.$inferSelect;

/** The SQL form of the view rule: public, or seen from inside (inside.ts). */
function visibleTo(actor: Actor): SQL | undefined {
  if (isAdmin(actor)) return undefined;
  // Raw fragments name the table in full: the query builder leaves columns of a one-table select unqualified.
  return or(sql`${councils.isPublic}`, insideCouncilSql(actor, sql`"councils"."id"`));
}

/** The councils and networks the actor may see, by kind and name. */
export function listCouncils(db: Db, actor: Actor): Promise<Council[]> {
  return db
    .select()
    .from(councils)
    .where(and(eq(councils.tenantId, actor.tenantId), visibleTo(actor)))
    .orderBy(asc(councils.kind), asc(councils.name));
}

/** The councils the actor runs as chair or secretary (those they may speak for, such as asking the municipality on the council's behalf). */
export function listCouncilsRunBy(db: Db, actor: Actor): Promise<{ id: string; name: string; slug: string }[]> {
  if (!actor.user) return Promise.resolve([]);
  return db
    .select({ id: councils.id, name: councils.name, slug: councils.slug })
    .from(councils)
    .where(
      and(
        eq(councils.tenantId, actor.tenantId),
        sql`exists (select 1 from council_members m where m.council_id = ${councils.id} and m.user_id = ${actor.user.id} and m.role in ('chair', 'secretary'))`,
      ),
    )
    .orderBy(asc(councils.name));
}

/** The councils and networks of a locality or an area that the actor may see. */
export function listCouncilsOfPlace(db: Db, actor: Actor, place: { kind: 'locality' | 'area'; id: string }): Promise<Council[]> {
  return db
    .select()
    .from(councils)
    .where(
      and(
        eq(councils.tenantId, actor.tenantId),
        place.kind === 'locality' ? eq(councils.localityId, place.id) : eq(councils.areaId, place.id),
        visibleTo(actor),
      ),
    )
    .orderBy(asc(councils.name));
}

/** A council by slug with the actor's own roles in it, in one statement; null if it does not exist. */
export async function getCouncilBySlug(db: Db, actor: Actor, slug: string): Promise<{ council: Council; myRoles: string[]; following: boolean } | null> {
  const [row] = await db
    .select({
      council: councils,
      myRoles: sql<
        string[]
      >`coalesce((select array_agg(m.role) from council_members m where m.council_id = "councils"."id" and m.user_id = ${actor.user?.id ?? null}::uuid), '{}')`,
      following: isFollowingSql(actor.user?.id ?? null, 'council', sql`"councils"."id"`),
    })
    .from(councils)
    .where(and(eq(councils.tenantId, actor.tenantId), eq(councils.slug, slug)))
    .limit(1);
  return row ?? null;
}

/** The names and addresses of the councils the actor may see, of those asked for (what they follow). */
export async function councilNames(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: councils.id, name: councils.name, slug: councils.slug })
    .from(councils)
    .where(and(eq(councils.tenantId, actor.tenantId), inArray(councils.id, ids), visibleTo(actor)));
  return new Map(rows.map((r) => [r.id, { name: r.name, href: councilPath(r) }]));
}

/** A council by id in the tenant (administration). */
export async function getCouncilById(db: Db, tenantId: string, id: string): Promise<Council | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(councils)
    .where(and(eq(councils.tenantId, tenantId), eq(councils.id, id)))
    .limit(1);
  return row ?? null;
}

export const MEMBER_PAGE_SIZE = 25;

/** A council's members in the order they joined, 25 at a time (keyset on joined time and id), for managing them. */
export async function listCouncilMembersPage(db: Db, councilId: string, after?: Cursor<Date>): Promise<{ rows: CouncilMember[]; next?: Cursor<Date> }> {
  const rows = await db
    .select()
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), afterCursor(councilMembers.createdAt, councilMembers.id, after)))
    .orderBy(asc(councilMembers.createdAt), asc(councilMembers.id))
    .limit(MEMBER_PAGE_SIZE + 1);
  return pageOf(rows, MEMBER_PAGE_SIZE, (last) => ({ key: last.createdAt, id: last.id }));
}

/** What another module needs to know about a council, with the acting person's roles in it. */
export interface CouncilRef {
  id: string;
  slug: string;
  name: string;
  kind: Council['kind'];
  isPublic: boolean;
  localityId: string | null;
  areaId: string | null;
  myRoles: string[];
}

/**
 * SQL for other modules' queries: the council whose id is `councilId` as a JSON `CouncilRef` (or
 * null), so a page that shows a meeting learns about its council in the same statement.
 */
export function councilRefSql(councilId: SQL, userId: string | null): SQL<CouncilRef | null> {
  return sql<CouncilRef | null>`(select json_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'kind', c.kind, 'isPublic', c.is_public,
      'localityId', c.locality_id, 'areaId', c.area_id,
      'myRoles', coalesce((select json_agg(m.role) from council_members m where m.council_id = c.id and m.user_id = ${userId}::uuid), '[]'::json))
    from councils c where c.id = ${councilId})`;
}

/** SQL for other modules' filters: whether the council whose id is `councilId` is public. */
export function councilIsPublicSql(councilId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from councils c where c.id = ${councilId} and c.is_public)`;
}

/** The people of a council who have accounts (chair, secretary, members and organisations' representatives). */
export async function listCouncilPeople(db: Db, councilId: string): Promise<{ userId: string; role: string; organisationId: string | null }[]> {
  const rows = await db
    .select({ userId: councilMembers.userId, role: councilMembers.role, organisationId: councilMembers.organisationId })
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), sql`${councilMembers.userId} is not null`))
    .orderBy(asc(councilMembers.createdAt));
  return rows.filter((r): r is { userId: string; role: CouncilMember['role']; organisationId: string | null } => r.userId !== null);
}

/** The councils an organisation is a member of or runs. */
export async function listCouncilIdsOfOrganisation(db: Db, tenantId: string, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: councils.id })
    .from(councils)
    .where(
      and(
        eq(councils.tenantId, tenantId),
        or(
          eq(councils.organisationId, organisationId),
          sql`exists (select 1 from council_members m where m.council_id = "councils"."id" and m.organisation_id = ${organisationId})`,
        ),
      ),
    );
  return rows.map((r) => r.id);
}

/** SQL for other modules' filters: the ids of the tenant's councils of a kind, or of a locality (directly or through its areas). */
export function councilIdsSql(f: { tenantId: string; kind?: Council['kind']; localityId?: string; areaIds?: string[] }): SQL {
  const conditions: SQL[] = [sql`c.tenant_id = ${f.tenantId}`];
  if (f.kind) conditions.push(sql`c.kind = ${f.kind}`);
  if (f.localityId) {
    const areaIds = f.areaIds ?? [];
    conditions.push(
      areaIds.length ? sql`(c.locality_id = ${f.localityId} or c.area_id = any(${sql.param(areaIds)}::uuid[]))` : sql`c.locality_id = ${f.localityId}`,
    );
  }
  return sql`select c.id from councils c where ${sql.join(conditions, sql` and `)}`;
}

/** SQL: the ids of a council's member organisations, for the register's own paged list. */
export function councilOrganisationIdsSql(councilId: string): SQL {
  return sql`select m.organisation_id from council_members m where m.council_id = ${councilId} and m.organisation_id is not null`;
}

/** The people of a council for its page: chair and secretary first, then members, at most `limit`, with how many there are. */
export async function listCouncilPeoplePage(
  db: Db,
  councilId: string,
  limit: number,
): Promise<{ rows: (CouncilMember & { name: string | null })[]; total: number; individuals: number }> {
  const rows = await db
    .select({
      member: councilMembers,
      name: userNameSql(sql`"council_members"."user_id"`),
      total: sql<number>`count(*) over ()`.mapWith(Number),
      individuals: sql<number>`count(*) filter (where "council_members"."role" = 'member' and "council_members"."organisation_id" is null) over ()`.mapWith(
        Number,
      ),
    })
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), sql`"council_members"."user_id" is not null`))
    .orderBy(sql`case "council_members"."role" when 'chair' then 0 when 'secretary' then 1 else 2 end`, asc(councilMembers.createdAt), asc(councilMembers.id))
    .limit(limit);
  return { rows: rows.map((r) => ({ ...r.member, name: r.name })), total: rows[0]?.total ?? 0, individuals: rows[0]?.individuals ?? 0 };
}

/** The ids of a council's member organisations (a council has hundreds at most). */
export async function listCouncilOrganisationIds(db: Db, councilId: string): Promise<string[]> {
  const rows = await db
    .select({ id: councilMembers.organisationId })
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), sql`"council_members"."organisation_id" is not null`))
    .limit(2000);
  return rows.map((r) => r.id as string);
}

/** SQL for other modules' statements: the name of the council whose id is `id` (null if none). */
export function councilNameSql(id: SQL): SQL<string | null> {
  return sql<string | null>`(select c.name from councils c where c.id = ${id})`;
}

/**
 * SQL for other modules' queries: the local council of the locality whose id is `localityId`, as a
 * JSON `CouncilRef` with the person's roles in it (null where the locality has none): the council
 * that speaks for that place, as a grant's recommendation asks.
 */
export function localCouncilSql(localityId: SQL, userId: string | null): SQL<CouncilRef | null> {
  return councilRefSql(
    sql`(select c2.id from councils c2 where c2.locality_id = ${localityId} and c2.kind = 'local_council' order by c2.created_at limit 1)`,
    userId,
  );
}

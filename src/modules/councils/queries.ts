import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { councilMembers, councils } from './schema.js';

export type Council = typeof councils.$inferSelect;
export type CouncilMember = typeof councilMembers.$inferSelect;

/** The councils the actor is appointed to as a contact person. */
export const contactCouncilIds = (actor: Actor): string[] =>
  actor.roles.filter((r) => r.role === 'contact_person' && r.scopeType === 'council').map((r) => r.scopeId);

/** The SQL form of the view rule: public, or the actor is a member, their contact person, or an administrator. */
function visibleTo(actor: Actor): SQL | undefined {
  if (isAdmin(actor)) return undefined;
  // Raw fragments name the table in full: the query builder leaves columns of a one-table select unqualified.
  const rules: SQL[] = [sql`${councils.isPublic}`];
  const contacts = contactCouncilIds(actor);
  if (contacts.length) rules.push(sql`${councils.id}::text = any(${sql.param(contacts)}::text[])`);
  if (actor.user) rules.push(sql`exists (select 1 from council_members m where m.council_id = "councils"."id" and m.user_id = ${actor.user.id})`);
  return or(...rules);
}

/** The councils and networks the actor may see, by kind and name. */
export function listCouncils(db: Db, actor: Actor): Promise<Council[]> {
  return db
    .select()
    .from(councils)
    .where(and(eq(councils.tenantId, actor.tenantId), visibleTo(actor)))
    .orderBy(asc(councils.kind), asc(councils.name));
}

/** A council by slug with the actor's own roles in it, in one statement; null if it does not exist. */
export async function getCouncilBySlug(db: Db, actor: Actor, slug: string): Promise<{ council: Council; myRoles: string[] } | null> {
  const [row] = await db
    .select({
      council: councils,
      myRoles: sql<
        string[]
      >`coalesce((select array_agg(m.role) from council_members m where m.council_id = "councils"."id" and m.user_id = ${actor.user?.id ?? null}::uuid), '{}')`,
    })
    .from(councils)
    .where(and(eq(councils.tenantId, actor.tenantId), eq(councils.slug, slug)))
    .limit(1);
  return row ?? null;
}

/** A council's members: chair and secretary first, then organisations and people. */
export function listCouncilMembers(db: Db, councilId: string): Promise<CouncilMember[]> {
  return db
    .select()
    .from(councilMembers)
    .where(eq(councilMembers.councilId, councilId))
    .orderBy(sql`case ${councilMembers.role} when 'chair' then 0 when 'secretary' then 1 else 2 end`, asc(councilMembers.createdAt));
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
export async function listCouncilMembersPage(
  db: Db,
  councilId: string,
  after?: { at: Date; id: string },
): Promise<{ rows: CouncilMember[]; next?: { at: Date; id: string } }> {
  const rows = await db
    .select()
    .from(councilMembers)
    .where(
      and(
        eq(councilMembers.councilId, councilId),
        after ? or(gt(councilMembers.createdAt, after.at), and(eq(councilMembers.createdAt, after.at), gt(councilMembers.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(councilMembers.createdAt), asc(councilMembers.id))
    .limit(MEMBER_PAGE_SIZE + 1);
  const page = rows.slice(0, MEMBER_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > MEMBER_PAGE_SIZE && last ? { at: last.createdAt, id: last.id } : undefined };
}

import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import { type Db, rowsOf } from '../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../platform/db/keyset.js';
import { escapeLike } from '../../platform/db/sql-helpers.js';
import { Uuid } from '../../platform/http/validation.js';
import type { Recipient } from '../../platform/module.js';
import { unreadCountSql } from '../../platform/notifications/index.js';
import { namedInPublicSql } from './consents.js';
import { meetsStaffLevel } from './eid/levels.js';
import { roleAssignments, users } from './schema.js';

export type User = typeof users.$inferSelect;
export type RoleAssignment = typeof roleAssignments.$inferSelect;

/** What the actor is made of: the person, their unread notifications, roles and the staff e-ID level. */
const actorColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  lang: users.lang,
  unread: unreadCountSql(sql`"users"."id"`, sql`"users"."tenant_id"`),
  roles: sql<{ role: string; scopeType: string; scopeId: string }[]>`coalesce(
        (select json_agg(json_build_object('role', r.role, 'scopeType', r.scope_type, 'scopeId', r.scope_id))
         from role_assignments r where r.user_id = "users"."id" and r.tenant_id = "users"."tenant_id"), '[]'::json)`,
  staffLevel: staffLevelSql(sql`"users"."tenant_id"`),
};

type ActorRow = {
  id: string;
  name: string;
  email: string;
  lang: 'sv' | 'en';
  unread: unknown;
  roles: { role: string; scopeType: string; scopeId: string }[];
  staffLevel: unknown;
};

function toActor(row: ActorRow, tenantId: string, session?: { method: string; acr: string | null; staffRoles: ReadonlySet<string> }): Actor {
  const user = { id: row.id, name: row.name, email: row.email, lang: row.lang, unread: Number(row.unread) };
  if (!session) return { tenantId, user, roles: row.roles };
  const via = { method: session.method, acr: session.acr };
  const level = row.staffLevel === null ? null : Number(row.staffLevel);
  if (!meetsStaffLevel(level, session.method, session.acr)) {
    const roles = row.roles.filter((r) => !session.staffRoles.has(r.role));
    return { tenantId, user, roles, via, eidNeeded: roles.length < row.roles.length };
  }
  return { tenantId, user, roles: row.roles, via };
}

/**
 * The signed-in person with their roles, in one statement; null if the account is gone or disabled.
 * Given how the session was started and which roles are staff roles, a staff role counts only when
 * the session meets the e-ID level the municipality requires for staff; otherwise the actor is told
 * `eidNeeded`, so the page can offer signing in with e-ID.
 */
export async function loadActor(
  db: Db,
  tenantId: string,
  userId: string,
  session?: { method: string; acr: string | null; staffRoles: ReadonlySet<string> },
): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.tenantId, tenantId), isNull(users.disabledAt)))
    .limit(1);
  return row ? toActor(row as ActorRow, tenantId, session) : null;
}

/**
 * The person of a live session (the platform's subquery, `liveSessionSql`) with their roles, and when
 * the session was last renewed: a signed-in request's one statement before its page's own.
 */
export async function loadSessionActor(
  db: Db,
  tenantId: string,
  liveSession: SQL,
  staffRoles: ReadonlySet<string>,
): Promise<{ actor: Actor; sessionUpdatedMs: number } | null> {
  const [row] = await db
    .select({ ...actorColumns, updatedMs: sql<number>`s.updated_ms`, method: sql<string>`s.method`, acr: sql<string | null>`s.acr` })
    .from(users)
    .innerJoin(sql`${liveSession} as s`, sql`s.user_id = ${users.id}`)
    .where(and(eq(users.tenantId, tenantId), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  return { actor: toActor(row as ActorRow, tenantId, { method: row.method, acr: row.acr, staffRoles }), sessionUpdatedMs: Number(row.updatedMs) };
}

/** A person by e-mail address (case-insensitive) in one municipality. */
export async function getUserByEmail(db: Db, tenantId: string, email: string): Promise<User | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${email})`))
    .limit(1);
  return row ?? null;
}

/** A person by id in one municipality. */
export async function getUser(db: Db, tenantId: string, id: string): Promise<User | null> {
  if (!Uuid.safeParse(id).success) return null;
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

/** Who the people are for mail (address, name, language), of those asked for; disabled accounts left out (one statement). */
export async function mailRecipients(db: Db, tenantId: string, ids: string[]): Promise<Recipient[]> {
  const wanted = ids.filter((id) => Uuid.safeParse(id).success);
  if (wanted.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, name: users.name, lang: users.lang })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, wanted), isNull(users.disabledAt)));
}

/** SQL for other modules' statements: whether the person in `userId` holds a role (municipality-wide, or in a scope). */
export function holdsRoleSql(userId: SQL, role: string, scope?: { type: string; id: SQL }): SQL<boolean> {
  return sql<boolean>`exists (select 1 from role_assignments r where r.user_id = ${userId} and r.role = ${role}
    and r.scope_type = ${scope?.type ?? 'tenant'} ${scope ? sql`and r.scope_id = ${scope.id}::text` : sql``})`;
}

/** SQL for other modules' queries: the name of the person whose id is `userId`, so a list learns who in the same statement. */
export function userNameSql(userId: SQL): SQL<string | null> {
  return sql<string | null>`(select u.name from users u where u.id = ${userId})`;
}

/** People's names by id, in one statement (for lists that show who). */
export async function getUserNames(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`${users.id} = any(${sql.param(ids)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * People's names by id with whether public records may name them (one statement): they chose so
 * (a consent in force), they hold one of `publicRoles` (officials), or `alsoPublic` says so of the
 * person in its `userId` (another module's rule: a council role, say).
 */
export async function getUserNamesForPublic(
  db: Db,
  tenantId: string,
  ids: string[],
  opts: { publicRoles: string[]; alsoPublic?: (userId: SQL) => SQL<boolean> },
): Promise<Map<string, { name: string; isPublic: boolean }>> {
  if (ids.length === 0) return new Map();
  const person = sql`"users"."id"`;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      isPublic: sql<boolean>`(${namedInPublicSql(person)} or ${holdsAnyRoleSql(person, opts.publicRoles)} or ${opts.alsoPublic?.(person) ?? sql`false`})`,
    })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`${users.id} = any(${sql.param(ids)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, { name: r.name, isPublic: !!r.isPublic }]));
}

export const USER_PAGE_SIZE = 25;

/** People in a municipality, by name, 25 at a time (keyset on name and id), optionally searched. */
export async function listUsers(db: Db, tenantId: string, opts: { q?: string; after?: Cursor<string> }): Promise<{ rows: User[]; next?: Cursor<string> }> {
  const conditions = [eq(users.tenantId, tenantId)];
  if (opts.q) {
    const like = `%${escapeLike(opts.q)}%`;
    const c = or(ilike(users.name, like), ilike(users.email, like));
    if (c) conditions.push(c);
  }
  const after = afterCursor(users.name, users.id, opts.after);
  if (after) conditions.push(after);
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.id))
    .limit(USER_PAGE_SIZE + 1);
  return pageOf(rows, USER_PAGE_SIZE, (last) => ({ key: last.name, id: last.id }));
}

/** A person's role assignments. */
export function listRoleAssignments(db: Db, tenantId: string, userId: string): Promise<RoleAssignment[]> {
  return db
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)))
    .orderBy(asc(roleAssignments.role), asc(roleAssignments.createdAt));
}

/** The people holding a role for any of the given scopes, with their names, in one statement. */
export async function listRoleHolders(
  db: Db,
  tenantId: string,
  role: string,
  scopeType: string,
  scopeIds: string[],
): Promise<{ scopeId: string; userId: string; name: string; email: string }[]> {
  if (scopeIds.length === 0) return [];
  return db
    .select({ scopeId: roleAssignments.scopeId, userId: users.id, name: users.name, email: users.email })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        eq(roleAssignments.role, role),
        eq(roleAssignments.scopeType, scopeType),
        sql`${roleAssignments.scopeId} = any(${sql.param(scopeIds)}::text[])`,
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.name));
}

/** SQL: the e-ID level the municipality in `tenantId` requires for staff roles, null when none. */
export function staffLevelSql(tenantId: SQL): SQL<number | null> {
  return sql<number | null>`(select o.staff_level from oidc_settings o where o.tenant_id = ${tenantId})`;
}

/** Whether the person holds a staff role while the municipality requires e-ID for staff (one statement). */
export async function staffNeedsEid(db: Db, tenantId: string, userId: string, staffRoles: string[]): Promise<boolean> {
  if (staffRoles.length === 0) return false;
  const result = await db.execute(sql`select exists (
      select 1 from oidc_settings o join role_assignments r on r.tenant_id = o.tenant_id
      where o.tenant_id = ${tenantId} and o.staff_level is not null and r.user_id = ${userId} and r.role = any(${sql.param(staffRoles)}::text[])
    ) as needs`);
  return !!rowsOf<{ needs: boolean }>(result)[0]?.needs;
}

/** SQL for other modules' statements: whether the person in `userId` holds any of the roles (in any scope). */
export function holdsAnyRoleSql(userId: SQL, roles: string[]): SQL<boolean> {
  if (roles.length === 0) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from role_assignments r where r.user_id = ${userId} and r.role = any(${sql.param(roles)}::text[]))`;
}

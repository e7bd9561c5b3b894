import { type SQL, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../platform/authz/index.js';
import { holdsRoleSql } from '../accounts/index.js';

/**
 * "Is this person inside this council": a member in their own name (any role), one of its
 * contact persons, or an administrator. Inside, one sees its members-only meetings and documents
 * and its members' contact details; a private network is visible only from inside. The rule has
 * two forms, side by side here and checked to agree by inside.test.ts: JavaScript for a record
 * already loaded, SQL for filtering lists.
 */

/** The councils the actor is appointed to as a contact person. */
export const contactCouncilIds = (actor: Actor): string[] =>
  actor.roles.filter((r) => r.role === 'contact_person' && r.scopeType === 'council').map((r) => r.scopeId);

/** The JavaScript form, for a council loaded with the actor's roles in it (`myRoles`, as `councilRefSql` and `getCouncilBySlug` give). */
export function isInsideCouncil(actor: Actor, council: { id: string; myRoles: readonly string[] }): boolean {
  if (isAdmin(actor)) return true;
  if (!actor.user) return false;
  return council.myRoles.length > 0 || contactCouncilIds(actor).includes(council.id);
}

/**
 * The SQL form over people, for telling many at once: whether the person in the column `userId`
 * is inside the council `councilId` (a member, its contact person, or an administrator).
 */
export function personInsideCouncilSql(userId: SQL, councilId: SQL): SQL<boolean> {
  return sql<boolean>`(exists (select 1 from council_members m where m.council_id = ${councilId} and m.user_id = ${userId})
    or ${holdsRoleSql(userId, 'contact_person', { type: 'council', id: councilId })} or ${holdsRoleSql(userId, 'admin')})`;
}

/** The SQL form, for the council whose id is `councilId` (a column or a value) in another statement. */
export function insideCouncilSql(actor: Actor, councilId: SQL): SQL<boolean> {
  if (isAdmin(actor)) return sql<boolean>`true`;
  if (!actor.user) return sql<boolean>`false`;
  const rules: SQL[] = [sql`exists (select 1 from council_members m where m.council_id = ${councilId} and m.user_id = ${actor.user.id})`];
  const contacts = contactCouncilIds(actor);
  if (contacts.length) rules.push(sql`${councilId}::text = any(${sql.param(contacts)}::text[])`);
  return sql<boolean>`(${sql.join(rules, sql` or `)})`;
}

/**
 * SQL for other modules' statements: whether the person holds a council role that is public by
 * nature (chair, secretary, or the representative of a member organisation), so public records
 * may name them.
 */
export function councilPublicRoleSql(userId: SQL, councilId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from council_members cm where cm.council_id = ${councilId} and cm.user_id = ${userId}
    and (cm.role in ('chair', 'secretary') or cm.organisation_id is not null))`;
}

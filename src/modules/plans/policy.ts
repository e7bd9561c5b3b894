import { type SQL, sql } from 'drizzle-orm';
import { type Actor, definePolicy, hasRole, isAdmin } from '../../platform/authz/index.js';
import { type CouncilRef, councilIsPublicSql, insideCouncilSql, isInsideCouncil } from '../councils/index.js';
import type { plans } from './schema.js';

type PlanRow = typeof plans.$inferSelect;

/** A plan with what its policy reads: the council it belongs to and the acting person's roles in it. */
export interface PlanAccess {
  plan: PlanRow;
  council: CouncilRef | null;
  /** The owning function's name and slug, for a project. */
  owner: { id: string; slug: string; name: string } | null;
}

const handlesFunction = (actor: Actor, functionId: string | null) => functionId !== null && hasRole(actor, 'handler', { type: 'function', id: functionId });

/**
 * Who keeps a plan: the chair and the secretary of its council (administrators too); a project's
 * plan, the handlers of the function that owns it.
 */
export function canEdit(actor: Actor, a: PlanAccess): boolean {
  if (!actor.user) return false;
  if (isAdmin(actor)) return true;
  if (a.plan.kind === 'project') return handlesFunction(actor, a.plan.functionId);
  return a.council !== null && (a.council.myRoles.includes('chair') || a.council.myRoles.includes('secretary'));
}

/** The municipality's contact persons (of any council) see every plan, drafts too, as administrators do. */
const isContactPerson = (actor: Actor) => actor.user !== null && actor.roles.some((r) => r.role === 'contact_person');

/**
 * Who reads a plan: everyone, once a version of it was adopted and its council is public; until
 * then (and for a private council) those inside the council, its keepers, the contact persons and
 * administrators.
 */
export function canView(actor: Actor, a: PlanAccess): boolean {
  if (canEdit(actor, a) || isContactPerson(actor)) return true;
  const councilOpen = a.council === null || a.council.isPublic;
  if (a.plan.adoptedVersion !== null && councilOpen) return true;
  return a.council !== null && isInsideCouncil(actor, a.council);
}

/** A function named as responsible for an action answers it (status and comment); administrators may too. */
export function canAnswer(actor: Actor, action: { functionId: string | null; responsibleKind: string }): boolean {
  if (!actor.user || action.responsibleKind !== 'function') return false;
  return isAdmin(actor) || handlesFunction(actor, action.functionId);
}

/** The functions whose answers the person gives (none for those without a handler role). */
export function answeringFunctions(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === 'handler' && r.scopeType === 'function').map((r) => r.scopeId);
}

/** Whether the person sees the municipality's overview of all plans: staff who work with councils. */
export function seesOverviewDetails(actor: Actor): boolean {
  return actor.user !== null && (isAdmin(actor) || actor.roles.some((r) => r.role === 'contact_person' || r.role === 'handler'));
}

/** The SQL form of `canView` over the `plans` table, for lists. */
export function visiblePlansSql(actor: Actor): SQL<boolean> {
  if (isAdmin(actor) || isContactPerson(actor)) return sql<boolean>`true`;
  const councilId = sql`"plans"."council_id"`;
  const rules: SQL[] = [sql`("plans"."adopted_version" is not null and ("plans"."council_id" is null or ${councilIsPublicSql(councilId)}))`];
  if (actor.user) {
    rules.push(sql`("plans"."council_id" is not null and ${insideCouncilSql(actor, councilId)})`);
    const fns = answeringFunctions(actor);
    if (fns.length) rules.push(sql`("plans"."kind" = 'project' and "plans"."function_id"::text = any(${sql.param(fns)}::text[]))`);
  }
  return sql<boolean>`(${sql.join(rules, sql` or `)})`;
}

export const planPolicy = definePolicy<PlanAccess, 'view' | 'edit'>({ view: canView, edit: canEdit }, (actor, a) => !canView(actor, a));

import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../platform/db/keyset.js';
import { isFollowingSql } from '../../platform/notifications/index.js';
import { councilNameSql, councilRefSql } from '../councils/index.js';
import { organisationNameSql } from '../organisations/index.js';
import { functionNameSql, functionRefSql } from '../tenancy/index.js';
import type { Figures } from './figures.js';
import { planPath } from './paths.js';
import { type PlanAccess, visiblePlansSql } from './policy.js';
import { type ActionStatus, planActions, planAreas, planHistory, planLinks, planReviews, plans, planUpdates, planVersions } from './schema.js';

export type Plan = typeof plans.$inferSelect;
export type PlanArea = typeof planAreas.$inferSelect;
export type PlanAction = typeof planActions.$inferSelect;
export type PlanReview = typeof planReviews.$inferSelect;
export type PlanUpdate = Omit<typeof planUpdates.$inferSelect, 'photo'> & { hasPhoto: boolean };
export type PlanLink = typeof planLinks.$inferSelect;

const STATUS_COUNTS = sql.raw(
  `json_build_object(${['idea', 'planned', 'in_progress', 'done', 'paused', 'dropped'].map((s) => `'${s}', count(*) filter (where a.status = '${s}')`).join(', ')})`,
);

const ownerSql = functionRefSql(sql`"plans"."function_id"`);
const organisationName = organisationNameSql(sql`"plan_actions"."organisation_id"`);
const functionName = functionNameSql(sql`"plan_actions"."function_id"`);
/** The plan's owner by name: its council, or the function whose project it is. */
const ownerNameSql = sql<string>`coalesce(${councilNameSql(sql`"plans"."council_id"`)}, ${functionNameSql(sql`"plans"."function_id"`)}, '')`;

/** A plan by its address, with its council (and the actor's roles in it) or owning function, and whether the actor follows it; null if none. */
export async function getPlanBySlug(db: Db, actor: Actor, slug: string): Promise<(PlanAccess & { following: boolean }) | null> {
  const userId = actor.user?.id ?? null;
  const [row] = await db
    .select({
      plan: plans,
      council: councilRefSql(sql`"plans"."council_id"`, userId),
      owner: ownerSql,
      following: isFollowingSql(userId, 'plan', sql`"plans"."id"`),
    })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), eq(plans.slug, slug)))
    .limit(1);
  return row ? { ...row, following: Boolean(row.following) } : null;
}

/** An action of the plan with how many updates and links it has, as the plan's page lists it. */
export type ListedAction = PlanAction & { updates: number; links: number; organisationName: string | null; functionName: string | null };

/** A focus area with the figures of all its actions (per status, late, total), as its chart and its table show them. */
export type AreaWithFigures = PlanArea & { figures: Figures };

/** The figures of the actions of one area, counted by the database: the one count the chart and its table both draw. */
const areaFigures = (today: string) =>
  sql<Figures>`(select json_build_object(
      'counts', ${STATUS_COUNTS},
      'late', count(*) filter (where a.target_date < ${today}::date and a.status not in ('done', 'dropped')),
      'total', count(*))
    from plan_actions a where a.plan_id = "plan_areas"."plan_id" and a.area_id = "plan_areas"."id")`;

/**
 * A plan's focus areas with their figures, and its actions in priority order with the names of
 * those responsible, in two statements: all of them, or (`perArea`) the first of each area, or
 * one area's (`areaId`). The figures always count every action.
 */
export async function loadPlanContent(
  db: Db,
  planId: string,
  opts: { today: string; perArea?: number; areaId?: string },
): Promise<{ areas: AreaWithFigures[]; actions: ListedAction[] }> {
  const limited = opts.perArea
    ? sql`"plan_actions"."id" in (select r.id from (select x.id, row_number() over (partition by x.area_id order by x.position, x.id) as n
        from plan_actions x where x.plan_id = ${planId}) r where r.n <= ${opts.perArea})`
    : undefined;
  const [areas, actions] = await Promise.all([
    db
      .select({ area: planAreas, figures: areaFigures(opts.today) })
      .from(planAreas)
      .where(eq(planAreas.planId, planId))
      .orderBy(asc(planAreas.position), asc(planAreas.id)),
    db
      .select({
        action: planActions,
        updates: sql<number>`(select count(*) from plan_updates u where u.action_id = "plan_actions"."id")`.mapWith(Number),
        links: sql<number>`(select count(*) from plan_links l where l.action_id = "plan_actions"."id")`.mapWith(Number),
        organisationName,
        functionName,
      })
      .from(planActions)
      .where(and(eq(planActions.planId, planId), opts.areaId ? eq(planActions.areaId, opts.areaId) : undefined, limited))
      .orderBy(asc(planActions.position), asc(planActions.id)),
  ]);
  return {
    areas: areas.map((r) => ({ ...r.area, figures: r.figures })),
    actions: actions.map((r) => ({ ...r.action, updates: r.updates, links: r.links, organisationName: r.organisationName, functionName: r.functionName })),
  };
}

/** One action of a plan with its updates (newest first, photos left out) and links, in two statements. */
export async function loadAction(
  db: Db,
  planId: string,
  actionId: string,
): Promise<{ action: ListedAction; area: PlanArea; updates: PlanUpdate[]; links: PlanLink[] } | null> {
  const [row] = await db
    .select({
      action: planActions,
      area: planAreas,
      organisationName,
      functionName,
      links: sql<
        PlanLink[]
      >`coalesce((select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'targetId', l.target_id) order by l.created_at) from plan_links l where l.action_id = "plan_actions"."id"), '[]'::json)`,
    })
    .from(planActions)
    .innerJoin(planAreas, eq(planAreas.id, planActions.areaId))
    .where(and(eq(planActions.planId, planId), eq(planActions.id, actionId)))
    .limit(1);
  if (!row) return null;
  const { photo: _photo, ...columns } = getTableColumns(planUpdates);
  const updates = await db
    .select({ ...columns, hasPhoto: sql<boolean>`${planUpdates.photo} is not null` })
    .from(planUpdates)
    .where(eq(planUpdates.actionId, actionId))
    .orderBy(desc(planUpdates.day), desc(planUpdates.createdAt))
    .limit(200);
  return {
    action: { ...row.action, updates: updates.length, links: row.links.length, organisationName: row.organisationName, functionName: row.functionName },
    area: row.area,
    updates,
    links: row.links,
  };
}

/** An update's photo, for its own address. */
export async function getUpdatePhoto(db: Db, planId: string, actionId: string, updateId: string): Promise<{ photo: Uint8Array; type: string } | null> {
  const [row] = await db
    .select({ photo: planUpdates.photo, type: planUpdates.photoType })
    .from(planUpdates)
    .where(and(eq(planUpdates.planId, planId), eq(planUpdates.actionId, actionId), eq(planUpdates.id, updateId)))
    .limit(1);
  return row?.photo && row.type ? { photo: row.photo, type: row.type } : null;
}

export const HISTORY_PAGE_SIZE = 50;

/** A plan's public history, newest first, a page at a time. */
export async function listHistory(db: Db, planId: string, before?: Cursor<Date>) {
  const rows = await db
    .select()
    .from(planHistory)
    .where(and(eq(planHistory.planId, planId), afterCursor(planHistory.at, planHistory.id, before, 'desc')))
    .orderBy(desc(planHistory.at), desc(planHistory.id))
    .limit(HISTORY_PAGE_SIZE + 1);
  return pageOf(rows, HISTORY_PAGE_SIZE, (last) => ({ key: last.at, id: last.id }));
}

/** A plan's yearly reviews, newest first, and its adopted versions. */
export async function listReviewsAndVersions(db: Db, planId: string) {
  const [reviews, versions] = await Promise.all([
    db.select().from(planReviews).where(eq(planReviews.planId, planId)).orderBy(desc(planReviews.year)).limit(100),
    db
      .select({ version: planVersions.version, adoptedOn: planVersions.adoptedOn, meetingId: planVersions.meetingId })
      .from(planVersions)
      .where(eq(planVersions.planId, planId))
      .orderBy(desc(planVersions.version))
      .limit(100),
  ]);
  return { reviews, versions };
}

/** One adopted version as it read. */
export async function getVersion(db: Db, planId: string, version: number) {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)))
    .limit(1);
  return row ?? null;
}

/** How many actions of a plan are in each status, how many are late, and how many have had no news for six months. */
export interface PlanFigures {
  counts: Record<ActionStatus, number>;
  late: number;
  quiet: number;
  total: number;
}

/** A plan as the overview shows it, with its figures. */
export interface OverviewRow {
  id: string;
  slug: string;
  title: string;
  kind: 'council' | 'project';
  status: 'draft' | 'adopted';
  startYear: number;
  endYear: number;
  ownerName: string;
  updatedAt: Date;
  figures: PlanFigures;
}

/**
 * Every plan the actor may see, side by side: actions per status, late ones (target passed, not
 * done or dropped) and quiet ones (open, no news for six months), in one statement.
 */
export async function listOverview(db: Db, actor: Actor, today: string, only: { councilId?: string } = {}): Promise<OverviewRow[]> {
  const rows = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      kind: plans.kind,
      status: plans.status,
      startYear: plans.startYear,
      endYear: plans.endYear,
      updatedAt: plans.updatedAt,
      ownerName: ownerNameSql,
      figures: sql<{ counts: Record<ActionStatus, number>; late: number; quiet: number; total: number }>`(select json_build_object(
          'counts', ${STATUS_COUNTS},
          'late', count(*) filter (where a.target_date < ${today}::date and a.status not in ('done', 'dropped')),
          'quiet', count(*) filter (where a.last_activity_at < now() - interval '6 months' and a.status not in ('done', 'dropped')),
          'total', count(*))
        from plan_actions a where a.plan_id = "plans"."id")`,
    })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), only.councilId ? eq(plans.councilId, only.councilId) : undefined, visiblePlansSql(actor)))
    .orderBy(asc(plans.kind), asc(plans.title))
    .limit(500);
  return rows;
}

export const FUNCTION_PAGE_SIZE = 50;

/** An action that names a municipal function, as the function's list shows it. */
export interface FunctionActionRow {
  action: PlanAction;
  plan: { slug: string; title: string; ownerName: string };
  functionName: string;
}

/**
 * The actions of every plan the actor may see that name a municipal function as responsible
 * (one function's, or all), those not yet answered first, then by target date; a page at a time.
 */
export async function listFunctionActions(
  db: Db,
  actor: Actor,
  opts: { functionId?: string; unanswered?: boolean; after?: string },
): Promise<{ rows: FunctionActionRow[]; next?: string }> {
  const order = sql`(case when "plan_actions"."answer_status" is null then 0 else 1 end), coalesce("plan_actions"."target_date", 'infinity'::date), "plan_actions"."id"`;
  const rows = await db
    .select({
      action: planActions,
      plan: sql<FunctionActionRow['plan']>`json_build_object('slug', "plans"."slug", 'title', "plans"."title", 'ownerName', ${ownerNameSql})`,
      functionName: sql<string>`${functionName}`,
    })
    .from(planActions)
    .innerJoin(plans, eq(plans.id, planActions.planId))
    .where(
      and(
        eq(planActions.tenantId, actor.tenantId),
        sql`"plan_actions"."function_id" is not null and "plan_actions"."responsible_kind" = 'function'`,
        opts.functionId ? eq(planActions.functionId, opts.functionId) : undefined,
        opts.unanswered ? sql`"plan_actions"."answer_status" is null` : undefined,
        visiblePlansSql(actor),
        opts.after
          ? sql`((case when "plan_actions"."answer_status" is null then 0 else 1 end), coalesce("plan_actions"."target_date", 'infinity'::date), "plan_actions"."id") >
              (select (case when a.answer_status is null then 0 else 1 end), coalesce(a.target_date, 'infinity'::date), a.id from plan_actions a where a.id = ${opts.after})`
          : undefined,
      ),
    )
    .orderBy(order)
    .limit(FUNCTION_PAGE_SIZE + 1);
  return pageOf(rows, FUNCTION_PAGE_SIZE, (last) => last.action.id);
}

/** The plans' actions that link to one of the records (a question, an action item), for events elsewhere. */
export async function actionsLinkedTo(db: Db, tenantId: string, kind: PlanLink['kind'], targetId: string) {
  return db
    .select({ actionId: planLinks.actionId, planId: planLinks.planId })
    .from(planLinks)
    .where(and(eq(planLinks.tenantId, tenantId), eq(planLinks.kind, kind), eq(planLinks.targetId, targetId)));
}

/** Names and addresses of the plans asked for that the actor may see, for the list of what they follow. */
export async function planNames(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: plans.id, slug: plans.slug, title: plans.title })
    .from(plans)
    .where(and(eq(plans.tenantId, actor.tenantId), inArray(plans.id, ids), visiblePlansSql(actor)));
  return new Map(rows.map((r) => [r.id, { name: r.title, href: planPath(r) }]));
}

/** What a person's data export holds of the plans: the updates and reviews they wrote. */
export async function plansPersonalData(db: Db, tenantId: string, userId: string) {
  const [updates, reviews] = await Promise.all([
    db
      .select({ id: planUpdates.id, day: planUpdates.day, body: planUpdates.body, percent: planUpdates.percent, photoAlt: planUpdates.photoAlt })
      .from(planUpdates)
      .where(and(eq(planUpdates.tenantId, tenantId), eq(planUpdates.authorId, userId))),
    db
      .select({ id: planReviews.id, year: planReviews.year, reviewedOn: planReviews.reviewedOn, body: planReviews.body })
      .from(planReviews)
      .where(and(eq(planReviews.tenantId, tenantId), eq(planReviews.authorId, userId))),
  ]);
  return { updates, reviews };
}

/** The SQL condition of the plans the actor may see, for other statements. */
export const visiblePlans = (actor: Actor): SQL => visiblePlansSql(actor);

/** What a council's plan shows of its upkeep, for the evidence of the council's yearly report. */
export interface PlanEvidence {
  slug: string;
  title: string;
  status: 'draft' | 'adopted';
  /** When the plan itself last changed (its text, areas, actions, an update or an answer). */
  updatedAt: Date;
  /** The latest dated update of any of its actions (up to the day asked for). */
  lastUpdateDay: string | null;
  /** The years its yearly reviews cover. */
  reviewYears: number[];
}

/** The plan of a council with its upkeep (its updates up to `until`, a date, when given), in one statement; null when it has none. */
export async function planEvidence(db: Db, tenantId: string, councilId: string, until?: string): Promise<PlanEvidence | null> {
  const [row] = await db
    .select({
      slug: plans.slug,
      title: plans.title,
      status: plans.status,
      updatedAt: plans.updatedAt,
      lastUpdateDay: sql<
        string | null
      >`(select max(u.day)::text from plan_updates u where u.plan_id = "plans"."id" ${until ? sql`and u.day <= ${until}::date` : sql``})`,
      reviewYears: sql<number[]>`coalesce((select json_agg(r.year order by r.year) from plan_reviews r where r.plan_id = "plans"."id"), '[]'::json)`,
    })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.councilId, councilId)))
    .limit(1);
  return row ?? null;
}

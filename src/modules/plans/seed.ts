import { and, eq, max } from 'drizzle-orm';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { seededRandom } from '../../platform/random.js';
import { grantChoices } from '../grants/index.js';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type AnswerStatus,
  type PlanSnapshot,
  planActions,
  planAreas,
  planHistory,
  planLinks,
  planReviews,
  plans,
  planUpdates,
  planVersions,
} from './schema.js';

/** An action as a data set writes it: who answers for it by name, and its history of updates by date. */
export interface SeedAction {
  title: string;
  description?: string;
  /** A member organisation responsible, by name. */
  organisation?: string;
  /** A municipal function responsible, by name. */
  function?: string;
  cost?: number;
  funding?: string;
  target?: string;
  status: ActionStatus;
  percent?: number;
  answer?: { status: AnswerStatus; text: string; on: string };
  updates?: { day: string; body: string; percent?: number }[];
  /** Grants awarded that fund the action, by their titles. */
  grants?: string[];
}

/** A plan as a data set writes it: a council's (by its key) or a function's project (by its name). */
export interface SeedPlan {
  council?: string;
  function?: string;
  slug: string;
  title: string;
  startYear: number;
  endYear: number;
  vision: string;
  /** The version in force and when it was adopted; none for a draft never adopted. */
  adopted?: { on: string; version?: number };
  /** Adopted, and its next version is being drawn up. */
  revising?: boolean;
  areas: { title: string; description?: string; actions: SeedAction[] }[];
  reviews?: { year: number; on: string; body: string }[];
}

/** Plans' part of a data set. */
export interface PlansSeedData {
  plans: SeedPlan[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    plans: PlansSeedData;
  }
}

/** Inserts actions a few hundred at a time, answering their ids in order. */
async function insertActions(db: Db, rows: (typeof planActions.$inferInsert)[]): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    if (rows.length === 0) break;
    out.push(
      ...(await db
        .insert(planActions)
        .values(rows.slice(i, i + 500))
        .returning({ id: planActions.id })),
    );
  }
  return out;
}

type Resolved = Omit<SeedAction, 'organisation' | 'function'> & { organisationId?: string; functionId?: string };

/**
 * Writes a whole plan with its history in one transaction, as the demo data and the scale data
 * need it (updates dated years back, adopted versions kept as they read): the same rows the
 * commands write, without a command per row.
 */
export async function writePlan(
  db: Db,
  tenantId: string,
  p: Omit<SeedPlan, 'council' | 'function' | 'areas'> & {
    councilId?: string;
    functionId?: string;
    areas: { title: string; description?: string; actions: Resolved[] }[];
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const adoptedVersion = p.adopted ? (p.adopted.version ?? 1) : null;
    const version = adoptedVersion !== null && p.revising ? adoptedVersion + 1 : (adoptedVersion ?? 1);
    const [plan] = await tx
      .insert(plans)
      .values({
        tenantId,
        slug: p.slug,
        title: p.title,
        kind: p.councilId ? 'council' : 'project',
        councilId: p.councilId ?? null,
        functionId: p.functionId ?? null,
        startYear: p.startYear,
        endYear: p.endYear,
        vision: p.vision,
        status: adoptedVersion !== null && !p.revising ? 'adopted' : 'draft',
        version,
        adoptedVersion,
        adoptedOn: p.adopted?.on ?? null,
      })
      .returning({ id: plans.id });
    if (!plan) throw new Error('plan not written');
    const history: (typeof planHistory.$inferInsert)[] = [];
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    history.push({ tenantId, planId: plan.id, messageKey: 'plans.history.created', vars: { title: p.title }, at: at(`${p.startYear - 1}-11-01`) });
    const snapshot: PlanSnapshot = { title: p.title, startYear: p.startYear, endYear: p.endYear, vision: p.vision, areas: [] };
    for (const [ai, area] of p.areas.entries()) {
      const [a] = await tx
        .insert(planAreas)
        .values({ tenantId, planId: plan.id, title: area.title, description: area.description ?? '', position: ai + 1 })
        .returning({ id: planAreas.id });
      if (!a) throw new Error('area not written');
      snapshot.areas.push({ title: area.title, description: area.description ?? '', actions: [] });
      const rows = await insertActions(
        tx,
        area.actions.map((x, i) => {
          const days = (x.updates ?? []).map((u) => u.day).sort();
          const last = days[days.length - 1] ?? x.answer?.on;
          return {
            tenantId,
            planId: plan.id,
            areaId: a.id,
            position: i + 1,
            title: x.title,
            description: x.description ?? '',
            responsibleKind: x.functionId ? ('function' as const) : x.organisationId ? ('organisation' as const) : ('council' as const),
            organisationId: x.organisationId ?? null,
            functionId: x.functionId ?? null,
            costEstimate: x.cost ?? null,
            fundingSource: x.funding ?? '',
            targetDate: x.target ?? null,
            status: x.status,
            percent: x.percent ?? (x.status === 'done' ? 100 : 0),
            answerStatus: x.answer?.status ?? null,
            answer: x.answer?.text ?? '',
            answeredAt: x.answer ? at(x.answer.on) : null,
            lastActivityAt: last ? at(last) : at(`${p.startYear}-01-15`),
          };
        }),
      );
      const updates: (typeof planUpdates.$inferInsert)[] = [];
      for (const [i, x] of area.actions.entries()) {
        const id = rows[i]?.id as string;
        snapshot.areas[ai]?.actions.push({
          title: x.title,
          description: x.description ?? '',
          status: 'planned',
          targetDate: x.target ?? null,
          costEstimate: x.cost ?? null,
        });
        for (const u of x.updates ?? []) {
          updates.push({ tenantId, planId: plan.id, actionId: id, day: u.day, body: u.body, percent: u.percent ?? null, createdAt: at(u.day) });
          history.push({ tenantId, planId: plan.id, actionId: id, messageKey: 'plans.history.update', vars: { action: x.title, day: u.day }, at: at(u.day) });
        }
        if (x.answer) {
          history.push({
            tenantId,
            planId: plan.id,
            actionId: id,
            messageKey: 'plans.history.answered',
            vars: { action: x.title, answer: x.answer.status },
            at: at(x.answer.on),
          });
        }
      }
      await insertInBatches(tx, planUpdates, updates);
    }
    if (p.adopted && adoptedVersion !== null) {
      await tx.insert(planVersions).values({ tenantId, planId: plan.id, version: adoptedVersion, adoptedOn: p.adopted.on, snapshot });
      history.push({
        tenantId,
        planId: plan.id,
        messageKey: 'plans.history.adopted',
        vars: { version: String(adoptedVersion), day: p.adopted.on },
        at: at(p.adopted.on),
      });
      if (p.revising) history.push({ tenantId, planId: plan.id, messageKey: 'plans.history.revising', vars: { version: String(version) }, at: new Date() });
    }
    for (const r of p.reviews ?? []) {
      await tx.insert(planReviews).values({ tenantId, planId: plan.id, year: r.year, reviewedOn: r.on, body: r.body });
      history.push({ tenantId, planId: plan.id, messageKey: 'plans.history.reviewed', vars: { year: String(r.year) }, at: at(r.on) });
    }
    await insertInBatches(tx, planHistory, history);
    return plan.id;
  });
}

/** Writes each plan of the data set, naming its owner and those responsible by name. */
async function seedPlans({ db, tenantId, refs }: SeedContext, data: PlansSeedData): Promise<void> {
  for (const p of data.plans) {
    const id = await writePlan(db, tenantId, {
      ...p,
      councilId: p.council ? refs.get('council', p.council) : undefined,
      functionId: p.function ? refs.get('function', p.function) : undefined,
      areas: p.areas.map((a) => ({
        ...a,
        actions: a.actions.map(({ organisation, function: fn, grants: _grants, ...x }) => ({
          ...x,
          organisationId: organisation ? refs.get('organisation', organisation) : undefined,
          functionId: fn ? refs.get('function', fn) : undefined,
        })),
      })),
    });
    refs.set('plan', p.slug, id);
    // The grants that fund its actions, linked as an editor links them.
    const funded = p.areas.flatMap((a) => a.actions).filter((x) => x.grants?.length);
    if (funded.length) {
      const awarded = await grantChoices(db, tenantId, null, 500);
      for (const x of funded) {
        const [action] = await db
          .select({ id: planActions.id })
          .from(planActions)
          .where(and(eq(planActions.planId, id), eq(planActions.title, x.title)));
        for (const title of x.grants ?? []) {
          const grant = awarded.find((g) => g.name.startsWith(`${title} (`));
          if (!action || !grant) throw new Error(`no grant ${title} for ${x.title}`);
          await db.insert(planLinks).values({ tenantId, planId: id, actionId: action.id, kind: 'grant', targetId: grant.id });
        }
      }
    }
  }
}

const WORDS = ['Belysning', 'Gångväg', 'Mötesplats', 'Lekplats', 'Badplats', 'Cykelväg', 'Busshållplats', 'Bostäder', 'Företagsträff', 'Naturstig'];

/**
 * Grows the focus council's plan by `n` actions (writing the plan first if the council has none),
 * each with a few years of updates: the page-budget test and the scale data read a plan as long as
 * a real one gets.
 */
async function growPlans({ db, tenantId, refs, focus }: SeedContext, n: number, offset: number): Promise<void> {
  if (!focus?.council || n <= 0) return;
  const councilId = refs.get('council', 'focus');
  const [existing] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), eq(plans.councilId, councilId)));
  const planId =
    existing?.id ??
    (await writePlan(db, tenantId, {
      councilId,
      slug: `plan-${focus.council}`,
      title: `Lokal utvecklingsplan ${focus.council}`,
      startYear: 2020,
      endYear: 2030,
      vision: 'En levande ort.',
      adopted: { on: '2020-03-01' },
      areas: [{ title: 'Mötesplatser', actions: [] }],
    }));
  await growPlan(db, tenantId, planId, n, offset);
}

/**
 * Adds `n` actions to a plan, spread over its focus areas, in every status, each with three years
 * of dated updates (numbered from `offset`, so it can be called again): the budget test's growth
 * and the scale data's long plans.
 */
export async function growPlan(db: Db, tenantId: string, planId: string, n: number, offset: number): Promise<void> {
  const areas = await db.select({ id: planAreas.id }).from(planAreas).where(eq(planAreas.planId, planId)).orderBy(planAreas.position);
  const [last] = await db
    .select({ n: max(planActions.position) })
    .from(planActions)
    .where(eq(planActions.planId, planId));
  if (areas.length === 0 || n <= 0) return;
  const random = seededRandom(offset + 17);
  const year = new Date().getFullYear();
  const actions = await insertActions(
    db,
    Array.from({ length: n }, (_, k) => ({
      tenantId,
      planId,
      areaId: areas[k % areas.length]?.id as string,
      position: (last?.n ?? 0) + k + 1,
      title: `${WORDS[(offset + k) % WORDS.length]} ${offset + k}`,
      status: random.pick(ACTION_STATUSES),
      targetDate: `${year - 3 + random.int(8)}-06-30`,
      costEstimate: random.int(500) * 1000,
      lastActivityAt: new Date(Date.UTC(year - random.int(3), random.int(12), 15)),
    })),
  );
  await insertInBatches(
    db,
    planUpdates,
    actions.flatMap((a, k) =>
      [3, 2, 1].map((ago) => ({
        tenantId,
        planId,
        actionId: a.id,
        day: `${year - ago}-0${1 + ((k + ago) % 9)}-15`,
        body: 'Arbetet går vidare.',
        percent: (4 - ago) * 20,
      })),
    ),
  );
}

export const plansSeed: ModuleSeed = {
  after: ['councils', 'organisations', 'tenancy', 'grants'],
  run: (ctx, data) => seedPlans(ctx, data as PlansSeedData),
  grow: growPlans,
};

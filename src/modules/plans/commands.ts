import { and, asc, eq, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, sameVersion, slugify } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { optionalId, optionalInt, optionalKronor, optionalText } from '../../platform/http/fields.js';
import { LocalDate } from '../../platform/http/validation.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { once } from '../../platform/submissions/index.js';
import type { PlanAccess } from './policy.js';
import {
  ACTION_STATUSES,
  ANSWER_STATUSES,
  type LinkKind,
  type PlanSnapshot,
  planActions,
  planAreas,
  planHistory,
  planLinks,
  planReviews,
  plans,
  planUpdates,
  planVersions,
  RESPONSIBLE_KINDS,
} from './schema.js';

const Year = z.coerce.number().int('platform.errors.invalid').min(1990).max(2100);
const optionalDate = z
  .union([z.literal(''), z.iso.date('platform.errors.date')])
  .optional()
  .transform((v) => (v ? v : null));

export const PlanInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    startYear: Year,
    endYear: Year,
    vision: optionalText(4000),
  })
  .refine((p) => p.endYear >= p.startYear, { path: ['endYear'], message: 'plans.errors.period' });
export type PlanInput = z.infer<typeof PlanInput>;

export const NewPlanInput = z.intersection(
  PlanInput,
  z.object({ councilId: optionalId, functionId: optionalId }).refine((p) => (p.councilId === null) !== (p.functionId === null), {
    path: ['councilId'],
    message: 'plans.errors.owner',
  }),
);
export type NewPlanInput = z.infer<typeof NewPlanInput>;

export const AreaInput = z.object({ title: z.string().trim().min(1).max(200), description: optionalText(2000) });
export type AreaInput = z.infer<typeof AreaInput>;

export const ActionInput = z
  .object({
    areaId: z.string().uuid('platform.errors.choice'),
    title: z.string().trim().min(1).max(200),
    description: optionalText(4000),
    responsibleKind: z.enum(RESPONSIBLE_KINDS),
    organisationId: optionalId,
    functionId: optionalId,
    costEstimate: optionalKronor,
    fundingSource: optionalText(200),
    targetDate: optionalDate,
    status: z.enum(ACTION_STATUSES),
  })
  .superRefine((a, ctx) => {
    if (a.responsibleKind === 'organisation' && !a.organisationId)
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'plans.errors.organisation' });
    if (a.responsibleKind === 'function' && !a.functionId) ctx.addIssue({ code: 'custom', path: ['functionId'], message: 'plans.errors.function' });
  });
export type ActionInput = z.infer<typeof ActionInput>;

export const UpdateInput = z.object({
  day: LocalDate,
  body: z.string().trim().min(1).max(4000),
  percent: optionalInt(0, 100),
  photoAlt: optionalText(300),
});
export type UpdateInput = z.infer<typeof UpdateInput>;

export const AnswerInput = z.object({
  answerStatus: z.enum(ANSWER_STATUSES),
  answer: z.string().trim().min(1).max(4000),
  status: z.enum(ACTION_STATUSES),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

export const ReviewInput = z.object({
  year: Year,
  reviewedOn: LocalDate,
  body: z.string().trim().min(1).max(20_000),
  meetingId: optionalId,
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const AdoptInput = z.object({
  adoptedOn: LocalDate,
  meetingId: optionalId,
});
export type AdoptInput = z.infer<typeof AdoptInput>;

export const LinkInput = z.object({ target: z.string().regex(/^(meeting|question|action_item|grant):[0-9a-f-]{36}$/i, 'platform.errors.choice') });

/** A photo on an update: the bytes and their type, known from the contents. */
export interface Photo {
  data: Uint8Array;
  type: string;
}

/** A line in the plan's public history. */
async function record(tx: Db, actor: Actor, planId: string, actionId: string | null, key: string, vars: Record<string, string>): Promise<void> {
  await tx.insert(planHistory).values({ tenantId: actor.tenantId, planId, actionId, messageKey: key, vars });
}

/**
 * Takes the plan for a change of its shape: only at the revision the form was shown at (`null`
 * skips the check, for changes that move nothing). Answers whether it was still that revision;
 * the row stays locked until the transaction ends, so concurrent movers queue behind each other.
 */
async function takeRevision(tx: Db, planId: string, revision: number | null): Promise<boolean> {
  const rows = await tx
    .update(plans)
    .set({ revision: sql`${plans.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(plans.id, planId), revision === null ? undefined : eq(plans.revision, revision)))
    .returning({ id: plans.id });
  return rows.length > 0;
}

/** Marks the plan changed (its date is the "plan updated" evidence of the council's yearly report). */
async function touch(tx: Db, planId: string): Promise<void> {
  await tx.update(plans).set({ updatedAt: new Date() }).where(eq(plans.id, planId));
}

/** Addresses under /planer that are pages of their own. */
const RESERVED_SLUGS = new Set(['ny', 'kommunen']);

/** Starts a plan for a council (one each) or a project of a function, as a draft. */
export async function createPlan(db: Db, actor: Actor, input: NewPlanInput, submissionKey: string | null): Promise<Result<{ slug: string }>> {
  try {
    return await db.transaction(async (tx) => {
      const { result } = await once(tx, actor, submissionKey, async () => {
        // The plans' own fixed addresses (/planer/ny, /planer/kommunen) are never a plan's.
        const slugged = slugify(input.title) || 'plan';
        const base = RESERVED_SLUGS.has(slugged) ? `${slugged}-plan` : slugged;
        const taken = await tx
          .select({ slug: plans.slug })
          .from(plans)
          .where(and(eq(plans.tenantId, actor.tenantId), sql`(${plans.slug} = ${base} or ${plans.slug} like ${`${base}-%`})`));
        const used = new Set(taken.map((r) => r.slug));
        let slug = base;
        for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
        const [row] = await tx
          .insert(plans)
          .values({
            tenantId: actor.tenantId,
            slug,
            title: input.title,
            kind: input.councilId ? 'council' : 'project',
            councilId: input.councilId,
            functionId: input.functionId,
            startYear: input.startYear,
            endYear: input.endYear,
            vision: input.vision,
          })
          .returning({ id: plans.id, slug: plans.slug });
        if (!row) throw new Error('plan not written');
        await record(tx, actor, row.id, null, 'plans.history.created', { title: input.title });
        await audit(tx, actor, 'plan.create', { type: 'plan', id: row.id }, { title: input.title });
        return row.slug;
      });
      return ok({ slug: result });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'plans_one_per_council')) return fail('councilId', 'plans.errors.councilHasPlan');
    throw err;
  }
}

/** Changes a plan's title, period and vision, at the version the form was loaded at. */
export async function savePlan(db: Db, actor: Actor, a: PlanAccess, input: PlanInput, version: Date): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(plans)
      .set({ title: input.title, startYear: input.startYear, endYear: input.endYear, vision: input.vision, updatedAt: new Date() })
      .where(and(eq(plans.id, a.plan.id), sameVersion(plans.updatedAt, version)))
      .returning({ id: plans.id });
    if (!rows.length) return fail('_form', 'platform.errors.stale');
    await record(tx, actor, a.plan.id, null, 'plans.history.planEdited', { title: input.title });
    await audit(tx, actor, 'plan.edit', { type: 'plan', id: a.plan.id });
    return ok(null);
  });
}

/** Adds a focus area last. */
export async function addArea(db: Db, actor: Actor, a: PlanAccess, input: AreaInput): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    await takeRevision(tx, a.plan.id, null);
    const [last] = await tx
      .select({ n: max(planAreas.position) })
      .from(planAreas)
      .where(eq(planAreas.planId, a.plan.id));
    const [row] = await tx
      .insert(planAreas)
      .values({ tenantId: actor.tenantId, planId: a.plan.id, title: input.title, description: input.description, position: (last?.n ?? 0) + 1 })
      .returning({ id: planAreas.id });
    if (!row) throw new Error('area not written');
    await record(tx, actor, a.plan.id, null, 'plans.history.areaAdded', { area: input.title });
    await audit(tx, actor, 'plan.area.add', { type: 'plan', id: a.plan.id }, { area: row.id });
    return ok(row);
  });
}

/** Renames a focus area or changes its description. */
export async function saveArea(db: Db, actor: Actor, a: PlanAccess, areaId: string, input: AreaInput, version: Date): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(planAreas)
      .set({ title: input.title, description: input.description, updatedAt: new Date() })
      .where(and(eq(planAreas.id, areaId), eq(planAreas.planId, a.plan.id), sameVersion(planAreas.updatedAt, version)))
      .returning({ id: planAreas.id });
    if (!rows.length) return fail('_form', 'platform.errors.stale');
    await touch(tx, a.plan.id);
    await record(tx, actor, a.plan.id, null, 'plans.history.areaEdited', { area: input.title });
    await audit(tx, actor, 'plan.area.edit', { type: 'plan', id: a.plan.id }, { area: areaId });
    return ok(null);
  });
}

/** Whether the area is one of the plan's. */
async function areaOfPlan(tx: Db, planId: string, areaId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: planAreas.id })
    .from(planAreas)
    .where(and(eq(planAreas.id, areaId), eq(planAreas.planId, planId)));
  return rows.length > 0;
}

const actionValues = (input: ActionInput) => ({
  areaId: input.areaId,
  title: input.title,
  description: input.description,
  responsibleKind: input.responsibleKind,
  organisationId: input.responsibleKind === 'organisation' ? input.organisationId : null,
  functionId: input.responsibleKind === 'function' ? input.functionId : null,
  costEstimate: input.costEstimate,
  fundingSource: input.fundingSource,
  targetDate: input.targetDate,
  status: input.status,
});

/** Adds an action last in its focus area (the lowest priority), once per form. */
export async function addAction(db: Db, actor: Actor, a: PlanAccess, input: ActionInput, submissionKey: string | null): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    if (!(await areaOfPlan(tx, a.plan.id, input.areaId))) return fail('areaId', 'platform.errors.choice');
    const { result } = await once(tx, actor, submissionKey, async () => {
      await takeRevision(tx, a.plan.id, null);
      const [last] = await tx
        .select({ n: max(planActions.position) })
        .from(planActions)
        .where(eq(planActions.areaId, input.areaId));
      const [row] = await tx
        .insert(planActions)
        .values({ tenantId: actor.tenantId, planId: a.plan.id, position: (last?.n ?? 0) + 1, ...actionValues(input) })
        .returning({ id: planActions.id });
      if (!row) throw new Error('action not written');
      await record(tx, actor, a.plan.id, row.id, 'plans.history.actionAdded', { action: input.title });
      await audit(tx, actor, 'plan.action.add', { type: 'plan', id: a.plan.id }, { action: row.id });
      return row.id;
    });
    return ok({ id: result });
  });
}

/** Changes an action, at the version its form was loaded at; moved to another area it comes last there. */
export async function saveAction(db: Db, actor: Actor, a: PlanAccess, actionId: string, input: ActionInput, version: Date): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    if (!(await areaOfPlan(tx, a.plan.id, input.areaId))) return fail('areaId', 'platform.errors.choice');
    const [before] = await tx
      .select({ status: planActions.status, areaId: planActions.areaId })
      .from(planActions)
      .where(and(eq(planActions.id, actionId), eq(planActions.planId, a.plan.id)))
      .for('update');
    if (!before) return fail('_form', 'platform.errors.stale');
    let position: number | undefined;
    if (before.areaId !== input.areaId) {
      await takeRevision(tx, a.plan.id, null);
      const [last] = await tx
        .select({ n: max(planActions.position) })
        .from(planActions)
        .where(eq(planActions.areaId, input.areaId));
      position = (last?.n ?? 0) + 1;
    }
    const rows = await tx
      .update(planActions)
      .set({ ...actionValues(input), ...(position ? { position } : {}), updatedAt: new Date(), lastActivityAt: new Date() })
      .where(and(eq(planActions.id, actionId), sameVersion(planActions.updatedAt, version)))
      .returning({ id: planActions.id });
    if (!rows.length) return fail('_form', 'platform.errors.stale');
    await touch(tx, a.plan.id);
    if (before.status !== input.status) {
      await record(tx, actor, a.plan.id, actionId, 'plans.history.status', { action: input.title, from: before.status, to: input.status });
    } else {
      await record(tx, actor, a.plan.id, actionId, 'plans.history.actionEdited', { action: input.title });
    }
    await audit(tx, actor, 'plan.action.edit', { type: 'plan', id: a.plan.id }, { action: actionId });
    return ok(null);
  });
}

/**
 * Moves the action at a place (0 first) of a focus area one place up (a higher priority) or down,
 * swapping it with its neighbour. The place is the one the form showed: refused as stale when the
 * plan's shape changed since (someone else moved, added or took away an action), so the person is
 * shown the order as it is now instead of moving something else.
 */
export async function moveAction(
  db: Db,
  actor: Actor,
  a: PlanAccess,
  move: { areaId: string; index: number; direction: 'up' | 'down' },
  revision: number,
): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    if (!(await takeRevision(tx, a.plan.id, revision))) return fail('_form', 'plans.errors.reordered');
    const actions = await tx
      .select({ id: planActions.id, position: planActions.position, title: planActions.title })
      .from(planActions)
      .where(and(eq(planActions.planId, a.plan.id), eq(planActions.areaId, move.areaId)))
      .orderBy(asc(planActions.position), asc(planActions.id));
    const me = actions[move.index];
    const other = actions[move.direction === 'up' ? move.index - 1 : move.index + 1];
    if (!me) return fail('_form', 'plans.errors.reordered');
    // Already first (or last): nothing to move, and nothing lost.
    if (!other) return ok(null);
    // Positions are made distinct as they are swapped, so two actions never share a place.
    const [lo, hi] = move.direction === 'up' ? [other.position, me.position] : [me.position, other.position];
    const [first, second] = lo === hi ? [lo, lo + 1] : [lo, hi];
    await tx
      .update(planActions)
      .set({ position: move.direction === 'up' ? first : second })
      .where(eq(planActions.id, me.id));
    await tx
      .update(planActions)
      .set({ position: move.direction === 'up' ? second : first })
      .where(eq(planActions.id, other.id));
    await record(tx, actor, a.plan.id, me.id, move.direction === 'up' ? 'plans.history.movedUp' : 'plans.history.movedDown', { action: me.title });
    await audit(tx, actor, 'plan.action.move', { type: 'plan', id: a.plan.id }, { action: me.id, direction: move.direction });
    return ok(null);
  });
}

/** Reports on an action: a dated text, how far it has come, perhaps a photo; followers are told. Once per form. */
export async function addUpdate(
  db: Db,
  actor: Actor,
  a: PlanAccess,
  action: { id: string; title: string },
  input: UpdateInput,
  photo: Photo | null,
  submissionKey: string | null,
): Promise<Result<{ id: string }>> {
  if (photo && !input.photoAlt) return fail('photoAlt', 'plans.errors.alt');
  return db.transaction(async (tx) => {
    const { result, repeated } = await once(tx, actor, submissionKey, async () => {
      const [row] = await tx
        .insert(planUpdates)
        .values({
          tenantId: actor.tenantId,
          planId: a.plan.id,
          actionId: action.id,
          day: input.day,
          body: input.body,
          percent: input.percent,
          photo: photo?.data ?? null,
          photoType: photo?.type ?? null,
          photoAlt: photo ? input.photoAlt : '',
          authorId: actor.user?.id ?? null,
        })
        .returning({ id: planUpdates.id });
      if (!row) throw new Error('update not written');
      await tx
        .update(planActions)
        .set({ lastActivityAt: new Date(), ...(input.percent !== null ? { percent: input.percent } : {}) })
        .where(eq(planActions.id, action.id));
      await touch(tx, a.plan.id);
      await record(tx, actor, a.plan.id, action.id, 'plans.history.update', { action: action.title, day: input.day });
      await audit(tx, actor, 'plan.update', { type: 'plan', id: a.plan.id }, { action: action.id, update: row.id });
      return row.id;
    });
    if (!repeated) await emit(tx, actor, 'plans.updated', { planId: a.plan.id, actionId: action.id, updateId: result, title: action.title });
    return ok({ id: result });
  });
}

/** A function answers an action that names it: its own status and comment, and the action's status. */
export async function answerAction(
  db: Db,
  actor: Actor,
  a: PlanAccess,
  action: { id: string; title: string; status: string },
  input: AnswerInput,
): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    await tx
      .update(planActions)
      .set({
        answerStatus: input.answerStatus,
        answer: input.answer,
        status: input.status,
        answeredAt: new Date(),
        lastActivityAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(planActions.id, action.id));
    await touch(tx, a.plan.id);
    await record(tx, actor, a.plan.id, action.id, 'plans.history.answered', { action: action.title, answer: input.answerStatus });
    if (action.status !== input.status) {
      await record(tx, actor, a.plan.id, action.id, 'plans.history.status', { action: action.title, from: action.status, to: input.status });
    }
    await audit(tx, actor, 'plan.action.answer', { type: 'plan', id: a.plan.id }, { action: action.id, answer: input.answerStatus });
    return ok(null);
  });
}

/** Links an action to a meeting, a question or a meeting's action item (the route checks the target is one the person may link). */
export async function addLink(db: Db, actor: Actor, a: PlanAccess, action: { id: string; title: string }, kind: LinkKind, targetId: string, label: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(planLinks)
      .values({ tenantId: actor.tenantId, planId: a.plan.id, actionId: action.id, kind, targetId })
      .onConflictDoNothing()
      .returning({ id: planLinks.id });
    if (rows.length) {
      await tx.update(planActions).set({ lastActivityAt: new Date() }).where(eq(planActions.id, action.id));
      await record(tx, actor, a.plan.id, action.id, 'plans.history.linked', { action: action.title, target: label });
      await audit(tx, actor, 'plan.link.add', { type: 'plan', id: a.plan.id }, { action: action.id, kind, target: targetId });
    }
    return ok(null);
  });
}

/** Takes a link away. */
export async function removeLink(db: Db, actor: Actor, a: PlanAccess, actionId: string, linkId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(planLinks)
      .where(and(eq(planLinks.id, linkId), eq(planLinks.actionId, actionId), eq(planLinks.planId, a.plan.id)))
      .returning({ id: planLinks.id });
    if (rows.length) await audit(tx, actor, 'plan.link.remove', { type: 'plan', id: a.plan.id }, { action: actionId, link: linkId });
  });
}

/** Records the yearly review of the whole plan, one per year, never dated before the plan starts. */
export async function addReview(db: Db, actor: Actor, a: PlanAccess, input: ReviewInput): Promise<Result<{ id: string }>> {
  if (input.reviewedOn < `${a.plan.startYear}-01-01`) return fail('reviewedOn', 'plans.errors.reviewBeforeStart', { year: a.plan.startYear });
  if (input.year < a.plan.startYear) return fail('year', 'plans.errors.reviewBeforeStart', { year: a.plan.startYear });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(planReviews)
        .values({
          tenantId: actor.tenantId,
          planId: a.plan.id,
          year: input.year,
          reviewedOn: input.reviewedOn,
          body: input.body,
          meetingId: input.meetingId,
          authorId: actor.user?.id ?? null,
        })
        .returning({ id: planReviews.id });
      if (!row) throw new Error('review not written');
      await touch(tx, a.plan.id);
      await record(tx, actor, a.plan.id, null, 'plans.history.reviewed', { year: String(input.year) });
      await audit(tx, actor, 'plan.review', { type: 'plan', id: a.plan.id }, { year: input.year });
      await emit(tx, actor, 'plans.reviewed', { planId: a.plan.id, year: input.year });
      return ok(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'plan_reviews_year_key')) return fail('year', 'plans.errors.reviewExists', { year: input.year });
    throw err;
  }
}

/** The plan as it reads now, for an adopted version to keep. */
async function snapshotOf(tx: Db, planId: string): Promise<PlanSnapshot> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
  const areas = await tx.select().from(planAreas).where(eq(planAreas.planId, planId)).orderBy(asc(planAreas.position));
  const actions = await tx.select().from(planActions).where(eq(planActions.planId, planId)).orderBy(asc(planActions.position));
  if (!plan) throw new Error('no plan');
  return {
    title: plan.title,
    startYear: plan.startYear,
    endYear: plan.endYear,
    vision: plan.vision,
    areas: areas.map((ar) => ({
      title: ar.title,
      description: ar.description,
      actions: actions
        .filter((x) => x.areaId === ar.id)
        .map((x) => ({ title: x.title, description: x.description, status: x.status, targetDate: x.targetDate, costEstimate: x.costEstimate })),
    })),
  };
}

/** Adopts the draft as the version in force, with the meeting whose minutes adopted it; the version is kept as it reads. */
export async function adoptPlan(db: Db, actor: Actor, a: PlanAccess, input: AdoptInput): Promise<Result<null>> {
  if (a.plan.status === 'adopted') return fail('_form', 'plans.errors.alreadyAdopted');
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: plans.status, version: plans.version }).from(plans).where(eq(plans.id, a.plan.id)).for('update');
    if (!locked || locked.status === 'adopted') return fail('_form', 'plans.errors.alreadyAdopted');
    const snapshot = await snapshotOf(tx, a.plan.id);
    await tx
      .insert(planVersions)
      .values({ tenantId: actor.tenantId, planId: a.plan.id, version: locked.version, adoptedOn: input.adoptedOn, meetingId: input.meetingId, snapshot });
    await tx
      .update(plans)
      .set({ status: 'adopted', adoptedVersion: locked.version, adoptedOn: input.adoptedOn, adoptedMeetingId: input.meetingId, updatedAt: new Date() })
      .where(eq(plans.id, a.plan.id));
    await record(tx, actor, a.plan.id, null, 'plans.history.adopted', { version: String(locked.version), day: input.adoptedOn });
    await audit(tx, actor, 'plan.adopt', { type: 'plan', id: a.plan.id }, { version: locked.version });
    return ok(null);
  });
}

/** Starts revising an adopted plan as its next version (a draft until it is adopted in turn); the adopted version stays readable. */
export async function revisePlan(db: Db, actor: Actor, a: PlanAccess): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(plans)
      .set({ status: 'draft', version: sql`${plans.version} + 1`, updatedAt: new Date() })
      .where(and(eq(plans.id, a.plan.id), eq(plans.status, 'adopted')))
      .returning({ version: plans.version });
    if (!rows[0]) return fail('_form', 'plans.errors.notAdopted');
    await record(tx, actor, a.plan.id, null, 'plans.history.revising', { version: String(rows[0].version) });
    await audit(tx, actor, 'plan.revise', { type: 'plan', id: a.plan.id }, { version: rows[0].version });
    return ok(null);
  });
}

/**
 * Something that happened elsewhere, recorded on the actions linked to it by itself (a question
 * answered, a meeting's action item done): once per action and event (`source`), in the
 * transaction of whoever reports it.
 */
export async function recordEvent(
  tx: Db,
  tenantId: string,
  linked: { actionId: string; planId: string }[],
  e: { source: string; day: string; messageKey: string; vars: Record<string, string>; link: string; percent?: number },
): Promise<string[]> {
  if (linked.length === 0) return [];
  const rows = await tx
    .insert(planUpdates)
    .values(
      linked.map((l) => ({
        tenantId,
        planId: l.planId,
        actionId: l.actionId,
        day: e.day,
        body: '',
        source: e.source,
        messageKey: e.messageKey,
        vars: e.vars,
        link: e.link,
      })),
    )
    .onConflictDoNothing()
    .returning({ actionId: planUpdates.actionId, planId: planUpdates.planId, id: planUpdates.id });
  for (const r of rows) {
    await tx.update(planActions).set({ lastActivityAt: new Date() }).where(eq(planActions.id, r.actionId));
    await tx.insert(planHistory).values({ tenantId, planId: r.planId, actionId: r.actionId, messageKey: e.messageKey, vars: e.vars });
  }
  return rows.map((r) => r.id);
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { sameVersion } from '../../../platform/db/sql-helpers.js';
import { emit } from '../../../platform/events.js';
import { checkbox, optionalId, optionalKronor, optionalText } from '../../../platform/http/fields.js';
import type { FieldError } from '../../../platform/http/forms.js';
import { LocalDate } from '../../../platform/http/validation.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { BodyMeeting } from '../../meetings/index.js';
import { grantApplications, grantCalls, grantReviews, MAX_SCORE, RECOMMENDATIONS } from '../schema.js';
import type { ApplicationAccess } from './queries.js';

/** A reviewer's form: `score_<n>` for the programme's n:th criterion, a comment, or a declared conflict of interest. */
export function scoresFrom(
  body: Record<string, unknown>,
  criteria: { name: string }[],
): { scores: Record<string, number>; errors: Record<string, FieldError> } {
  const scores: Record<string, number> = {};
  const errors: Record<string, FieldError> = {};
  criteria.forEach((c, i) => {
    const raw = String(body[`score_${i}`] ?? '').trim();
    if (!raw) return;
    const n = Number(raw);
    if (!/^\d$/.test(raw) || n > MAX_SCORE) errors[`score_${i}`] = { key: 'grants.errors.score', vars: { max: MAX_SCORE } };
    else scores[c.name] = n;
  });
  return { scores, errors };
}

export const ReviewInput = z.object({ comment: optionalText(4000), conflict: checkbox });

/**
 * Saves the reviewer's scores and comment on a submitted application, or their declared conflict of
 * interest. Nobody reviews an application from an organisation they belong to. Each reviewer keeps
 * their own row: a first review is made once, a later one only at the version the form was loaded at,
 * so a second tab never writes over the first silently.
 */
export async function saveReview(
  db: Db,
  actor: Actor,
  a: ApplicationAccess,
  input: { scores: Record<string, number>; comment: string; conflict: boolean },
  version: Date | null,
): Promise<Result<null>> {
  const userId = actor.user?.id;
  if (!userId) return fail('_form', 'platform.errors.forbidden');
  if (a.membership || a.coMembership) return fail('_form', 'grants.errors.conflict');
  if (!['submitted', 'more_info'].includes(a.application.status)) return fail('_form', 'grants.errors.decided');
  const values = { scores: input.conflict ? {} : input.scores, comment: input.comment, conflict: input.conflict, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    const rows = version
      ? await tx
          .update(grantReviews)
          .set(values)
          .where(and(eq(grantReviews.applicationId, a.application.id), eq(grantReviews.reviewerId, userId), sameVersion(grantReviews.updatedAt, version)))
          .returning({ id: grantReviews.id })
      : await tx
          .insert(grantReviews)
          .values({ tenantId: actor.tenantId, applicationId: a.application.id, reviewerId: userId, ...values })
          .onConflictDoNothing()
          .returning({ id: grantReviews.id });
    if (!rows.length) return fail('_form', 'platform.errors.stale');
    await audit(tx, actor, input.conflict ? 'grants.review.conflict' : 'grants.review.save', { type: 'grantApplication', id: a.application.id });
    return ok(null);
  });
}

export const RecommendationInput = z.object({ recommendation: z.enum(RECOMMENDATIONS), note: z.string().trim().min(1).max(4000) });

/** The local council's chair or secretary gives the council's recommendation on an application from its locality, while it waits for a decision. */
export async function recommend(db: Db, actor: Actor, a: ApplicationAccess, input: z.infer<typeof RecommendationInput>): Promise<Result<null>> {
  if (!a.council) return fail('_form', 'platform.errors.forbidden');
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({
        recommendation: input.recommendation,
        recommendationNote: input.note,
        recommendedBy: actor.user?.id ?? null,
        recommendingCouncilId: a.council?.id ?? null,
        recommendedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(grantApplications.id, a.application.id), inArray(grantApplications.status, ['submitted', 'more_info'])))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', 'grants.errors.decided');
    await audit(tx, actor, 'grants.recommend', { type: 'grantApplication', id: a.application.id }, { recommendation: input.recommendation });
    return ok(null);
  });
}

export const DecisionInput = z
  .object({
    outcome: z.enum(['grant', 'reject']),
    amount: optionalKronor,
    conditions: optionalText(4000),
    reasoning: z.string().trim().min(1).max(8000),
    meetingId: optionalId,
    reportDueOn: z
      .union([z.literal(''), LocalDate])
      .optional()
      .transform((v) => v || null),
  })
  .refine((d) => d.outcome === 'reject' || d.amount !== null, { path: ['amount'], message: 'grants.errors.grantedAmount' });
export type DecisionInput = z.infer<typeof DecisionInput>;

/** Whether the decision on an application is the officer's under delegation (the fast track) or a political body's. */
export function decidedByOfficer(a: Pick<ApplicationAccess, 'programme' | 'application'>): boolean {
  const limit = a.programme.fastTrackLimit;
  return limit !== null && (a.application.amount ?? 0) <= limit;
}

/**
 * Records the decision on a submitted application: granted (an amount no larger than applied for,
 * with conditions) or rejected, with the reasons. On the fast track the officer decides under
 * delegation; otherwise the decision names the political body's meeting that took it. A grant that
 * would take the call past its budget is refused: the call's row is locked while the sum of what is
 * already granted is read, so two decisions at once cannot both spend the last of it.
 */
export async function decide(db: Db, actor: Actor, a: ApplicationAccess, input: DecisionInput, meetings: BodyMeeting[], now: Date): Promise<Result<null>> {
  if (a.membership || a.coMembership) return fail('_form', 'grants.errors.conflict');
  const officer = decidedByOfficer(a);
  if (!officer && !input.meetingId) return fail('meetingId', 'grants.errors.meetingRequired');
  if (input.meetingId && !meetings.some((m) => m.id === input.meetingId)) return fail('meetingId', 'platform.errors.choice');
  const amount = input.outcome === 'grant' ? (input.amount ?? 0) : null;
  if (amount !== null && a.application.amount !== null && amount > a.application.amount)
    return fail('amount', 'grants.errors.moreThanAsked', { max: a.application.amount });
  return db.transaction(async (tx) => {
    await tx.select({ id: grantCalls.id }).from(grantCalls).where(eq(grantCalls.id, a.call.id)).for('update');
    if (amount !== null) {
      const [spent] = await tx
        .select({ n: sql<number>`coalesce(sum(${grantApplications.grantedAmount}), 0)::int` })
        .from(grantApplications)
        .where(and(eq(grantApplications.callId, a.call.id), eq(grantApplications.status, 'granted')));
      const left = a.call.budget - (spent?.n ?? 0);
      if (amount > left) return fail('amount', 'grants.errors.overBudget', { left });
    }
    const rows = await tx
      .update(grantApplications)
      .set({
        status: amount !== null ? 'granted' : 'rejected',
        grantedAmount: amount,
        conditions: input.conditions,
        reasoning: input.reasoning,
        decisionBy: officer && !input.meetingId ? 'delegation' : 'body',
        decisionMeetingId: input.meetingId,
        decidedBy: actor.user?.id ?? null,
        decidedAt: now,
        reportDueOn: amount !== null ? input.reportDueOn : null,
        updatedAt: new Date(),
      })
      .where(and(eq(grantApplications.id, a.application.id), inArray(grantApplications.status, ['submitted', 'more_info'])))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', 'grants.errors.decided');
    await audit(tx, actor, amount !== null ? 'grants.grant' : 'grants.reject', { type: 'grantApplication', id: a.application.id }, { amount });
    await emit(tx, actor, 'grants.decided', { applicationId: a.application.id, organisationId: a.application.organisationId });
    return ok(null);
  });
}

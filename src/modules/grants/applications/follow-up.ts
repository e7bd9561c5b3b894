import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { emit } from '../../../platform/events.js';
import { optionalInt, optionalKronor } from '../../../platform/http/fields.js';
import { LocalDate } from '../../../platform/http/validation.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import { grantApplications, grantPayments } from '../schema.js';
import type { ApplicationAccess } from './queries.js';

export const PaymentInput = z.object({ amount: optionalKronor.pipe(z.number({ message: 'platform.errors.required' }).min(1)), paidOn: LocalDate });

/** Records a payment of a granted amount; the payments together never exceed what was granted. */
export async function recordPayment(db: Db, actor: Actor, a: ApplicationAccess, input: z.infer<typeof PaymentInput>): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ status: grantApplications.status, granted: grantApplications.grantedAmount })
      .from(grantApplications)
      .where(eq(grantApplications.id, a.application.id))
      .for('update');
    if (app?.status !== 'granted') return fail('amount', 'grants.errors.notGranted');
    const [paid] = await tx
      .select({ n: sql<number>`coalesce(sum(${grantPayments.amount}), 0)::int` })
      .from(grantPayments)
      .where(eq(grantPayments.applicationId, a.application.id));
    const left = (app.granted ?? 0) - (paid?.n ?? 0);
    if (input.amount > left) return fail('amount', 'grants.errors.overPaid', { left });
    await tx
      .insert(grantPayments)
      .values({ tenantId: actor.tenantId, applicationId: a.application.id, amount: input.amount, paidOn: input.paidOn, recordedBy: actor.user?.id ?? null });
    await audit(tx, actor, 'grants.payment', { type: 'grantApplication', id: a.application.id }, { amount: input.amount, paidOn: input.paidOn });
    return ok(null);
  });
}

export const ReportInput = z.object({
  reportText: z.string().trim().min(1).max(8000),
  reportParticipants: optionalInt(0, 1_000_000).pipe(z.number({ message: 'platform.errors.required' })),
  reportSpent: optionalKronor.pipe(z.number({ message: 'platform.errors.required' })),
});

/** The organisation's follow-up report on a grant: what was done, how many took part, what was spent. Submitted once, or again after it was returned. */
export async function submitReport(db: Db, actor: Actor, a: ApplicationAccess, input: z.infer<typeof ReportInput>): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({ ...input, reportStatus: 'submitted', reportSubmittedAt: new Date(), updatedAt: new Date() })
      .where(
        and(eq(grantApplications.id, a.application.id), eq(grantApplications.status, 'granted'), inArray(grantApplications.reportStatus, ['', 'returned'])),
      )
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', 'grants.errors.reportNotOpen');
    await audit(tx, actor, 'grants.report.submit', { type: 'grantApplication', id: a.application.id });
    await emit(tx, actor, 'grants.reportSubmitted', { applicationId: a.application.id, programmeId: a.programme.id });
    return ok(null);
  });
}

export const ReportDecisionInput = z
  .object({ decision: z.enum(['approve', 'return']), note: z.string().trim().max(4000).optional().default('') })
  .refine((d) => d.decision === 'approve' || d.note.length > 0, { path: ['note'], message: 'grants.errors.returnNote' });

/** The officer approves the follow-up report, or returns it saying what is missing; the representatives are told. */
export async function decideReport(db: Db, actor: Actor, a: ApplicationAccess, input: z.infer<typeof ReportDecisionInput>): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({ reportStatus: input.decision === 'approve' ? 'approved' : 'returned', reportNote: input.note, updatedAt: new Date() })
      .where(and(eq(grantApplications.id, a.application.id), eq(grantApplications.reportStatus, 'submitted')))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', 'grants.errors.reportNotSubmitted');
    await audit(tx, actor, `grants.report.${input.decision}`, { type: 'grantApplication', id: a.application.id });
    await emit(tx, actor, 'grants.reportDecided', { applicationId: a.application.id, organisationId: a.application.organisationId });
    return ok(null);
  });
}

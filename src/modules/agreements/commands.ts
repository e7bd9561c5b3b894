import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { sameVersion } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { checkbox, optionalInt, optionalKronor, optionalText } from '../../platform/http/fields.js';
import type { FieldError } from '../../platform/http/forms.js';
import { LocalDate, UNSAFE_CHARS } from '../../platform/http/validation.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { gatherEvidence } from './evidence.js';
import type { AgreementAccess } from './policy.js';
import type { Obligation } from './queries.js';
import {
  agreementObligations,
  agreementPayments,
  agreementReports,
  agreements,
  type ObligationAnswer,
  type ObligationKind,
  SCHEDULES,
  type Schedule,
} from './schema.js';

export const AgreementInput = z
  .object({
    councilId: z.string().uuid('platform.errors.choice'),
    title: z.string().trim().min(1).max(200),
    startsOn: LocalDate,
    endsOn: LocalDate,
    yearlyAmount: optionalKronor.pipe(z.number({ message: 'platform.errors.required' })),
    schedule: z.enum(SCHEDULES),
    reportDue: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'agreements.errors.reportDue'),
    openMeetings: optionalInt(0, 52),
    minutesPublished: checkbox,
    planUpdated: checkbox,
    otherObligations: optionalText(4000),
    notes: optionalText(4000),
  })
  .refine((a) => a.endsOn >= a.startsOn, { path: ['endsOn'], message: 'agreements.errors.period' })
  .refine((a) => a.otherObligations.split('\n').filter((l) => l.trim()).length <= 20, { path: ['otherObligations'], message: 'agreements.errors.tooMany' });
export type AgreementInput = z.infer<typeof AgreementInput>;

export const PaidInput = z.object({ payment: z.string().uuid('platform.errors.choice'), paidOn: LocalDate });

export const DecisionInput = z
  .object({ decision: z.enum(['approve', 'return']), note: optionalText(4000) })
  .refine((d) => d.decision === 'approve' || d.note.length > 0, { path: ['note'], message: 'agreements.errors.returnNote' });
export type DecisionInput = z.infer<typeof DecisionInput>;

/** The obligations an agreement's form describes, in order: those the platform checks, then the association's own. */
function obligationsOf(input: AgreementInput): { kind: ObligationKind; minimum: number | null; text: string }[] {
  const out: { kind: ObligationKind; minimum: number | null; text: string }[] = [];
  if (input.openMeetings) out.push({ kind: 'open_meetings', minimum: input.openMeetings, text: '' });
  if (input.minutesPublished) out.push({ kind: 'minutes_published', minimum: null, text: '' });
  if (input.planUpdated) out.push({ kind: 'plan_updated', minimum: null, text: '' });
  for (const line of input.otherObligations.split('\n')) if (line.trim()) out.push({ kind: 'other', minimum: null, text: line.trim().slice(0, 500) });
  return out;
}

/** The payments an agreement's schedule makes over its period: the yearly amount split evenly, any öre left on the first of the year. */
export function paymentsOf(startsOn: string, endsOn: string, yearlyAmount: number, schedule: Schedule): { dueOn: string; amount: number }[] {
  const months = schedule === 'yearly' ? ['01'] : schedule === 'half_yearly' ? ['01', '07'] : ['01', '04', '07', '10'];
  const out: { dueOn: string; amount: number }[] = [];
  for (let y = Number(startsOn.slice(0, 4)); y <= Number(endsOn.slice(0, 4)); y++) {
    const share = Math.floor(yearlyAmount / months.length);
    for (const [i, m] of months.entries()) {
      const due = `${y}-${m}-31`.replace(/-(04|06|09|11)-31$/, '-$1-30');
      const dueOn = due < startsOn ? startsOn : due;
      if (dueOn > endsOn) continue;
      out.push({ dueOn, amount: share + (i === 0 ? yearlyAmount - share * months.length : 0) });
    }
  }
  // Two instalments that fall on the start date (a period starting late in a year) are one payment.
  const merged = new Map<string, number>();
  for (const p of out) merged.set(p.dueOn, (merged.get(p.dueOn) ?? 0) + p.amount);
  return [...merged].map(([dueOn, amount]) => ({ dueOn, amount }));
}

/**
 * Records an agreement, or changes one at the version its form was loaded at: its obligations keep
 * their identity where they stay (a report's answers refer to them), and the payments not yet made
 * follow the period, amount and schedule; payments already made are never touched.
 */
export async function saveAgreement(
  db: Db,
  actor: Actor,
  input: AgreementInput & { organisationId: string },
  existing?: { id: string; version: Date },
): Promise<Result<{ id: string }>> {
  return db.transaction(async (tx) => {
    const values = {
      councilId: input.councilId,
      organisationId: input.organisationId,
      title: input.title,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      yearlyAmount: input.yearlyAmount,
      schedule: input.schedule,
      reportDue: input.reportDue,
      notes: input.notes,
    };
    let id: string;
    if (existing) {
      const rows = await tx
        .update(agreements)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(agreements.tenantId, actor.tenantId), eq(agreements.id, existing.id), sameVersion(agreements.updatedAt, existing.version)))
        .returning({ id: agreements.id });
      if (!rows[0]) return fail('_form', 'platform.errors.stale');
      id = rows[0].id;
    } else {
      const [row] = await tx
        .insert(agreements)
        .values({ tenantId: actor.tenantId, ...values })
        .returning({ id: agreements.id });
      if (!row) throw new Error('agreement not written');
      id = row.id;
    }
    // Obligations: the same kind (and, for the association's own, the same words) keeps its row.
    const before = await tx.select().from(agreementObligations).where(eq(agreementObligations.agreementId, id));
    const wanted = obligationsOf(input);
    const kept = new Set<string>();
    for (const [position, o] of wanted.entries()) {
      const same = before.find((b) => !kept.has(b.id) && b.kind === o.kind && (o.kind !== 'other' || b.text === o.text));
      if (same) {
        kept.add(same.id);
        await tx.update(agreementObligations).set({ minimum: o.minimum, position, updatedAt: new Date() }).where(eq(agreementObligations.id, same.id));
      } else {
        await tx.insert(agreementObligations).values({ tenantId: actor.tenantId, agreementId: id, ...o, position });
      }
    }
    const gone = before.filter((b) => !kept.has(b.id)).map((b) => b.id);
    if (gone.length) await tx.delete(agreementObligations).where(inArray(agreementObligations.id, gone));
    // Payments: those not made are made again from the schedule; a made one stays as it was.
    await tx.delete(agreementPayments).where(and(eq(agreementPayments.agreementId, id), isNull(agreementPayments.paidOn)));
    const paid = await tx.select({ dueOn: agreementPayments.dueOn }).from(agreementPayments).where(eq(agreementPayments.agreementId, id));
    const due = paymentsOf(input.startsOn, input.endsOn, input.yearlyAmount, input.schedule).filter((p) => !paid.some((x) => x.dueOn === p.dueOn));
    if (due.length) await tx.insert(agreementPayments).values(due.map((p) => ({ tenantId: actor.tenantId, agreementId: id, ...p })));
    await audit(tx, actor, existing ? 'agreement.edit' : 'agreement.create', { type: 'agreement', id }, { title: input.title });
    return ok({ id });
  });
}

/** Marks a payment as made on a date. */
export async function markPaid(db: Db, actor: Actor, a: AgreementAccess, paymentId: string, paidOn: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(agreementPayments)
      .set({ paidOn, paidBy: actor.user?.id ?? null, updatedAt: new Date() })
      .where(and(eq(agreementPayments.id, paymentId), eq(agreementPayments.agreementId, a.agreement.id), isNull(agreementPayments.paidOn)))
      .returning({ id: agreementPayments.id });
    if (rows.length) await audit(tx, actor, 'agreement.paid', { type: 'agreement', id: a.agreement.id }, { payment: paymentId, paidOn });
    return rows.length > 0;
  });
}

/** The years an agreement is reported on: each year of its period, up to the present one. */
export function reportYears(a: { startsOn: string; endsOn: string }, today: string): number[] {
  const out: number[] = [];
  const last = Math.min(Number(a.endsOn.slice(0, 4)), Number(today.slice(0, 4)));
  for (let y = Number(a.startsOn.slice(0, 4)); y <= last; y++) out.push(y);
  return out;
}

/** The answers of a report's form: `met_<obligation>` and `comment_<obligation>` for each obligation. */
export function answersFrom(
  body: Record<string, unknown>,
  obligations: Obligation[],
): { answers: Record<string, ObligationAnswer>; errors: Record<string, FieldError> } {
  const answers: Record<string, ObligationAnswer> = {};
  const errors: Record<string, FieldError> = {};
  for (const o of obligations) {
    const met = String(body[`met_${o.id}`] ?? '');
    const comment = String(body[`comment_${o.id}`] ?? '').trim();
    if (!['', 'yes', 'no', 'partly'].includes(met)) errors[`met_${o.id}`] = { key: 'platform.errors.choice' };
    if (UNSAFE_CHARS.test(comment)) errors[`comment_${o.id}`] = { key: 'platform.errors.characters' };
    else if (comment.length > 2000) errors[`comment_${o.id}`] = { key: 'platform.errors.tooLong', vars: { max: 2000 } };
    answers[o.id] = { met: (['yes', 'no', 'partly'].includes(met) ? met : '') as ObligationAnswer['met'], comment: comment.slice(0, 2000) };
  }
  return { answers, errors };
}

/**
 * Saves the association's yearly report as a draft, or submits it: a submitted report says, for
 * each obligation, whether it was met (and why not, when not), and carries the evidence as it stands
 * at submission. Refused while it waits for the municipality or once approved, and on a form
 * loaded before someone else's change.
 */
export async function writeReport(
  db: Db,
  actor: Actor,
  a: AgreementAccess & { obligations: Obligation[] },
  year: number,
  input: { narrative: string; answers: Record<string, ObligationAnswer>; submit: boolean },
  opts: { version: Date | null; timeZone: string },
): Promise<Result<null>> {
  if (input.submit) {
    const errors: Record<string, FieldError> = {};
    for (const o of a.obligations) {
      const ans = input.answers[o.id];
      if (!ans?.met) errors[`met_${o.id}`] = { key: 'agreements.errors.met' };
      else if (ans.met !== 'yes' && !ans.comment) errors[`comment_${o.id}`] = { key: 'agreements.errors.why' };
    }
    if (!input.narrative) errors.narrative = { key: 'platform.errors.required' };
    if (Object.keys(errors).length) return { ok: false, errors };
  }
  const evidence = input.submit ? await gatherEvidence(db, actor.tenantId, a.council.id, year, opts.timeZone) : null;
  return db.transaction(async (tx) => {
    await tx.insert(agreementReports).values({ tenantId: actor.tenantId, agreementId: a.agreement.id, year }).onConflictDoNothing();
    const [current] = await tx
      .select()
      .from(agreementReports)
      .where(and(eq(agreementReports.agreementId, a.agreement.id), eq(agreementReports.year, year)))
      .for('update');
    if (!current) throw new Error('report not written');
    if (current.status === 'submitted' || current.status === 'approved') return fail('_form', `agreements.errors.${current.status}`);
    // A form shown before anyone wrote the report (no version) meets an empty draft; otherwise its version must be the report's.
    const untouched = current.narrative === '' && Object.keys(current.answers).length === 0;
    if (opts.version ? current.updatedAt.getTime() !== opts.version.getTime() : !untouched) return fail('_form', 'platform.errors.stale');
    await tx
      .update(agreementReports)
      .set({
        narrative: input.narrative,
        answers: input.answers,
        updatedAt: new Date(),
        ...(input.submit ? { status: 'submitted' as const, evidence, submittedAt: new Date(), submittedBy: actor.user?.id ?? null } : {}),
      })
      .where(eq(agreementReports.id, current.id));
    await audit(tx, actor, input.submit ? 'agreement.report.submit' : 'agreement.report.save', { type: 'agreement', id: a.agreement.id }, { year });
    if (input.submit) await emit(tx, actor, 'agreements.reportSubmitted', { agreementId: a.agreement.id, councilId: a.council.id, year });
    return ok(null);
  });
}

/** The contact person approves a submitted report, or returns it asking for more (with what is missing). */
export async function decideReport(db: Db, actor: Actor, a: AgreementAccess, year: number, input: DecisionInput): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(agreementReports)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'returned',
        decidedAt: new Date(),
        decidedBy: actor.user?.id ?? null,
        decisionNote: input.note,
        updatedAt: new Date(),
      })
      .where(and(eq(agreementReports.agreementId, a.agreement.id), eq(agreementReports.year, year), eq(agreementReports.status, 'submitted')))
      .returning({ id: agreementReports.id });
    if (!rows.length) return fail('_form', 'agreements.errors.notSubmitted');
    await audit(tx, actor, `agreement.report.${input.decision}`, { type: 'agreement', id: a.agreement.id }, { year });
    await emit(tx, actor, 'agreements.reportDecided', { agreementId: a.agreement.id, councilId: a.council.id, year, decision: input.decision });
    return ok(null);
  });
}

/** The reports of agreements whose due day is near and that no one has submitted, made (as drafts) so a reminder can be noted on them. */
export async function reportsToRemind(db: Db, tenantId: string, today: string, withinDays: number) {
  return db.execute(sql`
    insert into agreement_reports (tenant_id, agreement_id, year)
    select a.tenant_id, a.id, y.year from agreements a
    cross join lateral generate_series(extract(year from a.starts_on)::int, extract(year from a.ends_on)::int) as y(year)
    where a.tenant_id = ${tenantId}
      and to_date((y.year + 1)::text || '-' || a.report_due, 'YYYY-MM-DD') between ${today}::date - 60 and ${today}::date + ${withinDays}::int
    on conflict (agreement_id, year) do nothing`);
}

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { sameVersion } from '../../../platform/db/sql-helpers.js';
import { emit } from '../../../platform/events.js';
import { optionalKronor, optionalText } from '../../../platform/http/fields.js';
import type { FieldError } from '../../../platform/http/forms.js';
import { cleanFilename, DOCUMENT_KINDS, detectFileType, type UploadedFilePart } from '../../../platform/http/uploads.js';
import { UNSAFE_CHARS } from '../../../platform/http/validation.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import { once } from '../../../platform/submissions/index.js';
import type { OrganisationFacts } from '../../organisations/index.js';
import { assessEligibility, isEligible } from '../eligibility.js';
import type { Programme } from '../queries.js';
import { isOpen } from '../queries.js';
import { answersFrom, missingAnswers, prefilledAnswers } from '../questions.js';
import { type Answer, grantApplications, grantAttachments, grantCoApplicants, grantForms, type Question } from '../schema.js';
import type { ApplicationAccess } from './queries.js';

/** The largest file an application takes, and how many files one question takes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_QUESTION = 5;

/** The programme's form as it stands now: its latest version, made (empty) on first need. */
export async function currentForm(tx: Db, tenantId: string, programmeId: string): Promise<{ id: string; version: number; questions: Question[] }> {
  const [latest] = await tx
    .select({ id: grantForms.id, version: grantForms.version, questions: grantForms.questions })
    .from(grantForms)
    .where(eq(grantForms.programmeId, programmeId))
    .orderBy(desc(grantForms.version))
    .limit(1);
  if (latest) return latest;
  await tx.insert(grantForms).values({ tenantId, programmeId, version: 1, questions: [] }).onConflictDoNothing();
  return currentForm(tx, tenantId, programmeId);
}

/**
 * Writes the officer's questions as the programme's next form version, if they differ from the
 * current one. The form was loaded at `baseVersion`: if someone saved another version since, nothing
 * is written and the officer is told (their rows are shown again).
 */
export async function saveForm(
  db: Db,
  actor: Actor,
  programme: { id: string },
  questions: Question[],
  baseVersion: number,
): Promise<Result<{ version: number }>> {
  return db.transaction(async (tx) => {
    const current = await currentForm(tx, actor.tenantId, programme.id);
    if (current.version !== baseVersion) return fail('_form', 'platform.errors.stale');
    if (JSON.stringify(current.questions) === JSON.stringify(questions)) return ok({ version: current.version });
    const version = current.version + 1;
    const inserted = await tx
      .insert(grantForms)
      .values({ tenantId: actor.tenantId, programmeId: programme.id, version, questions, createdBy: actor.user?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: grantForms.id });
    if (!inserted.length) return fail('_form', 'platform.errors.stale');
    await audit(tx, actor, 'grants.form.version', { type: 'grantProgramme', id: programme.id }, { version, questions: questions.length });
    return ok({ version });
  });
}

/** The next reference of the tenant's year ("2026-0042"), counted under a lock so two starts never share one. */
async function nextReference(tx: Db, tenantId: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`grant-reference:${tenantId}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(split_part(${grantApplications.reference}, '-', 2)::int), 0)::int` })
    .from(grantApplications)
    .where(and(eq(grantApplications.tenantId, tenantId), sql`${grantApplications.reference} like ${`${year}-%`}`));
  return `${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export const StartInput = z.object({
  organisationId: z.string().uuid('platform.errors.choice'),
  title: z.string().trim().min(1).max(200),
});
export type StartInput = z.infer<typeof StartInput>;

/**
 * Starts an organisation's application to an open call, as a draft on the programme's current form,
 * with what the register can fill in already filled in. The person must represent the organisation
 * (the route passes the organisations they do). Once per form: a double submit leads to the same draft.
 */
export async function startApplication(
  db: Db,
  actor: Actor,
  target: { call: { id: string; opensAt: Date; closesAt: Date | null }; programme: Pick<Programme, 'id'> },
  org: OrganisationFacts,
  input: StartInput,
  opts: { now: Date; key: string | null },
): Promise<Result<{ id: string }>> {
  if (!isOpen(target.call, opts.now)) return fail('_form', 'grants.errors.callClosed');
  const id = await db.transaction(
    async (tx) =>
      (
        await once(tx, actor, opts.key, async () => {
          const form = await currentForm(tx, actor.tenantId, target.programme.id);
          const [row] = await tx
            .insert(grantApplications)
            .values({
              tenantId: actor.tenantId,
              callId: target.call.id,
              programmeId: target.programme.id,
              formId: form.id,
              organisationId: org.id,
              reference: await nextReference(tx, actor.tenantId, Number(opts.now.toISOString().slice(0, 4))),
              title: input.title,
              answers: prefilledAnswers(form.questions, org),
              createdBy: actor.user?.id ?? null,
            })
            .returning({ id: grantApplications.id });
          if (!row) throw new Error('application not written');
          await audit(tx, actor, 'grants.application.start', { type: 'grantApplication', id: row.id }, { organisation: org.id, call: target.call.id });
          return row.id;
        })
      ).result,
  );
  return ok({ id });
}

/** The parts of the application form every programme has: what the project is called, what it is, and how much is asked for. */
export const CoreInput = z.object({
  title: z.string().trim().min(1).max(200),
  summary: optionalText(4000),
  amount: optionalKronor,
});

/** The answers of a posted application form: its core fields and the programme's questions, each checked; nothing required yet. */
export function readApplicationForm(
  questions: Question[],
  body: Record<string, unknown>,
): { core: z.infer<typeof CoreInput> | null; answers: Record<string, Answer>; confirmed: Set<number>; errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {};
  const parsed = CoreInput.safeParse(body);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] = issue.message.startsWith('platform.')
        ? { key: issue.message }
        : field === 'title'
          ? { key: 'platform.errors.required' }
          : { key: 'platform.errors.invalid' };
    }
  for (const field of ['title', 'summary']) if (UNSAFE_CHARS.test(String(body[field] ?? ''))) errors[field] = { key: 'platform.errors.characters' };
  const read = answersFrom(questions, body);
  const confirmed = new Set<number>();
  for (const [k, v] of Object.entries(body)) {
    const m = /^confirm_(\d{1,2})$/.exec(k);
    if (m && v) confirmed.add(Number(m[1]));
  }
  return { core: parsed.success ? parsed.data : null, answers: read.answers, confirmed, errors: { ...errors, ...read.errors } };
}

/** Checks files chosen in the form against their questions: documents of the kinds taken, within the size, a few per question. */
export async function checkFiles(
  questions: Question[],
  files: UploadedFilePart[],
  existing: Record<string, number>,
): Promise<{ ok: { questionKey: string; filename: string; contentType: string; data: Uint8Array }[]; errors: Record<string, FieldError> }> {
  const errors: Record<string, FieldError> = {};
  const out: { questionKey: string; filename: string; contentType: string; data: Uint8Array }[] = [];
  for (const f of files) {
    const q = questions.find((q) => q.kind === 'file' && `a_${q.key}` === f.field);
    if (!q) continue;
    const name = `a_${q.key}`;
    if (f.truncated || f.data.length > MAX_ATTACHMENT_BYTES) {
      errors[name] = { key: 'grants.errors.fileTooLarge', vars: { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 } };
      continue;
    }
    const filename = cleanFilename(f.filename);
    const contentType = await detectFileType(filename, f.data, DOCUMENT_KINDS);
    if (!contentType) {
      errors[name] = { key: 'grants.errors.fileType' };
      continue;
    }
    if ((existing[q.key] ?? 0) + out.filter((o) => o.questionKey === q.key).length >= MAX_FILES_PER_QUESTION) {
      errors[name] = { key: 'grants.errors.tooManyFiles', vars: { max: MAX_FILES_PER_QUESTION } };
      continue;
    }
    out.push({ questionKey: q.key, filename, contentType, data: f.data });
  }
  return { ok: out, errors };
}

/**
 * Saves the draft, or submits it: the answers as given (and any files chosen), at the version the
 * form was loaded at. Submitting asks for every required answer and file, an amount within the
 * programme's bounds, every rule the register cannot tell confirmed and every other rule met,
 * and the call still open at this instant (its closing time is in the municipality's zone).
 * The eligibility as it stood is kept with the submitted application.
 */
export async function writeApplication(
  db: Db,
  actor: Actor,
  a: ApplicationAccess,
  input: {
    core: z.infer<typeof CoreInput>;
    answers: Record<string, Answer>;
    confirmed: Set<number>;
    files: { questionKey: string; filename: string; contentType: string; data: Uint8Array }[];
    /** A file of the draft to remove as the draft is saved. */
    remove: string | null;
    submit: boolean;
  },
  opts: { version: Date | null; now: Date; today: string },
): Promise<Result<{ submitted: boolean }>> {
  const p = a.programme;
  if (input.submit) {
    const counts: Record<string, number> = { ...a.fileCounts };
    const removed = a.attachments.find((f) => f.id === input.remove);
    if (removed) counts[removed.questionKey] = (counts[removed.questionKey] ?? 1) - 1;
    for (const f of input.files) counts[f.questionKey] = (counts[f.questionKey] ?? 0) + 1;
    const errors: Record<string, FieldError> = missingAnswers(a.questions, input.answers, (k) => counts[k] ?? 0);
    if (!input.core.summary) errors.summary = { key: 'grants.errors.answerRequired' };
    if (input.core.amount === null) errors.amount = { key: 'grants.errors.answerRequired' };
    else if (p.minAmount !== null && input.core.amount < p.minAmount) errors.amount = { key: 'grants.errors.belowMin', vars: { min: p.minAmount } };
    else if (p.maxAmount !== null && input.core.amount > p.maxAmount) errors.amount = { key: 'grants.errors.aboveMax', vars: { max: p.maxAmount } };
    const checks = assessEligibility(p.eligibility, a.organisation, opts.today, input.confirmed);
    checks.forEach((c, i) => {
      if (c.status === 'unmet') errors[`confirm_${i}`] = { key: c.detail === 'toConfirm' ? 'grants.errors.confirm' : 'grants.errors.notEligible' };
    });
    if (!isOpen(a.call, opts.now)) errors._form = { key: 'grants.errors.callClosed' };
    if (Object.keys(errors).length || !isEligible(checks)) return { ok: false, errors };
  }
  return db.transaction(async (tx) => {
    const values = {
      title: input.core.title,
      summary: input.core.summary,
      amount: input.core.amount,
      answers: input.answers,
      updatedAt: new Date(),
      ...(input.submit
        ? {
            status: 'submitted' as const,
            submittedAt: opts.now,
            submittedBy: actor.user?.id ?? null,
            eligibility: assessEligibility(p.eligibility, a.organisation, opts.today, input.confirmed),
            localityId: a.organisation.localityId,
          }
        : {}),
    };
    const rows = await tx
      .update(grantApplications)
      .set(values)
      .where(
        and(
          eq(grantApplications.id, a.application.id),
          eq(grantApplications.status, 'draft'),
          opts.version ? sameVersion(grantApplications.updatedAt, opts.version) : sql`false`,
        ),
      )
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', a.application.status === 'draft' ? 'platform.errors.stale' : 'grants.errors.notDraft');
    if (input.remove) await tx.delete(grantAttachments).where(and(eq(grantAttachments.id, input.remove), eq(grantAttachments.applicationId, a.application.id)));
    if (input.files.length)
      await tx.insert(grantAttachments).values(
        input.files.map((f) => ({
          tenantId: actor.tenantId,
          applicationId: a.application.id,
          questionKey: f.questionKey,
          filename: f.filename,
          contentType: f.contentType,
          sizeBytes: f.data.length,
          data: f.data,
          uploadedBy: actor.user?.id ?? null,
        })),
      );
    await audit(
      tx,
      actor,
      input.submit ? 'grants.application.submit' : 'grants.application.save',
      { type: 'grantApplication', id: a.application.id },
      {
        files: input.files.map((f) => f.filename),
        removed: input.remove,
      },
    );
    if (input.submit) await emit(tx, actor, 'grants.submitted', { applicationId: a.application.id, programmeId: p.id });
    return ok({ submitted: input.submit });
  });
}

/** The applicant withdraws a submitted application (or one waiting for more information) before it is decided. */
export async function withdrawApplication(db: Db, actor: Actor, a: ApplicationAccess): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({ status: 'withdrawn', withdrawnAt: new Date(), updatedAt: new Date() })
      .where(and(eq(grantApplications.id, a.application.id), inArray(grantApplications.status, ['draft', 'submitted', 'more_info'])))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('_form', 'grants.errors.notWithdrawable');
    await audit(tx, actor, 'grants.application.withdraw', { type: 'grantApplication', id: a.application.id });
    return ok(null);
  });
}

export const InfoRequestInput = z.object({ request: z.string().trim().min(1).max(4000) });
export const InfoReplyInput = z.object({ reply: z.string().trim().min(1).max(8000) });

/** An officer asks the applicant for more information on a submitted application; the representatives are told. */
export async function requestInfo(db: Db, actor: Actor, a: ApplicationAccess, request: string): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({ status: 'more_info', infoRequest: request, infoReply: '', updatedAt: new Date() })
      .where(and(eq(grantApplications.id, a.application.id), eq(grantApplications.status, 'submitted')))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('request', 'grants.errors.notSubmitted');
    await audit(tx, actor, 'grants.application.requestInfo', { type: 'grantApplication', id: a.application.id });
    await emit(tx, actor, 'grants.infoRequested', { applicationId: a.application.id, organisationId: a.application.organisationId });
    return ok(null);
  });
}

/** The applicant answers the request; the application is submitted again and the officers are told. */
export async function giveInfo(db: Db, actor: Actor, a: ApplicationAccess, reply: string): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grantApplications)
      .set({ status: 'submitted', infoReply: reply, updatedAt: new Date() })
      .where(and(eq(grantApplications.id, a.application.id), eq(grantApplications.status, 'more_info')))
      .returning({ id: grantApplications.id });
    if (!rows.length) return fail('reply', 'grants.errors.noRequest');
    await audit(tx, actor, 'grants.application.giveInfo', { type: 'grantApplication', id: a.application.id });
    await emit(tx, actor, 'grants.infoGiven', { applicationId: a.application.id, programmeId: a.programme.id });
    return ok(null);
  });
}

export const CoApplicantInput = z.object({ organisation: z.string().trim().min(1).max(200) });

/** The most organisations that may apply together with one applicant. */
export const MAX_CO_APPLICANTS = 10;

/**
 * Invites an organisation from the register to apply together with the applicant, while the
 * application is a draft: its members may then read it, and its representatives are told.
 */
export async function addCoApplicant(db: Db, actor: Actor, a: ApplicationAccess, org: { id: string; name: string } | null): Promise<Result<null>> {
  if (!org) return fail('organisation', 'grants.errors.noSuchOrganisation');
  if (org.id === a.application.organisationId) return fail('organisation', 'grants.errors.selfCoApplicant');
  if (a.coApplicants.length >= MAX_CO_APPLICANTS) return fail('organisation', 'grants.errors.tooManyCoApplicants', { max: MAX_CO_APPLICANTS });
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select({ id: grantApplications.id })
      .from(grantApplications)
      .where(and(eq(grantApplications.id, a.application.id), eq(grantApplications.status, 'draft')))
      .for('update');
    if (!draft) return fail('organisation', 'grants.errors.notDraft');
    const rows = await tx
      .insert(grantCoApplicants)
      .values({ tenantId: actor.tenantId, applicationId: a.application.id, organisationId: org.id, addedBy: actor.user?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: grantCoApplicants.id });
    if (!rows.length) return fail('organisation', 'grants.errors.alreadyCoApplicant');
    await audit(tx, actor, 'grants.coApplicant.add', { type: 'grantApplication', id: a.application.id }, { organisation: org.id });
    await emit(tx, actor, 'grants.coApplicantAdded', { applicationId: a.application.id, organisationId: org.id });
    return ok(null);
  });
}

/** Takes an organisation off a draft's co-applicants. */
export async function removeCoApplicant(db: Db, actor: Actor, a: ApplicationAccess, coApplicantId: string): Promise<void> {
  if (a.application.status !== 'draft') return;
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(grantCoApplicants)
      .where(and(eq(grantCoApplicants.id, coApplicantId), eq(grantCoApplicants.applicationId, a.application.id)))
      .returning({ organisationId: grantCoApplicants.organisationId });
    if (rows.length)
      await audit(tx, actor, 'grants.coApplicant.remove', { type: 'grantApplication', id: a.application.id }, { organisation: rows[0]?.organisationId });
  });
}

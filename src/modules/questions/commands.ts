import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import { type Actor, ForbiddenError, SignInRequiredError } from '../../platform/authz/index.js';
import { type Db, rowsOf } from '../../platform/db/index.js';
import { sameVersion } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { isWorkingDay } from '../../platform/holidays.js';
import { checkbox, optionalId, optionalInt, optionalText } from '../../platform/http/fields.js';
import { cleanFilename, detectFileType, type FileKind } from '../../platform/http/uploads.js';
import { enqueue } from '../../platform/jobs/index.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { once } from '../../platform/submissions/index.js';
import { addDays, localParts } from '../../platform/time.js';
import { giveConsent } from '../accounts/index.js';
import { listFunctions, listLocalities } from '../tenancy/index.js';
import { formatNumber, numberSlug } from './numbers.js';
import { askPath } from './paths.js';
import { canHandle, canTriage } from './policy.js';
import { questionConsentSubject } from './queries.js';
import {
  type OnBehalf,
  type Question,
  type QuestionStatus,
  questionAttachments,
  questionCategories,
  questionEvents,
  questionSettings,
  questions,
  type SecretField,
} from './schema.js';

/** A coordinate typed in a form: empty, or a decimal number within its range. */
function coordinate(min: number, max: number) {
  return z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'questions.errors.coordinate' });
        return z.NEVER;
      }
      return n;
    });
}

export const AskInput = z
  .object({
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(4000),
    categoryId: z.string().uuid('platform.errors.choice'),
    localityId: optionalId,
    address: optionalText(300),
    showName: checkbox,
    /** Asked on behalf of a council the person runs. */
    councilId: optionalId,
    /** Registered on behalf of someone who called, wrote or came by (their name and contact may be left empty: anonymous). */
    onBehalf: checkbox,
    behalfName: optionalText(200),
    behalfContact: optionalText(300),
    behalfChannel: z.enum(['phone', 'letter', 'visit', 'email']).optional().catch('phone'),
    /** Raised from a point of a meeting's minutes: the meeting and the point's place (from 0). */
    mote: optionalId,
    punkt: optionalInt(0, 100),
    /** A point on the map (WGS 84), both or neither; a decimal comma is read as a point. */
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: [v.lat === null ? 'lat' : 'lng'], message: 'questions.errors.pointPair' });
  });
export type AskInput = z.infer<typeof AskInput>;
/** What the question itself holds; who it is asked for is the command's options. */
export type AskFields = Pick<AskInput, 'subject' | 'body' | 'categoryId' | 'localityId' | 'address' | 'showName'> & {
  lat?: number | null;
  lng?: number | null;
};

/** The e-mail address in a free-text contact ("070-123 45 67, anna@example.org"), if there is one. */
export function emailIn(contact: string): string | null {
  return /[^\s,;<>]+@[^\s,;<>]+\.[a-z]{2,}/i.exec(contact)?.[0] ?? null;
}

/** The largest file a question takes, and how many. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 3;
/** What a question takes: photographs and PDF documents, known by their contents and a name that agrees. */
const ATTACHMENT_KINDS: FileKind[] = [
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'] },
  { type: 'image/png', ext: ['png'] },
  { type: 'image/webp', ext: ['webp'] },
  { type: 'application/pdf', ext: ['pdf'] },
];

export interface Attachment {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** The checked files of a form (at most three), or the field's error for the first that is refused. */
export async function checkAttachments(files: { filename: string; data: Uint8Array; truncated: boolean }[]): Promise<Result<Attachment[]>> {
  if (files.length > MAX_ATTACHMENTS) return fail('attachment', 'questions.errors.tooManyAttachments', { max: MAX_ATTACHMENTS });
  const out: Attachment[] = [];
  for (const f of files) {
    const checked = await checkAttachment(f);
    if (!checked.ok) return checked as Result<Attachment[]>;
    if (checked.value) out.push(checked.value);
  }
  return ok(out);
}

/** A checked attachment (none when the field was left empty), or the field's error. */
export async function checkAttachment(file: { filename: string; data: Uint8Array; truncated: boolean } | null): Promise<Result<Attachment | null>> {
  if (!file || (file.data.length === 0 && !file.truncated && !file.filename)) return ok(null);
  if (file.truncated || file.data.length > MAX_ATTACHMENT_BYTES)
    return fail('attachment', 'questions.errors.attachmentTooLarge', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  if (file.data.length === 0) return fail('attachment', 'questions.errors.attachmentType');
  const contentType = await detectFileType(file.filename, file.data, ATTACHMENT_KINDS);
  if (!contentType) return fail('attachment', 'questions.errors.attachmentType');
  return ok({ filename: cleanFilename(file.filename, 'bilaga'), contentType, data: file.data });
}

export const DEFAULT_PATTERN = '{YYYY}/{code}{serial:4}';

/** The date `days` working days after `from`: Monday to Friday, not the Swedish public holidays and the eves taken off. */
export function addWorkingDays(from: string, days: number): string {
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** Writes one step of a question's history, by the person who took it, in the command's transaction. */
function recordStep(
  tx: Db,
  actor: Actor,
  questionId: string,
  at: Date,
  step: { kind: string; status?: QuestionStatus | null; functionId: string; note?: string },
): Promise<unknown> {
  return tx.insert(questionEvents).values({
    tenantId: actor.tenantId,
    questionId,
    at,
    actorId: actor.user?.id ?? null,
    kind: step.kind,
    status: step.status ?? null,
    functionId: step.functionId,
    note: step.note ?? '',
  });
}

/**
 * Registers a question: the next serial of its function and year (taken in this transaction, so
 * concurrent registrations queue on the serial's row and a failed one gives its serial back), its
 * number from the municipality's pattern, the time of receipt, the first step of its history, and
 * the receipt mailed to the asker. A second submission of the same form leads to the same question.
 */
export async function askQuestion(
  db: Db,
  actor: Actor,
  input: AskFields,
  opts: {
    timeZone: string;
    submissionKey?: string | null;
    onBehalf?: OnBehalf | null;
    councilId?: string | null;
    now?: Date;
    receipt?: boolean;
    /** Filed by an Open311 client with this key, on someone's behalf. */
    apiKeyId?: string;
    /** The point of a meeting's minutes it was raised from. */
    source?: { meetingId: string; item: number; label: string } | null;
    /** The checked files sent with it. */
    attachments?: Attachment[];
  },
): Promise<Result<{ slug: string; number: string }>> {
  if (!actor.user && !opts.apiKeyId) throw new SignInRequiredError();
  const [category] = await db
    .select()
    .from(questionCategories)
    .where(and(eq(questionCategories.tenantId, actor.tenantId), eq(questionCategories.id, input.categoryId), eq(questionCategories.active, true)));
  if (!category) return fail('categoryId', 'platform.errors.choice');
  const [fns, places] = await Promise.all([listFunctions(db, actor.tenantId), input.localityId ? listLocalities(db, actor.tenantId) : []]);
  const fn = fns.find((f) => f.id === category.functionId);
  if (!fn) return fail('categoryId', 'platform.errors.choice');
  if (input.localityId && !places.some((l) => l.id === input.localityId)) return fail('localityId', 'platform.errors.choice');
  const now = opts.now ?? new Date();
  const local = localParts(now, opts.timeZone);
  const onBehalf = opts.onBehalf ?? null;
  return db.transaction(async (tx) => {
    const made = await once(tx, actor, opts.submissionKey ?? null, async () => {
      const [settings] = await tx.select().from(questionSettings).where(eq(questionSettings.tenantId, actor.tenantId));
      const [next] = rowsOf<{ last: number }>(
        await tx.execute(sql`
          insert into question_serials (tenant_id, function_id, year, last) values (${actor.tenantId}, ${fn.id}, ${local.year}, 1)
          on conflict (tenant_id, function_id, year) do update set last = question_serials.last + 1
          returning last`),
      );
      const serial = Number(next?.last);
      const number = formatNumber(settings?.numberPattern ?? DEFAULT_PATTERN, { year: local.year, code: fn.code || 'X', serial });
      const [row] = await tx
        .insert(questions)
        .values({
          tenantId: actor.tenantId,
          number,
          slug: numberSlug(number),
          year: local.year,
          serial,
          registeredFunctionId: fn.id,
          receivedAt: now,
          functionId: fn.id,
          categoryId: category.id,
          subject: input.subject,
          body: input.body,
          localityId: input.localityId,
          address: input.address,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          apiKeyId: opts.apiKeyId ?? null,
          sourceMeetingId: opts.source?.meetingId ?? null,
          sourceItem: opts.source?.item ?? null,
          sourceLabel: opts.source?.label ?? '',
          askerId: onBehalf ? null : (actor.user?.id ?? null),
          onBehalf,
          registeredBy: actor.user?.id ?? null,
          councilId: opts.councilId ?? null,
          dueDate: addWorkingDays(local.date, category.dueDays),
        })
        .returning({ id: questions.id, slug: questions.slug });
      if (!row) throw new Error('question not registered');
      // Named on this question's public page: a consent of its own, which the asker can withdraw from the profile.
      if (input.showName && !onBehalf && actor.user) {
        await giveConsent(tx, actor, 'publicName', askPath, { subject: questionConsentSubject(row.id), label: number });
      }
      if (opts.attachments?.length) {
        await tx.insert(questionAttachments).values(
          opts.attachments.map((a) => ({
            tenantId: actor.tenantId,
            questionId: row.id,
            filename: a.filename,
            contentType: a.contentType,
            bytes: a.data.length,
            data: a.data,
          })),
        );
      }
      await recordStep(tx, actor, row.id, now, {
        kind: opts.apiKeyId ? 'receivedByApp' : opts.source ? 'raisedInMeeting' : onBehalf ? 'registeredOnBehalf' : 'received',
        status: 'received',
        functionId: fn.id,
        note: opts.source?.label ?? '',
      });
      await audit(tx, actor, 'question.register', { type: 'question', id: row.id }, { number, ...(opts.apiKeyId ? { open311Key: opts.apiKeyId } : {}) });
      // The receipt goes to the asker, or to the person it was registered for when an e-mail address was given.
      if (opts.receipt !== false && (!onBehalf || emailIn(onBehalf.contact))) {
        await enqueue(tx, 'questions.sendReceipt', { questionId: row.id }, { tenantId: actor.tenantId });
      }
      return row.slug;
    });
    const [q] = await tx
      .select({ slug: questions.slug, number: questions.number })
      .from(questions)
      .where(and(eq(questions.tenantId, actor.tenantId), eq(questions.slug, made.result)));
    return ok(q as { slug: string; number: string });
  });
}

/** What a handler does with a question; each is a step in its history. */
export const HandleInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('forward'), functionId: z.string().uuid('platform.errors.choice'), note: z.string().trim().min(1).max(2000) }),
  z.object({ action: z.literal('triaged'), note: optionalText(2000) }),
  z.object({ action: z.literal('in_progress'), note: optionalText(2000) }),
  z.object({ action: z.literal('waiting'), note: z.string().trim().min(1).max(2000) }),
  z.object({ action: z.literal('not_ours'), note: z.string().trim().min(1).max(2000) }),
  z.object({ action: z.literal('duplicate'), note: z.string().trim().min(1).max(200) }),
  z.object({ action: z.literal('closed'), note: optionalText(2000) }),
  z.object({ action: z.literal('answered'), answer: z.string().trim().min(1).max(8000) }),
]);
export type HandleInput = z.infer<typeof HandleInput>;

/**
 * A handler's step: hand the question on to another function with a reason, take it up, ask the
 * asker for more, say it is not the municipality's (and where to turn), mark it a duplicate, close
 * it, or answer it. Refused on a form loaded before someone else's step; told to the asker.
 */
export async function handleQuestion(
  db: Db,
  actor: Actor,
  question: { id: string; functionId: string; councilId: string | null; status: string },
  input: HandleInput,
  version: Date,
): Promise<Result<null>> {
  // Triage (assessed, or routed on) is also the council's contact person's; the rest only the function's handlers'.
  const triage = input.action === 'triaged' || input.action === 'forward';
  if (!(triage ? canTriage(actor, question) : canHandle(actor, question))) throw new ForbiddenError();
  if (input.action === 'forward') {
    const fns = await listFunctions(db, actor.tenantId);
    if (!fns.some((f) => f.id === input.functionId) || input.functionId === question.functionId) return fail('functionId', 'platform.errors.choice');
  }
  const now = new Date();
  const status = input.action === 'forward' ? 'forwarded' : input.action;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(questions)
      .set({
        status,
        // Handed on, it waits for someone of the new function; any other handling step makes it the handler's.
        handlerId: input.action === 'forward' ? null : input.action === 'triaged' ? undefined : (actor.user?.id ?? null),
        ...(input.action === 'forward' ? { functionId: input.functionId } : {}),
        ...(input.action === 'answered' ? { answer: input.answer, answeredAt: now } : {}),
        updatedAt: now,
      })
      .where(and(eq(questions.id, question.id), eq(questions.tenantId, actor.tenantId), sameVersion(questions.updatedAt, version)))
      .returning({ id: questions.id, functionId: questions.functionId, councilId: questions.councilId });
    if (!row) return fail<null>('_form', 'platform.errors.stale');
    if (input.action === 'answered' && row.councilId)
      await emit(tx, actor, 'questions.answeredForCouncil', { questionId: question.id, councilId: row.councilId });
    await recordStep(tx, actor, question.id, now, {
      kind: input.action === 'forward' ? 'forwarded' : input.action,
      status,
      functionId: row.functionId,
      note: 'note' in input ? input.note : '',
    });
    await audit(tx, actor, `question.${input.action}`, { type: 'question', id: question.id }, { status });
    await emit(tx, actor, 'questions.changed', { questionId: question.id, status, at: now.toISOString() });
    return ok(null);
  });
}

/** Which parts of a question to mark confidential, and the provision relied on (required when any part is marked). */
export const SecrecyInput = z
  .object({
    secretSubject: checkbox,
    secretBody: checkbox,
    secretAnswer: checkbox,
    secretPlace: checkbox,
    secretNotes: checkbox,
    ground: optionalText(300),
  })
  .superRefine((v, ctx) => {
    const any = v.secretSubject || v.secretBody || v.secretAnswer || v.secretPlace || v.secretNotes;
    if (any && !v.ground) ctx.addIssue({ code: 'custom', path: ['ground'], message: 'questions.secrecy.groundRequired' });
  });
export type SecrecyInput = z.infer<typeof SecrecyInput>;

export function secretFieldsOf(input: SecrecyInput): SecretField[] {
  const fields: SecretField[] = [];
  if (input.secretSubject) fields.push('subject');
  if (input.secretBody) fields.push('body');
  if (input.secretAnswer) fields.push('answer');
  if (input.secretPlace) fields.push('place');
  if (input.secretNotes) fields.push('notes');
  return fields;
}

/**
 * A handler marks parts of a question confidential with the provision relied on (or lifts the
 * marking): when and by whom is kept, and the history says so in public (the ground, not the content).
 */
export async function markSecrecy(
  db: Db,
  actor: Actor,
  question: { id: string; functionId: string; askerId: string | null },
  input: SecrecyInput,
  version: Date,
): Promise<Result<null>> {
  if (!canHandle(actor, question)) throw new ForbiddenError();
  const fields = secretFieldsOf(input);
  const now = new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(questions)
      .set({
        secretFields: fields,
        secrecyGround: fields.length ? input.ground : '',
        secrecyAt: fields.length ? now : null,
        secrecyBy: fields.length ? (actor.user?.id ?? null) : null,
        updatedAt: now,
      })
      .where(and(eq(questions.id, question.id), eq(questions.tenantId, actor.tenantId), sameVersion(questions.updatedAt, version)))
      .returning({ functionId: questions.functionId });
    if (!row) return fail<null>('_form', 'platform.errors.stale');
    await recordStep(tx, actor, question.id, now, {
      kind: fields.length ? 'secrecy' : 'secrecyLifted',
      functionId: row.functionId,
      note: fields.length ? input.ground : '',
    });
    await audit(
      tx,
      actor,
      fields.length ? 'question.secrecy' : 'question.secrecyLifted',
      { type: 'question', id: question.id },
      { fields, ground: input.ground },
    );
    return ok(null);
  });
}

/** What the asker does with their own question: add what was asked for (while it is open), or open it again after the answer. */
export const AskerInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('info'), note: z.string().trim().min(1).max(4000) }),
  z.object({ action: z.literal('reopen'), note: z.string().trim().min(1).max(2000) }),
  z.object({ action: z.literal('withdraw'), note: optionalText(2000) }),
]);
export type AskerInput = z.infer<typeof AskerInput>;

const STILL_OPEN = ['received', 'triaged', 'forwarded', 'in_progress', 'waiting'];

/** Whether the asker may still open an answered question again: within the municipality's days from the answer. */
export function mayReopen(q: Pick<Question, 'status' | 'answeredAt'>, reopenDays: number, now = new Date()): boolean {
  return q.status === 'answered' && q.answeredAt !== null && now.getTime() - q.answeredAt.getTime() <= reopenDays * 86_400_000;
}

/**
 * The asker's step: more information while the question is open (a question waiting for the asker
 * goes back to the handler), or, within the set days after the answer, opening it again with a
 * reason (back in the function's inbox with a new due date). Each is a step in its history.
 */
export async function askerStep(
  db: Db,
  actor: Actor,
  question: Question,
  input: AskerInput,
  version: Date,
  opts: { reopenDays: number; timeZone: string },
): Promise<Result<null>> {
  if (!actor.user || question.askerId !== actor.user.id) throw new ForbiddenError();
  if ((input.action === 'info' || input.action === 'withdraw') && !STILL_OPEN.includes(question.status)) return fail('note', 'questions.asker.closed');
  if (input.action === 'reopen' && !mayReopen(question, opts.reopenDays)) return fail('note', 'questions.asker.tooLate', { days: opts.reopenDays });
  const now = new Date();
  const [category] = await db.select({ dueDays: questionCategories.dueDays }).from(questionCategories).where(eq(questionCategories.id, question.categoryId));
  // Withdrawn, it is closed and keeps its number; the register says so.
  const status: QuestionStatus =
    input.action === 'withdraw' ? 'closed' : input.action === 'reopen' || question.status === 'waiting' ? 'in_progress' : question.status;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(questions)
      .set({
        status,
        ...(input.action === 'reopen' ? { dueDate: addWorkingDays(localParts(now, opts.timeZone).date, category?.dueDays ?? 10) } : {}),
        updatedAt: now,
      })
      .where(and(eq(questions.id, question.id), eq(questions.tenantId, actor.tenantId), sameVersion(questions.updatedAt, version)))
      .returning({ functionId: questions.functionId });
    if (!row) return fail<null>('_form', 'platform.errors.stale');
    await recordStep(tx, actor, question.id, now, {
      kind: input.action === 'reopen' ? 'reopened' : input.action === 'withdraw' ? 'withdrawn' : 'info',
      status,
      functionId: row.functionId,
      note: input.note,
    });
    await audit(tx, actor, `question.${input.action}`, { type: 'question', id: question.id }, { status });
    await emit(tx, actor, 'questions.changed', { questionId: question.id, status, at: now.toISOString() });
    return ok(null);
  });
}

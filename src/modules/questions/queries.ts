import { and, asc, desc, eq, ilike, inArray, not, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { type Cursor, pageOf } from '../../platform/db/keyset.js';
import { escapeLike } from '../../platform/db/sql-helpers.js';
import { isFollowingSql } from '../../platform/notifications/index.js';
import { namedInPublicSql, userNameSql } from '../accounts/index.js';
import { councilRefSql } from '../councils/index.js';
import { meetingSlugSql } from '../meetings/index.js';
import { questionPath } from './paths.js';
import { open311Keys, type Question, type QuestionCategory, questionAttachments, questionCategories, questionEvents, questions } from './schema.js';
import { nothingSecretSql, publicSql, secretSql } from './secrecy.js';

export const REGISTER_PAGE_SIZE = 50;

/** A line of the public register: when, which number, at which function, about what. */
export interface RegisterRow {
  id: string;
  slug: string;
  number: string;
  receivedAt: Date;
  functionId: string;
  subject: string;
  /** The subject is confidential: the register shows that the question exists, not what it is about. */
  subjectSecret: boolean;
  status: Question['status'];
}

/** The categories a question can be asked in, by group and name. */
export function listCategories(db: Db, tenantId: string): Promise<QuestionCategory[]> {
  return db
    .select()
    .from(questionCategories)
    .where(and(eq(questionCategories.tenantId, tenantId), eq(questionCategories.active, true)))
    .orderBy(asc(questionCategories.groupName), asc(questionCategories.name));
}

/**
 * The public register (diarium): every registered question, newest first, 50 at a time;
 * `q` finds a number or words of the subject.
 */
export async function listRegister(
  db: Db,
  tenantId: string,
  opts: { q?: string; before?: Cursor<Date> } = {},
): Promise<{ rows: RegisterRow[]; next?: Cursor<Date> }> {
  const q = opts.q?.trim();
  const rows = await db
    .select({
      id: questions.id,
      slug: questions.slug,
      number: questions.number,
      receivedAt: questions.receivedAt,
      functionId: questions.functionId,
      subject: publicSql(questions.subject, 'subject'),
      subjectSecret: secretSql('subject'),
      status: questions.status,
    })
    .from(questions)
    .where(
      and(
        eq(questions.tenantId, tenantId),
        // A confidential subject is never matched by its words, only by its number.
        q ? or(ilike(questions.number, `%${escapeLike(q)}%`), and(not(secretSql('subject')), ilike(questions.subject, `%${escapeLike(q)}%`))) : undefined,
        opts.before ? sql`(${questions.receivedAt}, ${questions.id}) < (${opts.before.key.toISOString()}::timestamptz, ${opts.before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(questions.receivedAt), desc(questions.id))
    .limit(REGISTER_PAGE_SIZE + 1);
  return pageOf(rows, REGISTER_PAGE_SIZE, (last) => ({ key: last.receivedAt, id: last.id }));
}

/** What the consent of an asker who chose on the form to be named on one question is given for: this prefix and its id. */
const QUESTION_CONSENT = 'question:';

/** The subject of the consent to be named on one question. */
export function questionConsentSubject(questionId: string): string {
  return `${QUESTION_CONSENT}${questionId}`;
}

/**
 * SQL: whether public pages name the asker of the question in the statement: they chose so on the
 * form (a consent for this question, in force), or on their profile for their own questions
 * (not registered on someone's behalf, not a council's).
 */
const askerNamedSql = sql<boolean>`(${namedInPublicSql(sql`"questions"."asker_id"`, sql`${QUESTION_CONSENT} || "questions"."id"`)}
  or ("questions"."on_behalf" is null and "questions"."council_id" is null and ${namedInPublicSql(sql`"questions"."asker_id"`)}))`;

/** A question with its category, when the asker chose to be named their name, and whether the person follows it. */
export async function getQuestionBySlug(db: Db, tenantId: string, slug: string, userId: string | null = null) {
  const [row] = await db
    .select({
      question: questions,
      category: { name: questionCategories.name, code: questionCategories.code },
      // Named when the asker chose so on the form or on their profile (a consent in force), never otherwise.
      askerName: sql<string | null>`case when ${askerNamedSql} then ${userNameSql(sql`"questions"."asker_id"`)} end`,
      following: isFollowingSql(userId, 'question', sql`"questions"."id"`),
      council: councilRefSql(sql`"questions"."council_id"`, null),
      /** What was sent with it (not the files themselves). */
      attachments: sql<
        { id: string; filename: string; contentType: string; bytes: number }[]
      >`coalesce((select json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'bytes', a.bytes) order by a.created_at) from question_attachments a where a.question_id = "questions"."id"), '[]'::json)`,
      /** The meeting it was raised at, for the link to its minutes. */
      sourceMeetingSlug: meetingSlugSql(sql`"questions"."source_meeting_id"`),
      /** For handlers only: who asked, named or not. */
      askerForStaff: userNameSql(sql`"questions"."asker_id"`),
    })
    .from(questions)
    .innerJoin(questionCategories, eq(questionCategories.id, questions.categoryId))
    .where(and(eq(questions.tenantId, tenantId), eq(questions.slug, slug)))
    .limit(1);
  return row ?? null;
}

/**
 * Who took a step, by name, when they took it for the municipality (a handler, the intake, a contact
 * person: public roles); the asker's own steps and the receipt name no one.
 */
const STAFF_STEPS = [
  'registeredOnBehalf',
  'triaged',
  'forwarded',
  'in_progress',
  'waiting',
  'answered',
  'not_ours',
  'duplicate',
  'closed',
  'secrecy',
  'secrecyLifted',
];
export const staffNameSql: SQL<string | null> = sql<string | null>`case when ${questionEvents.kind} in (${sql.join(
  STAFF_STEPS.map((k) => sql`${k}`),
  sql`, `,
)}) then ${userNameSql(sql`"question_events"."actor_id"`)} end`;

/** A question's history, oldest first, with who took each step (those working for the municipality by name). */
export function listQuestionEvents(db: Db, questionId: string, nameOf: SQL<string | null> = staffNameSql) {
  return db
    .select({
      at: questionEvents.at,
      kind: questionEvents.kind,
      status: questionEvents.status,
      functionId: questionEvents.functionId,
      note: questionEvents.note,
      who: nameOf,
    })
    .from(questionEvents)
    .where(eq(questionEvents.questionId, questionId))
    .orderBy(asc(questionEvents.at), asc(questionEvents.id))
    .limit(200);
}

/** The numbers and addresses of the questions asked for (what a person follows); every registered question is public by number. */
export async function questionNames(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: questions.id, number: questions.number, subject: publicSql(questions.subject, 'subject'), slug: questions.slug })
    .from(questions)
    .where(and(eq(questions.tenantId, actor.tenantId), inArray(questions.id, ids)));
  return new Map(rows.map((r) => [r.id, { name: r.subject ? `${r.number}: ${r.subject}` : r.number, href: questionPath(r) }]));
}

/** An answered question as the knowledge base shows it. */
export interface KnowledgeRow {
  id: string;
  slug: string;
  number: string;
  subject: string;
  answer: string;
  answeredAt: Date | null;
}

/**
 * The knowledge base: answered questions, found by words in Swedish (ranked: the subject weighs
 * most, then the answer, then the question) or the latest answered; all, or one locality's.
 * A question with any part confidential is never in it.
 */
export function searchKnowledge(db: Db, tenantId: string, opts: { q?: string; localityId?: string; limit?: number }): Promise<KnowledgeRow[]> {
  const query = opts.q?.trim() ? sql`websearch_to_tsquery('swedish', ${opts.q.trim()})` : null;
  return db
    .select({
      id: questions.id,
      slug: questions.slug,
      number: questions.number,
      subject: questions.subject,
      answer: questions.answer,
      answeredAt: questions.answeredAt,
    })
    .from(questions)
    .where(
      and(
        eq(questions.tenantId, tenantId),
        eq(questions.status, 'answered'),
        nothingSecretSql,
        opts.localityId ? eq(questions.localityId, opts.localityId) : undefined,
        query ? sql`${questions.search} @@ ${query}` : undefined,
      ),
    )
    .orderBy(...(query ? [desc(sql`ts_rank(${questions.search}, ${query})`)] : []), desc(questions.answeredAt), desc(questions.id))
    .limit(opts.limit ?? 20);
}

/**
 * What the questions module holds about a person, for their export: the questions they asked, and
 * as staff the cases they registered, handled or made confidential, the steps they took in them
 * (what and when, not the notes, which may name others) and the Open311 keys they issued.
 */
export async function questionsPersonalData(db: Db, tenantId: string, userId: string) {
  const [asked, cases, steps, keys] = await Promise.all([
    db
      .select({
        id: questions.id,
        number: questions.number,
        subject: questions.subject,
        question: questions.body,
        receivedAt: questions.receivedAt,
        status: questions.status,
        answer: questions.answer,
        nameShownInPublic: askerNamedSql,
      })
      .from(questions)
      .where(and(eq(questions.tenantId, tenantId), eq(questions.askerId, userId)))
      .orderBy(desc(questions.receivedAt)),
    db
      .select({
        id: questions.id,
        number: questions.number,
        registered: sql<boolean>`${questions.registeredBy} = ${userId}`,
        handling: sql<boolean>`${questions.handlerId} = ${userId}`,
        madeConfidential: sql<boolean>`${questions.secrecyBy} = ${userId}`,
      })
      .from(questions)
      .where(
        and(
          eq(questions.tenantId, tenantId),
          sql`(${questions.registeredBy} = ${userId} or ${questions.handlerId} = ${userId} or ${questions.secrecyBy} = ${userId})`,
        ),
      )
      .orderBy(desc(questions.receivedAt))
      .limit(10000),
    db
      .select({ id: questionEvents.id, number: questions.number, kind: questionEvents.kind, at: questionEvents.at })
      .from(questionEvents)
      .innerJoin(questions, eq(questions.id, questionEvents.questionId))
      .where(and(eq(questionEvents.tenantId, tenantId), eq(questionEvents.actorId, userId)))
      .orderBy(desc(questionEvents.at))
      .limit(10000),
    db
      .select({ id: open311Keys.id, name: open311Keys.name, createdAt: open311Keys.createdAt, revokedAt: open311Keys.revokedAt })
      .from(open311Keys)
      .where(and(eq(open311Keys.tenantId, tenantId), eq(open311Keys.createdBy, userId))),
  ]);
  return { asked, cases, steps, open311Keys: keys };
}

/** One attachment's file, by the question it belongs to. */
export async function getAttachment(db: Db, tenantId: string, questionId: string, id: string) {
  const [row] = await db
    .select({ filename: questionAttachments.filename, contentType: questionAttachments.contentType, data: questionAttachments.data })
    .from(questionAttachments)
    .where(and(eq(questionAttachments.tenantId, tenantId), eq(questionAttachments.questionId, questionId), eq(questionAttachments.id, id)));
  return row ?? null;
}

/** A question as another module's page links to it: its number and public subject, its status, its address. */
export interface QuestionLink {
  id: string;
  name: string;
  href: string;
  status: string;
  answeredAt: Date | null;
}

/** The questions asked for, as links (the subject as the register shows it: hidden where it is confidential), in one statement. */
export async function questionLinks(db: Db, tenantId: string, ids: string[]): Promise<Map<string, QuestionLink>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: questions.id,
      number: questions.number,
      slug: questions.slug,
      subject: publicSql(questions.subject, 'subject'),
      status: questions.status,
      answeredAt: questions.answeredAt,
    })
    .from(questions)
    .where(and(eq(questions.tenantId, tenantId), inArray(questions.id, ids)));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.subject ? `${r.number}: ${r.subject}` : r.number, href: questionPath(r), status: r.status, answeredAt: r.answeredAt },
    ]),
  );
}

/** The latest questions asked in a council's name, about its locality or (a project's) to its function, newest first: what an action of a plan can link to. */
export async function questionChoices(
  db: Db,
  tenantId: string,
  where: { councilId: string | null; localityId: string | null; functionId?: string | null },
  limit = 60,
): Promise<QuestionLink[]> {
  const rules: SQL[] = [];
  if (where.functionId) rules.push(sql`${questions.functionId} = ${where.functionId}`);
  if (where.councilId) rules.push(sql`${questions.councilId} = ${where.councilId}`);
  if (where.localityId) rules.push(sql`${questions.localityId} = ${where.localityId}`);
  if (rules.length === 0) return [];
  const rows = await db
    .select({
      id: questions.id,
      number: questions.number,
      slug: questions.slug,
      subject: publicSql(questions.subject, 'subject'),
      status: questions.status,
      answeredAt: questions.answeredAt,
    })
    .from(questions)
    .where(and(eq(questions.tenantId, tenantId), or(...rules)))
    .orderBy(desc(questions.receivedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    name: r.subject ? `${r.number}: ${r.subject}` : r.number,
    href: questionPath(r),
    status: r.status,
    answeredAt: r.answeredAt,
  }));
}

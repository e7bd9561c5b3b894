import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import { OPEN_STATUSES } from '../inbox.js';
import { type QuestionStatus, questionCategories, questionEvents, questions } from '../schema.js';
import { publicSql, secretSql } from '../secrecy.js';

/** At most this many requests in one answer, as GeoReport v2 allows. */
export const MAX_REQUESTS = 1000;
export const CLOSED_STATUSES: QuestionStatus[] = ['answered', 'not_ours', 'duplicate', 'closed'];

/** A question as the API gives it to anyone: what is confidential is left out, as on its public page. */
const requestColumns = {
  id: questions.id,
  slug: questions.slug,
  number: questions.number,
  status: questions.status,
  subject: publicSql(questions.subject, 'subject'),
  description: publicSql(questions.body, 'body'),
  answer: publicSql(questions.answer, 'answer'),
  address: publicSql(questions.address, 'place'),
  placeSecret: secretSql('place'),
  lat: questions.lat,
  lng: questions.lng,
  receivedAt: questions.receivedAt,
  updatedAt: questions.updatedAt,
  dueDate: questions.dueDate,
  serviceCode: questionCategories.code,
  serviceName: questionCategories.name,
  functionId: questions.functionId,
  /** The first image sent with it, unless the question's text is confidential. */
  mediaId: sql<
    string | null
  >`case when 'body' = any(${questions.secretFields}) then null else (select a.id from question_attachments a where a.question_id = ${questions.id} and a.content_type like 'image/%' order by a.created_at limit 1) end`,
  /** The note of the latest step, unless the notes are confidential. */
  lastNote: sql<string>`case when 'notes' = any(${questions.secretFields}) then '' else coalesce((select e.note from question_events e where e.question_id = ${questions.id} and e.status is not null order by e.at desc, e.id desc limit 1), '') end`,
};

export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
  limit: number;
}

/**
 * GeoReport's `GET requests`: by id (then the other filters do not apply), or by service, time of
 * receipt and open/closed; newest first, by default the last 90 days.
 */
export function listRequests(db: Db, tenantId: string, f: RequestFilter) {
  const statuses = f.status?.length === 1 ? (f.status[0] === 'open' ? OPEN_STATUSES : CLOSED_STATUSES) : undefined;
  const where = f.ids
    ? and(eq(questions.tenantId, tenantId), inArray(questions.slug, f.ids))
    : and(
        eq(questions.tenantId, tenantId),
        f.serviceCodes?.length ? inArray(questionCategories.code, f.serviceCodes) : undefined,
        f.start ? gte(questions.receivedAt, f.start) : undefined,
        f.end ? lte(questions.receivedAt, f.end) : undefined,
        statuses ? inArray(questions.status, statuses) : undefined,
      );
  return db
    .select(requestColumns)
    .from(questions)
    .innerJoin(questionCategories, eq(questionCategories.id, questions.categoryId))
    .where(where)
    .orderBy(desc(questions.receivedAt), desc(questions.id))
    .limit(f.ids ? Math.min(f.ids.length, MAX_REQUESTS) : f.limit);
}

/** The request a token stands for (our requests are registered at once, so the token is the question's own id). */
export async function requestForToken(db: Db, tenantId: string, token: string) {
  const [row] = await db
    .select({ slug: questions.slug })
    .from(questions)
    .where(and(eq(questions.tenantId, tenantId), eq(questions.id, token)));
  return row ?? null;
}

/**
 * mySociety's `servicerequestupdates`: each step with a status taken between two times, oldest
 * first, so a FixMyStreet-style client can read status changes back. A step's note is left out
 * where the notes are confidential, and an answer where the answer is.
 */
export function listUpdates(db: Db, tenantId: string, f: { start?: Date; end?: Date; limit: number }) {
  return db
    .select({
      id: questionEvents.id,
      slug: questions.slug,
      status: questionEvents.status,
      kind: questionEvents.kind,
      functionId: questionEvents.functionId,
      at: questionEvents.at,
      note: sql<string>`case when 'notes' = any(${questions.secretFields}) then '' else ${questionEvents.note} end`,
      answer: publicSql(questions.answer, 'answer'),
    })
    .from(questionEvents)
    .innerJoin(questions, eq(questions.id, questionEvents.questionId))
    .where(
      and(
        eq(questionEvents.tenantId, tenantId),
        isNotNull(questionEvents.status),
        f.start ? gte(questionEvents.at, f.start) : undefined,
        f.end ? lte(questionEvents.at, f.end) : undefined,
      ),
    )
    .orderBy(asc(questionEvents.at), asc(questionEvents.id))
    .limit(f.limit);
}

/** The categories as GeoReport services, in group and name order. */
export function listServices(db: Db, tenantId: string) {
  return db
    .select({ code: questionCategories.code, name: questionCategories.name, group: questionCategories.groupName, description: questionCategories.description })
    .from(questionCategories)
    .where(and(eq(questionCategories.tenantId, tenantId), eq(questionCategories.active, true)))
    .orderBy(asc(questionCategories.groupName), asc(questionCategories.name));
}

import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { type Cursor, pageOf } from '../../platform/db/keyset.js';
import { contactCouncilIds } from '../councils/index.js';
import { canHandle, inboxFunctions } from './policy.js';
import { type QuestionStatus, questions } from './schema.js';
import { secretSql } from './secrecy.js';

export const INBOX_PAGE_SIZE = 50;
/** The statuses a question still waits in: an inbox shows these unless asked for another. */
export const OPEN_STATUSES: QuestionStatus[] = ['received', 'triaged', 'forwarded', 'in_progress', 'waiting'];

/**
 * A handler's inbox: the questions routed to their functions (all of them for the intake), those
 * due first, 50 at a time, with the count per status in the same statement's sibling.
 */
export interface InboxFilter {
  status?: QuestionStatus;
  categoryId?: string;
  localityId?: string;
  /** A handler's id, or `none` for those nobody has taken up yet. */
  handler?: string;
  after?: Cursor<string>;
}

export async function listInbox(db: Db, actor: Actor, opts: InboxFilter = {}) {
  const fns = inboxFunctions(actor);
  // A contact person also sees every question of their councils, wherever it is routed.
  const councils = contactCouncilIds(actor);
  const reach = [fns?.length ? inArray(questions.functionId, fns) : undefined, councils.length ? inArray(questions.councilId, councils) : undefined].filter(
    (x): x is NonNullable<typeof x> => x !== undefined,
  );
  const mine = and(eq(questions.tenantId, actor.tenantId), fns ? (reach.length ? or(...reach) : sql`false`) : undefined);
  const statuses = opts.status ? [opts.status] : OPEN_STATUSES;
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: questions.id,
        slug: questions.slug,
        number: questions.number,
        subject: questions.subject,
        subjectSecret: secretSql('subject'),
        status: questions.status,
        functionId: questions.functionId,
        receivedAt: questions.receivedAt,
        handlerId: questions.handlerId,
        dueDate: sql<string>`coalesce(${questions.dueDate}, '9999-12-31'::date)::text`,
      })
      .from(questions)
      .where(
        and(
          mine,
          inArray(questions.status, statuses),
          opts.categoryId ? eq(questions.categoryId, opts.categoryId) : undefined,
          opts.localityId ? eq(questions.localityId, opts.localityId) : undefined,
          opts.handler === 'none' ? isNull(questions.handlerId) : opts.handler ? eq(questions.handlerId, opts.handler) : undefined,
          opts.after
            ? sql`(coalesce(${questions.dueDate}, '9999-12-31'::date), ${questions.id}) > (${opts.after.key}::date, ${opts.after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(sql`coalesce(${questions.dueDate}, '9999-12-31'::date)`), asc(questions.id))
      .limit(INBOX_PAGE_SIZE + 1),
    db.select({ status: questions.status, n: sql<number>`count(*)::int` }).from(questions).where(mine).groupBy(questions.status),
  ]);
  // A contact person sees their councils' questions routed elsewhere, but not what is confidential in them.
  const shown = rows.map((r) => (r.subjectSecret && !canHandle(actor, r) ? { ...r, subject: '' } : r));
  const page = pageOf(shown, INBOX_PAGE_SIZE, (last) => ({ key: last.dueDate, id: last.id }));
  return { ...page, counts: new Map(counts.map((c) => [c.status, Number(c.n)])) };
}

import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../authz/index.js';
import { type Db, rowsOf } from '../db/index.js';
import { pageOf } from '../db/keyset.js';
import { queueImmediateMail } from './mail.js';
import { follows, notifications } from './schema.js';

/**
 * Follows and notifications belong to the platform: a module declares what can be followed (its
 * `followables`) and, when something happens, tells the followers and the people concerned with
 * `notifyFollowers` and `notifyPeople`, usually from a queued subscriber of its own events.
 */

export type Notification = typeof notifications.$inferSelect;

/** Starts following a subject for a person (a signed-in actor, or seed data); following it again changes nothing. */
export async function follow(db: Db, person: { tenantId: string; userId: string }, kind: string, subjectId: string): Promise<void> {
  await db.insert(follows).values({ tenantId: person.tenantId, userId: person.userId, kind, subjectId }).onConflictDoNothing();
}

/** Stops following a subject. */
export async function unfollow(db: Db, actor: Actor, kind: string, subjectId: string): Promise<void> {
  if (!actor.user) return;
  await db
    .delete(follows)
    .where(and(eq(follows.tenantId, actor.tenantId), eq(follows.userId, actor.user.id), eq(follows.kind, kind), eq(follows.subjectId, subjectId)));
}

/** SQL for another module's statement: whether the person follows the subject (false for a visitor). */
export function isFollowingSql(userId: string | null, kind: string, subjectId: SQL): SQL<boolean> {
  if (!userId) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from follows f where f.user_id = ${userId} and f.kind = ${kind} and f.subject_id = ${subjectId})`;
}

/** What a person follows, newest first (a person follows tens of things, not thousands). */
export function listFollows(db: Db, actor: Actor): Promise<{ kind: string; subjectId: string; createdAt: Date }[]> {
  if (!actor.user) return Promise.resolve([]);
  return db
    .select({ kind: follows.kind, subjectId: follows.subjectId, createdAt: follows.createdAt })
    .from(follows)
    .where(and(eq(follows.tenantId, actor.tenantId), eq(follows.userId, actor.user.id)))
    .orderBy(desc(follows.createdAt))
    .limit(500);
}

/** What a notification says and where it leads; `source` names the event, so it tells each person once. */
export interface NotificationText {
  tenantId: string;
  /** The kind of notice (declared in the module's `notices`), for the person's mail settings. */
  event: string;
  source: string;
  messageKey: string;
  vars: Record<string, string>;
  link: string;
  /** What a digest groups it under (the council's or organisation's name). */
  topic: string;
  /** When it happened (the event's time), if not now: a digest takes what happened before its 07:00. */
  at?: string;
}

/** How many followers one statement tells at most: a fan-out to thousands is many short statements, never one long transaction. */
export const FAN_OUT_BATCH = 1000;

/**
 * Tells everyone who follows the subject, a batch of followers at a time, each batch in its own
 * short transaction with the mail of those who want it at once; `except` (the person who did it)
 * is not told, and `onlyWhere` narrows the followers further by an SQL condition on
 * `"follows"."user_id"` (those who may see a members-only meeting). Run again after a crash
 * half-way, it adds only what is missing and queues no mail twice. Answers how many followers it
 * went through.
 */
export async function notifyFollowers(
  db: Db,
  n: NotificationText & { kind: string; subjectId: string; except?: string | null; onlyWhere?: SQL },
  opts: { batch?: number; afterBatch?: (done: number) => void } = {},
): Promise<number> {
  const size = opts.batch ?? FAN_OUT_BATCH;
  let after: string | null = null;
  let told = 0;
  let batches = 0;
  for (;;) {
    const batch: { last: string | null; n: number } = await db.transaction(async (tx) => {
      const rows = rowsOf<{ last: string | null; n: number }>(
        await tx.execute(sql`
          with batch as (
            select "follows"."user_id" from follows
            where "follows"."tenant_id" = ${n.tenantId} and "follows"."kind" = ${n.kind} and "follows"."subject_id" = ${n.subjectId}
              ${after ? sql`and "follows"."user_id" > ${after}::uuid` : sql``}
              ${n.except ? sql`and "follows"."user_id" <> ${n.except}::uuid` : sql``}
              ${n.onlyWhere ? sql`and ${n.onlyWhere}` : sql``}
            order by "follows"."user_id" limit ${size}
          ), told as (
            insert into notifications (tenant_id, user_id, event, source, message_key, vars, link, topic, personal, created_at)
            select ${n.tenantId}, batch.user_id, ${n.event}, ${n.source}, ${n.messageKey}, ${JSON.stringify(n.vars)}::jsonb, ${n.link}, ${n.topic}, false,
              ${n.at ? sql`${n.at}::timestamptz` : sql`now()`}
            from batch
            on conflict do nothing
          )
          select (select user_id::text from batch order by user_id desc limit 1) as last, (select count(*)::int from batch) as n`),
      );
      await queueImmediateMail(tx, n.tenantId, n.source);
      return { last: rows[0]?.last ?? null, n: Number(rows[0]?.n ?? 0) };
    });
    if (!batch.last || batch.n === 0) break;
    told += batch.n;
    after = batch.last;
    opts.afterBatch?.(++batches);
    if (batch.n < size) break;
  }
  return told;
}

/**
 * Tells the people an event concerns directly (the person given an action item, those registered
 * for a cancelled meeting); each once. `mailed` says the module has written to them itself, so no
 * notification mail follows.
 */
export async function notifyPeople(db: Db, n: NotificationText & { userIds: string[]; except?: string | null; mailed?: boolean }): Promise<void> {
  const ids = [...new Set(n.userIds)].filter((id) => id !== n.except);
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(notifications)
      .values(
        ids.map((userId) => ({
          tenantId: n.tenantId,
          userId,
          event: n.event,
          source: n.source,
          messageKey: n.messageKey,
          vars: n.vars,
          link: n.link,
          topic: n.topic,
          personal: true,
          mailedAt: n.mailed ? new Date() : null,
          ...(n.at ? { createdAt: new Date(n.at) } : {}),
        })),
      )
      .onConflictDoNothing();
    await queueImmediateMail(tx, n.tenantId, n.source);
  });
}

/** SQL for the statement that loads the signed-in person: how many notifications they have not read. */
export function unreadCountSql(userId: SQL, tenantId: SQL): SQL<number> {
  return sql<number>`(select count(*)::int from notifications n where n.user_id = ${userId} and n.tenant_id = ${tenantId} and n.read_at is null)`;
}

export const NOTIFICATION_PAGE_SIZE = 25;

/** A person's notifications, newest first, 25 at a time (keyset on time and id). */
export async function listNotifications(db: Db, actor: Actor, before?: { at: Date; id: string }) {
  const user = actor.user;
  if (!user) return { rows: [] as Notification[], next: undefined };
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, actor.tenantId),
        eq(notifications.userId, user.id),
        before ? sql`("notifications"."created_at", "notifications"."id") < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATION_PAGE_SIZE + 1);
  return pageOf(rows, NOTIFICATION_PAGE_SIZE, (last) => ({ key: last.createdAt, id: last.id }));
}

/** Marks every notification of the person read. */
export async function markAllRead(db: Db, actor: Actor): Promise<void> {
  if (!actor.user) return;
  await db
    .update(notifications)
    .set({ readAt: new Date(), updatedAt: new Date() })
    .where(and(eq(notifications.tenantId, actor.tenantId), eq(notifications.userId, actor.user.id), isNull(notifications.readAt)));
}

/** What a person's data export holds of follows and notifications: theirs, all of them. */
export async function notificationsPersonalData(db: Db, tenantId: string, userId: string) {
  const [mine, told] = await Promise.all([
    db
      .select({ kind: follows.kind, subjectId: follows.subjectId, since: follows.createdAt })
      .from(follows)
      .where(and(eq(follows.tenantId, tenantId), eq(follows.userId, userId))),
    db
      .select({ event: notifications.event, link: notifications.link, vars: notifications.vars, at: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId)))
      .orderBy(desc(notifications.createdAt)),
  ]);
  return { follows: mine, notifications: told };
}

import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { pageOf } from '../db/keyset.js';
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
  event: string;
  source: string;
  messageKey: string;
  vars: Record<string, string>;
  link: string;
}

/**
 * Tells everyone who follows the subject, in one statement however many they are; `except` (the
 * person who did it) is not told, and `onlyWhere` narrows the followers further by an SQL condition
 * on `"follows"."user_id"` (those who may see a members-only meeting). Running it again adds nothing.
 */
export async function notifyFollowers(
  db: Db,
  n: NotificationText & { kind: string; subjectId: string; except?: string | null; onlyWhere?: SQL },
): Promise<number> {
  const result = await db.execute(sql`
    insert into notifications (tenant_id, user_id, event, source, message_key, vars, link)
    select ${n.tenantId}, "follows"."user_id", ${n.event}, ${n.source}, ${n.messageKey}, ${JSON.stringify(n.vars)}::jsonb, ${n.link}
    from follows
    where "follows"."tenant_id" = ${n.tenantId} and "follows"."kind" = ${n.kind} and "follows"."subject_id" = ${n.subjectId}
      ${n.except ? sql`and "follows"."user_id" <> ${n.except}` : sql``}
      ${n.onlyWhere ? sql`and ${n.onlyWhere}` : sql``}
    on conflict do nothing`);
  return Number((result as { affectedRows?: number; rowCount?: number }).affectedRows ?? (result as { rowCount?: number }).rowCount ?? 0);
}

/** Tells the people an event concerns directly (those registered for a cancelled meeting); each once. */
export async function notifyPeople(db: Db, n: NotificationText & { userIds: string[]; except?: string | null }): Promise<void> {
  const ids = [...new Set(n.userIds)].filter((id) => id !== n.except);
  if (ids.length === 0) return;
  await db
    .insert(notifications)
    .values(ids.map((userId) => ({ tenantId: n.tenantId, userId, event: n.event, source: n.source, messageKey: n.messageKey, vars: n.vars, link: n.link })))
    .onConflictDoNothing();
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

import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { visitor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import type { DomainEvent } from '../../platform/events.js';
import { enqueue } from '../../platform/jobs/index.js';
import type { Subscriptions } from '../../platform/module.js';
import { meetingRegistrations, meetings } from './core/schema.js';

/** Everyone who had said they were coming to a cancelled meeting gets a notice, one mail a person (each its own job, retried alone). */
async function tellThoseRegistered(event: DomainEvent<'meetings.cancelled'>, db: Db): Promise<void> {
  if (!event.payload.wasPublished) return;
  const { meetingId } = event.payload;
  await db.transaction(async (tx) => {
    const registered = await tx
      .select({ userId: meetingRegistrations.userId })
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered')));
    for (const r of registered) await enqueue(tx, 'meetings.sendCancellation', { meetingId, userId: r.userId }, { tenantId: event.tenantId });
  });
}

/** A disabled account cannot come: its answers to meetings that have not begun are withdrawn, so its places go to others. */
async function withdrawAnswersOfDisabled(event: DomainEvent<'accounts.userDisabled'>, db: Db): Promise<void> {
  const { userId } = event.payload;
  await db.transaction(async (tx) => {
    const upcoming = tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.tenantId, event.tenantId), gt(meetings.startsAt, sql`now()`)));
    const gone = await tx
      .delete(meetingRegistrations)
      .where(and(eq(meetingRegistrations.tenantId, event.tenantId), eq(meetingRegistrations.userId, userId), inArray(meetingRegistrations.meetingId, upcoming)))
      .returning({ meetingId: meetingRegistrations.meetingId });
    for (const g of gone) {
      await audit(tx, visitor(event.tenantId), 'meeting.withdraw', { type: 'meeting', id: g.meetingId }, { userId, because: 'accounts.userDisabled' });
    }
  });
}

/** What the meetings module does when things happen: its own cancellations, and accounts being disabled. */
export const meetingSubscriptions: Subscriptions = {
  'meetings.cancelled': { run: 'job', handle: (event, { db }) => tellThoseRegistered(event, db) },
  'accounts.userDisabled': { run: 'job', handle: (event, { db }) => withdrawAnswersOfDisabled(event, db) },
};

import { and, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { visitor } from '../../platform/authz/index.js';
import { type Db, rowsOf } from '../../platform/db/index.js';
import type { DomainEvent } from '../../platform/events.js';
import { defineRecurring, enqueue, type RecurringTask } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyFollowers, notifyPeople } from '../../platform/notifications/index.js';
import { personInsideCouncilSql } from '../councils/index.js';
import { getMeetingById } from './core/access.js';
import { organiserName } from './core/format.js';
import { actionItems, meetingRegistrations, meetings } from './core/schema.js';
import { meetingPath, minutesPath } from './paths.js';

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

type MeetingEvent =
  | DomainEvent<'meetings.published'>
  | DomainEvent<'meetings.moved'>
  | DomainEvent<'meetings.cancelled'>
  | DomainEvent<'meetings.minutesPublished'>;

/**
 * Tells the followers of the meeting's council and place what happened, in the service: never the person who
 * did it, and for a members-only meeting (or one of a private network) only those inside the
 * council. With `alsoRegistered`, those who said they were coming are told too. One statement
 * however many follow; run again after a crash it tells nobody twice.
 */
export async function tellFollowers(event: MeetingEvent, db: Db, alsoRegistered = false): Promise<void> {
  const found = await getMeetingById(db, event.tenantId, event.payload.meetingId);
  if (!found || found.meeting.status === 'draft') return;
  const m = found.meeting;
  const text = {
    tenantId: event.tenantId,
    event: 'meetings.followed',
    topic: organiserName(found),
    at: event.at,
    source: `${event.name}:${m.id}:${event.at}`,
    messageKey: `meetings.notify.${event.name.slice('meetings.'.length)}`,
    vars: { title: m.title, organiser: organiserName(found) },
    link: event.name === 'meetings.minutesPublished' ? minutesPath(m) : meetingPath(m),
  };
  if (found.council) {
    const privateToCouncil = m.visibility === 'members' || !found.council.isPublic;
    await notifyFollowers(db, {
      ...text,
      kind: 'council',
      subjectId: found.council.id,
      except: event.actorId,
      onlyWhere: privateToCouncil ? personInsideCouncilSql(sql`"follows"."user_id"`, sql`${found.council.id}::uuid`) : undefined,
    });
  }
  // Those who follow the meeting place hear of public meetings there (someone following both the
  // council and the place is told once: the notification is one per person and event).
  const isPublic = m.visibility === 'public' && (!found.council || found.council.isPublic);
  if (m.meetingPlaceId && isPublic) {
    await notifyFollowers(db, { ...text, kind: 'meetingPlace', subjectId: m.meetingPlaceId, except: event.actorId });
  }
  if (alsoRegistered) {
    const registered = await db
      .select({ userId: meetingRegistrations.userId })
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, m.id), eq(meetingRegistrations.status, 'registered')));
    // They get a cancellation by mail from the meetings module itself (tellThoseRegistered), whatever their
    // settings; a move concerns them personally, so it is mailed as they choose (at once unless they say otherwise).
    const cancelled = event.name === 'meetings.cancelled';
    await notifyPeople(db, {
      ...text,
      event: 'meetings.attending',
      userIds: registered.map((r) => r.userId),
      except: event.actorId,
      mailed: cancelled,
    });
  }
}

/**
 * The people given action items in minutes just published are told, each once per item and person
 * (a correction that gives an item to someone else tells the new owner).
 */
async function tellOwners(event: DomainEvent<'meetings.minutesPublished'>, db: Db): Promise<void> {
  const keys = event.payload.actionItemKeys;
  if (keys.length === 0) return;
  const found = await getMeetingById(db, event.tenantId, event.payload.meetingId);
  if (!found) return;
  const given = await db
    .select({ id: actionItems.id, description: actionItems.description, ownerUserId: actionItems.ownerUserId })
    .from(actionItems)
    .where(
      and(
        eq(actionItems.meetingId, event.payload.meetingId),
        inArray(actionItems.key, keys),
        isNotNull(actionItems.ownerUserId),
        isNull(actionItems.doneAt),
        isNull(actionItems.withdrawnAt),
      ),
    );
  const organiser = organiserName(found);
  for (const a of given) {
    await notifyPeople(db, {
      tenantId: event.tenantId,
      event: 'meetings.actionItem',
      source: `action:${a.id}:given:${a.ownerUserId}`,
      messageKey: 'meetings.notify.actionGiven',
      vars: { description: a.description, organiser },
      link: minutesPath(found.meeting),
      topic: organiser,
      at: event.at,
      userIds: [a.ownerUserId as string],
      except: event.actorId,
    });
  }
}

/**
 * Overdue action items: once a day has passed their due date (in the municipality's time zone),
 * their owners are told, once. Safe to run on two workers: the claim is one UPDATE.
 */
export function overdueReminders({ db }: AppServices): RecurringTask[] {
  return [
    defineRecurring('meetings.overdueActionItems', 60 * 60 * 1000, async () => {
      const due = rowsOf<{ id: string; tenant_id: string; owner_user_id: string; description: string; due_date: string; meeting_id: string }>(
        await db.execute(sql`
          update action_items a set overdue_told_at = now(), updated_at = now()
          from tenants t
          where t.id = a.tenant_id and a.owner_user_id is not null and a.done_at is null and a.withdrawn_at is null
            and a.overdue_told_at is null and a.due_date < (now() at time zone t.time_zone)::date
          returning a.id, a.tenant_id, a.owner_user_id, a.description, a.due_date::text, a.meeting_id`),
      );
      for (const a of due) {
        const found = await getMeetingById(db, a.tenant_id, a.meeting_id);
        if (!found) continue;
        const organiser = organiserName(found);
        await notifyPeople(db, {
          tenantId: a.tenant_id,
          event: 'meetings.actionItem',
          source: `action:${a.id}:overdue`,
          messageKey: 'meetings.notify.actionOverdue',
          vars: { description: a.description, organiser, due: a.due_date },
          link: minutesPath(found.meeting),
          topic: organiser,
          userIds: [a.owner_user_id],
        });
      }
    }),
  ];
}

/** What the meetings module does when things happen: its own publications and cancellations, and accounts being disabled. */
export const meetingSubscriptions: Subscriptions = {
  'meetings.published': { run: 'job', handle: (event, { db }) => tellFollowers(event, db) },
  'meetings.moved': { run: 'job', handle: (event, { db }) => tellFollowers(event, db, true) },
  'meetings.minutesPublished': {
    run: 'job',
    handle: async (event, { db }) => {
      await tellFollowers(event, db);
      await tellOwners(event, db);
    },
  },
  'meetings.cancelled': {
    run: 'job',
    handle: async (event, { db }) => {
      // The notifications first: they are safe to repeat, so a retry after a failure below sends no mail twice.
      if (event.payload.wasPublished) await tellFollowers(event, db, true);
      await tellThoseRegistered(event, db);
    },
  },
  'accounts.userDisabled': { run: 'job', handle: (event, { db }) => withdrawAnswersOfDisabled(event, db) },
};

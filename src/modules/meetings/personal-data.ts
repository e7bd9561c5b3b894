import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { meetingAttendance, meetingMinutes, meetingRegistrations, meetings } from './core/schema.js';

/**
 * What the meetings module holds about a person, for their export: their answers to meetings, the
 * meetings the minutes record them as present at, and the minutes they were named to check.
 */
export async function personalDataOf(db: Db, tenantId: string, userId: string) {
  const [registrations, attendance, checking] = await Promise.all([
    db
      .select({
        id: meetingRegistrations.id,
        meeting: meetings.title,
        startsAt: meetings.startsAt,
        answer: meetingRegistrations.status,
        note: meetingRegistrations.note,
      })
      .from(meetingRegistrations)
      .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
      .where(and(eq(meetingRegistrations.tenantId, tenantId), eq(meetingRegistrations.userId, userId)))
      .orderBy(asc(meetings.startsAt)),
    db
      .select({ id: meetingAttendance.id, meeting: meetings.title, startsAt: meetings.startsAt, recordedAt: meetingAttendance.createdAt })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .where(and(eq(meetingAttendance.tenantId, tenantId), eq(meetingAttendance.userId, userId)))
      .orderBy(asc(meetings.startsAt)),
    db
      .select({
        meeting: meetings.title,
        startsAt: meetings.startsAt,
        version: meetingMinutes.version,
        checked: sql<boolean>`${userId}::uuid = any(${meetingMinutes.checkedBy})`,
      })
      .from(meetingMinutes)
      .innerJoin(meetings, eq(meetings.id, meetingMinutes.meetingId))
      .where(and(eq(meetingMinutes.tenantId, tenantId), sql`${userId}::uuid = any(${meetingMinutes.checkerIds})`))
      .orderBy(asc(meetings.startsAt), asc(meetingMinutes.version)),
  ]);
  return { registrations, attendance, minutesChecker: checking };
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { actionItems, meetingAttendance, meetingDocuments, meetingMinutes, meetingRegistrations, meetings } from './core/schema.js';

/**
 * What the meetings module holds about a person, for their export: their answers to meetings, the
 * meetings the minutes record them as present at, the minutes they were named to check or
 * published, the action items given to them or marked done by them, and the meetings and
 * documents they added.
 */
export async function personalDataOf(db: Db, tenantId: string, userId: string) {
  const [registrations, attendance, checking, items, made, documents] = await Promise.all([
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
        id: meetingMinutes.id,
        meeting: meetings.title,
        startsAt: meetings.startsAt,
        version: meetingMinutes.version,
        checker: sql<boolean>`${userId}::uuid = any(${meetingMinutes.checkerIds})`,
        checked: sql<boolean>`${userId}::uuid = any(${meetingMinutes.checkedBy})`,
        published: sql<boolean>`${meetingMinutes.publishedBy} is not distinct from ${userId}::uuid`,
      })
      .from(meetingMinutes)
      .innerJoin(meetings, eq(meetings.id, meetingMinutes.meetingId))
      .where(
        and(
          eq(meetingMinutes.tenantId, tenantId),
          sql`(${userId}::uuid = any(${meetingMinutes.checkerIds}) or ${userId}::uuid = any(${meetingMinutes.checkedBy}) or ${meetingMinutes.publishedBy} = ${userId})`,
        ),
      )
      .orderBy(asc(meetings.startsAt), asc(meetingMinutes.version)),
    db
      .select({
        id: actionItems.id,
        description: actionItems.description,
        dueDate: actionItems.dueDate,
        owner: sql<boolean>`${actionItems.ownerUserId} is not distinct from ${userId}::uuid`,
        doneAt: actionItems.doneAt,
        doneByYou: sql<boolean>`${actionItems.doneBy} is not distinct from ${userId}::uuid`,
      })
      .from(actionItems)
      .where(and(eq(actionItems.tenantId, tenantId), sql`(${actionItems.ownerUserId} = ${userId} or ${actionItems.doneBy} = ${userId})`))
      .limit(10000),
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.createdBy, userId)))
      .orderBy(asc(meetings.startsAt))
      .limit(10000),
    db
      .select({ id: meetingDocuments.id, filename: meetingDocuments.filename, uploadedAt: meetingDocuments.createdAt })
      .from(meetingDocuments)
      .where(and(eq(meetingDocuments.tenantId, tenantId), eq(meetingDocuments.uploadedBy, userId)))
      .limit(10000),
  ]);
  return { registrations, attendance, minutes: checking, actionItems: items, meetingsAdded: made, documentsAdded: documents };
}

import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, visitor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { type CouncilRef, councilIsPublicSql, councilRefSql, insideCouncilSql } from '../../councils/index.js';
import { type MeetingPlaceRef, meetingPlaceRefSql } from '../../places/index.js';
import {
  type actionItems,
  type agendaItems,
  type meetingAttendance,
  type meetingBodies,
  type meetingDocuments,
  type meetingMinutes,
  type meetingRegistrations,
  meetings,
} from './schema.js';

export type Meeting = typeof meetings.$inferSelect;

export type AgendaItem = typeof agendaItems.$inferSelect;

export type MeetingBody = typeof meetingBodies.$inferSelect;

export type Registration = typeof meetingRegistrations.$inferSelect;

export type Attendance = typeof meetingAttendance.$inferSelect;

export type Minutes = typeof meetingMinutes.$inferSelect;

export type ActionItem = typeof actionItems.$inferSelect;

export type DocumentInfo = Omit<typeof meetingDocuments.$inferSelect, 'data'>;

/** A meeting with what the pages and the policy need to know about its organiser. */
export interface MeetingAccess {
  meeting: Meeting;
  council: CouncilRef | null;
  body: { id: string; slug: string; name: string } | null;
  place: MeetingPlaceRef | null;
}

const bodyJson = sql<
  MeetingAccess['body']
>`(select json_build_object('id', b.id, 'slug', b.slug, 'name', b.name) from meeting_bodies b where b.id = "meetings"."body_id")`;

const placeJson = meetingPlaceRefSql(sql`"meetings"."meeting_place_id"`);

/** What a meeting's page and its policy read, the person's roles in the council included. */
export const accessColumns = (userId: string | null) => ({
  meeting: meetings,
  council: councilRefSql(sql`"meetings"."council_id"`, userId),
  body: bodyJson,
  place: placeJson,
});

/** A meeting by slug with its council (and the actor's roles in it) or body, in one statement; null if none. */
export async function getMeetingBySlug(db: Db, actor: Actor, slug: string): Promise<MeetingAccess | null> {
  const [row] = await db
    .select(accessColumns(actor.user?.id ?? null))
    .from(meetings)
    .where(and(eq(meetings.tenantId, actor.tenantId), eq(meetings.slug, slug)))
    .limit(1);
  return row ?? null;
}

/**
 * The SQL form of the meeting view rule for lists and feeds: published or cancelled, and either
 * public (with a public council) or inside the actor's councils. Drafts are never listed here.
 */
export function visibleMeetings(actor: Actor): SQL {
  const councilId = sql`"meetings"."council_id"`;
  return sql`("meetings"."status" <> 'draft' and (("meetings"."visibility" = 'public' and ("meetings"."council_id" is null or ${councilIsPublicSql(councilId)}))
    or ("meetings"."council_id" is not null and ${insideCouncilSql(actor, councilId)})))`;
}

/** Only what anyone may see, for feeds read without signing in: the same rule for a visitor. */
export const publicMeetings = visibleMeetings(visitor(''));

/** Meetings last at most a day (a check constraint): a search for meetings not yet ended can start its index scan a day back. */
export const DAY_MS = 24 * 3600 * 1000;

/** A meeting in a list: the meeting and the name of who holds it. */
export type MeetingListItem = MeetingAccess;

/** A meeting by id with its organiser, for background work that has no visitor. */
export async function getMeetingById(db: Db, tenantId: string, id: string, userId: string | null = null): Promise<MeetingAccess | null> {
  const [row] = await db
    .select(accessColumns(userId))
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)))
    .limit(1);
  return row ?? null;
}

/** A meeting's slug by its id, as a column of another module's statement (for a link back to it). */
export const meetingSlugSql = (id: SQL): SQL<string | null> => sql<string | null>`(select m.slug from meetings m where m.id = ${id})`;

import { and, asc, desc, eq, gt, gte, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, visitor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { type CouncilRef, councilIsPublicSql, councilRefSql, insideCouncilSql } from '../councils/index.js';
import { type MeetingPlaceRef, meetingPlaceRefSql } from '../places/index.js';
import {
  actionItems,
  agendaItems,
  calendarKeys,
  meetingAttendance,
  meetingBodies,
  meetingDocuments,
  meetingMinutes,
  meetingRegistrations,
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
const accessColumns = (userId: string | null) => ({
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
const DAY_MS = 24 * 3600 * 1000;

/** A meeting in a list: the meeting and the name of who holds it. */
export type MeetingListItem = MeetingAccess;

/**
 * A council's next and latest meetings for its page, in one statement: the `limit` soonest coming
 * ones (drafts too for those who run it) and the `limit` most recent past ones with whether their
 * minutes are published.
 */
export async function listCouncilMeetings(
  db: Db,
  actor: Actor,
  councilId: string,
  opts: { includeDrafts: boolean; limit: number },
): Promise<{ upcoming: MeetingListItem[]; past: (MeetingListItem & { minutesVersion: number | null })[] }> {
  const now = new Date();
  const visible = visibleMeetings(actor);
  const upcomingRule = opts.includeDrafts ? sql`(${visible} or "meetings"."status" = 'draft')` : visible;
  // The inner selects read the same table: their unqualified "meetings" is their own row.
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const chosen = sql`(select "meetings"."id" from meetings where "meetings"."council_id" = ${councilId} and "meetings"."starts_at" > ${dayAgo}
      and "meetings"."ends_at" >= ${now} and ${upcomingRule}
      order by "meetings"."starts_at" asc limit ${opts.limit})
    union all
    (select "meetings"."id" from meetings where "meetings"."council_id" = ${councilId} and "meetings"."starts_at" < ${now}
      and "meetings"."ends_at" < ${now} and ${visible}
      order by "meetings"."starts_at" desc limit ${opts.limit})`;
  const rows = await db
    .select({
      ...accessColumns(actor.user?.id ?? null),
      minutesVersion: sql<number | null>`(select max(mm.version) from meeting_minutes mm where mm.meeting_id = "meetings"."id" and mm.status = 'published')`,
    })
    .from(meetings)
    .where(and(eq(meetings.tenantId, actor.tenantId), sql`"meetings"."id" in (${chosen})`))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  return {
    upcoming: rows.filter((r) => r.meeting.endsAt >= now),
    past: rows.filter((r) => r.meeting.endsAt < now).reverse(),
  };
}

/** Each council's next visible meeting, for the list of councils, in one statement that reads a few index rows per council. */
export async function nextMeetingPerCouncil(db: Db, actor: Actor, councilIds: string[]): Promise<Map<string, Meeting>> {
  if (councilIds.length === 0) return new Map();
  const now = new Date();
  const next = sql`(select n.id from unnest(${sql.param(councilIds)}::uuid[]) as c(id)
    cross join lateral (select "meetings"."id" from meetings where "meetings"."council_id" = c.id and "meetings"."starts_at" > ${new Date(now.getTime() - DAY_MS)}
      and "meetings"."ends_at" >= ${now} and "meetings"."status" = 'published' and ${visibleMeetings(actor)}
      order by "meetings"."starts_at" limit 1) as n)`;
  const rows = await db
    .select({ meeting: meetings })
    .from(meetings)
    .where(and(eq(meetings.tenantId, actor.tenantId), sql`"meetings"."id" in ${next}`));
  return new Map(rows.map((r) => [r.meeting.councilId as string, r.meeting]));
}

export const CALENDAR_PAGE_SIZE = 25;

export interface CalendarFilter {
  councilId?: string;
  bodyId?: string;
  /** Only the political bodies' meetings. */
  political?: boolean;
  /** Subqueries of council ids from the councils module (by kind, by locality). */
  councilIdsIn?: SQL[];
  meetingPlaceId?: string;
  from?: Date;
  to?: Date;
  after?: { at: Date; id: string };
}

/** The public calendar: visible meetings in time order, filtered, 25 at a time (keyset on start and id). */
export async function listCalendar(db: Db, actor: Actor, f: CalendarFilter): Promise<{ rows: MeetingListItem[]; next?: { at: Date; id: string } }> {
  const conditions: (SQL | undefined)[] = [eq(meetings.tenantId, actor.tenantId), visibleMeetings(actor)];
  if (f.councilId) conditions.push(eq(meetings.councilId, f.councilId));
  if (f.bodyId) conditions.push(eq(meetings.bodyId, f.bodyId));
  if (f.political) conditions.push(sql`"meetings"."body_id" is not null`);
  for (const ids of f.councilIdsIn ?? []) conditions.push(sql`"meetings"."council_id" in (${ids})`);
  if (f.meetingPlaceId) conditions.push(eq(meetings.meetingPlaceId, f.meetingPlaceId));
  if (f.from) conditions.push(gte(meetings.endsAt, f.from), gt(meetings.startsAt, new Date(f.from.getTime() - DAY_MS)));
  if (f.to) conditions.push(lt(meetings.startsAt, f.to));
  if (f.after) conditions.push(or(gt(meetings.startsAt, f.after.at), and(eq(meetings.startsAt, f.after.at), gt(meetings.id, f.after.id))));
  const rows = await db
    .select(accessColumns(actor.user?.id ?? null))
    .from(meetings)
    .where(and(...conditions))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(CALENDAR_PAGE_SIZE + 1);
  const page = rows.slice(0, CALENDAR_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > CALENDAR_PAGE_SIZE && last ? { at: last.meeting.startsAt, id: last.meeting.id } : undefined };
}

/** At most this many meetings go in one feed: a year back and everything ahead. */
export const FEED_LIMIT = 1000;

/** Meetings for an iCalendar feed, from a year ago on, with who holds them. */
export function listFeedMeetings(db: Db, tenantId: string, where: SQL): Promise<MeetingListItem[]> {
  const since = new Date(Date.now() - 366 * 24 * 3600 * 1000);
  return db
    .select(accessColumns(null))
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), gte(meetings.startsAt, since), where))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(FEED_LIMIT);
}

/** A meeting's agenda in order. */
export function listAgenda(db: Db, meetingId: string): Promise<AgendaItem[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

const documentInfo = {
  id: meetingDocuments.id,
  tenantId: meetingDocuments.tenantId,
  meetingId: meetingDocuments.meetingId,
  agendaItemId: meetingDocuments.agendaItemId,
  filename: meetingDocuments.filename,
  contentType: meetingDocuments.contentType,
  sizeBytes: meetingDocuments.sizeBytes,
  isPublic: meetingDocuments.isPublic,
  uploadedBy: meetingDocuments.uploadedBy,
  createdAt: meetingDocuments.createdAt,
  updatedAt: meetingDocuments.updatedAt,
};

/** A meeting's documents without their contents; the non-public ones only when asked for. */
export function listDocuments(db: Db, meetingId: string, includeInternal: boolean): Promise<DocumentInfo[]> {
  return db
    .select(documentInfo)
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), includeInternal ? undefined : eq(meetingDocuments.isPublic, true)))
    .orderBy(asc(meetingDocuments.createdAt));
}

/** One document with its contents. */
export async function getDocument(db: Db, meetingId: string, id: string): Promise<typeof meetingDocuments.$inferSelect | null> {
  const [row] = await db
    .select()
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.id, id)))
    .limit(1);
  return row ?? null;
}

/** A person's own answer to a meeting. */
export interface MyAnswer {
  status: Registration['status'];
  organisationId: string | null;
  note: string;
}

/** How many have registered, and the actor's own answer, in one statement. */
export async function getRegistrationSummary(db: Db, meetingId: string, userId: string | null): Promise<{ registered: number; mine: MyAnswer | null }> {
  const [row] = await db
    .select({
      registered: sql<number>`count(*) filter (where ${meetingRegistrations.status} = 'registered')`.mapWith(Number),
      mine: sql<MyAnswer | null>`(select json_build_object('status', r.status, 'organisationId', r.organisation_id, 'note', r.note)
        from meeting_registrations r where r.meeting_id = ${meetingId} and r.user_id = ${userId}::uuid)`,
    })
    .from(meetingRegistrations)
    .where(eq(meetingRegistrations.meetingId, meetingId));
  return { registered: row?.registered ?? 0, mine: row?.mine ?? null };
}

/** Everyone who answered, registered first, for those who run the meeting. */
export function listRegistrations(db: Db, meetingId: string): Promise<Registration[]> {
  return db
    .select()
    .from(meetingRegistrations)
    .where(eq(meetingRegistrations.meetingId, meetingId))
    .orderBy(asc(meetingRegistrations.status), asc(meetingRegistrations.createdAt))
    .limit(2000);
}

/** Who was recorded as present. */
export function listAttendance(db: Db, meetingId: string): Promise<Attendance[]> {
  return db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).orderBy(asc(meetingAttendance.createdAt)).limit(2000);
}

/** Every version of a meeting's minutes, newest first. */
export function listMinutesVersions(db: Db, meetingId: string): Promise<Minutes[]> {
  return db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).orderBy(desc(meetingMinutes.version));
}

export type OpenActionItem = ActionItem & { meetingSlug: string; meetingStartsAt: Date };

/**
 * A council's open action items that the actor may see (those of meetings the actor may see, by
 * the same rule as every list of meetings), oldest due first (undated last), at most `limit`
 * (100), from meetings before `before` when given; `after` (an item's id) continues the list
 * after that item, and `withTotal` counts every such item in the same statement.
 */
export async function listOpenActionItems(
  db: Db,
  actor: Actor,
  councilId: string,
  opts: { before?: Date; limit?: number; after?: string; withTotal?: boolean } = {},
): Promise<{ rows: OpenActionItem[]; next?: string; total?: number }> {
  const limit = opts.limit ?? 100;
  // The meeting's address and date are read per item (an index lookup each) rather than by a join,
  // which would read every meeting of the municipality to find the few an open item belongs to.
  const meetingOf = (column: string) => sql.raw(`(select m.${column} from meetings m where m.id = "action_items"."meeting_id")`);
  // Undated items come last: an open item without a due date sorts as due at infinity.
  const due = sql`coalesce(${actionItems.dueDate}, 'infinity'::date)`;
  const rows = await db
    .select({
      item: actionItems,
      meetingSlug: sql<string>`${meetingOf('slug')}`,
      meetingStartsAt: sql<Date>`${meetingOf('starts_at')}`.mapWith((v: string | Date) => new Date(v)),
      total: opts.withTotal ? sql<number>`count(*) over ()`.mapWith(Number) : sql<number>`0`.mapWith(Number),
    })
    .from(actionItems)
    .where(
      and(
        eq(actionItems.tenantId, actor.tenantId),
        eq(actionItems.councilId, councilId),
        isNull(actionItems.doneAt),
        isNull(actionItems.withdrawnAt),
        // The council's meetings the actor may not see are read once (usually none or a few), not once per item.
        sql`not ("action_items"."meeting_id" = any(array(select "meetings"."id" from meetings where "meetings"."council_id" = ${councilId} and not ${visibleMeetings(actor)})))`,
        opts.before ? sql`${meetingOf('starts_at')} < ${opts.before}` : undefined,
        opts.after
          ? sql`(${due}, ${actionItems.createdAt}, ${actionItems.id}) > (select coalesce(a.due_date, 'infinity'::date), a.created_at, a.id from action_items a where a.id = ${opts.after} and a.council_id = ${councilId})`
          : undefined,
      ),
    )
    .orderBy(due, asc(actionItems.createdAt), asc(actionItems.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r.item, meetingSlug: r.meetingSlug, meetingStartsAt: r.meetingStartsAt }));
  return {
    rows: page,
    next: rows.length > limit ? page[page.length - 1]?.id : undefined,
    total: opts.withTotal ? (rows[0]?.total ?? 0) : undefined,
  };
}

/** The action items brought from a meeting's published minutes. */
export function listActionItemsOfMeeting(db: Db, meetingId: string): Promise<ActionItem[]> {
  return db.select().from(actionItems).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.createdAt));
}

/** A person's answered meetings that they may still see (someone who left a council loses its members-only ones), soonest first, from a year back. */
export function listMyMeetings(db: Db, actor: Actor): Promise<(MeetingListItem & { answer: string })[]> {
  const since = new Date(Date.now() - 366 * 24 * 3600 * 1000);
  return db
    .select({ ...accessColumns(actor.user?.id ?? null), answer: meetingRegistrations.status })
    .from(meetingRegistrations)
    .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
    .where(
      and(
        eq(meetingRegistrations.tenantId, actor.tenantId),
        eq(meetingRegistrations.userId, actor.user?.id ?? ''),
        gte(meetings.endsAt, since),
        visibleMeetings(actor),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(200);
}

/** The municipal bodies of the political calendar. */
export function listBodies(db: Db, tenantId: string): Promise<MeetingBody[]> {
  return db.select().from(meetingBodies).where(eq(meetingBodies.tenantId, tenantId)).orderBy(asc(meetingBodies.name));
}

/** A person's calendar secret, if they have one. */
export async function getCalendarSalt(db: Db, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ salt: calendarKeys.salt })
    .from(calendarKeys)
    .where(and(eq(calendarKeys.tenantId, tenantId), eq(calendarKeys.userId, userId)))
    .limit(1);
  return row?.salt ?? null;
}

/** A meeting by id with its organiser, for background work that has no visitor. */
export async function getMeetingById(db: Db, tenantId: string, id: string): Promise<MeetingAccess | null> {
  const [row] = await db
    .select(accessColumns(null))
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)))
    .limit(1);
  return row ?? null;
}

/** Minutes out for checking where the person is an appointed checker and has not approved yet. */
export function listMinutesToCheck(db: Db, actor: Actor): Promise<{ slug: string; title: string; startsAt: Date; version: number }[]> {
  const me = actor.user?.id;
  if (!me) return Promise.resolve([]);
  return db
    .select({ slug: meetings.slug, title: meetings.title, startsAt: meetings.startsAt, version: meetingMinutes.version })
    .from(meetingMinutes)
    .innerJoin(meetings, eq(meetings.id, meetingMinutes.meetingId))
    .where(
      and(
        eq(meetingMinutes.tenantId, actor.tenantId),
        eq(meetingMinutes.status, 'checking'),
        sql`${me}::uuid = any(${meetingMinutes.checkerIds})`,
        sql`not (${me}::uuid = any(${meetingMinutes.checkedBy}))`,
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(50);
}

/**
 * What the meetings module holds about a person, for their export: their answers to meetings, the
 * meetings the minutes record them as present at, and the minutes they were named to check.
 */
export async function personalDataOf(db: Db, tenantId: string, userId: string) {
  const [registrations, attendance, checking] = await Promise.all([
    db
      .select({ meeting: meetings.title, startsAt: meetings.startsAt, answer: meetingRegistrations.status, note: meetingRegistrations.note })
      .from(meetingRegistrations)
      .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
      .where(and(eq(meetingRegistrations.tenantId, tenantId), eq(meetingRegistrations.userId, userId)))
      .orderBy(asc(meetings.startsAt)),
    db
      .select({ meeting: meetings.title, startsAt: meetings.startsAt, recordedAt: meetingAttendance.createdAt })
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

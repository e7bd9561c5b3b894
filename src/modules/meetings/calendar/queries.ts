import { and, asc, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../../platform/db/keyset.js';
import { accessColumns, DAY_MS, type Meeting, type MeetingListItem, visibleMeetings } from '../core/access.js';
import { calendarKeys, meetingRegistrations, meetings } from '../core/schema.js';

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
  after?: Cursor<Date>;
}

/** The public calendar: visible meetings in time order, filtered, 25 at a time (keyset on start and id). */
export async function listCalendar(db: Db, actor: Actor, f: CalendarFilter): Promise<{ rows: MeetingListItem[]; next?: Cursor<Date> }> {
  const conditions: (SQL | undefined)[] = [eq(meetings.tenantId, actor.tenantId), visibleMeetings(actor)];
  if (f.councilId) conditions.push(eq(meetings.councilId, f.councilId));
  if (f.bodyId) conditions.push(eq(meetings.bodyId, f.bodyId));
  if (f.political) conditions.push(sql`"meetings"."body_id" is not null`);
  for (const ids of f.councilIdsIn ?? []) conditions.push(sql`"meetings"."council_id" in (${ids})`);
  if (f.meetingPlaceId) conditions.push(eq(meetings.meetingPlaceId, f.meetingPlaceId));
  if (f.from) conditions.push(gte(meetings.endsAt, f.from), gt(meetings.startsAt, new Date(f.from.getTime() - DAY_MS)));
  if (f.to) conditions.push(lt(meetings.startsAt, f.to));
  conditions.push(afterCursor(meetings.startsAt, meetings.id, f.after));
  const rows = await db
    .select(accessColumns(actor.user?.id ?? null))
    .from(meetings)
    .where(and(...conditions))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(CALENDAR_PAGE_SIZE + 1);
  return pageOf(rows, CALENDAR_PAGE_SIZE, (last) => ({ key: last.meeting.startsAt, id: last.meeting.id }));
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

/** A person's answered meetings that they may still see (someone who left a council loses its members-only ones), from a year back: coming ones soonest first, then past ones latest first. */
export function listMyMeetings(db: Db, actor: Actor): Promise<(MeetingListItem & { answer: string })[]> {
  const since = new Date(Date.now() - 366 * 24 * 3600 * 1000);
  return (
    db
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
      // Coming ones first, soonest first, then past ones, latest first: a page of at most 100 keeps what matters.
      .orderBy(sql`("meetings"."ends_at" < now())`, sql`case when "meetings"."ends_at" >= now() then "meetings"."starts_at" end asc`, desc(meetings.startsAt))
      .limit(MY_MEETINGS_LIMIT)
  );
}

/** How many of a person's answered meetings their page shows. */
export const MY_MEETINGS_LIMIT = 100;

/** A person's calendar secret, if they have one. */
export async function getCalendarSalt(db: Db, tenantId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ salt: calendarKeys.salt })
    .from(calendarKeys)
    .where(and(eq(calendarKeys.tenantId, tenantId), eq(calendarKeys.userId, userId)))
    .limit(1);
  return row?.salt ?? null;
}

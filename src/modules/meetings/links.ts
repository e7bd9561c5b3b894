import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { visibleMeetings } from './core/access.js';
import { actionItems, meetings } from './core/schema.js';
import { meetingPath } from './paths.js';

/** A meeting or an action item as another module's page names it: what it is called, when, and where it is. */
export interface MeetingLink {
  id: string;
  name: string;
  href: string;
  startsAt: Date;
  done?: boolean;
}

/**
 * The meetings and action items of those asked for that the actor may see (by the one rule of
 * every list of meetings), each with its name and address, in one statement; the rest are left out.
 */
export async function meetingLinks(db: Db, actor: Actor, ids: { meetings: string[]; actionItems: string[] }): Promise<Map<string, MeetingLink>> {
  const out = new Map<string, MeetingLink>();
  if (ids.meetings.length === 0 && ids.actionItems.length === 0) return out;
  const rows = await db
    .select({
      meetingId: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      itemId: sql<string | null>`null`,
      itemText: sql<string | null>`null`,
      doneAt: sql<Date | null>`null`,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, actor.tenantId),
        inArray(meetings.id, ids.meetings.length ? ids.meetings : ['00000000-0000-0000-0000-000000000000']),
        visibleMeetings(actor),
      ),
    )
    .unionAll(
      db
        .select({
          meetingId: meetings.id,
          slug: meetings.slug,
          title: meetings.title,
          startsAt: meetings.startsAt,
          itemId: sql<string | null>`${actionItems.id}`,
          itemText: sql<string | null>`${actionItems.description}`,
          doneAt: sql<Date | null>`${actionItems.doneAt}`,
        })
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .where(
          and(
            eq(actionItems.tenantId, actor.tenantId),
            inArray(actionItems.id, ids.actionItems.length ? ids.actionItems : ['00000000-0000-0000-0000-000000000000']),
            isNull(actionItems.withdrawnAt),
            visibleMeetings(actor),
          ),
        ),
    );
  for (const r of rows) {
    const startsAt = new Date(r.startsAt);
    if (r.itemId) out.set(r.itemId, { id: r.itemId, name: r.itemText ?? '', href: meetingPath(r), startsAt, done: r.doneAt !== null });
    else out.set(r.meetingId, { id: r.meetingId, name: r.title, href: meetingPath(r), startsAt });
  }
  return out;
}

/**
 * What an action of a council's plan can be linked to: the council's latest meetings the actor
 * may see (the last three years, the coming ones too) and the action items of their minutes, newest
 * first, at most `limit` of each.
 */
export async function meetingChoices(db: Db, actor: Actor, councilId: string, limit = 60): Promise<{ meetings: MeetingLink[]; actionItems: MeetingLink[] }> {
  const since = new Date(Date.now() - 3 * 365 * 86_400_000);
  const rows = await db
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      items: sql<
        { id: string; text: string; done: boolean }[]
      >`coalesce((select json_agg(json_build_object('id', a.id, 'text', a.description, 'done', a.done_at is not null) order by a.created_at) from action_items a where a.meeting_id = "meetings"."id" and a.withdrawn_at is null), '[]'::json)`,
    })
    .from(meetings)
    .where(and(eq(meetings.tenantId, actor.tenantId), eq(meetings.councilId, councilId), sql`${meetings.startsAt} >= ${since}`, visibleMeetings(actor)))
    .orderBy(desc(meetings.startsAt))
    .limit(limit);
  const out = { meetings: [] as MeetingLink[], actionItems: [] as MeetingLink[] };
  for (const r of rows) {
    const startsAt = new Date(r.startsAt);
    out.meetings.push({ id: r.id, name: r.title, href: meetingPath(r), startsAt });
    for (const a of r.items) if (out.actionItems.length < limit) out.actionItems.push({ id: a.id, name: a.text, href: meetingPath(r), startsAt, done: a.done });
  }
  return out;
}

/** A meeting a council held, as the evidence of a yearly report lists it. */
export interface HeldMeeting {
  slug: string;
  title: string;
  startsAt: Date;
  open: boolean;
  minutesPublishedAt: Date | null;
}

/**
 * The meetings a council held between two moments (published, not cancelled, already over), each
 * with whether it was open to all and when its minutes were first published: what a council's
 * yearly report to the municipality states, read from the calendar itself (one statement).
 */
export async function meetingsHeld(db: Db, tenantId: string, councilId: string, from: Date, to: Date): Promise<HeldMeeting[]> {
  const rows = await db
    .select({
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      visibility: meetings.visibility,
      minutesPublishedAt: sql<
        string | null
      >`(select min(mm.published_at) from meeting_minutes mm where mm.meeting_id = "meetings"."id" and mm.status = 'published')`,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.councilId, councilId),
        eq(meetings.status, 'published'),
        sql`${meetings.startsAt} >= ${from} and ${meetings.startsAt} < ${to} and ${meetings.endsAt} < now()`,
      ),
    )
    .orderBy(meetings.startsAt)
    .limit(500);
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    startsAt: new Date(r.startsAt),
    open: r.visibility === 'public',
    minutesPublishedAt: r.minutesPublishedAt ? new Date(r.minutesPublishedAt) : null,
  }));
}

/** A meeting of a political body, as a decision taken at it names it. */
export interface BodyMeeting {
  id: string;
  title: string;
  startsAt: Date;
  href: string;
  body: string;
}

/**
 * The published meetings of the municipality's political bodies from four months back to four
 * months ahead, for a decision to name the meeting that took it (one statement).
 */
export async function bodyMeetingChoices(db: Db, tenantId: string): Promise<BodyMeeting[]> {
  const rows = await db
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      body: sql<string>`(select b.name from meeting_bodies b where b.id = ${meetings.bodyId})`,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, tenantId),
        eq(meetings.status, 'published'),
        sql`${meetings.bodyId} is not null and ${meetings.startsAt} between now() - interval '120 days' and now() + interval '120 days'`,
      ),
    )
    .orderBy(meetings.startsAt)
    .limit(80);
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: new Date(r.startsAt), href: meetingPath(r), body: r.body }));
}

/** SQL for other modules' statements: the meeting whose id is `id` as JSON `{ title, slug, startsAt }` (null if none). */
export function meetingRefSql(id: SQL): SQL<{ title: string; slug: string; startsAt: string } | null> {
  return sql<{
    title: string;
    slug: string;
    startsAt: string;
  } | null>`(select json_build_object('title', m.title, 'slug', m.slug, 'startsAt', m.starts_at) from meetings m where m.id = ${id})`;
}

import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { pageOf } from '../../../platform/db/keyset.js';
import { getUserNamesForPublic } from '../../accounts/index.js';
import { councilPublicRoleSql } from '../../councils/index.js';
import { type ActionItem, type Attendance, type Minutes, visibleMeetings } from '../core/access.js';
import { actionItems, meetingAttendance, meetingMinutes, meetings } from '../core/schema.js';

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
  const page = pageOf(rows, limit, (last) => last.item.id);
  return {
    rows: page.rows.map((r) => ({ ...r.item, meetingSlug: r.meetingSlug, meetingStartsAt: r.meetingStartsAt })),
    next: page.next,
    total: opts.withTotal ? (rows[0]?.total ?? 0) : undefined,
  };
}

/** The action items brought from a meeting's published minutes. */
export function listActionItemsOfMeeting(db: Db, meetingId: string): Promise<ActionItem[]> {
  return db.select().from(actionItems).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.createdAt));
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
 * The names of the people a set of minutes mentions, each with whether public records may name
 * them (one statement): by consent, as officials (staff roles), every elected member at a
 * political body's meeting, or by a public council role (chair, secretary, an organisation's
 * representative). The minutes' checkers are public by their role too; the caller knows them.
 */
export function namesInMinutes(db: Db, tenantId: string, ids: string[], meeting: { councilId: string | null }, staffRoles: string[]) {
  const { councilId } = meeting;
  return getUserNamesForPublic(db, tenantId, ids, {
    publicRoles: staffRoles,
    alsoPublic: (person) => (councilId ? councilPublicRoleSql(person, sql`${councilId}::uuid`) : sql<boolean>`true`),
  });
}

import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { afterCursor, type Cursor, pageOf } from '../../platform/db/keyset.js';
import { isFollowingSql } from '../../platform/notifications/index.js';
import { meetingPlacePath } from './paths.js';
import { meetingPlaces } from './schema.js';

export type MeetingPlace = typeof meetingPlaces.$inferSelect;

export const PLACE_PAGE_SIZE = 25;

/** Meeting places by name, 25 at a time (keyset on name and id), optionally in one locality. */
export async function listMeetingPlaces(
  db: Db,
  tenantId: string,
  f: { localityId?: string; after?: Cursor<string> } = {},
): Promise<{ rows: MeetingPlace[]; next?: Cursor<string> }> {
  const rows = await db
    .select()
    .from(meetingPlaces)
    .where(
      and(
        eq(meetingPlaces.tenantId, tenantId),
        f.localityId ? eq(meetingPlaces.localityId, f.localityId) : undefined,
        afterCursor(meetingPlaces.name, meetingPlaces.id, f.after),
      ),
    )
    .orderBy(asc(meetingPlaces.name), asc(meetingPlaces.id))
    .limit(PLACE_PAGE_SIZE + 1);
  return pageOf(rows, PLACE_PAGE_SIZE, (last) => ({ key: last.name, id: last.id }));
}

/** Every meeting place's id and name, for choosing one in a form (a municipality has tens, not thousands). */
export function listMeetingPlaceChoices(db: Db, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: meetingPlaces.id, name: meetingPlaces.name })
    .from(meetingPlaces)
    .where(eq(meetingPlaces.tenantId, tenantId))
    .orderBy(asc(meetingPlaces.name))
    .limit(500);
}

/** Every meeting place, for the administration list (a municipality keeps tens of them; at most 500 are shown). */
export function listAllMeetingPlaces(db: Db, tenantId: string): Promise<MeetingPlace[]> {
  return db.select().from(meetingPlaces).where(eq(meetingPlaces.tenantId, tenantId)).orderBy(asc(meetingPlaces.name)).limit(500);
}

/** A meeting place by slug. */
export async function getMeetingPlaceBySlug(
  db: Db,
  tenantId: string,
  slug: string,
  userId: string | null = null,
): Promise<(MeetingPlace & { following: boolean }) | null> {
  const [row] = await db
    .select({ place: meetingPlaces, following: isFollowingSql(userId, 'meetingPlace', sql`"meeting_places"."id"`) })
    .from(meetingPlaces)
    .where(and(eq(meetingPlaces.tenantId, tenantId), eq(meetingPlaces.slug, slug)))
    .limit(1);
  return row ? { ...row.place, following: row.following } : null;
}

/** The names and addresses of meeting places, of those asked for (what a person follows); every place is public. */
export async function meetingPlaceNames(db: Db, actor: Actor, ids: string[]): Promise<Map<string, { name: string; href: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: meetingPlaces.id, name: meetingPlaces.name, slug: meetingPlaces.slug })
    .from(meetingPlaces)
    .where(and(eq(meetingPlaces.tenantId, actor.tenantId), inArray(meetingPlaces.id, ids)));
  return new Map(rows.map((r) => [r.id, { name: r.name, href: meetingPlacePath(r) }]));
}

/** Meeting places by id, in one statement (for lists of meetings that show where). */
export async function getMeetingPlaces(db: Db, tenantId: string, ids: string[]): Promise<Map<string, MeetingPlace>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(meetingPlaces)
    .where(and(eq(meetingPlaces.tenantId, tenantId), sql`"meeting_places"."id" = any(${sql.param(ids)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, r]));
}

/** What a list of meetings shows of a meeting place. */
export interface MeetingPlaceRef {
  id: string;
  slug: string;
  name: string;
  address: string;
}

/** SQL for other modules' queries: the meeting place whose id is `id` as a JSON `MeetingPlaceRef`, or null. */
export function meetingPlaceRefSql(id: SQL): SQL<MeetingPlaceRef | null> {
  return sql<MeetingPlaceRef | null>`(select json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'address', p.address) from meeting_places p where p.id = ${id})`;
}

import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import type { Registration } from '../core/access.js';
import { meetingRegistrations } from '../core/schema.js';

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

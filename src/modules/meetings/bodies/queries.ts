import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import type { MeetingBody } from '../core/access.js';
import { meetingBodies } from '../core/schema.js';

/** The municipal bodies of the political calendar. */
export function listBodies(db: Db, tenantId: string): Promise<MeetingBody[]> {
  return db.select().from(meetingBodies).where(eq(meetingBodies.tenantId, tenantId)).orderBy(asc(meetingBodies.name));
}

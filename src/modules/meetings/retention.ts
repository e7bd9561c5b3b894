import { sql } from 'drizzle-orm';
import { countTouched } from '../../platform/db/sql-helpers.js';
import type { RetentionKind } from '../../platform/retention/index.js';

/** Answers to a meeting serve its planning: once the meeting is long past, they go (who was there is in the minutes). */
export const meetingRetention: RetentionKind[] = [
  {
    kind: 'meetings.registrations',
    label: 'meetings.retention.registrations',
    action: 'delete',
    from: 'meetings.retention.fromMeeting',
    defaultDays: 365,
    purge: (tx, tenantId, before, limit) =>
      countTouched(
        tx,
        sql`delete from meeting_registrations where id in (select r.id from meeting_registrations r join meetings m on m.id = r.meeting_id
          where r.tenant_id = ${tenantId} and m.ends_at < ${before} limit ${limit}) returning 1`,
      ),
  },
];

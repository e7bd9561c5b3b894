import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept, countTouched } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/**
 * The meetings module's part of closing an account: the person's answers to meetings and their
 * calendar key go; the minutes keep what they record (presence, checking, action items, who
 * published), since published minutes are public records, now under no name.
 */
export async function eraseMeetingsData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const registrations = await countTouched(tx, sql`delete from meeting_registrations where tenant_id = ${tenantId} and user_id = ${userId} returning 1`);
  await tx.execute(sql`delete from calendar_keys where tenant_id = ${tenantId} and user_id = ${userId}`);
  const kept = await countKept(
    tx,
    sql`(select count(*) from meeting_attendance where tenant_id = ${tenantId} and user_id = ${userId})
      + (select count(*) from meeting_minutes where tenant_id = ${tenantId}
          and (${userId}::uuid = any(checker_ids) or ${userId}::uuid = any(checked_by) or published_by = ${userId}))
      + (select count(*) from action_items where tenant_id = ${tenantId} and (owner_user_id = ${userId} or done_by = ${userId}))
      + (select count(*) from meetings where tenant_id = ${tenantId} and created_by = ${userId})
      + (select count(*) from meeting_documents where tenant_id = ${tenantId} and uploaded_by = ${userId})`,
  );
  return [
    { what: 'meetings.erasure.registrations', count: registrations },
    { what: 'meetings.erasure.minutes', count: kept, kept: 'meetings.erasure.minutesKept' },
  ];
}

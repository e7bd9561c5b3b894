import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countTouched } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/** The councils' part of closing an account: the person's own seats in councils and networks go (an organisation's seat stays). */
export async function eraseCouncilData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const seats = await countTouched(tx, sql`delete from council_members where tenant_id = ${tenantId} and user_id = ${userId} returning 1`);
  return [{ what: 'councils.erasure.seats', count: seats }];
}

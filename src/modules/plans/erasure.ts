import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/** Progress reports and yearly reviews the person wrote stay in the plan's public history, under no name. */
export async function erasePlanData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const written = await countKept(
    tx,
    sql`(select count(*) from plan_updates where tenant_id = ${tenantId} and author_id = ${userId})
      + (select count(*) from plan_reviews where tenant_id = ${tenantId} and author_id = ${userId})`,
  );
  return [{ what: 'plans.erasure.written', count: written, kept: 'plans.erasure.writtenKept' }];
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/** Yearly reports and payments of an agreement are the municipality's records of a contract: kept, under no name. */
export async function eraseAgreementData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const records = await countKept(
    tx,
    sql`(select count(*) from agreement_reports where tenant_id = ${tenantId} and (submitted_by = ${userId} or decided_by = ${userId}))
      + (select count(*) from agreement_payments where tenant_id = ${tenantId} and paid_by = ${userId})`,
  );
  return [{ what: 'agreements.erasure.records', count: records, kept: 'agreements.erasure.recordsKept' }];
}

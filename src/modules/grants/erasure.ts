import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/index.js';
import { countKept } from '../../platform/db/sql-helpers.js';
import type { ErasureCheck, ErasureLine } from '../../platform/module.js';
import { organisationNameSql, soleRepresentativeSql } from '../organisations/index.js';

/** Applications still being written or handled: someone must be able to answer for them. */
const OPEN = sql`('draft', 'submitted', 'more_info')`;

/**
 * An application for a grant is a public record the municipality keeps by the archive rules, with
 * its reviews, documents, decision and payments: the person's part in them is kept, under no name.
 */
export async function eraseGrantData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const records = await countKept(
    tx,
    sql`(select count(*) from grant_applications where tenant_id = ${tenantId}
          and (created_by = ${userId} or submitted_by = ${userId} or recommended_by = ${userId} or decided_by = ${userId}))
      + (select count(*) from grant_reviews where tenant_id = ${tenantId} and reviewer_id = ${userId})
      + (select count(*) from grant_attachments where tenant_id = ${tenantId} and uploaded_by = ${userId})
      + (select count(*) from grant_co_applicants where tenant_id = ${tenantId} and added_by = ${userId})
      + (select count(*) from grant_payments where tenant_id = ${tenantId} and recorded_by = ${userId})
      + (select count(*) from grant_forms where tenant_id = ${tenantId} and created_by = ${userId})`,
  );
  return [{ what: 'grants.erasure.records', count: records, kept: 'grants.erasure.recordsKept' }];
}

/** Refuses closing the account of the only representative of an organisation with an open application: hand it over first. */
export const grantErasureCheck: ErasureCheck = async (tx, tenantId, userId) => {
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`select distinct ${organisationNameSql(sql`a.organisation_id`)} as name from grant_applications a
      where a.tenant_id = ${tenantId} and a.status in ${OPEN} and ${soleRepresentativeSql(sql`a.organisation_id`, userId)}
      order by 1`),
  );
  return rows.map((r) => ({ key: 'grants.erasure.soleRepresentative', values: { organisation: r.name } }));
};

import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countTouched } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/** The register's part of closing an account: the person's memberships go, and invitations they sent no longer name them. */
export async function eraseOrganisationData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const memberships = await countTouched(tx, sql`delete from organisation_members where tenant_id = ${tenantId} and user_id = ${userId} returning 1`);
  const invitations = await countTouched(
    tx,
    sql`update organisation_invitations set invited_by = null, updated_at = now() where tenant_id = ${tenantId} and invited_by = ${userId} returning 1`,
  );
  return [
    { what: 'organisations.erasure.memberships', count: memberships },
    { what: 'organisations.erasure.invitations', count: invitations },
  ];
}

/** SQL for other modules' statements: whether the person is the only representative of the organisation in `id`. */
export function soleRepresentativeSql(id: SQL, userId: string): SQL<boolean> {
  return sql<boolean>`(exists (select 1 from organisation_members m where m.organisation_id = ${id} and m.user_id = ${userId} and m.role = 'representative')
    and not exists (select 1 from organisation_members m where m.organisation_id = ${id} and m.user_id <> ${userId} and m.role = 'representative'))`;
}

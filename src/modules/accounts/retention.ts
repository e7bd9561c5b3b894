import { sql } from 'drizzle-orm';
import { countTouched } from '../../platform/db/sql-helpers.js';
import type { RetentionKind } from '../../platform/retention/index.js';

/**
 * Accounts whose address was never confirmed, nor an e-ID linked, are removed after the period:
 * nobody can sign in with them, and they may hold an address typed by someone else.
 */
export const accountRetention: RetentionKind[] = [
  {
    kind: 'accounts.unverified',
    label: 'accounts.retention.unverified',
    action: 'delete',
    from: 'accounts.retention.fromCreated',
    defaultDays: 30,
    purge: (tx, tenantId, before, limit) =>
      countTouched(
        tx,
        sql`delete from users where id in (select u.id from users u where u.tenant_id = ${tenantId} and u.email_verified_at is null
          and u.erased_at is null and u.created_at < ${before}
          and not exists (select 1 from user_identities i where i.user_id = u.id)
          and not exists (select 1 from role_assignments r where r.user_id = u.id)
          limit ${limit}) returning 1`,
      ),
  },
];

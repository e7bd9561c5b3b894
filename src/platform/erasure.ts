import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from './audit/schema.js';
import type { Db } from './db/index.js';
import { countTouched } from './db/sql-helpers.js';
import type { ErasureLine } from './module.js';

/** How a person who closed their account is shown in records that are kept (minutes, the register, the audit log). */
export const ERASED_NAME = 'Borttagen person';

/**
 * The platform's part of closing an account, in the closing transaction: sessions, follows,
 * notifications, mail settings, digests and one-time form keys are deleted; the audit log keeps
 * its rows (who changed what is part of the record) but under a pseudonym, with the person's
 * name and address gone from them and the details of changes to the account itself emptied.
 */
export async function erasePlatformData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  // The platform's tables that name the person, each deleted whole for them.
  const deleted = async (table: string) =>
    countTouched(tx, sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantId} and user_id = ${userId} returning 1`);
  const [gone, followed, told, settings, letters, keys] = await Promise.all(
    ['sessions', 'follows', 'notifications', 'notification_settings', 'digests', 'form_submissions'].map(deleted),
  );
  const audited = await tx
    .update(auditLog)
    .set({
      // Only their own rows get the pseudonym: an administrator's change to their account stays the administrator's.
      actorLabel: sql`case when ${auditLog.actorId} = ${userId} then ${pseudonymOf(userId)} else ${auditLog.actorLabel} end`,
      // What was changed on the account itself (the name it was given) goes; what was done stays.
      details: sql`case when ${auditLog.recordType} = 'user' and ${auditLog.recordId} = ${userId} then '{}'::jsonb else ${auditLog.details} end`,
      updatedAt: new Date(),
    })
    .where(
      and(eq(auditLog.tenantId, tenantId), sql`(${auditLog.actorId} = ${userId} or (${auditLog.recordType} = 'user' and ${auditLog.recordId} = ${userId}))`),
    )
    .returning({ id: auditLog.id });
  return [
    { what: 'platform.erasure.sessions', count: Number(gone) },
    { what: 'platform.erasure.follows', count: Number(followed) },
    { what: 'platform.erasure.notifications', count: Number(told) + Number(letters) },
    { what: 'platform.erasure.settings', count: Number(settings) + Number(keys) },
    { what: 'platform.erasure.audit', count: audited.length, kept: 'platform.erasure.auditKept' },
  ];
}

/** The audit log's name for a person who closed their account: the same for all their rows, and no way back to them. */
export function pseudonymOf(userId: string): string {
  return `${ERASED_NAME} ${userId.slice(0, 8)}`;
}

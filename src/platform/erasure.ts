import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from './audit/schema.js';
import type { Db } from './db/index.js';
import { sessions } from './http/schema.js';
import type { ErasureLine } from './module.js';
import { digests, follows, notificationSettings, notifications } from './notifications/schema.js';
import { formSubmissions } from './submissions/schema.js';

/** How a person who closed their account is shown in records that are kept (minutes, the register, the audit log). */
export const ERASED_NAME = 'Borttagen person';

/**
 * The platform's part of closing an account, in the closing transaction: sessions, follows,
 * notifications, mail settings, digests and one-time form keys are deleted; the audit log keeps
 * its rows (who changed what is part of the record) but under a pseudonym, with the person's
 * name and address gone from them and the details of changes to the account itself emptied.
 */
export async function erasePlatformData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const [gone, followed, told, settings, letters, keys] = await Promise.all([
    tx
      .delete(sessions)
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)))
      .returning({ id: sessions.tokenHash }),
    tx
      .delete(follows)
      .where(and(eq(follows.tenantId, tenantId), eq(follows.userId, userId)))
      .returning({ id: follows.id }),
    tx
      .delete(notifications)
      .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId)))
      .returning({ id: notifications.id }),
    tx
      .delete(notificationSettings)
      .where(and(eq(notificationSettings.tenantId, tenantId), eq(notificationSettings.userId, userId)))
      .returning({ id: notificationSettings.id }),
    tx
      .delete(digests)
      .where(and(eq(digests.tenantId, tenantId), eq(digests.userId, userId)))
      .returning({ id: digests.id }),
    tx
      .delete(formSubmissions)
      .where(and(eq(formSubmissions.tenantId, tenantId), eq(formSubmissions.userId, userId)))
      .returning({ key: formSubmissions.key }),
  ]);
  const audited = await tx
    .update(auditLog)
    .set({
      actorLabel: pseudonymOf(userId),
      // What was changed on the account itself (the name it was given) goes; what was done stays.
      details: sql`case when ${auditLog.recordType} = 'user' and ${auditLog.recordId} = ${userId} then '{}'::jsonb else ${auditLog.details} end`,
      updatedAt: new Date(),
    })
    .where(
      and(eq(auditLog.tenantId, tenantId), sql`(${auditLog.actorId} = ${userId} or (${auditLog.recordType} = 'user' and ${auditLog.recordId} = ${userId}))`),
    )
    .returning({ id: auditLog.id });
  return [
    { what: 'platform.erasure.sessions', count: gone.length },
    { what: 'platform.erasure.follows', count: followed.length },
    { what: 'platform.erasure.notifications', count: told.length + letters.length },
    { what: 'platform.erasure.settings', count: settings.length + keys.length },
    { what: 'platform.erasure.audit', count: audited.length, kept: 'platform.erasure.auditKept' },
  ];
}

/** The audit log's name for a person who closed their account: the same for all their rows, and no way back to them. */
export function pseudonymOf(userId: string): string {
  return `${ERASED_NAME} ${userId.slice(0, 8)}`;
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { calendarKeys } from '../core/schema.js';

/**
 * A personal calendar address is the person's id and a signature over it with the server's
 * secret and the person's own salt: it can be shown again at any time without being stored, and a
 * new salt revokes every address given out before.
 */
export function calendarToken(secret: string, tenantId: string, userId: string, salt: string): string {
  return createHmac('sha256', secret).update(`calendar:${tenantId}:${userId}:${salt}`).digest('base64url');
}

/** Whether a token from an address is the person's current one. */
export function checkCalendarToken(secret: string, tenantId: string, userId: string, salt: string, token: string): boolean {
  const expected = Buffer.from(calendarToken(secret, tenantId, userId, salt));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Gives the person a new calendar salt, revoking their old address; returns the salt. */
export async function renewCalendarKey(db: Db, actor: Actor): Promise<string> {
  const user = actor.user;
  if (!user) throw new Error('a calendar key needs a person');
  const salt = randomBytes(16).toString('base64url');
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarKeys)
      .values({ userId: user.id, tenantId: actor.tenantId, salt })
      .onConflictDoUpdate({ target: calendarKeys.userId, set: { salt, updatedAt: new Date() } });
    await audit(tx, actor, 'calendar.renewKey', { type: 'user', id: user.id });
  });
  return salt;
}

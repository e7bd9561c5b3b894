import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { defineRecurring, type RecurringTask } from '../jobs/index.js';
import { sessions } from './schema.js';

export const SESSION_COOKIE = 'sid';
const SESSION_DAYS = 14;

/** The session cookie's settings: it lives as long as the session does, and is renewed with it. */
export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: SESSION_DAYS * 86_400 };
}
/** Sliding expiry is written at most this often, so reading a page rarely writes. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/** A random token, base64url; the database keeps only its SHA-256. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How a session was started: with e-ID, the assurance level and the provider's sealed ID token. */
export interface SessionOrigin {
  method: 'password' | 'eid';
  acr?: string | null;
  idTokenSealed?: string | null;
}

/** Starts a new session for a signed-in person; a fresh token every time prevents fixation. */
export async function createSession(db: Db, tenantId: string, userId: string, origin: SessionOrigin = { method: 'password' }): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    tenantId,
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    method: origin.method,
    acr: origin.acr ?? null,
    idTokenSealed: origin.idTokenSealed ?? null,
  });
  return token;
}

/**
 * The live session of a token in a tenant as a subquery (`user_id`, `updated_ms`, `method`, `acr`),
 * for the statement that loads the signed-in person with it: one round trip for both.
 */
export function liveSessionSql(tenantId: string, tokenHash: string): SQL {
  return sql`(select user_id, extract(epoch from updated_at) * 1000 as updated_ms, method, acr from sessions
    where token_hash = ${tokenHash} and tenant_id = ${tenantId} and expires_at > now() limit 1)`;
}

/** Moves the session's expiry on when it was last moved over an hour ago; says whether it did (the cookie is then sent again). */
export async function renewSession(db: Db, tokenHash: string, updatedMs: number): Promise<boolean> {
  if (Date.now() - updatedMs <= TOUCH_AFTER_MS) return false;
  await db
    .update(sessions)
    .set({ updatedAt: new Date(), expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) })
    .where(eq(sessions.tokenHash, tokenHash));
  return true;
}

/** Ends one session (sign-out); says how it was started, so an e-ID session can end at the provider too. */
export async function destroySession(db: Db, token: string): Promise<{ method: string; idTokenSealed: string | null } | null> {
  const [gone] = await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .returning({ method: sessions.method, idTokenSealed: sessions.idTokenSealed });
  return gone ?? null;
}

/** Ends every session of a person but the current one (after a password change or reset). */
export async function destroyUserSessions(db: Db, userId: string, exceptToken?: string): Promise<void> {
  const cond = exceptToken ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, hashToken(exceptToken))) : eq(sessions.userId, userId);
  await db.delete(sessions).where(cond);
}

/** Removes expired sessions; the worker runs it every hour (see `sessionUpkeep`). */
export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

/** The worker's hourly removal of expired sessions. */
export const sessionUpkeep: RecurringTask = defineRecurring('platform.purgeExpiredSessions', 60 * 60 * 1000, purgeExpiredSessions);

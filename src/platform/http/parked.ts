import { and, eq, gt, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { parkedForms } from '../submissions/schema.js';
import { hashToken, newToken } from './sessions.js';

/** The cookie that names the parked answers of a form. */
export const PARKED_COOKIE = '_parked';
const DAY_MS = 86_400_000;

/**
 * Keeps what a person typed into the form at `path` when their post arrived without a live session
 * (it ran out while they typed), and sends them to sign in; once they have, the form's page takes
 * the answers back with `takeParked`. The answers are shown, never saved by themselves, so a post
 * from elsewhere can at most fill in a form the person then reads before saving.
 */
export async function parkAndSignIn(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  path: string,
  fields: Record<string, string>,
  secure: boolean,
): Promise<FastifyReply> {
  const token = newToken();
  const kept = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== '_csrf' && !k.startsWith('password')));
  await db.delete(parkedForms).where(lt(parkedForms.expiresAt, new Date()));
  await db.insert(parkedForms).values({ tenantId: req.tenant.id, tokenHash: hashToken(token), path, fields: kept, expiresAt: new Date(Date.now() + DAY_MS) });
  reply.setCookie(PARKED_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: DAY_MS / 1000 });
  return reply.flash('platform.parked.signIn', undefined, 'error').redirect(`/logga-in?next=${encodeURIComponent(path)}`, 303);
}

/** The answers parked for the form at `path` in this browser, taken (they are gone after), or null. */
export async function takeParked(db: Db, req: FastifyRequest, reply: FastifyReply, path: string): Promise<Record<string, string> | null> {
  const raw = req.cookies[PARKED_COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [row] = await db
    .delete(parkedForms)
    .where(
      and(
        eq(parkedForms.tenantId, req.tenant.id),
        eq(parkedForms.tokenHash, hashToken(unsigned.value)),
        eq(parkedForms.path, path),
        gt(parkedForms.expiresAt, new Date()),
      ),
    )
    .returning({ fields: parkedForms.fields });
  if (!row) return null;
  reply.clearCookie(PARKED_COOKIE, { path: '/' });
  return row.fields;
}

import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.js';
import { type Actor, ForbiddenError, isAdmin } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { open311Keys } from '../schema.js';

/** A key is kept only as its SHA-256: keys are long random strings, so a fast hash is enough to make a stolen table useless. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The Open311 key with this value in the tenant, unless revoked; its last use is noted. */
export async function verifyKey(db: Db, tenantId: string, key: string): Promise<string | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db
    .update(open311Keys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(open311Keys.tenantId, tenantId), eq(open311Keys.keyHash, keyHash(key)), isNull(open311Keys.revokedAt)))
    .returning({ id: open311Keys.id });
  return row?.id ?? null;
}

/** Issues a key to a named client; the key is returned this once and never again. */
export async function issueKey(db: Db, actor: Actor, name: string, key = randomBytes(24).toString('base64url')): Promise<{ id: string; key: string }> {
  if (!isAdmin(actor)) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311Keys)
      .values({ tenantId: actor.tenantId, name, prefix: key.slice(0, 6), keyHash: keyHash(key), createdBy: actor.user?.id ?? null })
      .returning({ id: open311Keys.id });
    if (!row) throw new Error('key not issued');
    await audit(tx, actor, 'open311.key.issue', { type: 'open311_key', id: row.id }, { name });
    return { id: row.id, key };
  });
}

/** Revokes a key: the client is refused from now on. */
export async function revokeKey(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!isAdmin(actor)) throw new ForbiddenError();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(open311Keys)
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(open311Keys.tenantId, actor.tenantId), eq(open311Keys.id, id), isNull(open311Keys.revokedAt)))
      .returning({ id: open311Keys.id });
    if (row) await audit(tx, actor, 'open311.key.revoke', { type: 'open311_key', id });
    return Boolean(row);
  });
}

/** The tenant's keys, newest first (never the keys themselves). */
export function listKeys(db: Db, tenantId: string) {
  return db
    .select({
      id: open311Keys.id,
      name: open311Keys.name,
      prefix: open311Keys.prefix,
      createdAt: open311Keys.createdAt,
      revokedAt: open311Keys.revokedAt,
      lastUsedAt: open311Keys.lastUsedAt,
    })
    .from(open311Keys)
    .where(eq(open311Keys.tenantId, tenantId))
    .orderBy(desc(open311Keys.createdAt))
    .limit(200);
}

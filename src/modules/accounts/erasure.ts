import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { type Db, rowsOf } from '../../platform/db/index.js';
import { ERASED_NAME, erasePlatformData, pseudonymOf } from '../../platform/erasure.js';
import { enqueue } from '../../platform/jobs/index.js';
import type { ErasureLine, Registry } from '../../platform/module.js';
import { consents, emailTokens, oidcFlows, roleAssignments, userIdentities, users } from './schema.js';

export const CloseAccountInput = z.object({ confirm: z.literal('on', { message: 'accounts.close.confirmRequired' }) });

/** What the person is told when the account cannot be closed yet. */
export type ErasureRefusal = { key: string; values?: Record<string, string> };

/** What the receipt mail carries: the person as they were, and what was erased and kept. */
export interface ErasureReceipt {
  to: string;
  name: string;
  lang: 'sv' | 'en';
  lines: ErasureLine[];
}

/**
 * Whether the person may close their account now: not while they are the municipality's only
 * administrator, nor while a module says they hold something others depend on (the only
 * representative of an organisation with open applications). Each reason asks them to hand over.
 */
export async function erasureRefusals(db: Db, registry: Registry, tenantId: string, userId: string): Promise<ErasureRefusal[]> {
  const [onlyAdmin, ...fromModules] = await Promise.all([
    db.execute(sql`select exists (select 1 from role_assignments r where r.tenant_id = ${tenantId} and r.user_id = ${userId} and r.role = 'admin')
      and not exists (select 1 from role_assignments r join users u on u.id = r.user_id
        where r.tenant_id = ${tenantId} and r.role = 'admin' and r.user_id <> ${userId} and u.disabled_at is null) as only`),
    ...registry.erasureChecks.map((check) => check(db, tenantId, userId)),
  ]);
  const refusals: ErasureRefusal[] = rowsOf<{ only: boolean }>(onlyAdmin)[0]?.only ? [{ key: 'accounts.close.onlyAdmin' }] : [];
  return [...refusals, ...fromModules.flat()];
}

/**
 * Closes the signed-in person's account, in one transaction: every module erases or makes
 * anonymous what it holds about them (registry.erasure), the platform deletes sessions, follows
 * and notifications and pseudonymises the audit log, and the account itself loses its name,
 * address, password, e-IDs, roles and consents. The row stays as a nameless reference for the
 * records the municipality must keep. A receipt saying what was erased and kept is mailed to the
 * address the account had. Closing again, or twice at once, does nothing more.
 */
export async function closeAccount(
  db: Db,
  registry: Registry,
  actor: Actor,
): Promise<{ ok: true; receipt: ErasureReceipt | null } | { ok: false; refusals: ErasureRefusal[] }> {
  const me = actor.user;
  if (!me) throw new Error('not signed in');
  const tenantId = actor.tenantId;
  return db.transaction(async (tx) => {
    // One closing at a time per municipality: two last administrators cannot both leave.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`accounts.close:${tenantId}`}))`);
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, me.id)))
      .for('update');
    if (!user || user.erasedAt) return { ok: true, receipt: null };
    const refusals = await erasureRefusals(tx, registry, tenantId, user.id);
    if (refusals.length > 0) return { ok: false, refusals };

    const lines: ErasureLine[] = [];
    for (const part of registry.erasure) lines.push(...(await part.erase(tx, tenantId, user.id)));
    lines.push(...(await erasePlatformData(tx, tenantId, user.id)));
    const mine = <T extends typeof roleAssignments | typeof userIdentities | typeof consents | typeof emailTokens>(t: T) =>
      and(eq(t.tenantId, tenantId), eq(t.userId, user.id));
    const [roles, identities, given] = await Promise.all([
      tx.delete(roleAssignments).where(mine(roleAssignments)).returning({ id: roleAssignments.id }),
      tx.delete(userIdentities).where(mine(userIdentities)).returning({ id: userIdentities.id }),
      tx.delete(consents).where(mine(consents)).returning({ id: consents.id }),
      tx.delete(emailTokens).where(mine(emailTokens)),
      tx.delete(oidcFlows).where(and(eq(oidcFlows.tenantId, tenantId), eq(oidcFlows.userId, user.id))),
    ]);
    lines.unshift(
      { what: 'accounts.close.lines.account', count: 1 },
      { what: 'accounts.close.lines.roles', count: roles.length },
      { what: 'accounts.close.lines.eid', count: identities.length },
      { what: 'accounts.close.lines.consents', count: given.length },
    );
    const now = new Date();
    await tx
      .update(users)
      .set({
        name: ERASED_NAME,
        // Unique per municipality, never an address anyone can receive mail at or sign in with.
        email: `borttagen-${user.id}@invalid`,
        passwordHash: null,
        emailVerifiedAt: null,
        disabledAt: user.disabledAt ?? now,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(users.id, user.id));
    const pseudonym: Actor = { tenantId, user: { id: user.id, name: pseudonymOf(user.id), email: '-', lang: user.lang }, roles: [] };
    const kept = lines.filter((l) => l.count > 0);
    await audit(tx, pseudonym, 'user.erase', { type: 'user', id: user.id }, { lines: kept.map((l) => ({ what: l.what, count: l.count, kept: !!l.kept })) });
    const receipt: ErasureReceipt = { to: user.email, name: user.name, lang: user.lang, lines: kept };
    // The receipt goes to the address the account had; the job's payload is the only copy left.
    await enqueue(tx, 'accounts.sendErasureReceipt', { ...receipt }, { tenantId });
    return { ok: true, receipt };
  });
}

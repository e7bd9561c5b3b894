import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { type ConsentKind, consents } from './schema.js';

export type Consent = typeof consents.$inferSelect;

/** A person's consents, given and withdrawn, newest first (the profile shows the history). */
export function listConsents(db: Db, tenantId: string, userId: string): Promise<Consent[]> {
  return db
    .select()
    .from(consents)
    .where(and(eq(consents.tenantId, tenantId), eq(consents.userId, userId)))
    .orderBy(desc(consents.givenAt))
    .limit(200);
}

/**
 * Gives or withdraws a consent, recording when and where; giving what is in force already, or
 * withdrawing what is not, changes nothing (a double submit is one change).
 */
export async function setConsent(db: Db, actor: Actor, kind: ConsentKind, given: boolean, via: string): Promise<boolean> {
  const me = actor.user;
  if (!me) throw new Error('not signed in');
  return db.transaction(async (tx) => {
    const changed = given
      ? await tx.insert(consents).values({ tenantId: actor.tenantId, userId: me.id, kind, givenVia: via }).onConflictDoNothing().returning({ id: consents.id })
      : await tx
          .update(consents)
          .set({ withdrawnAt: new Date(), withdrawnVia: via, updatedAt: new Date() })
          .where(and(eq(consents.tenantId, actor.tenantId), eq(consents.userId, me.id), eq(consents.kind, kind), isNull(consents.withdrawnAt)))
          .returning({ id: consents.id });
    if (changed.length > 0) await audit(tx, actor, given ? 'consent.give' : 'consent.withdraw', { type: 'user', id: me.id }, { kind, via });
    return changed.length > 0;
  });
}

/** SQL for other modules' statements: whether the person in `userId` has chosen to be named in public records. */
export function namedInPublicSql(userId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from consents c where c.user_id = ${userId} and c.kind = 'publicName' and c.withdrawn_at is null)`;
}

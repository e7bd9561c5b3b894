import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import { type ConsentKind, consents } from './schema.js';

export type Consent = typeof consents.$inferSelect;

/** A consent given for one record on the form that made it: what it is (`question:…`) and how people know it (its number). */
export interface ConsentSubject {
  subject: string;
  label: string;
}

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
 * Gives a consent in the caller's transaction, recording where it was given, with its audit row;
 * giving what is in force already changes nothing. `about` names the record it is given for,
 * when it was asked on that record's form.
 */
export async function giveConsent(tx: Db, actor: Actor, kind: ConsentKind, via: string, about?: ConsentSubject): Promise<boolean> {
  const me = actor.user;
  if (!me) throw new Error('not signed in');
  const given = await tx
    .insert(consents)
    .values({ tenantId: actor.tenantId, userId: me.id, kind, givenVia: via, subject: about?.subject ?? '', subjectLabel: about?.label ?? '' })
    .onConflictDoNothing()
    .returning({ id: consents.id });
  if (given.length > 0) await audit(tx, actor, 'consent.give', { type: 'user', id: me.id }, { kind, via, subject: about?.subject ?? '' });
  return given.length > 0;
}

/**
 * Gives or withdraws the general consent of a kind (the profile's choice), recording when and
 * where; giving what is in force already, or withdrawing what is not, changes nothing (a double
 * submit is one change).
 */
export async function setConsent(db: Db, actor: Actor, kind: ConsentKind, given: boolean, via: string): Promise<boolean> {
  return db.transaction((tx) => (given ? giveConsent(tx, actor, kind, via) : withdrawGeneralConsent(tx, actor, kind, via)));
}

/** Withdraws the general consent of a kind in the caller's transaction, with its audit row; none in force changes nothing. */
export async function withdrawGeneralConsent(tx: Db, actor: Actor, kind: ConsentKind, via: string): Promise<boolean> {
  const me = actor.user;
  if (!me) throw new Error('not signed in');
  const withdrawn = await tx
    .update(consents)
    .set({ withdrawnAt: new Date(), withdrawnVia: via, updatedAt: new Date() })
    .where(
      and(eq(consents.tenantId, actor.tenantId), eq(consents.userId, me.id), eq(consents.kind, kind), eq(consents.subject, ''), isNull(consents.withdrawnAt)),
    )
    .returning({ id: consents.id });
  if (withdrawn.length > 0) await audit(tx, actor, 'consent.withdraw', { type: 'user', id: me.id }, { kind, via });
  return withdrawn.length > 0;
}

/** Withdraws one of the person's own consents in force (one given on a form), by its id; another's, or one withdrawn already, changes nothing. */
export async function withdrawConsent(db: Db, actor: Actor, id: string, via: string): Promise<boolean> {
  const me = actor.user;
  if (!me) throw new Error('not signed in');
  return db.transaction(async (tx) => {
    const withdrawn = await tx
      .update(consents)
      .set({ withdrawnAt: new Date(), withdrawnVia: via, updatedAt: new Date() })
      .where(and(eq(consents.tenantId, actor.tenantId), eq(consents.userId, me.id), eq(consents.id, id), isNull(consents.withdrawnAt)))
      .returning({ id: consents.id, kind: consents.kind, subject: consents.subject });
    const row = withdrawn[0];
    if (row) await audit(tx, actor, 'consent.withdraw', { type: 'user', id: me.id }, { kind: row.kind, via, subject: row.subject });
    return !!row;
  });
}

/** Consents given long ago on forms, written directly (generated demo data and the scale generator). */
export async function seedConsents(
  db: Db,
  tenantId: string,
  rows: { userId: string; kind: ConsentKind; via: string; about: ConsentSubject; givenAt: Date }[],
): Promise<void> {
  await insertInBatches(
    db,
    consents,
    rows.map((r) => ({
      tenantId,
      userId: r.userId,
      kind: r.kind,
      givenVia: r.via,
      subject: r.about.subject,
      subjectLabel: r.about.label,
      givenAt: r.givenAt,
      createdAt: r.givenAt,
      updatedAt: r.givenAt,
    })),
    { size: 500 },
  );
}

/**
 * SQL for other modules' statements: whether the person in `userId` has chosen to be named in
 * public records: in general (the profile's choice), or, with `subject`, on that one record.
 */
export function namedInPublicSql(userId: SQL, subject?: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from consents c where c.user_id = ${userId} and c.kind = 'publicName'
    and c.subject = ${subject ?? sql`''`} and c.withdrawn_at is null)`;
}

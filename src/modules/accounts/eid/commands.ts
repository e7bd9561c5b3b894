import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { isUniqueViolation } from '../../../platform/db/sql-helpers.js';
import { createSession, hashToken, newToken } from '../../../platform/http/sessions.js';
import { enqueue } from '../../../platform/jobs/index.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import { holdsAnyRoleSql, staffLevelSql, type User } from '../queries.js';
import { oidcFlows, oidcSettings, userIdentities, users, type VerifiedIdentity } from '../schema.js';
import { meetsStaffLevel } from './levels.js';
import { EidError } from './provider.js';

/** A trip to the provider may take this long; a new account's details, a little longer. */
const FLOW_MINUTES = 10;
const SIGN_UP_MINUTES = 30;

export const NewAccountInput = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().min(1).max(320).email(),
  lang: z.enum(['sv', 'en']),
});
export type NewAccountInput = z.infer<typeof NewAccountInput>;

const issuerUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((v) => /^https?:\/\//.test(v), 'platform.errors.invalid');
export const OidcSettingsInput = z.object({
  issuer: z.union([z.literal(''), issuerUrl]),
  clientId: z.string().trim().max(500),
  clientSecret: z.string().max(2000).optional().default(''),
  label: z.string().trim().max(100),
  scope: z
    .string()
    .trim()
    .max(500)
    .regex(/^[\x21-\x7e ]*$/, 'platform.errors.invalid'),
  staffLevel: z.enum(['', '0', '2', '3', '4']),
});
export type OidcSettingsInput = z.infer<typeof OidcSettingsInput>;

const systemActor = (tenantId: string, user: Pick<User, 'id' | 'name' | 'email' | 'lang'>): Actor => ({
  tenantId,
  user: { id: user.id, name: user.name, email: user.email, lang: user.lang },
  roles: [],
});

/** Starts a trip to the provider: the random state (the browser keeps it in a cookie), the nonce and the PKCE verifier. */
export async function startFlow(
  db: Db,
  tenantId: string,
  kind: 'signIn' | 'link',
  opts: { userId?: string; next: string },
): Promise<{ state: string; nonce: string; codeVerifier: string }> {
  const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  await db.insert(oidcFlows).values({
    keyHash: hashToken(flow.state),
    tenantId,
    kind,
    userId: opts.userId ?? null,
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
    next: opts.next,
    expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000),
  });
  return flow;
}

/**
 * Takes the flow the callback belongs to, once: the state in the address must be the one this
 * browser's cookie holds, and it must not have been used or have expired.
 */
export async function takeFlow(db: Db, tenantId: string, state: string, cookie: string | undefined): Promise<typeof oidcFlows.$inferSelect> {
  if (!state || !cookie || state !== cookie) throw new EidError('state');
  const [row] = await db
    .delete(oidcFlows)
    .where(and(eq(oidcFlows.keyHash, hashToken(state)), eq(oidcFlows.tenantId, tenantId), or(eq(oidcFlows.kind, 'signIn'), eq(oidcFlows.kind, 'link'))))
    .returning();
  if (!row) throw new EidError('state');
  if (row.expiresAt.getTime() < Date.now()) throw new EidError('expired');
  return row;
}

/** The row of an e-ID linked to an account, as the provider vouched for it. */
const identityRow = (tenantId: string, userId: string, identity: VerifiedIdentity, personalNumberHash = identity.personalNumberHash) => ({
  tenantId,
  userId,
  issuer: identity.issuer,
  subject: identity.subject,
  personalNumberHash,
  lastAcr: identity.acr,
  lastUsedAt: new Date(),
});

type Found = { user: User; identityId: string | null; isStaff: boolean; staffLevel: number | null };

/** Whom an e-ID belongs to: by issuer and subject, else by personal number; with what staff roles need (one statement). */
async function findOwner(db: Db, tenantId: string, identity: VerifiedIdentity, staffRoles: string[]): Promise<Found | null> {
  const match = identity.personalNumberHash
    ? or(
        and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)),
        eq(userIdentities.personalNumberHash, identity.personalNumberHash),
      )
    : and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject));
  const [row] = await db
    .select({
      user: users,
      identityId: sql<
        string | null
      >`case when ${userIdentities.issuer} = ${identity.issuer} and ${userIdentities.subject} = ${identity.subject} then ${userIdentities.id} end`,
      isStaff: holdsAnyRoleSql(sql`${users.id}`, staffRoles),
      staffLevel: staffLevelSql(sql`${users.tenantId}`),
    })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.tenantId, tenantId), match))
    .orderBy(sql`${userIdentities.subject} = ${identity.subject} desc`)
    .limit(1);
  return row ? { ...row, staffLevel: row.staffLevel === null ? null : Number(row.staffLevel) } : null;
}

/** Records this sign-in on the e-ID (level, time; the personal number's hash if it was missing), or adds it as a new way in. */
async function touchIdentity(tx: Db, tenantId: string, userId: string, identityId: string | null, identity: VerifiedIdentity): Promise<string> {
  if (identityId) {
    await tx
      .update(userIdentities)
      .set({
        lastAcr: identity.acr,
        lastUsedAt: new Date(),
        updatedAt: new Date(),
        personalNumberHash: sql`coalesce(${userIdentities.personalNumberHash}, ${identity.personalNumberHash})`,
      })
      .where(eq(userIdentities.id, identityId));
    return identityId;
  }
  // The same person through another broker (same personal number, another subject): a second way in to the same account.
  const [row] = await tx
    .insert(userIdentities)
    .values(identityRow(tenantId, userId, identity, null))
    .returning({ id: userIdentities.id });
  if (!row) throw new Error('identity not saved');
  return row.id;
}

/**
 * Signs in with a checked e-ID. A known e-ID signs its account in; an unknown one whose provider
 * vouches for an e-mail address an account has confirmed is linked to that account; otherwise the
 * person is asked for the new account's details (the returned key). A blocked account, or staff
 * whose e-ID is below the level their roles need, is refused.
 */
export async function signInWithEid(
  db: Db,
  tenantId: string,
  identity: VerifiedIdentity,
  staffRoles: string[],
): Promise<{ kind: 'session'; token: string; user: User } | { kind: 'signUp'; key: string }> {
  let found = await findOwner(db, tenantId, identity, staffRoles);
  let linkedByEmail = false;
  if (!found && identity.email && identity.emailVerified) {
    const [row] = await db
      .select({
        user: users,
        isStaff: holdsAnyRoleSql(sql`${users.id}`, staffRoles),
        staffLevel: staffLevelSql(sql`${users.tenantId}`),
      })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${identity.email})`, isNotNull(users.emailVerifiedAt)))
      .limit(1);
    if (row) {
      found = { ...row, identityId: null, staffLevel: row.staffLevel === null ? null : Number(row.staffLevel) };
      linkedByEmail = true;
    }
  }
  if (!found) return { kind: 'signUp', key: await parkIdentity(db, tenantId, identity) };
  const { user } = found;
  if (user.disabledAt) throw new EidError('disabled');
  if (found.isStaff && !meetsStaffLevel(found.staffLevel, 'eid', identity.acr)) throw new EidError('level');
  return db.transaction(async (tx) => {
    if (linkedByEmail) {
      await tx.insert(userIdentities).values(identityRow(tenantId, user.id, identity));
      await audit(tx, systemActor(tenantId, user), 'user.eidLinked', { type: 'user', id: user.id }, { via: 'verifiedEmail' });
    } else {
      await touchIdentity(tx, tenantId, user.id, found.identityId, identity);
    }
    const token = await createSession(tx, tenantId, user.id, { method: 'eid', acr: identity.acr, idTokenSealed: identity.idTokenSealed });
    await audit(tx, systemActor(tenantId, user), 'user.signIn', { type: 'user', id: user.id }, { method: 'eid', acr: identity.acr });
    return { kind: 'session' as const, token, user };
  });
}

/** Keeps a checked e-ID for a while, until the person has given the new account's details; returns the key for their cookie. */
async function parkIdentity(db: Db, tenantId: string, identity: VerifiedIdentity): Promise<string> {
  const key = newToken();
  await db
    .insert(oidcFlows)
    .values({ keyHash: hashToken(key), tenantId, kind: 'signUp', identity, expiresAt: new Date(Date.now() + SIGN_UP_MINUTES * 60_000) });
  return key;
}

/** The e-ID waiting for its account's details, if the key is this browser's and still valid. */
export async function parkedIdentity(db: Db, tenantId: string, key: string | undefined): Promise<VerifiedIdentity | null> {
  if (!key) return null;
  const [row] = await db
    .select({ identity: oidcFlows.identity, expiresAt: oidcFlows.expiresAt })
    .from(oidcFlows)
    .where(and(eq(oidcFlows.keyHash, hashToken(key)), eq(oidcFlows.tenantId, tenantId), eq(oidcFlows.kind, 'signUp')))
    .limit(1);
  return row?.identity && row.expiresAt.getTime() > Date.now() ? row.identity : null;
}

/**
 * Creates the account of a first e-ID sign-in, with its e-ID and a session, in one transaction.
 * The address is confirmed when it is the one the provider vouched for; another address gets a
 * confirmation mail. An address that already has an account is refused (never merged): its owner
 * signs in and links e-ID from the profile.
 */
export async function createAccountWithEid(
  db: Db,
  tenantId: string,
  key: string | undefined,
  input: NewAccountInput,
): Promise<Result<{ token: string; user: User; identity: VerifiedIdentity }>> {
  if (!key) throw new EidError('expired');
  try {
    return await db.transaction(async (tx) => {
      const [flow] = await tx
        .delete(oidcFlows)
        .where(and(eq(oidcFlows.keyHash, hashToken(key)), eq(oidcFlows.tenantId, tenantId), eq(oidcFlows.kind, 'signUp')))
        .returning();
      const identity = flow?.identity;
      if (!flow || !identity || flow.expiresAt.getTime() < Date.now()) throw new EidError('expired');
      const confirmed = identity.emailVerified && identity.email?.toLowerCase() === input.email.toLowerCase();
      const [user] = await tx
        .insert(users)
        .values({ tenantId, email: input.email, name: input.name, lang: input.lang, passwordHash: null, emailVerifiedAt: confirmed ? new Date() : null })
        .returning();
      if (!user) throw new Error('user not created');
      await tx.insert(userIdentities).values(identityRow(tenantId, user.id, identity));
      const token = await createSession(tx, tenantId, user.id, { method: 'eid', acr: identity.acr, idTokenSealed: identity.idTokenSealed });
      const actor = systemActor(tenantId, user);
      await audit(tx, actor, 'user.signUp', { type: 'user', id: user.id }, { method: 'eid' });
      if (!confirmed) await enqueue(tx, 'accounts.sendVerification', { userId: user.id }, { tenantId });
      return ok({ token, user, identity });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_tenant_email_key')) return fail('email', 'accounts.eid.errors.emailTaken');
    if (isUniqueViolation(err)) throw new EidError('linkedElsewhere', undefined, { cause: err });
    throw err;
  }
}

/** Links a checked e-ID to the signed-in person's account and starts an e-ID session; refused when it belongs to someone else. */
export async function linkEid(db: Db, actor: Actor, flowUserId: string | null, identity: VerifiedIdentity): Promise<string> {
  const me = actor.user;
  if (!me || flowUserId !== me.id) throw new EidError('state');
  try {
    return await db.transaction(async (tx) => {
      const [mine] = await tx
        .select({ id: userIdentities.id })
        .from(userIdentities)
        .where(
          and(
            eq(userIdentities.tenantId, actor.tenantId),
            eq(userIdentities.userId, me.id),
            eq(userIdentities.issuer, identity.issuer),
            eq(userIdentities.subject, identity.subject),
          ),
        )
        .limit(1);
      if (!mine) {
        await tx.insert(userIdentities).values(identityRow(actor.tenantId, me.id, identity));
        await audit(tx, actor, 'user.eidLinked', { type: 'user', id: me.id }, { via: 'profile' });
      }
      return createSession(tx, actor.tenantId, me.id, { method: 'eid', acr: identity.acr, idTokenSealed: identity.idTokenSealed });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new EidError('linkedElsewhere', undefined, { cause: err });
    throw err;
  }
}

/** A person's e-IDs, for the profile: when linked and last used, never the number. */
export function listIdentities(db: Db, tenantId: string, userId: string) {
  return db
    .select({ id: userIdentities.id, issuer: userIdentities.issuer, createdAt: userIdentities.createdAt, lastUsedAt: userIdentities.lastUsedAt })
    .from(userIdentities)
    .where(and(eq(userIdentities.tenantId, tenantId), eq(userIdentities.userId, userId)))
    .orderBy(userIdentities.createdAt);
}

/** Unlinks an e-ID while another way to sign in remains (a password or another e-ID). */
export async function unlinkEid(db: Db, actor: Actor, identityId: string): Promise<Result<null> | null> {
  const me = actor.user;
  if (!me) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: userIdentities.id,
        hasPassword: sql<boolean>`(select u.password_hash is not null from users u where u.id = ${userIdentities.userId})`,
        others: sql<number>`(select count(*)::int from user_identities o where o.user_id = ${userIdentities.userId} and o.id <> ${userIdentities.id})`,
      })
      .from(userIdentities)
      .where(and(eq(userIdentities.id, identityId), eq(userIdentities.userId, me.id), eq(userIdentities.tenantId, actor.tenantId)))
      .for('update')
      .limit(1);
    if (!row) return null;
    if (!row.hasPassword && Number(row.others) === 0) return fail<null>('_form', 'accounts.eid.errors.lastWayIn');
    await tx.delete(userIdentities).where(eq(userIdentities.id, row.id));
    await audit(tx, actor, 'user.eidUnlinked', { type: 'user', id: me.id });
    return ok(null);
  });
}

/** The settings row of a municipality's provider, as the administrator's form shows it. */
export async function getOidcSettings(db: Db, tenantId: string) {
  const [row] = await db.select().from(oidcSettings).where(eq(oidcSettings.tenantId, tenantId)).limit(1);
  return row ?? null;
}

/** Saves a municipality's provider; an empty secret keeps the one saved before. */
export async function saveOidcSettings(db: Db, actor: Actor, input: OidcSettingsInput, sealedSecret: string | null): Promise<void> {
  const staffLevel = input.staffLevel === '' ? null : Number(input.staffLevel);
  const values = {
    issuer: input.issuer,
    clientId: input.clientId,
    label: input.label,
    scope: input.scope,
    staffLevel,
    updatedAt: new Date(),
    ...(sealedSecret !== null ? { clientSecretSealed: sealedSecret } : {}),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(oidcSettings)
      .values({ tenantId: actor.tenantId, ...values })
      .onConflictDoUpdate({ target: oidcSettings.tenantId, set: values });
    // The secret is never written to the audit log, only that it changed.
    await audit(
      tx,
      actor,
      'oidc.settings',
      { type: 'tenant', id: actor.tenantId },
      {
        issuer: input.issuer,
        clientId: input.clientId,
        staffLevel,
        secretChanged: sealedSecret !== null,
      },
    );
  });
}

/** Removes trips to the provider that were never finished, and details never given; the worker runs it hourly. */
export async function purgeExpiredFlows(db: Db): Promise<void> {
  await db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, sql`now()`));
}

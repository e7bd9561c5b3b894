import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { createSession, destroyUserSessions, hashToken, newToken } from '../../platform/http/sessions.js';
import { enqueue } from '../../platform/jobs/index.js';
import type { RoleDefinition } from '../../platform/module.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { hashPassword, verifyPassword } from './password.js';
import { getUserByEmail, type User } from './queries.js';
import { emailTokens, roleAssignments, users } from './schema.js';

const email = z.string().trim().min(1).max(320).email();
const password = z.string().min(10, 'accounts.errors.passwordShort').max(200);

export const SignUpInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    email,
    password,
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'accounts.errors.passwordMismatch' });
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({ email, password: z.string().min(1).max(200), next: z.string().max(2000).optional() });
export const EmailInput = z.object({ email });
export const ResetInput = z
  .object({ token: z.string().min(10).max(200), password, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'accounts.errors.passwordMismatch' });
export const ProfileInput = z.object({ name: z.string().trim().min(1).max(120), lang: z.enum(['sv', 'en']) });
export type ProfileInput = z.infer<typeof ProfileInput>;
export const RoleInput = z.object({ role: z.string().min(1).max(60), scope: z.string().max(120).optional().default('') });

const VERIFY_HOURS = 72;
const RESET_HOURS = 1;

const actorFor = (user: Pick<User, 'id' | 'tenantId' | 'name' | 'email' | 'lang'>): Actor => ({
  tenantId: user.tenantId,
  user: { id: user.id, name: user.name, email: user.email, lang: user.lang },
  roles: [],
});

/**
 * Creates an unverified account and queues the verification mail. If the address already has an
 * account, that person is told by mail instead, so the form never reveals who has an account.
 */
export async function signUp(db: Db, tenantId: string, input: SignUpInput, lang: 'sv' | 'en'): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  try {
    await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ tenantId, email: input.email, name: input.name, passwordHash, lang }).returning();
      if (!user) throw new Error('user not created');
      await audit(tx, actorFor(user), 'user.signUp', { type: 'user', id: user.id });
      await enqueue(tx, 'accounts.sendVerification', { userId: user.id }, { tenantId });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await getUserByEmail(db, tenantId, input.email);
    if (existing) await enqueue(db, 'accounts.sendAccountExists', { userId: existing.id }, { tenantId });
  }
}

/** Issues a single-use e-mail token; the mail job calls this and puts the token in the link. */
export async function issueEmailToken(db: Db, user: User, purpose: 'verify' | 'reset'): Promise<string> {
  const token = newToken();
  const hours = purpose === 'verify' ? VERIFY_HOURS : RESET_HOURS;
  await db.insert(emailTokens).values({
    tokenHash: hashToken(token),
    tenantId: user.tenantId,
    userId: user.id,
    purpose,
    expiresAt: new Date(Date.now() + hours * 3_600_000),
  });
  return token;
}

/** Consumes a token of the given purpose, once; returns the person it was for. */
async function consumeToken(tx: Db, tenantId: string, token: string, purpose: 'verify' | 'reset'): Promise<User | null> {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.tenantId, tenantId),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailTokens.userId });
  if (!row) return null;
  const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
  return user ?? null;
}

/** Marks the address verified with a token from the verification mail. */
export async function verifyEmail(db: Db, tenantId: string, token: string): Promise<Result<User>> {
  return db.transaction(async (tx) => {
    const user = await consumeToken(tx, tenantId, token, 'verify');
    if (!user) return fail<User>('token', 'accounts.errors.tokenInvalid');
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await audit(tx, actorFor(user), 'user.verifyEmail', { type: 'user', id: user.id });
    return ok(user);
  });
}

/**
 * Checks e-mail and password and starts a new session; refuses unverified and disabled accounts,
 * and staff whose municipality requires e-ID for their roles (`eidRequired`: they are offered e-ID).
 */
export async function signIn(
  db: Db,
  tenantId: string,
  emailAddress: string,
  pass: string,
  eidRequired: (user: User) => Promise<boolean> = async () => false,
): Promise<Result<{ user: User; token: string }>> {
  const user = await getUserByEmail(db, tenantId, emailAddress);
  const valid = await verifyPassword(pass, user?.passwordHash);
  if (!user || !valid || user.disabledAt) return fail('email', 'accounts.errors.badCredentials');
  if (!user.emailVerifiedAt) return fail('email', 'accounts.errors.unverified');
  if (await eidRequired(user)) return fail('email', 'accounts.errors.eidRequired');
  return db.transaction(async (tx) => {
    const token = await createSession(tx, tenantId, user.id);
    await audit(tx, actorFor(user), 'user.signIn', { type: 'user', id: user.id });
    return ok({ user, token });
  });
}

/** Queues a mail of the given kind if the address has an account; says nothing either way. */
export async function requestAccountMail(
  db: Db,
  tenantId: string,
  emailAddress: string,
  job: 'accounts.sendPasswordReset' | 'accounts.sendVerification',
): Promise<void> {
  const user = await getUserByEmail(db, tenantId, emailAddress);
  if (!user || user.disabledAt) return;
  if (job === 'accounts.sendVerification' && user.emailVerifiedAt) return;
  await enqueue(db, job, { userId: user.id }, { tenantId });
}

/** Sets a new password with a reset token; signs the person out everywhere else. */
export async function resetPassword(db: Db, tenantId: string, token: string, pass: string): Promise<Result<User>> {
  const passwordHash = await hashPassword(pass);
  return db.transaction(async (tx) => {
    const user = await consumeToken(tx, tenantId, token, 'reset');
    if (!user) return fail<User>('password', 'accounts.errors.tokenInvalid');
    // The mail reached the person, so the address is verified too.
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await destroyUserSessions(tx, user.id);
    await audit(tx, actorFor(user), 'user.resetPassword', { type: 'user', id: user.id });
    return ok(user);
  });
}

/** Changes a person's own name and language. */
export async function updateProfile(db: Db, actor: Actor, input: ProfileInput): Promise<void> {
  if (!actor.user) throw new Error('not signed in');
  const userId = actor.user.id;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ name: input.name, lang: input.lang, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId)));
    await audit(tx, actor, 'user.updateProfile', { type: 'user', id: userId }, { name: input.name, lang: input.lang });
  });
}

/**
 * Gives a person a role, tenant-wide or scoped. The role must exist, and a scoped role needs a
 * scope of its kind that belongs to this municipality.
 */
export async function assignRole(
  db: Db,
  actor: Actor,
  userId: string,
  input: { role: string; scope: string },
  roles: RoleDefinition[],
  scopeExists: (kind: string, id: string) => Promise<boolean>,
): Promise<Result<null>> {
  const def = roles.find((r) => r.role === input.role);
  if (!def) return fail('role', 'platform.errors.choice');
  let scopeType = 'tenant';
  let scopeId = '';
  if (def.scope !== 'tenant') {
    const [kind, id] = input.scope.split(':');
    if (kind !== def.scope || !id || !(await scopeExists(kind, id))) return fail('scope', 'accounts.errors.scopeRequired');
    scopeType = kind;
    scopeId = id;
  }
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roleAssignments)
      .values({ tenantId: actor.tenantId, userId, role: def.role, scopeType, scopeId })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (inserted[0]) await audit(tx, actor, 'role.assign', { type: 'user', id: userId }, { role: def.role, scopeType, scopeId });
    return ok(null);
  });
}

/** Takes a role assignment away. */
export async function revokeRole(db: Db, actor: Actor, userId: string, assignmentId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId), eq(roleAssignments.tenantId, actor.tenantId)))
      .returning();
    if (!gone) return false;
    await audit(tx, actor, 'role.revoke', { type: 'user', id: userId }, { role: gone.role, scopeType: gone.scopeType, scopeId: gone.scopeId });
    return true;
  });
}

/** Blocks or unblocks an account; a blocked person is signed out everywhere and cannot sign in. */
export async function setUserDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<Result<null>> {
  if (actor.user?.id === userId) return fail('_form', 'accounts.errors.notYourself');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId), isNull(users.erasedAt)))
      .returning({ id: users.id });
    if (!row) return fail<null>('_form', 'accounts.errors.erased');
    if (disabled) await destroyUserSessions(tx, userId);
    await audit(tx, actor, disabled ? 'user.disable' : 'user.enable', { type: 'user', id: userId });
    await emit(tx, actor, disabled ? 'accounts.userDisabled' : 'accounts.userEnabled', { userId });
    return ok(null);
  });
}

/** Creates a verified account directly (demo data, tests and administrators' imports). */
export async function createVerifiedUser(db: Db, tenantId: string, v: { email: string; name: string; password: string; lang?: 'sv' | 'en' }): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ tenantId, email: v.email, name: v.name, passwordHash: await hashPassword(v.password), lang: v.lang ?? 'sv', emailVerifiedAt: new Date() })
    .returning();
  if (!user) throw new Error('user not created');
  return user;
}

/** Gives a role without an actor (demo data and tests). */
export async function grantRole(db: Db, tenantId: string, userId: string, role: string, scope?: { type: string; id: string }): Promise<void> {
  await db
    .insert(roleAssignments)
    .values({ tenantId, userId, role, scopeType: scope?.type ?? 'tenant', scopeId: scope?.id ?? '' })
    .onConflictDoNothing();
}

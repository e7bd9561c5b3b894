import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';

/** A person with an account in one municipality. */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    lang: text('lang').$type<'sv' | 'en'>().notNull().default('sv'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** When the person closed their account: the row stays, nameless, for the records the municipality keeps. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('users_tenant_email_key').on(t.tenantId, sql`lower(${t.email})`), index('users_tenant_name_idx').on(t.tenantId, t.name, t.id)],
);

/** Single-use tokens sent by e-mail: address verification and password reset. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'verify' | 'reset'>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId)],
);

/** A role a person holds in a municipality, optionally scoped to one function, council or programme. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeType: text('scope_type').notNull().default('tenant'),
    /** Empty string for tenant-wide roles, so the unique key treats them as one. */
    scopeId: text('scope_id').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('role_assignments_key').on(t.tenantId, t.userId, t.role, t.scopeType, t.scopeId), index('role_assignments_user_idx').on(t.userId)],
);

/**
 * A way to sign in with e-ID: the provider's issuer and subject, and, when the provider gives a
 * Swedish personal identity number, only its keyed hash (so the same person is recognised through
 * another broker, and the number itself is never stored).
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    personalNumberHash: text('personal_number_hash'),
    /** The assurance level of the last sign-in (an `acr` URI). */
    lastAcr: text('last_acr'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('user_identities_subject_key').on(t.tenantId, t.issuer, t.subject),
    uniqueIndex('user_identities_person_key').on(t.tenantId, t.personalNumberHash),
    index('user_identities_user_idx').on(t.userId),
  ],
);

/**
 * A municipality's OpenID Connect provider (its e-ID broker or own IdP), set by an administrator.
 * The client secret is sealed with the service's secret. Without a row, the default municipality
 * uses the provider the environment names (OIDC_ISSUER and the rest).
 */
export const oidcSettings = pgTable('oidc_settings', {
  tenantId: tenantColumn().primaryKey(),
  issuer: text('issuer').notNull().default(''),
  clientId: text('client_id').notNull().default(''),
  clientSecretSealed: text('client_secret_sealed').notNull().default(''),
  label: text('label').notNull().default(''),
  scope: text('scope').notNull().default(''),
  /** The e-ID level (2–4, 0 for any) that staff roles need; null: staff may sign in with a password. */
  staffLevel: integer('staff_level'),
  ...timestamps(),
});

/**
 * A sign-in through the provider under way, or an e-ID waiting for its new account's details.
 * The browser holds the key in a cookie; the row is used once and lives minutes.
 */
export const oidcFlows = pgTable(
  'oidc_flows',
  {
    keyHash: text('key_hash').primaryKey(),
    tenantId: tenantColumn(),
    kind: text('kind').$type<'signIn' | 'link' | 'signUp'>().notNull(),
    /** Who is linking e-ID to their account (kind 'link'). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull().default(''),
    codeVerifier: text('code_verifier').notNull().default(''),
    next: text('next').notNull().default('/'),
    /** What the provider said about the person (kind 'signUp'): no personal number, only its hash. */
    identity: jsonb('identity').$type<VerifiedIdentity>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps(),
  },
  (t) => [index('oidc_flows_expires_idx').on(t.expiresAt)],
);

/** A person as the provider vouched for them, ready to sign in or to become an account. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  personalNumberHash: string | null;
  acr: string | null;
  name: string;
  email: string | null;
  emailVerified: boolean;
  /** Sealed ID token, for signing out at the provider afterwards. */
  idTokenSealed: string | null;
}

/** What the service asks a person's consent for. */
export type ConsentKind = 'publicName' | 'followedMail';
export const CONSENT_KINDS: readonly ConsentKind[] = ['publicName', 'followedMail'];

/**
 * Consents as given and withdrawn, one row per giving: when and how (the profile, or the form it
 * was asked on), and when and how it was withdrawn. The history stays; the consent in force is
 * the row not withdrawn. A consent is general (`subject` empty: "name me in public records") or
 * given for one record on the form that made it ("name me on this question"), which another
 * module names in `subject` and says how people know it in `subjectLabel` (its number).
 */
export const consents = pgTable(
  'consents',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ConsentKind>().notNull(),
    subject: text('subject').notNull().default(''),
    subjectLabel: text('subject_label').notNull().default(''),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    /** Where it was given: 'profile', or the address of the form that asked. */
    givenVia: text('given_via').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnVia: text('withdrawn_via'),
    ...timestamps(),
  },
  (t) => [
    index('consents_user_idx').on(t.userId, t.kind),
    // At most one consent of a kind and subject in force per person: giving twice at once gives once.
    uniqueIndex('consents_in_force_key').on(t.userId, t.kind, t.subject).where(sql`withdrawn_at is null`),
  ],
);

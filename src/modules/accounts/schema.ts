import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn } from '../tenants/schema.js';

/** A signed-in browser session; the cookie holds a random token, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** How the person signed in: 'password' or 'eid'; with e-ID, the assurance level (`acr`) too. */
    method: text('method').notNull().default('password'),
    acr: text('acr'),
    /** The provider's ID token, sealed, to end the provider's session at sign-out. */
    idTokenSealed: text('id_token_sealed'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Rate-limit counters shared by every instance on the database: one row per route, tenant and
 * address (all three in `key`), counting attempts until `resets_at`. The one table without its
 * own tenant column: the tenant is part of the key, and the rows are removed when they expire.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_resets_at_idx').on(t.resetsAt)],
);

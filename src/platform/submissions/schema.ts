import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn } from '../tenants/schema.js';

/**
 * Forms that create something carry a one-time key. The key is stored in the transaction that
 * creates the record, so a second submission of the same form (a double click, a browser that
 * sends again, a reload after a lost answer) finds it and is led to what the first one made.
 */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    tenantId: tenantColumn(),
    key: uuid('key').notNull(),
    userId: uuid('user_id').notNull(),
    /** What the first submission made (its address, say); empty until its transaction commits. */
    result: text('result').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index('form_submissions_user_idx').on(t.userId, t.createdAt)],
);

/**
 * What a person typed into a form whose post arrived after their session had ended: kept for a
 * day under a random token (its hash here, the token in the browser's cookie), so the form can be
 * shown again with every answer once they have signed in. Nothing parked is ever saved by itself.
 */
export const parkedForms = pgTable(
  'parked_forms',
  {
    tenantId: tenantColumn(),
    tokenHash: text('token_hash').notNull(),
    /** The address of the form the answers belong to. */
    path: text('path').notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.tokenHash] }), index('parked_forms_expiry_idx').on(t.expiresAt)],
);

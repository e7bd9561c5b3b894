import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantColumn } from '../tenants/schema.js';

/**
 * A municipality's own period for a kind of record (its gallringsbeslut): how many days after the
 * record's moment it is removed or made anonymous. Without a row, the kind's default applies.
 */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    tenantId: tenantColumn(),
    kind: text('kind').notNull(),
    days: integer('days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

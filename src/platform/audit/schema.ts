import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn } from '../tenants/schema.js';

/** One row per change: who, what, when; written in the transaction of the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: tenantColumn(),
    actorId: uuid('actor_id'),
    /** The actor's name and e-mail as they were at the time. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_tenant_time_idx').on(t.tenantId, t.createdAt, t.id),
    // The log is read newest first, paged by id.
    index('audit_log_tenant_id_idx').on(t.tenantId, t.id),
    index('audit_log_record_idx').on(t.tenantId, t.recordType, t.recordId),
    index('audit_log_actor_idx').on(t.tenantId, t.actorId),
  ],
);

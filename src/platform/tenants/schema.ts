import { bigint, boolean, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../db/columns.js';

/** A municipality: every other row belongs to one. */
export const tenants = pgTable(
  'tenants',
  {
    id: idColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Host names that resolve to this tenant, lower case, without port. */
    hosts: text('hosts').array().notNull().default([]),
    isDefault: boolean('is_default').notNull().default(false),
    timeZone: text('time_zone').notNull().default('Europe/Stockholm'),
    /** Public address used in e-mail links; falls back to BASE_URL. */
    baseUrl: text('base_url'),
    /** Where accessibility feedback and other mail to the municipality goes. */
    contactEmail: text('contact_email').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tenants_slug_key').on(t.slug)],
);

/** The tenant every row belongs to; removing a tenant removes its rows. */
export const tenantColumn = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/**
 * How many write transactions have changed each tenant's data. A trigger on every table that can
 * change what a visitor sees advances it when the transaction commits (migration data_versions),
 * so a page kept under one version is never given out after a later write, on any instance.
 * No foreign key: the row of a removed tenant is advanced by the removal itself.
 */
export const dataVersions = pgTable('data_versions', {
  tenantId: uuid('tenant_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

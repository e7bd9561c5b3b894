import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';

/** A locality (ort): a town or a service locality with the villages around it. */
export const localities = pgTable(
  'localities',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** 'town' (the main town) or 'service' (a rural service locality). */
    kind: text('kind').$type<'town' | 'service'>().notNull(),
    description: text('description').notNull().default(''),
    /** Villages and parishes the locality covers, as written by the municipality. */
    covers: text('covers').notNull().default(''),
    population: integer('population'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('localities_tenant_slug_key').on(t.tenantId, t.slug)],
);

/** An area (område) of a locality, such as an area network's part of town. */
export const areas = pgTable(
  'areas',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    localityId: uuid('locality_id')
      .notNull()
      .references(() => localities.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    covers: text('covers').notNull().default(''),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('areas_tenant_slug_key').on(t.tenantId, t.slug), index('areas_locality_idx').on(t.localityId)],
);

/** A municipal function that questions are routed to: a department, a company or a federation. */
export const functions = pgTable(
  'functions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<'department' | 'company' | 'federation'>().notNull(),
    /** Committee code used in registration numbers, such as FF. */
    code: text('code').notNull().default(''),
    email: text('email').notNull().default(''),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('functions_tenant_slug_key').on(t.tenantId, t.slug)],
);

import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { areas, localities } from '../tenancy/schema.js';

/** A meeting place (mötesplats): a library, a community hall, a church hall, with its accessibility. */
export const meetingPlaces = pgTable(
  'meeting_places',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    localityId: uuid('locality_id').references(() => localities.id, { onDelete: 'set null' }),
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    description: text('description').notNull().default(''),
    openingHours: text('opening_hours').notNull().default(''),
    /** Structured accessibility, as a visitor with a disability asks about it. */
    stepFree: boolean('step_free').notNull().default(false),
    accessibleToilet: boolean('accessible_toilet').notNull().default(false),
    hearingLoop: boolean('hearing_loop').notNull().default(false),
    transitNearby: boolean('transit_nearby').notNull().default(false),
    accessibilityNotes: text('accessibility_notes').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_places_tenant_slug_key').on(t.tenantId, t.slug), index('meeting_places_tenant_name_idx').on(t.tenantId, t.name, t.id)],
);

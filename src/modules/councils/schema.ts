import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { organisations } from '../organisations/schema.js';
import { areas, localities } from '../tenancy/schema.js';

export type CouncilKind = 'local_council' | 'area_network' | 'contact_network';

/** A local council (ortsråd), an area network (områdesnätverk), or the contact persons' own network. */
export const councils = pgTable(
  'councils',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<CouncilKind>().notNull(),
    localityId: uuid('locality_id').references(() => localities.id, { onDelete: 'set null' }),
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** The interest association that runs the council. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    description: text('description').notNull().default(''),
    /** How to take part, in the council's own words. */
    howToJoin: text('how_to_join').notNull().default(''),
    /** A private council (the contact persons' network) is seen only by its members and administrators. */
    isPublic: boolean('is_public').notNull().default(true),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('councils_tenant_slug_key').on(t.tenantId, t.slug), index('councils_tenant_name_idx').on(t.tenantId, t.name)],
);

export type CouncilRole = 'chair' | 'secretary' | 'member';

/**
 * A member of a council: an organisation (with the person who represents it, if known) or an
 * individual. The chair and the secretary are people: a row with a person and that role.
 */
export const councilMembers = pgTable(
  'council_members',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<CouncilRole>().notNull().default('member'),
    ...timestamps(),
  },
  (t) => [
    index('council_members_council_idx').on(t.councilId),
    index('council_members_user_idx').on(t.userId),
    // An organisation is a member once; a person is an individual member once.
    uniqueIndex('council_members_org_key').on(t.councilId, t.organisationId).where(sql`organisation_id is not null`),
    uniqueIndex('council_members_person_key').on(t.councilId, t.userId).where(sql`organisation_id is null`),
  ],
);

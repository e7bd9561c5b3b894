import { type SQL, sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { areas, localities } from '../tenancy/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type OrganisationKind = 'association' | 'business' | 'idea_based' | 'municipal_unit' | 'religious' | 'school';

/** An organisation in the register: association, business, idea-based organisation or municipal unit. */
export const organisations = pgTable(
  'organisations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    orgNumber: text('org_number').notNull().default(''),
    description: text('description').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    website: text('website').notNull().default(''),
    localityId: uuid('locality_id').references(() => localities.id, { onDelete: 'set null' }),
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** Members as the association last counted them (for grants per member and eligibility), and when. */
    memberCount: integer('member_count'),
    membersCountedOn: date('members_counted_on', { mode: 'string' }),
    /** The day of the latest annual meeting (some grants are applied for within a month of it). */
    annualMeetingOn: date('annual_meeting_on', { mode: 'string' }),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('swedish', coalesce(${organisations.name}, '') || ' ' || coalesce(${organisations.description}, ''))`,
    ),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('organisations_tenant_slug_key').on(t.tenantId, t.slug),
    index('organisations_tenant_name_idx').on(t.tenantId, t.name, t.id),
    index('organisations_search_idx').using('gin', t.search),
    check('organisations_member_count', sql`${t.memberCount} is null or ${t.memberCount} >= 0`),
  ],
);

/** A person's membership of an organisation; representatives keep its profile. */
export const organisationMembers = pgTable(
  'organisation_members',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<'representative' | 'member'>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('organisation_members_key').on(t.organisationId, t.userId), index('organisation_members_user_idx').on(t.userId)],
);

/** An invitation by e-mail to join an organisation. */
export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<'representative' | 'member'>().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('organisation_invitations_token_key').on(t.tokenHash), index('organisation_invitations_org_idx').on(t.organisationId)],
);

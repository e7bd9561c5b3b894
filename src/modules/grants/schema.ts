import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';

export const PROGRAMME_KINDS = ['association', 'local_development'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** A rule an applying organisation must meet, read from the organisation register where it can be. */
export type EligibilityRule =
  | { kind: 'registered_association' }
  | { kind: 'min_members'; value: number }
  | { kind: 'participant_age'; min: number; max: number }
  | { kind: 'text'; text: string };

/** A criterion reviewers score an application against, with its weight. */
export interface Criterion {
  name: string;
  weight: number;
}

/**
 * A grant programme (the basic grant per member, the local development funds, …): who may apply,
 * how applications are judged, the amounts, and the limit under which an officer decides alone.
 */
export const grantProgrammes = pgTable(
  'grant_programmes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ProgrammeKind>().notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    /** Whole kronor; null where the programme sets no bound. */
    minAmount: integer('min_amount'),
    maxAmount: integer('max_amount'),
    /** Applications up to this amount are decided by an officer under delegation (the fast track). */
    fastTrackLimit: integer('fast_track_limit'),
    /** How to apply in the programme's own words ("within a month of the annual meeting", "before the activity"). */
    whenToApply: text('when_to_apply').notNull().default(''),
    eligibility: jsonb('eligibility').$type<EligibilityRule[]>().notNull().default([]),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('grant_programmes_slug_key').on(t.tenantId, t.slug),
    check(
      'grant_programmes_amounts',
      sql`(${t.minAmount} is null or ${t.minAmount} >= 0) and (${t.maxAmount} is null or ${t.maxAmount} >= 0)
      and (${t.minAmount} is null or ${t.maxAmount} is null or ${t.maxAmount} >= ${t.minAmount}) and (${t.fastTrackLimit} is null or ${t.fastTrackLimit} >= 0)`,
    ),
  ],
);

/**
 * A call of a programme: a period in which applications are taken (or open all year, without a
 * closing time), with the budget for it. Opening and closing are instants; the service shows and
 * checks them in the municipality's time zone.
 */
export const grantCalls = pgTable(
  'grant_calls',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => grantProgrammes.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    /** Null: open all year, until the call is closed by hand. */
    closesAt: timestamp('closes_at', { withTimezone: true }),
    budget: integer('budget').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('grant_calls_slug_key').on(t.programmeId, t.slug),
    index('grant_calls_open_idx').on(t.tenantId, t.opensAt),
    check('grant_calls_budget', sql`${t.budget} >= 0`),
    check('grant_calls_period', sql`${t.closesAt} is null or ${t.closesAt} > ${t.opensAt}`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { councils } from '../councils/schema.js';
import { organisations } from '../organisations/schema.js';

export const SCHEDULES = ['yearly', 'half_yearly', 'quarterly'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/**
 * A compensation agreement between the municipality and the association that runs a council:
 * the period, the yearly amount in whole kronor, how it is paid, and by when each year's report is
 * due (the month and day in the year after the one reported on).
 */
export const agreements = pgTable(
  'agreements',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    yearlyAmount: integer('yearly_amount').notNull(),
    schedule: text('schedule').$type<Schedule>().notNull().default('yearly'),
    /** `MM-DD`: the report on a year is due on this day of the next year. */
    reportDue: text('report_due').notNull().default('03-31'),
    notes: text('notes').notNull().default(''),
    /** When those concerned were told the agreement ends soon (once). */
    endingToldAt: timestamp('ending_told_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('agreements_council_idx').on(t.tenantId, t.councilId, t.startsOn),
    check('agreements_period', sql`${t.endsOn} >= ${t.startsOn}`),
    check('agreements_amount', sql`${t.yearlyAmount} >= 0`),
  ],
);

/** What the platform can check of an obligation by itself; `other` is stated by the association. */
export const OBLIGATION_KINDS = ['open_meetings', 'minutes_published', 'plan_updated', 'other'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/** One obligation of an agreement ("hold at least four open meetings a year"). */
export const agreementObligations = pgTable(
  'agreement_obligations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ObligationKind>().notNull(),
    /** For open meetings: how many a year at least. */
    minimum: integer('minimum'),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [index('agreement_obligations_idx').on(t.agreementId, t.position)],
);

/** A payment due under an agreement, and when it was paid. */
export const agreementPayments = pgTable(
  'agreement_payments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    dueOn: date('due_on').notNull(),
    amount: integer('amount').notNull(),
    paidOn: date('paid_on'),
    paidBy: uuid('paid_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('agreement_payments_due_key').on(t.agreementId, t.dueOn), check('agreement_payments_amount', sql`${t.amount} >= 0`)],
);

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved';

/** What the platform found for each obligation when a report was written or submitted. */
export interface ReportEvidence {
  meetings: { slug: string; title: string; startsAt: string; open: boolean; minutesPublishedAt: string | null }[];
  plan: { slug: string; title: string; updatedAt: string; lastUpdateDay: string | null; reviewYears: number[] } | null;
}

/** The association's answer on one obligation: whether it was met, and what it says. */
export interface ObligationAnswer {
  met: 'yes' | 'no' | 'partly' | '';
  comment: string;
}

/**
 * The yearly report of an agreement: filled in by the platform where it knows (the meetings held
 * and minutes published, the plan's upkeep), completed and submitted by the association, approved
 * or returned by the contact person.
 */
export const agreementReports = pgTable(
  'agreement_reports',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status').$type<ReportStatus>().notNull().default('draft'),
    narrative: text('narrative').notNull().default(''),
    answers: jsonb('answers').$type<Record<string, ObligationAnswer>>().notNull().default({}),
    /** The evidence as it stood when the report was submitted (kept, so a later change in the calendar does not rewrite it). */
    evidence: jsonb('evidence').$type<ReportEvidence>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decisionNote: text('decision_note').notNull().default(''),
    /** When the association was reminded that the report is due (once). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('agreement_reports_year_key').on(t.agreementId, t.year)],
);

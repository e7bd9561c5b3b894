import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { councils } from '../councils/schema.js';
import { meetings } from '../meetings/core/schema.js';
import { organisations } from '../organisations/schema.js';
import { localities } from '../tenancy/schema.js';

export const PROGRAMME_KINDS = ['association', 'local_development'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** A rule an applying organisation must meet, read from the organisation register where it can be. */
export type EligibilityRule =
  | { kind: 'registered_association' }
  | { kind: 'min_members'; value: number }
  | { kind: 'participant_age'; min: number; max: number }
  | { kind: 'after_annual_meeting'; days: number }
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

export const QUESTION_KINDS = ['text', 'longtext', 'number', 'amount', 'date', 'choice', 'file', 'budget'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What the organisation register can fill in for a question. */
export const PREFILLS = ['', 'orgNumber', 'memberCount', 'annualMeetingOn', 'email', 'phone'] as const;
export type Prefill = (typeof PREFILLS)[number];

/** A question of a programme's application form, as the officer built it. */
export interface Question {
  /** Stable within the programme across versions, so answers can be read side by side. */
  key: string;
  kind: QuestionKind;
  label: string;
  help: string;
  required: boolean;
  /** For a choice: the options, in order. */
  options: string[];
  prefill: Prefill;
}

/**
 * A version of a programme's application form. A change by the officer writes a new version; an
 * application keeps the version it was started on, so no change alters an application already made.
 */
export const grantForms = pgTable(
  'grant_forms',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => grantProgrammes.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    questions: jsonb('questions').$type<Question[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grant_forms_version_key').on(t.programmeId, t.version)],
);

export const REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const RECOMMENDATIONS = ['support', 'neutral', 'against'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const APPLICATION_STATUSES = ['draft', 'submitted', 'more_info', 'withdrawn', 'granted', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A budget table's row: what the money goes to, and how much. */
export interface BudgetRow {
  item: string;
  amount: number;
}

/** An answer as kept: text for text, dates and choices; a whole number for numbers and amounts; rows for a budget; files are attachments. */
export type Answer = string | number | BudgetRow[];

/** How a rule of the programme stood for the organisation when the application was submitted. */
export interface RuleCheck {
  rule: EligibilityRule;
  status: 'met' | 'unmet' | 'confirmed';
  /** What the register said, for the officer: "42 members (2026-02-10)". */
  detail: string;
}

/**
 * An organisation's application to a call, on the form version it was started with. Its
 * representatives write it as a draft and submit it before the call closes; after that it is read-only
 * to them, except to withdraw it or answer a request for more information.
 */
export const grantApplications = pgTable(
  'grant_applications',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    callId: uuid('call_id')
      .notNull()
      .references(() => grantCalls.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => grantProgrammes.id, { onDelete: 'cascade' }),
    formId: uuid('form_id')
      .notNull()
      .references(() => grantForms.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The reference officers and applicants quote: year and a running number within the tenant ("2026-0042"). */
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Whole kronor. */
    amount: integer('amount'),
    answers: jsonb('answers').$type<Record<string, Answer>>().notNull().default({}),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    eligibility: jsonb('eligibility').$type<RuleCheck[]>(),
    /** What the officer asked for when the application went back for more information, and the applicant's answer. */
    infoRequest: text('info_request').notNull().default(''),
    infoReply: text('info_reply').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Where the organisation was when it applied: the locality whose council recommends, and under which the grant is listed. */
    localityId: uuid('locality_id').references(() => localities.id, { onDelete: 'set null' }),
    /** The local council's recommendation on an application for its locality. */
    recommendation: text('recommendation').$type<Recommendation | ''>().notNull().default(''),
    recommendationNote: text('recommendation_note').notNull().default(''),
    recommendedBy: uuid('recommended_by').references(() => users.id, { onDelete: 'set null' }),
    recommendingCouncilId: uuid('recommending_council_id').references(() => councils.id, { onDelete: 'set null' }),
    recommendedAt: timestamp('recommended_at', { withTimezone: true }),
    /** The decision: the amount granted (whole kronor; null when rejected), its conditions and reasons, and who decided how. */
    grantedAmount: integer('granted_amount'),
    conditions: text('conditions').notNull().default(''),
    reasoning: text('reasoning').notNull().default(''),
    decisionBy: text('decision_by').$type<'delegation' | 'body'>(),
    /** The political body's meeting that decided, when not an officer under delegation. */
    decisionMeetingId: uuid('decision_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The follow-up report a grant asks for: due by a day; what was done, how many took part, what was spent. */
    reportDueOn: date('report_due_on', { mode: 'string' }),
    reportStatus: text('report_status').$type<ReportStatus | ''>().notNull().default(''),
    reportText: text('report_text').notNull().default(''),
    reportParticipants: integer('report_participants'),
    reportSpent: integer('report_spent'),
    /** What the officer asked for when the report went back. */
    reportNote: text('report_note').notNull().default(''),
    reportSubmittedAt: timestamp('report_submitted_at', { withTimezone: true }),
    /** When the representatives were reminded before the due day, and after it. */
    reportRemindedAt: timestamp('report_reminded_at', { withTimezone: true }),
    reportOverdueRemindedAt: timestamp('report_overdue_reminded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('grant_applications_decided_idx').on(t.tenantId, t.status, t.decidedAt),
    check('grant_applications_granted', sql`${t.grantedAmount} is null or ${t.grantedAmount} >= 0`),
    uniqueIndex('grant_applications_reference_key').on(t.tenantId, t.reference),
    index('grant_applications_call_idx').on(t.callId, t.status),
    index('grant_applications_org_idx').on(t.organisationId, t.createdAt),
    check('grant_applications_amount', sql`${t.amount} is null or ${t.amount} >= 0`),
  ],
);

/** A file attached to an application, to one of its file questions. */
export const grantAttachments = pgTable(
  'grant_attachments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grant_attachments_application_idx').on(t.applicationId)],
);

/** Scores per criterion: whole numbers 0–5. */
export const MAX_SCORE = 5;

/**
 * One reviewer's reading of one application: a score per criterion of the programme and a comment,
 * or a declared conflict of interest (then no scores). Each reviewer has their own row, so two
 * reviewers never write over each other; one reviewer's two tabs meet the row's version.
 */
export const grantReviews = pgTable(
  'grant_reviews',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    conflict: boolean('conflict').notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('grant_reviews_key').on(t.applicationId, t.reviewerId)],
);

/** A payment of a granted amount (a grant may be paid in parts). */
export const grantPayments = pgTable(
  'grant_payments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    amount: integer('amount').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grant_payments_application_idx').on(t.applicationId), check('grant_payments_amount', sql`${t.amount} > 0`)],
);

/** An organisation that applies together with the applicant: its members read the application, and it is named with it. */
export const grantCoApplicants = pgTable(
  'grant_co_applicants',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => grantApplications.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grant_co_applicants_key').on(t.applicationId, t.organisationId), index('grant_co_applicants_org_idx').on(t.organisationId)],
);

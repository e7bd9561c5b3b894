import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { councils } from '../councils/schema.js';
import { meetings } from '../meetings/core/schema.js';
import { organisations } from '../organisations/schema.js';
import { functions } from '../tenancy/schema.js';

export const ACTION_STATUSES = ['idea', 'planned', 'in_progress', 'done', 'paused', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What a municipal function answers on an action that names it. */
export const ANSWER_STATUSES = ['received', 'accepted', 'in_progress', 'done', 'declined'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export const RESPONSIBLE_KINDS = ['council', 'organisation', 'function'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

/**
 * A local development plan of a council, or a municipal project built in stages owned by a
 * function. The rows below are the plan as it stands now; each adopted version is kept as it was
 * adopted (plan_versions). `revision` counts every change of the plan's shape (its areas and the
 * order of its actions): a form that moves an action carries the revision it was shown at, so
 * two people reordering at once never silently undo each other.
 */
export const plans = pgTable(
  'plans',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** A council's plan, or a project of the municipality. */
    kind: text('kind').$type<'council' | 'project'>().notNull(),
    councilId: uuid('council_id').references(() => councils.id, { onDelete: 'cascade' }),
    functionId: uuid('function_id').references(() => functions.id),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    vision: text('vision').notNull().default(''),
    /** A draft is being prepared (the first, or a revision as the next version); adopted is in force. */
    status: text('status').$type<'draft' | 'adopted'>().notNull().default('draft'),
    /** The version being worked on, or in force. */
    version: integer('version').notNull().default(1),
    /** Whether any version was ever adopted: until then the plan is the council's own draft. */
    adoptedVersion: integer('adopted_version'),
    adoptedOn: date('adopted_on'),
    adoptedMeetingId: uuid('adopted_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    revision: integer('revision').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('plans_tenant_slug_key').on(t.tenantId, t.slug),
    uniqueIndex('plans_one_per_council').on(t.councilId).where(sql`${t.councilId} is not null`),
    check('plans_period', sql`${t.endYear} >= ${t.startYear}`),
    check('plans_owner', sql`(${t.kind} = 'council' and ${t.councilId} is not null) or (${t.kind} = 'project' and ${t.functionId} is not null)`),
  ],
);

/** A focus area of a plan (meeting places, traffic and safety, …), in the plan's order. */
export const planAreas = pgTable(
  'plan_areas',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [index('plan_areas_plan_idx').on(t.planId, t.position)],
);

/**
 * An action under a focus area, in the priority order the plan's keepers set (`position`, 1 first).
 * The responsible party is the council, one of its member organisations or a municipal function;
 * a function that is named answers with its own status and comment.
 */
export const planActions = pgTable(
  'plan_actions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id')
      .notNull()
      .references(() => planAreas.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    responsibleKind: text('responsible_kind').$type<ResponsibleKind>().notNull().default('council'),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    functionId: uuid('function_id').references(() => functions.id),
    /** Whole kronor. */
    costEstimate: integer('cost_estimate'),
    fundingSource: text('funding_source').notNull().default(''),
    targetDate: date('target_date'),
    status: text('status').$type<ActionStatus>().notNull().default('idea'),
    /** How far it has come, from its latest update that said so. */
    percent: integer('percent').notNull().default(0),
    answerStatus: text('answer_status').$type<AnswerStatus>(),
    answer: text('answer').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** When anything was last reported on it (an update, an event, an answer): the overview flags six quiet months. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    index('plan_actions_plan_idx').on(t.planId, t.areaId, t.position),
    index('plan_actions_function_idx').on(t.tenantId, t.functionId).where(sql`${t.functionId} is not null`),
    check('plan_actions_cost', sql`${t.costEstimate} is null or ${t.costEstimate} >= 0`),
    check('plan_actions_percent', sql`${t.percent} between 0 and 100`),
  ],
);

/**
 * A dated report on an action: written by a person (text, percent done, a photo with its
 * alternative text), or recorded by itself from something that happened elsewhere (a linked
 * question answered), then `source` names the event so it is recorded once.
 */
export const planUpdates = pgTable(
  'plan_updates',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    body: text('body').notNull(),
    percent: integer('percent'),
    photo: bytea('photo'),
    photoType: text('photo_type'),
    photoAlt: text('photo_alt').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    source: text('source'),
    /** For an event recorded by itself: the message and its values, shown in the reader's language. */
    messageKey: text('message_key'),
    vars: jsonb('vars').$type<Record<string, string>>(),
    link: text('link'),
    ...timestamps(),
  },
  (t) => [
    index('plan_updates_action_idx').on(t.actionId, t.day),
    uniqueIndex('plan_updates_source_key').on(t.actionId, t.source),
    check('plan_updates_percent', sql`${t.percent} is null or ${t.percent} between 0 and 100`),
  ],
);

export const LINK_KINDS = ['meeting', 'question', 'action_item', 'grant'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What moves an action forward elsewhere: a meeting where it was discussed, a question it raised, a meeting's action item, a grant. */
export const planLinks = pgTable(
  'plan_links',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id')
      .notNull()
      .references(() => planActions.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<LinkKind>().notNull(),
    targetId: uuid('target_id').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('plan_links_key').on(t.actionId, t.kind, t.targetId), index('plan_links_target_idx').on(t.tenantId, t.kind, t.targetId)],
);

/** The yearly review of a whole plan: a document of its own, dated, perhaps adopted at a meeting. */
export const planReviews = pgTable(
  'plan_reviews',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    reviewedOn: date('reviewed_on').notNull(),
    body: text('body').notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('plan_reviews_year_key').on(t.planId, t.year)],
);

/** A plan as one version was adopted: its text, areas and actions as they read that day. */
export interface PlanSnapshot {
  title: string;
  startYear: number;
  endYear: number;
  vision: string;
  areas: {
    title: string;
    description: string;
    actions: { title: string; description: string; status: ActionStatus; targetDate: string | null; costEstimate: number | null }[];
  }[];
}

export const planVersions = pgTable(
  'plan_versions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    adoptedOn: date('adopted_on').notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    snapshot: jsonb('snapshot').$type<PlanSnapshot>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('plan_versions_key').on(t.planId, t.version)],
);

/**
 * The public history of a plan: each change, what it was and when, in the reader's language
 * (a message key and its values). Who did it is in the audit log; the public history names the
 * party (the council, the function), not the person.
 */
export const planHistory = pgTable(
  'plan_history',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id').references(() => planActions.id, { onDelete: 'set null' }),
    messageKey: text('message_key').notNull(),
    vars: jsonb('vars').$type<Record<string, string>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_history_plan_idx').on(t.planId, t.at)],
);

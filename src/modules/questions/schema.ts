import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { councils } from '../councils/schema.js';
import { functions, localities } from '../tenancy/schema.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type QuestionStatus = 'received' | 'triaged' | 'forwarded' | 'in_progress' | 'waiting' | 'answered' | 'not_ours' | 'duplicate' | 'closed';

/**
 * What a question is about (an Open311 service): it names the function that receives it and how
 * many working days an answer may take.
 */
export const questionCategories = pgTable(
  'question_categories',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** The Open311 service code, stable for clients. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    groupName: text('group_name').notNull().default(''),
    description: text('description').notNull().default(''),
    functionId: uuid('function_id')
      .notNull()
      .references(() => functions.id),
    dueDays: integer('due_days').notNull().default(10),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('question_categories_code_key').on(t.tenantId, t.code)],
);

/** The municipality's registration rules: the pattern of a registration number. */
export const questionSettings = pgTable('question_settings', {
  tenantId: tenantColumn().primaryKey(),
  /** `{YYYY}` the year, `{code}` the function's code, `{serial:4}` the serial with at least four digits. */
  numberPattern: text('number_pattern').notNull().default('{YYYY}/{code}{serial:4}'),
  /** How many days after the answer its asker may open the question again. */
  reopenDays: integer('reopen_days').notNull().default(30),
  ...timestamps(),
});

/**
 * The last serial given per function and year. Registering takes the next one with one
 * INSERT … ON CONFLICT DO UPDATE in the registering transaction: the row lock orders concurrent
 * registrations, and a registration that fails takes its serial back with it, so there are no gaps.
 */
export const questionSerials = pgTable(
  'question_serials',
  {
    tenantId: tenantColumn(),
    functionId: uuid('function_id')
      .notNull()
      .references(() => functions.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.functionId, t.year] })],
);

/** Who asked, when it came on someone's behalf: their name and how to reach them (or nothing, anonymous), and how it came. */
export interface OnBehalf {
  name: string;
  contact: string;
  channel: 'phone' | 'letter' | 'visit' | 'email' | 'app';
}

/** What of a question a handler can mark confidential: its subject, the question, the answer, where, and the notes of its history. */
export const SECRET_FIELDS = ['subject', 'body', 'answer', 'place', 'notes'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * A registered question. Its number, time of receipt and the function it was registered at never
 * change (a trigger refuses it); the public description of its subject is kept apart from the
 * question itself.
 */
export const questions = pgTable(
  'questions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    number: text('number').notNull(),
    /** The number as an address (`2026/FF0123` → `2026-ff0123`). */
    slug: text('slug').notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    registeredFunctionId: uuid('registered_function_id')
      .notNull()
      .references(() => functions.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    functionId: uuid('function_id')
      .notNull()
      .references(() => functions.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => questionCategories.id),
    /** The short public description of the subject, for the register. */
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    localityId: uuid('locality_id').references(() => localities.id),
    address: text('address').notNull().default(''),
    /** A point on the map (WGS 84), when the asker gave one. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    askerId: uuid('asker_id').references(() => users.id, { onDelete: 'set null' }),
    onBehalf: jsonb('on_behalf').$type<OnBehalf | null>(),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    councilId: uuid('council_id').references(() => councils.id),
    status: text('status').$type<QuestionStatus>().notNull().default('received'),
    /** Who handles it now: the handler of its function who last took it up (none after a referral). */
    handlerId: uuid('handler_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date'),
    answer: text('answer').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /**
     * What is confidential (secrecy under the Public Access to Information and Secrecy Act): the
     * fields masked for everyone but the handlers and the asker, the provision relied on, when and by whom.
     */
    secretFields: text('secret_fields').array().$type<SecretField[]>().notNull().default(sql`'{}'::text[]`),
    secrecyGround: text('secrecy_ground').notNull().default(''),
    secrecyAt: timestamp('secrecy_at', { withTimezone: true }),
    secrecyBy: uuid('secrecy_by').references(() => users.id, { onDelete: 'set null' }),
    /** The point of a meeting's minutes it was raised from: the meeting, the point's place (from 0) and how it reads. */
    sourceMeetingId: uuid('source_meeting_id'),
    sourceItem: integer('source_item'),
    sourceLabel: text('source_label').notNull().default(''),
    /** The Open311 client that filed it, when it came through the API. */
    apiKeyId: uuid('api_key_id'),
    /** The knowledge base searches answered questions in Swedish: subject and answer weigh most. */
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('swedish', coalesce(${questions.subject}, '')), 'A') || setweight(to_tsvector('swedish', coalesce(${questions.answer}, '')), 'B') || setweight(to_tsvector('swedish', coalesce(${questions.body}, '')), 'C')`,
    ),
    ...timestamps(),
  },
  (t) => [
    index('questions_search_idx').using('gin', t.search),
    index('questions_answered_idx').on(t.tenantId, t.localityId, t.answeredAt).where(sql`status = 'answered'`),
    uniqueIndex('questions_tenant_number_key').on(t.tenantId, t.number),
    uniqueIndex('questions_tenant_slug_key').on(t.tenantId, t.slug),
    // The public register: newest first.
    index('questions_register_idx').on(t.tenantId, t.receivedAt, t.id),
    // A function's count per status, read from the index alone.
    index('questions_function_idx').on(t.tenantId, t.functionId, t.status),
    // A function's inbox: its open questions, those due first, read in order from the index.
    index('questions_inbox_idx')
      .on(t.functionId, sql`coalesce(${t.dueDate}, '9999-12-31'::date)`, t.id)
      .where(sql`status in ('received', 'triaged', 'forwarded', 'in_progress', 'waiting')`),
    index('questions_source_meeting_idx').on(t.sourceMeetingId).where(sql`source_meeting_id is not null`),
  ],
);

/** One step in a question's history: who did what, when. */
export const questionEvents = pgTable(
  'question_events',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    status: text('status').$type<QuestionStatus>(),
    functionId: uuid('function_id').references(() => functions.id),
    note: text('note').notNull().default(''),
    ...timestamps(),
  },
  (t) => [index('question_events_question_idx').on(t.questionId, t.at)],
);

/**
 * A file sent with a question (an image or a PDF, checked by its contents), kept in the database
 * with it. It is as public as the question itself: hidden with the question's text when that is
 * confidential.
 */
export const questionAttachments = pgTable(
  'question_attachments',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    data: bytea('data').notNull(),
    ...timestamps(),
  },
  (t) => [index('question_attachments_question_idx').on(t.questionId)],
);

/**
 * A key an Open311 client files questions with. Only its hash is kept; the key itself is shown
 * once, when it is issued. A revoked key is refused from then on.
 */
export const open311Keys = pgTable(
  'open311_keys',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    name: text('name').notNull(),
    /** The first characters, to tell keys apart in the list. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('open311_keys_hash_key').on(t.keyHash)],
);

export type Question = typeof questions.$inferSelect;
export type QuestionCategory = typeof questionCategories.$inferSelect;

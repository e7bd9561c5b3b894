import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, idColumn, timestamps } from '../../../platform/db/columns.js';
import { tenantColumn } from '../../../platform/tenants/schema.js';
import { users } from '../../accounts/schema.js';
import { councils } from '../../councils/schema.js';
import { organisations } from '../../organisations/schema.js';
import { meetingPlaces } from '../../places/schema.js';

/** A municipal body whose meetings are in the political meeting calendar (sammanträdeskalender). */
export const meetingBodies = pgTable(
  'meeting_bodies',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_bodies_tenant_slug_key').on(t.tenantId, t.slug)],
);

export type PlaceKind = 'place' | 'address' | 'online';
export type MeetingStatus = 'draft' | 'published' | 'cancelled';
export type MeetingVisibility = 'public' | 'members';

/** A meeting of a council or network, or of a municipal body. */
export const meetings = pgTable(
  'meetings',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** Part of the address: the date and the organiser, such as 2026-12-08-fristad. */
    slug: text('slug').notNull(),
    councilId: uuid('council_id').references(() => councils.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id').references(() => meetingBodies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    placeKind: text('place_kind').$type<PlaceKind>().notNull(),
    meetingPlaceId: uuid('meeting_place_id').references(() => meetingPlaces.id, { onDelete: 'set null' }),
    address: text('address').notNull().default(''),
    onlineUrl: text('online_url').notNull().default(''),
    accessibility: text('accessibility').notNull().default(''),
    /** Null: no limit. */
    capacity: integer('capacity'),
    registrationOpen: boolean('registration_open').notNull().default(true),
    visibility: text('visibility').$type<MeetingVisibility>().notNull().default('public'),
    status: text('status').$type<MeetingStatus>().notNull().default('draft'),
    cancelReason: text('cancel_reason').notNull().default(''),
    /** iCalendar SEQUENCE: raised by every change a calendar must carry once published. */
    sequence: integer('sequence').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('meetings_tenant_slug_key').on(t.tenantId, t.slug),
    index('meetings_tenant_starts_idx').on(t.tenantId, t.startsAt, t.id),
    index('meetings_council_starts_idx').on(t.councilId, t.startsAt),
    index('meetings_body_starts_idx').on(t.bodyId, t.startsAt),
    check('meetings_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    // A meeting is held on one day; lists rely on it to read the start-time index from near now.
    check('meetings_within_a_day', sql`${t.endsAt} <= ${t.startsAt} + interval '1 day'`),
    check('meetings_has_organiser', sql`${t.councilId} is not null or ${t.bodyId} is not null`),
    check('meetings_capacity_positive', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** One item of a meeting's agenda, in order, with who presents it and how long it takes. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    presenter: text('presenter').notNull().default(''),
    durationMinutes: integer('duration_minutes'),
    /** What put the item on the agenda when another module did (`question:<id>`); empty when a person added it. */
    source: text('source').notNull().default(''),
    /** What the minutes say of the item unless the secretary writes otherwise (an answer "was reported"). */
    reportedText: text('reported_text').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    uniqueIndex('agenda_items_source_key').on(t.meetingId, t.source).where(sql`source <> ''`),
  ],
);

/**
 * Something to go on a council's next meeting's agenda (an answer to the council's question): placed
 * at once on the next meeting planned, or, when none is, on the first one made after.
 */
export const agendaProposals = pgTable(
  'agenda_proposals',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    reportedText: text('reported_text').notNull().default(''),
    placedMeetingId: uuid('placed_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    placedAt: timestamp('placed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('agenda_proposals_source_key').on(t.tenantId, t.source),
    index('agenda_proposals_waiting_idx').on(t.councilId).where(sql`placed_at is null`),
  ],
);

/** A document attached to a meeting or one of its agenda items, kept in the database with it. */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    data: bytea('data').notNull(),
    /** A non-public document is for the council's members, contact persons and administrators. */
    isPublic: boolean('is_public').notNull().default(true),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [index('meeting_documents_meeting_idx').on(t.meetingId)],
);

export type RegistrationStatus = 'registered' | 'declined';

/** A person's answer to a meeting: coming (registered) or not (declined). */
export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<RegistrationStatus>().notNull(),
    /** The member organisation the person comes for, if any. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('meeting_registrations_person_key').on(t.meetingId, t.userId),
    index('meeting_registrations_user_idx').on(t.userId),
    index('meeting_registrations_meeting_status_idx').on(t.meetingId, t.status),
  ],
);

/** Who was at a meeting: a person (with or without an account) and, or, an organisation. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** A guest without an account, as the secretary wrote the name. */
    guestName: text('guest_name').notNull().default(''),
    ...timestamps(),
  },
  (t) => [index('meeting_attendance_meeting_idx').on(t.meetingId)],
);

export type MinutesStatus = 'draft' | 'checking' | 'checked' | 'published';

/** An action item as written in the minutes; `key` keeps it the same across corrected versions. */
export interface MinutesAction {
  key: string;
  description: string;
  owner: string;
  /** The person with an account it is given to (one of the council's people), told of it; else empty. */
  ownerId?: string;
  /** YYYY-MM-DD, or empty */
  due: string;
}

/** What the minutes say about one agenda item. */
export interface MinutesItem {
  agendaItemId: string | null;
  title: string;
  discussion: string;
  decisions: string;
  actions: MinutesAction[];
}

/**
 * One version of a meeting's minutes (protokoll). A draft is written, checked by the appointed
 * checkers (justering) and published; once published it is never changed, and a correction is a
 * new version that keeps the old one visible.
 */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<MinutesStatus>().notNull().default('draft'),
    items: jsonb('items').$type<MinutesItem[]>().notNull().default([]),
    /** Opening words, who chaired and who kept the minutes, as the secretary wrote them. */
    preamble: text('preamble').notNull().default(''),
    /** Why a later version corrects the one before. */
    correctionNote: text('correction_note').notNull().default(''),
    checkerIds: uuid('checker_ids').array().notNull().default(sql`'{}'::uuid[]`),
    checkedBy: uuid('checked_by').array().notNull().default(sql`'{}'::uuid[]`),
    returnNote: text('return_note').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('meeting_minutes_version_key').on(t.meetingId, t.version)],
);

/**
 * An action item from published minutes, followed until done. It is written in the minutes and
 * brought here when they are published; whether it is done is kept here, outside the minutes.
 */
export const actionItems = pgTable(
  'action_items',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').references(() => councils.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    agendaTitle: text('agenda_title').notNull().default(''),
    description: text('description').notNull(),
    owner: text('owner').notNull().default(''),
    /** The person with an account it is given to, told when it is given and when it is overdue. */
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date'),
    /** When its owner was told it is overdue (once). */
    overdueToldAt: timestamp('overdue_told_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    /** Set when a corrected version of the minutes no longer has the item. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('action_items_meeting_key').on(t.meetingId, t.key), index('action_items_council_open_idx').on(t.councilId, t.doneAt)],
);

/** A per-person secret that signs their personal calendar address; a new one revokes the old. */
export const calendarKeys = pgTable('calendar_keys', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tenantId: tenantColumn(),
  salt: text('salt').notNull(),
  ...timestamps(),
});

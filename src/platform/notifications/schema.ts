import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps } from '../db/columns.js';
import { tenantColumn } from '../tenants/schema.js';

/**
 * What a person follows: a council, an organisation, a meeting place, and later a question, a plan
 * or a grant programme. The kinds are declared by the modules that own the records (`followables`
 * in their manifests); the platform keeps the follows and tells followers what happened.
 */
export const follows = pgTable(
  'follows',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('follows_person_subject_key').on(t.tenantId, t.userId, t.kind, t.subjectId),
    // Fan-out reads the followers of one subject.
    index('follows_subject_idx').on(t.tenantId, t.kind, t.subjectId),
  ],
);

/**
 * One thing a person is told of, in the service. The text is a message key and its values, so it
 * is shown in the reader's language; `source` names the event it came from, so the same event
 * never tells the same person twice (a fan-out that is run again after a crash adds nothing).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    /** The kind of event (`meetings.minutesPublished`), for the person's mail settings. */
    event: text('event').notNull(),
    source: text('source').notNull(),
    messageKey: text('message_key').notNull(),
    vars: jsonb('vars').$type<Record<string, string>>().notNull().default({}),
    /** Where it leads, an address in the service. */
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('notifications_person_source_key').on(t.tenantId, t.userId, t.source),
    index('notifications_person_idx').on(t.tenantId, t.userId, t.createdAt, t.id),
    // The header counts a person's unread ones on every signed-in page: only those are indexed for it.
    index('notifications_unread_idx').on(t.userId, t.tenantId).where(sql`read_at is null`),
  ],
);

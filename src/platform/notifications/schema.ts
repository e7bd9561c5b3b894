import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** The kind of notice (`meetings.followed`, declared in a module's `notices`), for the person's mail settings. */
    event: text('event').notNull(),
    /** Told as the person concerned (`notifyPeople`): by default mailed at once; else as a follower, by default in a daily digest. */
    personal: boolean('personal').notNull().default(false),
    /** What it is grouped under in a digest: the council, organisation or subject it is about. */
    topic: text('topic').notNull().default(''),
    source: text('source').notNull(),
    messageKey: text('message_key').notNull(),
    vars: jsonb('vars').$type<Record<string, string>>().notNull().default({}),
    /** Where it leads, an address in the service. */
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** When its own mail was queued (the person wants this kind at once). */
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    /** The digest that took it (the person wants this kind daily or weekly). */
    digestId: uuid('digest_id'),
    ...timestamps(),
  },
  (t) => [
    // Digests look for what no mail has taken yet.
    index('notifications_unmailed_idx').on(t.tenantId, t.createdAt).where(sql`mailed_at is null and digest_id is null`),
    uniqueIndex('notifications_person_source_key').on(t.tenantId, t.userId, t.source),
    index('notifications_person_idx').on(t.tenantId, t.userId, t.createdAt, t.id),
    // The header counts a person's unread ones on every signed-in page: only those are indexed for it.
    index('notifications_unread_idx').on(t.userId, t.tenantId).where(sql`read_at is null`),
  ],
);

export type Delivery = 'immediate' | 'daily' | 'weekly' | 'never';
export type Cadence = 'daily' | 'weekly';

/**
 * How a person wants to hear of one kind of notice by e-mail. No row means the kind's default:
 * at once for what concerns the person, a daily digest for what they follow.
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    delivery: text('delivery').$type<Delivery>().notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('notification_settings_person_kind_key').on(t.tenantId, t.userId, t.kind)],
);

/**
 * One digest mail: a person, a cadence and the local date of the 07:00 it belongs to. The unique
 * key is what makes it once per person and period, however many workers compose at the same time
 * and however often a period is run again.
 */
export const digests = pgTable(
  'digests',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id').notNull(),
    cadence: text('cadence').$type<Cadence>().notNull(),
    period: date('period').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('digests_person_period_key').on(t.tenantId, t.userId, t.cadence, t.period)],
);

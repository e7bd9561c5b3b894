import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, idColumn, timestamps } from '../../platform/db/columns.js';
import { tenantColumn } from '../../platform/tenants/schema.js';
import { users } from '../accounts/schema.js';
import { councils } from '../councils/schema.js';

export type NewsStatus = 'draft' | 'published';

/**
 * A news item of the municipality (no council) or of one council. It is seen from its publication
 * time on, once published; before that only those who may edit it see it. The body is kept as the
 * editor wrote it (a few Markdown marks) and as the safe HTML made from it on the server.
 */
export const newsItems = pgTable(
  'news_items',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    councilId: uuid('council_id').references(() => councils.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    lead: text('lead').notNull(),
    body: text('body').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    status: text('status').$type<NewsStatus>().notNull().default('draft'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** Alternative text of the image, required with one; the image itself is in `news_images`. */
    imageAlt: text('image_alt'),
    imageBytes: integer('image_bytes'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('news_items_tenant_slug_key').on(t.tenantId, t.slug),
    // Lists: what is out, newest first, for the tenant or one council.
    index('news_items_published_idx').on(t.tenantId, t.publishAt, t.id).where(sql`status = 'published'`),
    index('news_items_council_idx').on(t.councilId, t.publishAt),
  ],
);

export type NewsItem = typeof newsItems.$inferSelect;

/** A news item's image, apart so no list reads its bytes. */
export const newsImages = pgTable('news_images', {
  newsId: uuid('news_id')
    .primaryKey()
    .references(() => newsItems.id, { onDelete: 'cascade' }),
  tenantId: tenantColumn(),
  contentType: text('content_type').notNull(),
  data: bytea('data').notNull(),
  ...timestamps(),
});

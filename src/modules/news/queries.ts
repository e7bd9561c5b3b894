import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { type Cursor, pageOf } from '../../platform/db/keyset.js';
import { Uuid } from '../../platform/http/validation.js';
import { type CouncilRef, councilIsPublicSql, councilRefSql, insideCouncilSql } from '../councils/index.js';
import type { NewsAccess } from './policy.js';
import { newsImages, newsItems } from './schema.js';

export type { NewsItem } from './schema.js';

/** A news item in a list: what the card shows, without the body. */
export interface NewsCard {
  id: string;
  slug: string;
  title: string;
  lead: string;
  publishAt: Date;
  updatedAt: Date;
  council: CouncilRef | null;
}

export const NEWS_PAGE_SIZE = 20;

/**
 * The one rule for who sees a news item in a list, feed or section: published, its time come, and
 * of the municipality, of a public council, or of a council the person is inside.
 */
export function visibleNewsSql(actor: Actor): SQL {
  return sql`(${newsItems.status} = 'published' and ${newsItems.publishAt} <= now()
    and (${newsItems.councilId} is null or ${councilIsPublicSql(sql`"news_items"."council_id"`)} or ${insideCouncilSql(actor, sql`"news_items"."council_id"`)}))`;
}

const cardColumns = (actor: Actor) => ({
  id: newsItems.id,
  slug: newsItems.slug,
  title: newsItems.title,
  lead: newsItems.lead,
  publishAt: sql<Date>`${newsItems.publishAt}`.mapWith(newsItems.publishAt),
  updatedAt: newsItems.updatedAt,
  council: councilRefSql(sql`"news_items"."council_id"`, actor.user?.id ?? null),
});

/**
 * The news an actor may see, newest first, 20 at a time: all of it, the municipality's
 * (`councilId: null`) or one council's.
 */
export async function listNews(
  db: Db,
  actor: Actor,
  opts: { councilId?: string | null; before?: Cursor<Date>; limit?: number } = {},
): Promise<{ rows: NewsCard[]; next?: Cursor<Date> }> {
  const size = opts.limit ?? NEWS_PAGE_SIZE;
  const rows = await db
    .select(cardColumns(actor))
    .from(newsItems)
    .where(
      and(
        eq(newsItems.tenantId, actor.tenantId),
        visibleNewsSql(actor),
        opts.councilId === null ? isNull(newsItems.councilId) : opts.councilId ? eq(newsItems.councilId, opts.councilId) : undefined,
        opts.before ? sql`(${newsItems.publishAt}, ${newsItems.id}) < (${opts.before.key.toISOString()}::timestamptz, ${opts.before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(newsItems.publishAt), desc(newsItems.id))
    .limit(size + 1);
  return pageOf(rows as NewsCard[], size, (last) => ({ key: last.publishAt, id: last.id }));
}

/** The news items for a feed: the same rule, with their bodies, the latest 30. */
export function listNewsForFeed(db: Db, actor: Actor, councilId?: string | null) {
  return db
    .select({ ...cardColumns(actor), bodyHtml: newsItems.bodyHtml })
    .from(newsItems)
    .where(
      and(
        eq(newsItems.tenantId, actor.tenantId),
        visibleNewsSql(actor),
        councilId === null ? isNull(newsItems.councilId) : councilId ? eq(newsItems.councilId, councilId) : undefined,
      ),
    )
    .orderBy(desc(newsItems.publishAt), desc(newsItems.id))
    .limit(30);
}

/** A news item by its address with its council and the actor's roles in it; the policy decides who sees it. */
export async function getNewsBySlug(db: Db, actor: Actor, slug: string): Promise<NewsAccess | null> {
  const [row] = await db
    .select({ item: newsItems, council: councilRefSql(sql`"news_items"."council_id"`, actor.user?.id ?? null) })
    .from(newsItems)
    .where(and(eq(newsItems.tenantId, actor.tenantId), eq(newsItems.slug, slug)))
    .limit(1);
  return row ? { item: row.item, council: row.council } : null;
}

/** A news item by id (the announcing job). */
export async function getNewsById(db: Db, tenantId: string, id: string): Promise<NewsAccess | null> {
  if (!Uuid.safeParse(id).success) return null;
  const [row] = await db
    .select({ item: newsItems, council: councilRefSql(sql`"news_items"."council_id"`, null) })
    .from(newsItems)
    .where(and(eq(newsItems.tenantId, tenantId), eq(newsItems.id, id)))
    .limit(1);
  return row ? { item: row.item, council: row.council } : null;
}

/** A news item's image. */
export async function getNewsImage(db: Db, tenantId: string, newsId: string): Promise<{ contentType: string; data: Uint8Array } | null> {
  const [row] = await db
    .select({ contentType: newsImages.contentType, data: newsImages.data })
    .from(newsImages)
    .where(and(eq(newsImages.tenantId, tenantId), eq(newsImages.newsId, newsId)))
    .limit(1);
  return row ?? null;
}

/** What the news module holds about a person, for their export: the news they wrote. */
export function newsPersonalData(db: Db, tenantId: string, userId: string) {
  return db
    .select({ id: newsItems.id, title: newsItems.title, status: newsItems.status, publishAt: newsItems.publishAt, createdAt: newsItems.createdAt })
    .from(newsItems)
    .where(and(eq(newsItems.tenantId, tenantId), eq(newsItems.authorId, userId)))
    .orderBy(desc(newsItems.createdAt))
    .limit(5000);
}

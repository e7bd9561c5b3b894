import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { renderBody } from './body.js';
import { newsItems } from './schema.js';

/** News' part of a data set: items of the municipality (no council) or of a council (by slug), published some days ago. */
export interface NewsSeedData {
  items: { council?: string; slug: string; title: string; lead: string; body: string; daysAgo: number; author?: string }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    news: NewsSeedData;
  }
}

export interface SeedNewsItem {
  councilId: string | null;
  slug: string;
  title: string;
  lead: string;
  body: string;
  publishAt: Date;
  authorId?: string | null;
}

/** Writes published news items as they are (their announcements long made), in batches. */
export async function seedNewsItems(db: Db, tenantId: string, items: SeedNewsItem[]): Promise<void> {
  await insertInBatches(
    db,
    newsItems,
    items.map((n) => ({ tenantId, ...n, bodyHtml: renderBody(n.body), status: 'published' as const, updatedAt: n.publishAt, createdAt: n.publishAt })),
  );
}

const DAY = 86_400_000;

export const newsSeed: ModuleSeed = {
  after: ['accounts', 'councils'],
  async run({ db, tenantId, refs }: SeedContext, data) {
    const d = data as NewsSeedData;
    const now = Date.now();
    await seedNewsItems(
      db,
      tenantId,
      d.items.map((n) => ({
        councilId: n.council ? refs.get('council', n.council) : null,
        slug: n.slug,
        title: n.title,
        lead: n.lead,
        body: n.body,
        publishAt: new Date(now - n.daysAgo * DAY),
        authorId: n.author ? refs.get('user', n.author) : null,
      })),
    );
  },
  // `n` more items of the municipality and of the council a test looks at (`nyhet-{i}`, `ortsnyhet-{i}`).
  async grow({ db, tenantId, refs }, n, offset) {
    const council = refs.entries('council').find(([k]) => k === 'focus')?.[1] ?? null;
    const now = Date.now();
    const range = Array.from({ length: n }, (_, k) => k + offset);
    await seedNewsItems(db, tenantId, [
      ...range.map((i) => ({
        councilId: null,
        slug: `nyhet-${i}`,
        title: `Nyhet ${i}`,
        lead: `Ingress ${i}`,
        body: `Text ${i}`,
        publishAt: new Date(now - (i + 1) * 3600_000),
      })),
      ...range.map((i) => ({
        councilId: council,
        slug: `ortsnyhet-${i}`,
        title: `Ortsnyhet ${i}`,
        lead: `Ingress ${i}`,
        body: `Text ${i}`,
        publishAt: new Date(now - (i + 1) * 3600_000),
      })),
    ]);
  },
};

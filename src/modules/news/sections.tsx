import { visitor } from '../../platform/authz/index.js';
import { ShortCache } from '../../platform/cache.js';
import { type AppServices, type Section, withHead } from '../../platform/module.js';
import { MUNICIPALITY, newNewsPath, newsFeedFromPath, newsFromPath } from './paths.js';
import { listNews, type NewsCard } from './queries.js';
import { FeedLink, LatestNews } from './views.js';

/** The latest municipal news on the start page, and a council's latest on its page, each with its feed in the head. */
export function newsSections({ db, changes }: AppServices): Section<'start' | 'council'>[] {
  // The start page's news is the same for every reader and changes only when news is written (a
  // write anywhere clears it on every instance) or a scheduled item's time comes (seen within a minute).
  const latest = new ShortCache<NewsCard[]>(60_000);
  changes.onChange((tenantId) => latest.clearPrefix(tenantId ? `${tenantId}|` : ''));
  const start: Section<'start'> = {
    slot: 'start',
    order: -10,
    async load(req) {
      const key = `${req.tenant.id}|start`;
      let rows = latest.get(key);
      if (!rows) {
        // Set on a miss only: a hit must not renew the entry, or a scheduled item would wait for a write.
        rows = (await listNews(db, visitor(req.tenant.id), { councilId: null, limit: 3 })).rows;
        latest.set(key, rows);
      }
      return withHead(
        (ctx) => (
          <LatestNews
            ctx={ctx}
            rows={rows}
            title={ctx.t('news.latestOf', { whose: ctx.t('news.municipality', { name: ctx.tenantName }) })}
            more={newsFromPath(MUNICIPALITY)}
          />
        ),
        (ctx) => <FeedLink ctx={ctx} href={newsFeedFromPath(MUNICIPALITY)} title={ctx.t('news.municipality', { name: ctx.tenantName })} />,
      );
    },
  };
  const council: Section<'council'> = {
    slot: 'council',
    order: 20,
    async load(req, c) {
      const { rows } = await listNews(db, req.actor, { councilId: c.id, limit: 3 });
      return withHead(
        (ctx) => (
          <LatestNews
            ctx={ctx}
            rows={rows}
            title={ctx.t('news.latestOf', { whose: c.name })}
            more={newsFromPath(c.slug)}
            write={c.canManage ? newNewsPath(c.slug) : undefined}
          />
        ),
        // A private network's news has no public feed.
        (ctx) => (c.isPublic ? <FeedLink ctx={ctx} href={newsFeedFromPath(c.slug)} title={c.name} /> : null),
      );
    },
  };
  return [start, council] as Section<'start' | 'council'>[];
}

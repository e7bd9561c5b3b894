import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { defineJob, enqueue, type JobDefinition } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyFollowers } from '../../platform/notifications/index.js';
import { personInsideCouncilSql } from '../councils/index.js';
import { newsPath } from './paths.js';
import { getNewsById } from './queries.js';

/**
 * Tells the followers of a council of its news once it is out: a scheduled item waits for its time
 * (a job due then), and is told of only if it is still published for that time. A private
 * network's news reaches only those inside it.
 */
async function announce(db: Db, tenantId: string, newsId: string, publishAt: string, actorId: string | null): Promise<void> {
  const found = await getNewsById(db, tenantId, newsId);
  if (!found?.council) return;
  const n = found.item;
  if (n.status !== 'published' || !n.publishAt || n.publishAt.toISOString() !== publishAt || n.publishAt > new Date()) return;
  await notifyFollowers(db, {
    tenantId,
    event: 'news.followed',
    source: `news:${n.id}:${publishAt}`,
    messageKey: 'news.notify.published',
    vars: { title: n.title, organiser: found.council.name },
    link: newsPath(n),
    topic: found.council.name,
    at: publishAt,
    kind: 'council',
    subjectId: found.council.id,
    except: actorId,
    onlyWhere: found.council.isPublic ? undefined : personInsideCouncilSql(sql`"follows"."user_id"`, sql`${found.council.id}::uuid`),
  });
}

export const newsSubscriptions: Subscriptions = {
  'news.published': {
    run: 'job',
    // Due at its publication time: at once for news out now, later for a scheduled item.
    handle: (event, { db }) =>
      db.transaction((tx) =>
        enqueue(tx, 'news.announce', { ...event.payload, actorId: event.actorId }, { tenantId: event.tenantId, runAt: new Date(event.payload.publishAt) }),
      ),
  },
};

export function newsJobs({ db }: AppServices): JobDefinition[] {
  return [
    defineJob('news.announce', async (p, job) => {
      if (!job.tenantId) return;
      await announce(db, job.tenantId, String(p.newsId), String(p.publishAt), typeof p.actorId === 'string' ? p.actorId : null);
    }),
  ];
}

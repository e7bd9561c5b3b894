import { and, eq } from 'drizzle-orm';
import type { Subscriptions } from '../../platform/module.js';
import { notifyFollowers } from '../../platform/notifications/index.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { today } from '../../platform/time.js';
import { meetingPath } from '../meetings/index.js';
import { questionLinks } from '../questions/index.js';
import { recordEvent } from './commands.js';
import { planActionPath } from './paths.js';
import { actionsLinkedTo } from './queries.js';
import { plans, planUpdates } from './schema.js';

/** The municipality's date of an event, for the update it leaves on an action. */
async function dayOf(db: Parameters<typeof getTenantById>[0], tenantId: string, at: string): Promise<string> {
  const tenant = await getTenantById(db, tenantId);
  return today(tenant?.timeZone ?? 'UTC', new Date(at));
}

/**
 * What happens elsewhere shows on the actions linked to it by itself: a question answered, a
 * meeting's action item done. And a plan's followers hear of each update.
 */
export const planSubscriptions: Subscriptions = {
  'questions.changed': {
    run: 'job',
    async handle(event, { db }) {
      if (event.payload.status !== 'answered') return;
      const linked = await actionsLinkedTo(db, event.tenantId, 'question', event.payload.questionId);
      if (linked.length === 0) return;
      const q = (await questionLinks(db, event.tenantId, [event.payload.questionId])).get(event.payload.questionId);
      if (!q) return;
      const day = await dayOf(db, event.tenantId, event.payload.at);
      await db.transaction((tx) =>
        recordEvent(tx, event.tenantId, linked, {
          source: `question:${event.payload.questionId}:answered:${event.payload.at}`,
          day,
          messageKey: 'plans.events.questionAnswered',
          vars: { question: q.name },
          link: q.href,
        }),
      );
    },
  },
  'meetings.actionItemDone': {
    run: 'job',
    async handle(event, { db }) {
      if (!event.payload.done) return;
      const linked = await actionsLinkedTo(db, event.tenantId, 'action_item', event.payload.actionItemId);
      if (linked.length === 0) return;
      const day = await dayOf(db, event.tenantId, event.at);
      await db.transaction((tx) =>
        recordEvent(tx, event.tenantId, linked, {
          source: `action_item:${event.payload.actionItemId}:done:${event.at}`,
          day,
          messageKey: 'plans.events.actionItemDone',
          vars: { item: event.payload.description, meeting: event.payload.meeting.title },
          link: meetingPath(event.payload.meeting),
        }),
      );
    },
  },
  'plans.updated': {
    run: 'job',
    async handle(event, { db }) {
      const [row] = await db
        .select({ slug: plans.slug, title: plans.title, day: planUpdates.day })
        .from(planUpdates)
        .innerJoin(plans, eq(plans.id, planUpdates.planId))
        .where(and(eq(planUpdates.tenantId, event.tenantId), eq(planUpdates.id, event.payload.updateId)));
      if (!row) return;
      await notifyFollowers(db, {
        tenantId: event.tenantId,
        kind: 'plan',
        subjectId: event.payload.planId,
        event: 'plans.followed',
        source: `plans.updated:${event.payload.updateId}`,
        messageKey: 'plans.notify.updated',
        vars: { plan: row.title, action: event.payload.title },
        link: planActionPath(row, { id: event.payload.actionId }),
        topic: row.title,
        at: event.at,
        except: event.actorId,
      });
    },
  },
};

import { and, eq } from 'drizzle-orm';
import type { Subscriptions } from '../../platform/module.js';
import { notifyPeople } from '../../platform/notifications/index.js';
import { questionPath } from './paths.js';
import { questions } from './schema.js';

/** The asker hears of every step taken with their question (the one who took it is not told). */
export const questionSubscriptions: Subscriptions = {
  'questions.changed': {
    run: 'job',
    async handle(event, { db }) {
      const [q] = await db
        .select({ number: questions.number, slug: questions.slug, askerId: questions.askerId, subject: questions.subject })
        .from(questions)
        .where(and(eq(questions.tenantId, event.tenantId), eq(questions.id, event.payload.questionId)));
      if (!q?.askerId) return;
      await notifyPeople(db, {
        tenantId: event.tenantId,
        event: 'questions.mine',
        source: `questions.changed:${event.payload.questionId}:${event.payload.at}`,
        messageKey: `questions.notify.${event.payload.status}`,
        vars: { number: q.number, subject: q.subject },
        link: questionPath(q),
        topic: q.number,
        at: event.payload.at,
        userIds: [q.askerId],
        except: event.actorId,
      });
    },
  },
};

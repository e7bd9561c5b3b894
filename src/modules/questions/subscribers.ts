import { and, eq } from 'drizzle-orm';
import type { Subscriptions } from '../../platform/module.js';
import { notifyFollowers, notifyPeople } from '../../platform/notifications/index.js';
import { questionPath } from './paths.js';
import { questions } from './schema.js';

/** The asker and the question's followers hear of every step taken with it (the one who took it is not told). */
export const questionSubscriptions: Subscriptions = {
  'questions.changed': {
    run: 'job',
    async handle(event, { db }) {
      const [q] = await db
        .select({ number: questions.number, slug: questions.slug, askerId: questions.askerId, subject: questions.subject })
        .from(questions)
        .where(and(eq(questions.tenantId, event.tenantId), eq(questions.id, event.payload.questionId)));
      if (!q) return;
      const text = {
        tenantId: event.tenantId,
        source: `questions.changed:${event.payload.questionId}:${event.payload.at}`,
        messageKey: `questions.notify.${event.payload.status}`,
        vars: { number: q.number, subject: q.subject },
        link: questionPath(q),
        topic: q.number,
        at: event.payload.at,
      };
      // The asker first, as the person concerned; then everyone who follows the question (each told once).
      if (q.askerId) await notifyPeople(db, { ...text, event: 'questions.mine', userIds: [q.askerId], except: event.actorId });
      await notifyFollowers(db, {
        ...text,
        event: 'questions.followed',
        messageKey: event.payload.status === 'answered' ? 'questions.notify.followedAnswered' : 'questions.notify.followedChanged',
        kind: 'question',
        subjectId: event.payload.questionId,
        except: event.actorId,
      });
    },
  },
};

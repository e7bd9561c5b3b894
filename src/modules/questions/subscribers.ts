import { and, eq, inArray, sql } from 'drizzle-orm';
import { defineRecurring, type RecurringTask } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyFollowers, notifyPeople } from '../../platform/notifications/index.js';
import { tenants } from '../../platform/tenants/schema.js';
import { today } from '../../platform/time.js';
import { listRoleHolders } from '../accounts/index.js';
import { OPEN_STATUSES } from './inbox.js';
import { inboxPath, questionPath } from './paths.js';
import { questions } from './schema.js';
import { publicSql } from './secrecy.js';

/** The asker and the question's followers hear of every step taken with it (the one who took it is not told). */
export const questionSubscriptions: Subscriptions = {
  'questions.changed': {
    run: 'job',
    async handle(event, { db }) {
      const [q] = await db
        .select({
          number: questions.number,
          slug: questions.slug,
          askerId: questions.askerId,
          subject: questions.subject,
          publicSubject: publicSql(questions.subject, 'subject'),
        })
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
      // Followers read what the public reads: a confidential subject is left out of their notice.
      const answered = event.payload.status === 'answered';
      await notifyFollowers(db, {
        ...text,
        vars: { number: q.number, subject: q.publicSubject },
        event: 'questions.followed',
        messageKey: q.publicSubject
          ? answered
            ? 'questions.notify.followedAnswered'
            : 'questions.notify.followedChanged'
          : answered
            ? 'questions.notify.followedAnsweredNumber'
            : 'questions.notify.followedChangedNumber',
        kind: 'question',
        subjectId: event.payload.questionId,
        except: event.actorId,
      });
    },
  },
};

/**
 * Once a day, each handler with overdue questions in their functions gets one notice saying how
 * many (mailed at once unless they choose otherwise), not one per question. The notice's source is
 * the handler and the local date, so the hourly runs and a second worker tell nobody twice.
 */
export function overdueReminders({ db }: AppServices): RecurringTask[] {
  return [
    defineRecurring('questions.overdueReminders', 60 * 60 * 1000, async () => {
      const all = await db.select({ id: tenants.id, timeZone: tenants.timeZone }).from(tenants);
      for (const tenant of all) {
        const date = today(tenant.timeZone);
        const late = await db
          .select({ functionId: questions.functionId, n: sql<number>`count(*)::int` })
          .from(questions)
          .where(and(eq(questions.tenantId, tenant.id), inArray(questions.status, OPEN_STATUSES), sql`${questions.dueDate} < ${date}::date`))
          .groupBy(questions.functionId);
        if (late.length === 0) continue;
        const holders = await listRoleHolders(
          db,
          tenant.id,
          'handler',
          'function',
          late.map((l) => l.functionId),
        );
        const perPerson = new Map<string, number>();
        for (const h of holders) perPerson.set(h.userId, (perPerson.get(h.userId) ?? 0) + Number(late.find((l) => l.functionId === h.scopeId)?.n ?? 0));
        for (const [userId, count] of perPerson) {
          await notifyPeople(db, {
            tenantId: tenant.id,
            event: 'questions.overdue',
            source: `questions.overdue:${userId}:${date}`,
            messageKey: 'questions.notify.overdue',
            vars: { count: String(count) },
            link: inboxPath,
            topic: '',
            userIds: [userId],
          });
        }
      }
    }),
  ];
}

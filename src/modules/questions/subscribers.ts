import { and, eq, inArray, sql } from 'drizzle-orm';
import { defineRecurring, type RecurringTask } from '../../platform/jobs/index.js';
import type { AppServices, Subscriptions } from '../../platform/module.js';
import { notifyFollowers, notifyPeople } from '../../platform/notifications/index.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { tenants } from '../../platform/tenants/schema.js';
import { today } from '../../platform/time.js';
import { listRoleHolders } from '../accounts/index.js';
import { proposeForNextMeeting } from '../meetings/index.js';
import { listFunctions } from '../tenancy/index.js';
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
          publicAnswer: publicSql(questions.answer, 'answer'),
          councilId: questions.councilId,
          functionId: questions.functionId,
          handlerId: questions.handlerId,
        })
        .from(questions)
        .where(and(eq(questions.tenantId, event.tenantId), eq(questions.id, event.payload.questionId)));
      if (!q) return;
      // The asker's own step (more information, reopened, withdrawn) is news to the one handling it.
      if (event.actorId && event.actorId === q.askerId && q.handlerId) {
        await notifyPeople(db, {
          tenantId: event.tenantId,
          event: 'questions.handling',
          source: `questions.asker:${event.payload.questionId}:${event.payload.at}`,
          messageKey: 'questions.notify.askerStep',
          vars: { number: q.number },
          link: questionPath(q),
          topic: q.number,
          at: event.payload.at,
          userIds: [q.handlerId],
        });
      }
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
  // A council's question answered: the answer goes on the agenda of the council's next meeting (or the next one made).
  'questions.answeredForCouncil': {
    run: 'job',
    async handle(event, { db, translator, config }) {
      const [q] = await db
        .select({
          number: questions.number,
          slug: questions.slug,
          subject: publicSql(questions.subject, 'subject'),
          answer: publicSql(questions.answer, 'answer'),
          councilId: questions.councilId,
          functionId: questions.functionId,
        })
        .from(questions)
        .where(and(eq(questions.tenantId, event.tenantId), eq(questions.id, event.payload.questionId)));
      if (!q?.councilId) return;
      const [tenant, fns] = await Promise.all([getTenantById(db, event.tenantId), listFunctions(db, event.tenantId)]);
      // Agendas are written in the municipality's language.
      const t = translator.t('sv');
      const vars = {
        number: q.number,
        subject: q.subject || q.number,
        answer: q.answer || t('questions.secrecy.masked'),
        function: fns.find((f) => f.id === q.functionId)?.name ?? '',
        link: `${tenant?.baseUrl ?? config.baseUrl}${questionPath(q)}`,
      };
      await db.transaction((tx) =>
        proposeForNextMeeting(tx, {
          tenantId: event.tenantId,
          councilId: q.councilId as string,
          source: `question:${event.payload.questionId}`,
          title: t('questions.minutes.agendaTitle', vars).slice(0, 300),
          description: t('questions.minutes.agendaText', vars).slice(0, 5000),
          reportedText: t('questions.minutes.reportedText', vars),
        }),
      );
    },
  },
  // Minutes that record an answer as reported: the question's history says where and when.
  'meetings.minutesPublished': {
    run: 'job',
    async handle(event, { db }) {
      const ids = event.payload.reported.filter((s) => s.startsWith('question:')).map((s) => s.slice('question:'.length));
      if (!ids.length) return;
      const label = `${event.payload.meeting.title} (${event.payload.meeting.startsAt.slice(0, 10)})`;
      await db.transaction(async (tx) => {
        for (const id of ids) {
          // Once per meeting: a correction of the same minutes, or a job run again, adds nothing.
          await tx.execute(sql`
            insert into question_events (tenant_id, question_id, at, kind, function_id, note)
            select q.tenant_id, q.id, ${event.at}::timestamptz, 'reported', q.function_id, ${label}
            from questions q
            where q.tenant_id = ${event.tenantId} and q.id = ${id}
              and not exists (select 1 from question_events e where e.question_id = q.id and e.kind = 'reported' and e.note = ${label})`);
        }
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

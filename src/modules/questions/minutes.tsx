import { and, eq, inArray } from 'drizzle-orm';
import type { Annotation, AppServices } from '../../platform/module.js';
import { withQuery } from '../../platform/views/components.js';
import { askPath, questionPath } from './paths.js';
import { questions } from './schema.js';
import { publicSql } from './secrecy.js';

/**
 * Questions beside the points of a meeting's minutes: each question raised from a point (its number,
 * subject as the public reads it, and status), and, for those who run the meeting, a link that turns
 * the point into a question in one step.
 */
export const minutesNotes = ({ db }: AppServices): Annotation[] => [
  {
    slot: 'minutesPoint',
    async load(req, ids) {
      const meetingIds = [...new Set(ids.map((id) => id.split(':')[0] as string))];
      const rows = await db
        .select({
          slug: questions.slug,
          number: questions.number,
          subject: publicSql(questions.subject, 'subject'),
          status: questions.status,
          meetingId: questions.sourceMeetingId,
          item: questions.sourceItem,
        })
        .from(questions)
        .where(and(eq(questions.tenantId, req.tenant.id), inArray(questions.sourceMeetingId, meetingIds)))
        .limit(200);
      const byPoint = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = `${r.meetingId}:${r.item}`;
        byPoint.set(key, [...(byPoint.get(key) ?? []), r]);
      }
      return new Map(
        [...byPoint].map(([key, qs]) => [
          key,
          (ctx) => (
            <ul class="plain">
              {qs.map((q) => (
                <li key={q.slug}>
                  {ctx.t('questions.minutes.raised')} <a href={questionPath(q)}>{q.number}</a>
                  {q.subject ? `: ${q.subject}` : ''} ({ctx.tr(`questions.status.${q.status}`)})
                </li>
              ))}
            </ul>
          ),
        ]),
      );
    },
  },
  {
    slot: 'minutesPointTools',
    async load(req, ids) {
      return new Map(
        ids.map((id) => {
          const [meetingId, index] = id.split(':');
          return [
            id,
            (ctx) => (
              <p class="no-print">
                <a href={withQuery(askPath, { mote: meetingId, punkt: index })}>{ctx.t('questions.minutes.ask', { n: Number(index) + 1 })}</a>
              </p>
            ),
          ];
        }),
      );
    },
  },
];

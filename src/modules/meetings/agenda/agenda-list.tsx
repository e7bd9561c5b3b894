import type { AgendaItem, DocumentInfo, MeetingAccess } from '../core/access.js';
import { formatTime } from '../core/format.js';
import type { Ctx } from '../core/views.js';
import { documentPath } from '../paths.js';

/** A document link with its size; a members-only one is marked. */
export function DocumentLink({ ctx, slug, d }: Ctx & { slug: string; d: DocumentInfo }) {
  return (
    <>
      <a href={documentPath({ slug }, d)}>{d.filename}</a> ({ctx.t('meetings.documents.size', { size: Math.max(1, Math.round(d.sizeBytes / 1024)) })})
      {!d.isPublic ? <span class="tag">{ctx.t('meetings.meeting.internal')}</span> : null}
    </>
  );
}

/** The agenda in order, with the clock time of each item while the durations allow it. */
export function AgendaList({ ctx, a, agenda, documents }: Ctx & { a: MeetingAccess; agenda: AgendaItem[]; documents: DocumentInfo[] }) {
  const { t } = ctx;
  let clock: Date | null = a.meeting.startsAt;
  return (
    <ol class="agenda">
      {agenda.map((item) => {
        const at = clock;
        clock = clock && item.durationMinutes ? new Date(clock.getTime() + item.durationMinutes * 60_000) : null;
        const docs = documents.filter((d) => d.agendaItemId === item.id);
        return (
          <li key={item.id}>
            <p class="agenda__title">
              {at ? <span class="agenda__time">{formatTime(ctx.lang, at, ctx.timeZone)} </span> : null}
              <strong>{item.title}</strong>
            </p>
            {item.presenter || item.durationMinutes ? (
              <p class="agenda__meta">
                {[
                  item.presenter ? t('meetings.meeting.presenter', { name: item.presenter }) : '',
                  item.durationMinutes ? t('meetings.meeting.minutesShort', { count: item.durationMinutes }) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
            {item.description ? <p class="pre">{item.description}</p> : null}
            {docs.length ? (
              <ul>
                {docs.map((d) => (
                  <li key={d.id}>
                    <DocumentLink ctx={ctx} slug={a.meeting.slug} d={d} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

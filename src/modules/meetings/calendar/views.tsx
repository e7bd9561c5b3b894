import type { Cursor } from '../../../platform/db/keyset.js';
import { cursorQuery } from '../../../platform/http/validation.js';
import { Form, Pagination, SelectField, Submit, TextField, withQuery } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { MeetingListItem } from '../core/access.js';
import { formatDay, formatWhen, organiserName, placeLabel } from '../core/format.js';
import { calendarFeedPath, calendarPath, meetingPath, meetingSubPath, newMeetingPath, renewCalendarKeyPath } from '../paths.js';

type Ctx = { ctx: PageContext };

/** Meetings as a list: when, what, who holds it and where; cancelled and draft ones are marked. */
export function MeetingList({
  ctx,
  items,
  showOrganiser = true,
  extra,
}: Ctx & {
  items: MeetingListItem[];
  showOrganiser?: boolean;
  extra?: (item: MeetingListItem) => preact.ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <ul class="meeting-list">
      {items.map((i) => {
        const m = i.meeting;
        return (
          <li key={m.id} class={m.status === 'cancelled' ? 'meeting-list__item meeting-list__item--cancelled' : 'meeting-list__item'}>
            <p class="meeting-list__when">{formatWhen(ctx.lang, m.startsAt, m.endsAt, ctx.timeZone)}</p>
            <p class="meeting-list__title">
              <a href={meetingPath(m)}>{m.title}</a> {m.status !== 'published' ? <span class="tag">{t(`meetings.status.${m.status}`)}</span> : null}
              {m.visibility === 'members' ? <span class="tag">{t('meetings.visibility.members')}</span> : null}
            </p>
            <p class="meeting-list__meta">{[showOrganiser ? organiserName(i) : '', placeLabel(t, i)].filter(Boolean).join(' · ')}</p>
            {extra ? extra(i) : null}
          </li>
        );
      })}
    </ul>
  );
}

export interface CalendarFilterValues {
  ortsrad: string;
  ort: string;
  typ: string;
  organ: string;
  fran: string;
  till: string;
}

/** The public calendar of meetings, filtered by council, locality, kind and dates. */
export function CalendarPage({
  ctx,
  filter,
  items,
  councils,
  localities,
  bodies,
  next,
  isFirst,
  canAddPolitical,
}: Ctx & {
  filter: CalendarFilterValues;
  items: MeetingListItem[];
  councils: { slug: string; name: string }[];
  localities: { slug: string; name: string }[];
  bodies: { slug: string; name: string }[];
  next?: Cursor<Date>;
  isFirst: boolean;
  canAddPolitical: boolean;
}) {
  const { t } = ctx;
  const form = { values: { ...filter }, errors: {} };
  const feed = calendarFeedPath;
  return (
    <Layout
      ctx={ctx}
      title={t('meetings.calendar.title')}
      breadcrumbs={[{ label: t('meetings.calendar.title') }]}
      head={<link rel="alternate" type="text/calendar" href={feed} title={t('meetings.calendar.title')} />}
    >
      <h1>{t('meetings.calendar.title')}</h1>
      <p class="lead">{t('meetings.calendar.intro')}</p>
      <form method="get" action={calendarPath} class="filters" aria-label={t('meetings.calendar.filter')}>
        <SelectField
          ctx={ctx}
          form={form}
          name="ortsrad"
          label={t('meetings.calendar.council')}
          required
          options={[{ value: '', label: t('meetings.calendar.allCouncils') }, ...councils.map((c) => ({ value: c.slug, label: c.name }))]}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="ort"
          label={t('meetings.calendar.locality')}
          required
          options={[{ value: '', label: t('meetings.calendar.allLocalities') }, ...localities.map((l) => ({ value: l.slug, label: l.name }))]}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="typ"
          label={t('meetings.calendar.kind')}
          required
          options={[
            { value: '', label: t('meetings.calendar.allKinds') },
            ...(['local_council', 'area_network', 'contact_network', 'political'] as const).map((k) => ({ value: k, label: t(`meetings.kind.${k}`) })),
          ]}
        />
        {bodies.length ? (
          <SelectField
            ctx={ctx}
            form={form}
            name="organ"
            label={t('meetings.calendar.bodies')}
            required
            options={[{ value: '', label: t('meetings.calendar.allCouncils') }, ...bodies.map((b) => ({ value: b.slug, label: b.name }))]}
          />
        ) : null}
        <TextField ctx={ctx} form={form} name="fran" type="date" label={t('meetings.calendar.from')} required />
        <TextField ctx={ctx} form={form} name="till" type="date" label={t('meetings.calendar.to')} />
        <Submit>{t('meetings.calendar.filter')}</Submit>
      </form>
      {canAddPolitical ? (
        <p>
          <a class="button button--secondary" href={newMeetingPath(null)}>
            {t('meetings.calendar.newPolitical')}
          </a>
        </p>
      ) : null}
      {items.length ? <MeetingList ctx={ctx} items={items} /> : <p>{t('meetings.calendar.none')}</p>}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery(calendarPath, { ...filter })}
        nextHref={next ? withQuery(calendarPath, { ...filter, ...cursorQuery(next) }) : undefined}
      />
      <p>
        <a href={feed}>{t('meetings.calendar.feed')}</a>
      </p>
    </Layout>
  );
}

/** A person's own meetings and their personal calendar address. */
export function MyMeetingsPage({
  ctx,
  items,
  feedUrl,
  toCheck,
}: Ctx & {
  items: (MeetingListItem & { answer: string })[];
  feedUrl: string;
  toCheck: { slug: string; title: string; startsAt: Date; version: number }[];
}) {
  const { t } = ctx;
  const now = new Date();
  return (
    <Layout ctx={ctx} title={t('meetings.my.title')} breadcrumbs={[{ label: t('meetings.my.title') }]}>
      <h1>{t('meetings.my.title')}</h1>
      <p class="lead">{t('meetings.my.intro')}</p>
      {toCheck.length ? (
        <section aria-labelledby="to-check">
          <h2 id="to-check">{t('meetings.my.toCheck')}</h2>
          <p>{t('meetings.my.toCheckIntro')}</p>
          <ul>
            {toCheck.map((m) => (
              <li key={m.slug}>
                <a href={meetingSubPath(m, 'protokoll')}>
                  {m.title}, {formatDay(ctx.lang, m.startsAt, ctx.timeZone)} ({t('meetings.minutes.version', { version: m.version })})
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length ? (
        [
          { title: t('meetings.council.upcoming'), rows: items.filter((i) => i.meeting.endsAt >= now) },
          { title: t('meetings.council.past'), rows: items.filter((i) => i.meeting.endsAt < now) },
        ]
          .filter((g) => g.rows.length)
          .map((g) => (
            <section key={g.title}>
              <h2>{g.title}</h2>
              <MeetingList
                ctx={ctx}
                items={g.rows}
                extra={(i) => (
                  <p>
                    {t('meetings.my.answer')}:{' '}
                    {(i as MeetingListItem & { answer: string }).answer === 'registered' ? t('meetings.answer.register') : t('meetings.answer.decline')}
                  </p>
                )}
              />
            </section>
          ))
      ) : (
        <p>{t('meetings.my.none')}</p>
      )}
      <h2>{t('meetings.my.feed')}</h2>
      <p>{t('meetings.my.feedHint')}</p>
      <p>
        <input class="feed-url" type="text" readonly value={feedUrl} aria-label={t('meetings.my.feed')} />
      </p>
      <Form ctx={ctx} action={renewCalendarKeyPath}>
        <Submit secondary>{t('meetings.my.renew')}</Submit>
      </Form>
    </Layout>
  );
}

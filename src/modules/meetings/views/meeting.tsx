import type { FormState } from '../../../platform/http/forms.js';
import { ErrorSummary, Form, Pagination, SelectField, Submit, TextArea } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ActionItem, AgendaItem, DocumentInfo, MeetingAccess, MyAnswer, OpenActionItem, Registration } from '../queries.js';
import { formatDay, formatTime, formatWhen, organiserHref, organiserName } from './format.js';

type Ctx = { ctx: PageContext };

/** The trail to a meeting: its council or the calendar. */
export function meetingCrumbs(ctx: PageContext, a: MeetingAccess, last?: { href?: string; label: string }[]) {
  const first = a.council
    ? [
        { href: '/ortsrad', label: ctx.t('councils.list.title') },
        { href: `/ortsrad/${a.council.slug}`, label: a.council.name },
      ]
    : [{ href: '/kalender', label: ctx.t('meetings.calendar.title') }];
  return [...first, ...(last ? [{ href: `/moten/${a.meeting.slug}`, label: a.meeting.title }, ...last] : [{ label: a.meeting.title }])];
}

/** Where a meeting is, with a link to the meeting place or the online meeting. */
export function Where({ ctx, a }: Ctx & { a: MeetingAccess }) {
  const m = a.meeting;
  const place = a.place;
  if (m.placeKind === 'online') {
    return (
      <>
        {ctx.t('meetings.meeting.online')}
        {m.onlineUrl && m.status !== 'cancelled' ? (
          <>
            {': '}
            <a href={m.onlineUrl} rel="noopener noreferrer">
              {ctx.t('meetings.meeting.joinOnline')}
            </a>
          </>
        ) : null}
      </>
    );
  }
  if (m.placeKind === 'place' && place) {
    return (
      <>
        <a href={`/motesplatser/${place.slug}`}>{place.name}</a>
        {place.address ? `, ${place.address}` : ''}
      </>
    );
  }
  return <>{m.address}</>;
}

/** A document link with its size; a members-only one is marked. */
export function DocumentLink({ ctx, slug, d }: Ctx & { slug: string; d: DocumentInfo }) {
  return (
    <>
      <a href={`/moten/${slug}/dokument/${d.id}`}>{d.filename}</a> ({ctx.t('meetings.documents.size', { size: Math.max(1, Math.round(d.sizeBytes / 1024)) })})
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

/** Open action items with their owner and due date. */
export function ActionList({ ctx, items }: Ctx & { items: (ActionItem & { meetingSlug?: string; meetingStartsAt?: Date })[] }) {
  const { t } = ctx;
  return (
    <ul class="actions">
      {items.map((i) => (
        <li key={i.id}>
          {i.description}
          <span class="agenda__meta">
            {' '}
            (
            {[i.owner ? `${t('meetings.minutes.owner')}: ${i.owner}` : '', i.dueDate ? `${t('meetings.minutes.due')}: ${i.dueDate}` : '']
              .filter(Boolean)
              .join(', ')}
            {i.meetingSlug && i.meetingStartsAt ? (
              <>
                {i.owner || i.dueDate ? ', ' : ''}
                <a href={`/moten/${i.meetingSlug}/protokoll`}>{formatDay(ctx.lang, i.meetingStartsAt, ctx.timeZone)}</a>
              </>
            ) : null}
            )
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A council's open action items, a page at a time. */
export function CouncilActionsPage({
  ctx,
  council,
  items,
  next,
  isFirst,
}: Ctx & { council: { slug: string; name: string }; items: OpenActionItem[]; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  const title = t('meetings.council.actionsTitle', { name: council.name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/ortsrad', label: t('councils.list.title') },
        { href: `/ortsrad/${council.slug}`, label: council.name },
        { label: t('meetings.council.actions') },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">{t('meetings.council.actionsIntro')}</p>
      {items.length ? <ActionList ctx={ctx} items={items} /> : <p>{t('meetings.council.noActions')}</p>}
      <Pagination ctx={ctx} firstHref={`/ortsrad/${council.slug}/atgarder`} nextHref={next} isFirst={isFirst} />
    </Layout>
  );
}

export interface MeetingPageProps {
  access: MeetingAccess;
  agenda: AgendaItem[];
  documents: DocumentInfo[];
  summary: { registered: number; mine: MyAnswer | null };
  organisations: { id: string; name: string }[];
  answerForm: FormState;
  cancelForm: FormState;
  /** Errors of the management buttons (publish, invite, cancel), shown at the top of the panel, which is always there. */
  manageForm: FormState;
  openActions: OpenActionItem[];
  minutesVersion: number | null;
  /** The status of unpublished minutes the person may read (those who run the meeting, the checkers). */
  workingMinutes: 'draft' | 'checking' | 'checked' | null;
  allowed: { manage: boolean; register: boolean; seeInternal: boolean };
  registrations: { rows: Registration[]; names: Map<string, string> } | null;
  jsonLd: string;
  feedHref: string | null;
}

/** A meeting's page: when and where, registration, agenda, documents, minutes, and for those who run it, its management. */
export function MeetingPage({ ctx, ...p }: Ctx & MeetingPageProps) {
  const { t } = ctx;
  const a = p.access;
  const m = a.meeting;
  const left = m.capacity !== null ? Math.max(0, m.capacity - p.summary.registered) : null;
  const ended = m.endsAt < new Date();
  const generalDocs = p.documents.filter((d) => !d.agendaItemId);
  return (
    <Layout
      ctx={ctx}
      title={m.title}
      breadcrumbs={meetingCrumbs(ctx, a)}
      head={
        <>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: JSON built by jsonForScript, which escapes every < so nothing can close the element */}
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: p.jsonLd }} />
          <script src="/static/js/print.js" defer />
          {p.feedHref ? <link rel="alternate" type="text/calendar" href={p.feedHref} title={organiserName(a)} /> : null}
        </>
      }
    >
      <p class="print-only">
        {t('meetings.meeting.printHeader', {
          organiser: organiserName(a),
          date: formatDay(ctx.lang, m.startsAt, ctx.timeZone),
          version: m.sequence + 1,
        })}
      </p>
      <h1>{m.title}</h1>
      <p>
        {m.status !== 'published' ? <span class="tag">{t(`meetings.status.${m.status}`)}</span> : null}{' '}
        {m.visibility === 'members' ? <span class="tag">{t('meetings.visibility.members')}</span> : null}
      </p>
      {m.status === 'cancelled' ? (
        <p class="notice notice--error" role="status">
          {t('meetings.meeting.cancelledBecause', { reason: m.cancelReason })}
        </p>
      ) : null}
      {m.status === 'draft' ? <p class="notice">{t('meetings.meeting.draftNote')}</p> : null}
      <dl class="facts">
        <dt>{t('meetings.fields.organiser')}</dt>
        <dd>
          <a href={organiserHref(a)}>{organiserName(a)}</a>
        </dd>
        <dt>{t('meetings.fields.when')}</dt>
        <dd>{formatWhen(ctx.lang, m.startsAt, m.endsAt, ctx.timeZone)}</dd>
        <dt>{t('meetings.fields.where')}</dt>
        <dd>
          <Where ctx={ctx} a={a} />
        </dd>
        {m.accessibility ? (
          <>
            <dt>{t('meetings.fields.accessibility')}</dt>
            <dd>{m.accessibility}</dd>
          </>
        ) : null}
        {m.capacity !== null ? (
          <>
            <dt>{t('meetings.fields.seats')}</dt>
            <dd>
              {left === 0 ? t('meetings.meeting.full', { capacity: m.capacity }) : t('meetings.meeting.seatsLeft', { count: left ?? 0, capacity: m.capacity })}
            </dd>
          </>
        ) : null}
      </dl>
      {m.description ? <p class="lead pre">{m.description}</p> : null}
      <p class="no-print">
        <button type="button" class="button button--secondary" data-print hidden>
          {t('meetings.meeting.print')}
        </button>{' '}
        <a href={`/moten/${m.slug}/kalender.ics`}>{t('meetings.meeting.addToCalendar')}</a>
      </p>

      {m.status === 'published' && !ended ? <AnswerSection ctx={ctx} {...p} /> : null}

      <h2>{t('meetings.meeting.agenda')}</h2>
      {p.agenda.length ? <AgendaList ctx={ctx} a={a} agenda={p.agenda} documents={p.documents} /> : <p>{t('meetings.meeting.noAgenda')}</p>}
      {p.openActions.length ? (
        <>
          <h3>{t('meetings.meeting.openActions')}</h3>
          <ActionList ctx={ctx} items={p.openActions} />
        </>
      ) : null}
      {generalDocs.length ? (
        <>
          <h2>{t('meetings.meeting.documents')}</h2>
          <ul>
            {generalDocs.map((d) => (
              <li key={d.id}>
                <DocumentLink ctx={ctx} slug={m.slug} d={d} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ended ? (
        <>
          <h2>{t('meetings.manage.minutes')}</h2>
          {p.minutesVersion ? (
            <p>
              <a href={`/moten/${m.slug}/protokoll`}>{t('meetings.meeting.minutesLink')}</a>
            </p>
          ) : (
            <p>{t('meetings.meeting.noMinutes')}</p>
          )}
          {p.workingMinutes ? (
            <p class="notice">
              <a href={`/moten/${m.slug}/protokoll`}>
                {t('meetings.meeting.workingMinutes', { status: t(`meetings.minutes.status.${p.workingMinutes}`).toLowerCase() })}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      {p.allowed.manage ? <ManagePanel ctx={ctx} {...p} /> : null}
    </Layout>
  );
}

function AnswerSection({ ctx, ...p }: Ctx & MeetingPageProps) {
  const { t } = ctx;
  const a = p.access;
  const m = a.meeting;
  const mine = p.summary.mine;
  return (
    <section class="no-print" aria-labelledby="answer-title">
      <h2 id="answer-title">{t('meetings.answer.title')}</h2>
      {mine ? <p class="notice">{mine.status === 'registered' ? t('meetings.answer.youAreRegistered') : t('meetings.answer.youDeclined')}</p> : null}
      {!ctx.actor.user ? (
        m.registrationOpen ? (
          <p>
            <a href={`/logga-in?next=${encodeURIComponent(`/moten/${m.slug}`)}`}>{t('meetings.answer.signIn')}</a>
          </p>
        ) : (
          <p>{t('meetings.answer.closed')}</p>
        )
      ) : p.allowed.register ? (
        <Form ctx={ctx} action={`/moten/${m.slug}/anmalan`}>
          <ErrorSummary ctx={ctx} form={p.answerForm} />
          {p.organisations.length ? (
            <SelectField
              ctx={ctx}
              form={p.answerForm}
              name="organisationId"
              label={t('meetings.answer.organisation')}
              hint={t('meetings.answer.organisationHint')}
              options={[{ value: '', label: t('meetings.answer.myself') }, ...p.organisations.map((o) => ({ value: o.id, label: o.name }))]}
              required
            />
          ) : null}
          <TextArea ctx={ctx} form={p.answerForm} name="note" label={t('meetings.answer.note')} hint={t('meetings.answer.noteHint')} rows={2} maxLength={500} />
          <div class="button-row">
            <button type="submit" name="answer" value="registered" class="button">
              {t('meetings.answer.register')}
            </button>
            <button type="submit" name="answer" value="declined" class="button button--secondary">
              {t('meetings.answer.decline')}
            </button>
          </div>
        </Form>
      ) : (
        <p>{t('meetings.answer.closed')}</p>
      )}
      {mine && ctx.actor.user ? (
        <Form ctx={ctx} action={`/moten/${m.slug}/anmalan/ta-bort`}>
          <button type="submit" class="link-button">
            {t('meetings.answer.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function ManagePanel({ ctx, ...p }: Ctx & MeetingPageProps) {
  const { t } = ctx;
  const m = p.access.meeting;
  const started = m.startsAt <= new Date();
  const regs = p.registrations;
  return (
    <section class="manage no-print" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('meetings.manage.title')}</h2>
      <ErrorSummary ctx={ctx} form={p.manageForm} />
      <ul class="button-row">
        <li>
          <a class="button button--secondary" href={`/moten/${m.slug}/redigera`}>
            {t('meetings.manage.edit')}
          </a>
        </li>
        <li>
          <a class="button button--secondary" href={`/moten/${m.slug}/dagordning`}>
            {t('meetings.manage.agenda')}
          </a>
        </li>
        {started && m.status !== 'cancelled' ? (
          <>
            <li>
              <a class="button button--secondary" href={`/moten/${m.slug}/narvaro`}>
                {t('meetings.manage.attendance')}
              </a>
            </li>
            <li>
              <a class="button button--secondary" href={`/moten/${m.slug}/protokoll`}>
                {t('meetings.manage.minutes')}
              </a>
            </li>
          </>
        ) : null}
      </ul>
      {m.status === 'draft' ? (
        <Form ctx={ctx} action={`/moten/${m.slug}/publicera`}>
          <Submit>{t('meetings.manage.publish')}</Submit>
        </Form>
      ) : null}
      {m.status === 'published' && p.access.council && !started ? (
        <Form ctx={ctx} action={`/moten/${m.slug}/bjud-in`}>
          {m.invitedAt ? (
            <p>{t('meetings.manage.invitedAt', { when: formatWhen(ctx.lang, m.invitedAt, m.invitedAt, ctx.timeZone).split(',')[0] ?? '' })}</p>
          ) : null}
          <Submit secondary>{t('meetings.manage.invite')}</Submit>
        </Form>
      ) : null}
      {regs ? (
        <>
          <h3>{t('meetings.manage.registrations')}</h3>
          {regs.rows.filter((r) => r.status === 'registered').length === 0 ? <p>{t('meetings.manage.noRegistrations')}</p> : null}
          <ul>
            {regs.rows
              .filter((r) => r.status === 'registered')
              .map((r) => (
                <li key={r.id}>
                  {regs.names.get(r.userId) ?? '–'}
                  {r.note ? ` – ${r.note}` : ''}
                </li>
              ))}
          </ul>
          {regs.rows.some((r) => r.status === 'declined') ? (
            <>
              <h3>{t('meetings.manage.declinedList')}</h3>
              <ul>
                {regs.rows
                  .filter((r) => r.status === 'declined')
                  .map((r) => (
                    <li key={r.id}>{regs.names.get(r.userId) ?? '–'}</li>
                  ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {m.status !== 'cancelled' && !started ? (
        <Form ctx={ctx} action={`/moten/${m.slug}/stall-in`} class="secondary-form">
          <ErrorSummary ctx={ctx} form={p.cancelForm} />
          <TextArea
            ctx={ctx}
            form={p.cancelForm}
            name="reason"
            label={t('meetings.manage.cancelReason')}
            hint={t('meetings.manage.cancelReasonHint')}
            rows={2}
            maxLength={1000}
            required
          />
          <Submit secondary>{t('meetings.manage.cancel')}</Submit>
        </Form>
      ) : null}
    </section>
  );
}

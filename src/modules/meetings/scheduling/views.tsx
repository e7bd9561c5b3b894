import type { FormState } from '../../../platform/http/forms.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { AgendaList, DocumentLink } from '../agenda/agenda-list.js';
import { formatDay, formatWhen, organiserHref, organiserName } from '../core/format.js';
import { type Ctx, meetingCrumbs, Where } from '../core/views.js';
import { ActionList } from '../minutes/actions-view.js';
import { meetingPath, meetingSubPath } from '../paths.js';
import type { MeetingPageData } from './queries.js';

export interface MeetingPageProps extends MeetingPageData {
  answerForm: FormState;
  cancelForm: FormState;
  /** Errors of the management buttons (publish, invite, cancel), shown at the top of the panel, which is always there. */
  manageForm: FormState;
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
        <a href={meetingSubPath(m, 'kalender.ics')}>{t('meetings.meeting.addToCalendar')}</a>
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
              <a href={meetingSubPath(m, 'protokoll')}>{t('meetings.meeting.minutesLink')}</a>
            </p>
          ) : (
            <p>{t('meetings.meeting.noMinutes')}</p>
          )}
          {p.workingMinutes ? (
            <p class="notice">
              <a href={meetingSubPath(m, 'protokoll')}>
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
            <a href={`/logga-in?next=${encodeURIComponent(meetingPath(m))}`}>{t('meetings.answer.signIn')}</a>
          </p>
        ) : (
          <p>{t('meetings.answer.closed')}</p>
        )
      ) : p.allowed.register ? (
        <Form ctx={ctx} action={meetingSubPath(m, 'anmalan')}>
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
        <Form ctx={ctx} action={meetingSubPath(m, 'anmalan/ta-bort')}>
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
          <a class="button button--secondary" href={meetingSubPath(m, 'redigera')}>
            {t('meetings.manage.edit')}
          </a>
        </li>
        <li>
          <a class="button button--secondary" href={meetingSubPath(m, 'dagordning')}>
            {t('meetings.manage.agenda')}
          </a>
        </li>
        {started && m.status !== 'cancelled' ? (
          <>
            <li>
              <a class="button button--secondary" href={meetingSubPath(m, 'narvaro')}>
                {t('meetings.manage.attendance')}
              </a>
            </li>
            <li>
              <a class="button button--secondary" href={meetingSubPath(m, 'protokoll')}>
                {t('meetings.manage.minutes')}
              </a>
            </li>
          </>
        ) : null}
      </ul>
      {m.status === 'draft' ? (
        <Form ctx={ctx} action={meetingSubPath(m, 'publicera')}>
          <Submit>{t('meetings.manage.publish')}</Submit>
        </Form>
      ) : null}
      {m.status === 'published' && p.access.council && !started ? (
        <Form ctx={ctx} action={meetingSubPath(m, 'bjud-in')}>
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
        <Form ctx={ctx} action={meetingSubPath(m, 'stall-in')} class="secondary-form">
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

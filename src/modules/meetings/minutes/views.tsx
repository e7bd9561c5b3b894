import type { FormState } from '../../../platform/http/forms.js';
import type { SectionRenderer } from '../../../platform/module.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField, VersionField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ActionItem, MeetingAccess, Minutes } from '../core/access.js';
import { formatDay, organiserName } from '../core/format.js';
import { meetingCrumbs } from '../core/views.js';
import { actionItemPath, meetingPath, meetingSubPath, minutesPath, minutesVersionPath } from '../paths.js';

type Ctx = { ctx: PageContext };

export interface MinutesPageProps {
  access: MeetingAccess;
  minutes: Minutes;
  versions: Minutes[];
  names: Map<string, string>;
  attendance: string[];
  /** The live action items, by key, when this is the version in force. */
  actions: Map<string, ActionItem>;
  /** What other modules show under a point (by its place in the minutes): a question raised from it, a way to raise one. */
  pointNotes?: (index: number) => SectionRenderer[];
  allowed: { write: boolean; check: boolean; markDone: boolean };
  /** The errors of the last action (sending back needs a note; publishing needs justering), and the note typed. */
  form: FormState;
}

const nameList = (ids: string[], names: Map<string, string>) =>
  ids
    .map((id) => names.get(id))
    .filter(Boolean)
    .join(', ');

/** A version of the minutes, with its status, checking and publishing for those concerned, and its print layout. */
export function MinutesPage({ ctx, ...p }: Ctx & MinutesPageProps) {
  const { t } = ctx;
  const a = p.access;
  const m = p.minutes;
  const slug = a.meeting.slug;
  const title = t('meetings.minutes.title', { title: a.meeting.title });
  const current = p.versions.find((v) => v.status === 'published' && !v.supersededAt);
  const newest = p.versions[0];
  const waiting = m.checkerIds.filter((id) => !m.checkedBy.includes(id));
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={meetingCrumbs(ctx, a, [{ label: t('meetings.manage.minutes') }])}
      head={<script src="/static/js/print.js" defer />}
    >
      <p class="print-only">
        {t('meetings.minutes.printHeader', {
          organiser: organiserName(a),
          date: formatDay(ctx.lang, a.meeting.startsAt, ctx.timeZone),
          version: m.version,
        })}
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={p.form} />
      <p>
        <span class="tag">{t('meetings.minutes.version', { version: m.version })}</span> <span class="tag">{t(`meetings.minutes.status.${m.status}`)}</span>
      </p>
      {m.supersededAt ? (
        <p class="notice" role="status">
          {t('meetings.minutes.superseded')} {current ? <a href={minutesPath({ slug })}>{t('meetings.minutes.readLatest')}</a> : null}
        </p>
      ) : null}
      {m.correctionNote ? <p class="notice">{t('meetings.minutes.correctionOf', { note: m.correctionNote })}</p> : null}
      {m.status === 'draft' && m.returnNote && p.allowed.write ? (
        <p class="notice notice--error">{t('meetings.minutes.returnedNote', { note: m.returnNote })}</p>
      ) : null}
      <dl class="facts">
        <dt>{t('meetings.fields.organiser')}</dt>
        <dd>{organiserName(a)}</dd>
        <dt>{t('meetings.fields.date')}</dt>
        <dd>
          <a href={meetingPath({ slug: slug })}>{formatDay(ctx.lang, a.meeting.startsAt, ctx.timeZone)}</a>
        </dd>
        {m.checkerIds.length ? (
          <>
            <dt>{t('meetings.minutes.checkers')}</dt>
            <dd>
              {nameList(m.checkerIds, p.names)}
              {m.checkedBy.length && m.status !== 'draft' ? (
                <>
                  <br />
                  {t('meetings.minutes.checkedBy', { names: nameList(m.checkedBy, p.names) })}
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {m.publishedAt ? (
          <>
            <dt>{t('meetings.minutes.status.published')}</dt>
            <dd>{formatDay(ctx.lang, m.publishedAt, ctx.timeZone)}</dd>
          </>
        ) : null}
      </dl>
      {m.preamble ? (
        <>
          <h2>{t('meetings.minutes.preamble')}</h2>
          <p class="pre">{m.preamble}</p>
        </>
      ) : null}
      <h2>{t('meetings.minutes.attendance')}</h2>
      {p.attendance.length ? <p>{p.attendance.join(', ')}</p> : <p>{t('meetings.attendance.none')}</p>}
      {m.items.map((item, i) => (
        <section key={item.agendaItemId ?? i} class="minutes-item" aria-labelledby={`item-${i}`}>
          <h2 id={`item-${i}`}>{t('meetings.minutes.itemHeading', { n: i + 1, title: item.title })}</h2>
          {item.discussion ? (
            <>
              <h3>{t('meetings.minutes.discussion')}</h3>
              <p class="pre">{item.discussion}</p>
            </>
          ) : null}
          {item.decisions ? (
            <>
              <h3>{t('meetings.minutes.decisions')}</h3>
              <p class="pre">{item.decisions}</p>
            </>
          ) : null}
          {item.actions.length ? (
            <>
              <h3>{t('meetings.minutes.actions')}</h3>
              <ul class="actions">
                {item.actions.map((action) => {
                  const live = p.actions.get(action.key);
                  return (
                    <li key={action.key}>
                      {action.description}
                      <span class="agenda__meta">
                        {' '}
                        (
                        {[
                          action.owner ? `${t('meetings.minutes.owner')}: ${action.owner}` : '',
                          action.due ? `${t('meetings.minutes.due')}: ${action.due}` : '',
                          live ? (live.doneAt ? t('meetings.minutes.done') : t('meetings.minutes.open')) : '',
                        ]
                          .filter(Boolean)
                          .join(', ')}
                        )
                      </span>
                      {live && p.allowed.markDone ? (
                        <Form ctx={ctx} action={actionItemPath({ slug }, live)} class="inline-form no-print">
                          <input type="hidden" name="done" value={live.doneAt ? 'false' : 'true'} />{' '}
                          <button type="submit" class="link-button">
                            {live.doneAt
                              ? t('meetings.minutes.reopen', { what: action.description })
                              : t('meetings.minutes.markDone', { what: action.description })}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
          {p.pointNotes?.(i).map((render, k) => (
            <div key={k} class="minutes-item__note">
              {render(ctx)}
            </div>
          ))}
        </section>
      ))}
      <div class="no-print">
        <p>
          <button type="button" class="button button--secondary" data-print hidden>
            {t('meetings.meeting.print')}
          </button>
        </p>
        {p.allowed.write && m.status === 'draft' ? (
          <div class="button-row">
            <a class="button" href={meetingSubPath({ slug }, 'protokoll/redigera')}>
              {t('meetings.minutes.edit')}
            </a>
            <Form ctx={ctx} action={meetingSubPath({ slug }, 'protokoll/justering')} class="inline-form">
              <Submit secondary>{t('meetings.minutes.sendForChecking')}</Submit>
            </Form>
          </div>
        ) : null}
        {m.status === 'checking' && waiting.length ? <p>{t('meetings.minutes.waitingFor', { names: nameList(waiting, p.names) })}</p> : null}
        {p.allowed.check ? (
          <>
            <Form ctx={ctx} action={meetingSubPath({ slug }, 'protokoll/justera')}>
              <Submit>{t('meetings.minutes.approve')}</Submit>
            </Form>
            <h2>{t('meetings.minutes.returnTitle')}</h2>
            <Form ctx={ctx} action={meetingSubPath({ slug }, 'protokoll/aterlamna')}>
              <TextArea ctx={ctx} form={p.form} name="returnNote" label={t('meetings.minutes.returnNote')} required rows={3} maxLength={2000} />
              <Submit secondary>{t('meetings.minutes.returnSubmit')}</Submit>
            </Form>
          </>
        ) : null}
        {p.allowed.write && m.status === 'checked' ? (
          <Form ctx={ctx} action={meetingSubPath({ slug }, 'protokoll/publicera')}>
            <Submit>{t('meetings.minutes.publish')}</Submit>
          </Form>
        ) : null}
        {p.allowed.write && m.status === 'published' && !m.supersededAt && newest?.id === m.id ? (
          <Form ctx={ctx} action={meetingSubPath({ slug }, 'protokoll/rattelse')}>
            <p>{t('meetings.minutes.readOnly')}</p>
            <Submit secondary>{t('meetings.minutes.correct')}</Submit>
          </Form>
        ) : null}
        {p.versions.length > 1 ? (
          <>
            <h2>{t('meetings.minutes.versions')}</h2>
            <ul>
              {p.versions
                .filter((v) => v.status === 'published' || p.allowed.write)
                .map((v) => (
                  <li key={v.id}>
                    <a href={minutesVersionPath({ slug }, v.version)} aria-current={v.id === m.id ? 'page' : undefined}>
                      {v.publishedAt
                        ? t('meetings.minutes.versionLine', { version: v.version, date: formatDay(ctx.lang, v.publishedAt, ctx.timeZone) })
                        : t('meetings.minutes.versionLineUnpublished', { version: v.version, status: t(`meetings.minutes.status.${v.status}`) })}
                    </a>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

/** The page that offers to start the minutes of a meeting that has none. */
export function NoMinutesPage({ ctx, access }: Ctx & { access: MeetingAccess }) {
  const { t } = ctx;
  const title = t('meetings.minutes.title', { title: access.meeting.title });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={meetingCrumbs(ctx, access, [{ label: t('meetings.manage.minutes') }])}>
      <h1>{title}</h1>
      <p>{t('meetings.meeting.noMinutes')}</p>
      <Form ctx={ctx} action={meetingSubPath(access.meeting, 'protokoll')}>
        <Submit>{t('meetings.minutes.start')}</Submit>
      </Form>
    </Layout>
  );
}

/** The secretary's draft: per agenda item the discussion, the decisions and the action items, and the checkers. */
export function MinutesEditPage({
  ctx,
  access,
  minutes,
  form,
  checkers,
}: Ctx & { access: MeetingAccess; minutes: Minutes; form: FormState; checkers: { id: string; name: string }[] }) {
  const { t } = ctx;
  const title = t('meetings.minutes.editTitle', { title: access.meeting.title, version: minutes.version });
  const v = form.values;
  const checkerOptions = checkers.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={meetingCrumbs(ctx, access, [
        { href: meetingSubPath(access.meeting, 'protokoll'), label: t('meetings.manage.minutes') },
        { label: t('meetings.minutes.edit') },
      ])}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={meetingSubPath(access.meeting, 'protokoll/redigera')} class="wide-form">
        <ErrorSummary ctx={ctx} form={form} />
        <VersionField form={form} version={minutes.updatedAt} />
        {minutes.version > 1 ? (
          <TextArea
            ctx={ctx}
            form={form}
            name="correctionNote"
            label={t('meetings.minutes.correctionNote')}
            hint={t('meetings.minutes.correctionNoteHint')}
            required
            rows={2}
            maxLength={2000}
          />
        ) : null}
        <TextArea ctx={ctx} form={form} name="preamble" label={t('meetings.minutes.preamble')} rows={3} maxLength={5000} />
        {minutes.items.map((item, i) => {
          const rows = Math.max(
            item.actions.length + 1,
            ...Object.keys(v)
              .map((k) => new RegExp(`^action_${i}_(\\d+)_description$`).exec(k)?.[1])
              .filter((x): x is string => x !== undefined)
              .map((x) => Number(x) + 1),
          );
          return (
            <fieldset key={item.agendaItemId ?? i} class="minutes-item">
              <legend>{t('meetings.minutes.itemHeading', { n: i + 1, title: item.title })}</legend>
              <TextArea ctx={ctx} form={form} name={`discussion_${i}`} label={t('meetings.minutes.discussion')} rows={4} maxLength={20000} />
              <TextArea ctx={ctx} form={form} name={`decisions_${i}`} label={t('meetings.minutes.decisions')} rows={2} maxLength={10000} />
              <p class="hint">{t('meetings.minutes.actionHint')}</p>
              {Array.from({ length: rows }, (_, j) => {
                const p = `action_${i}_${j}`;
                return (
                  <fieldset key={p} class="fieldset-row">
                    <legend>{t('meetings.minutes.actionRow', { n: j + 1 })}</legend>
                    <input type="hidden" name={`${p}_key`} value={v[`${p}_key`] ?? ''} />
                    <TextField ctx={ctx} form={form} name={`${p}_description`} label={t('meetings.minutes.actionDescription')} maxLength={1000} />
                    <TextField ctx={ctx} form={form} name={`${p}_owner`} label={t('meetings.minutes.actionOwner')} maxLength={200} />
                    <SelectField
                      ctx={ctx}
                      form={form}
                      name={`${p}_ownerId`}
                      label={t('meetings.minutes.actionOwnerId')}
                      hint={t('meetings.minutes.actionOwnerIdHint')}
                      options={checkerOptions}
                      empty={t('meetings.minutes.nobody')}
                    />
                    <TextField ctx={ctx} form={form} name={`${p}_due`} type="date" label={t('meetings.minutes.actionDue')} />
                  </fieldset>
                );
              })}
            </fieldset>
          );
        })}
        <fieldset class="fieldset-row">
          <legend>{t('meetings.minutes.checkers')}</legend>
          <SelectField
            ctx={ctx}
            form={form}
            name="checker1"
            label={t('meetings.minutes.checker1')}
            hint={t('meetings.minutes.checkerHint')}
            options={checkerOptions}
            empty={t('meetings.minutes.nobody')}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name="checker2"
            label={t('meetings.minutes.checker2')}
            options={checkerOptions}
            empty={t('meetings.minutes.nobody')}
          />
        </fieldset>
        <Submit>{t('meetings.minutes.saveSubmit')}</Submit>
      </Form>
    </Layout>
  );
}

/** The form values of a minutes draft. */
export function minutesFormValues(m: Minutes): Record<string, string> {
  const values: Record<string, string> = {
    preamble: m.preamble,
    correctionNote: m.correctionNote,
    checker1: m.checkerIds[0] ?? '',
    checker2: m.checkerIds[1] ?? '',
    version: m.updatedAt.toISOString(),
  };
  m.items.forEach((item, i) => {
    values[`discussion_${i}`] = item.discussion;
    values[`decisions_${i}`] = item.decisions;
    item.actions.forEach((a, j) => {
      values[`action_${i}_${j}_key`] = a.key;
      values[`action_${i}_${j}_description`] = a.description;
      values[`action_${i}_${j}_owner`] = a.owner;
      values[`action_${i}_${j}_ownerId`] = a.ownerId ?? '';
      values[`action_${i}_${j}_due`] = a.due;
    });
  });
  return values;
}

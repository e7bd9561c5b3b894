import type { ComponentChildren } from 'preact';
import type { Cursor } from '../../platform/db/keyset.js';
import type { FormState } from '../../platform/http/forms.js';
import { cursorQuery } from '../../platform/http/validation.js';
import { formatDate, formatDateTime } from '../../platform/i18n/index.js';
import { FollowButton } from '../../platform/notifications/views.js';
import {
  Checkbox,
  ErrorSummary,
  FileField,
  Form,
  OnceField,
  Pagination,
  SelectField,
  Submit,
  Table,
  TextArea,
  TextField,
  withQuery,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { minutesPath } from '../meetings/index.js';
import type { Locality, MunicipalFunction } from '../tenancy/index.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './commands.js';
import { askPath, inboxPath, knowledgePath, questionPath, registerPath } from './paths.js';
import type { getQuestionBySlug, KnowledgeRow, listQuestionEvents, RegisterRow } from './queries.js';
import type { QuestionCategory } from './schema.js';

type Ctx = { ctx: PageContext };
type Found = NonNullable<Awaited<ReturnType<typeof getQuestionBySlug>>>;
type Step = Awaited<ReturnType<typeof listQuestionEvents>>[number];

/** Asking the municipality a question. */
export function AskPage({
  ctx,
  form,
  categories,
  localities,
  councils,
  forOthers,
  from,
  map,
}: Ctx & {
  form: FormState;
  /** The tile server, when one is configured: then a point can be chosen on a map. */
  map?: { tiles: string; attribution: string; center: string } | null;
  categories: QuestionCategory[];
  localities: Locality[];
  councils: { id: string; name: string }[];
  forOthers: boolean;
  /** The point of a meeting's minutes the question is raised from, as it reads. */
  from?: string;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('questions.ask.title')}
      breadcrumbs={[{ href: registerPath, label: t('questions.register.title') }, { label: t('questions.ask.title') }]}
      head={map ? <script src="/static/js/map-picker.js" defer /> : undefined}
    >
      <h1>{t('questions.ask.title')}</h1>
      <p class="lead">{t('questions.ask.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={askPath} enctype="multipart/form-data">
        <OnceField form={form} />
        {form.values.mote ? (
          <>
            {from ? <p class="notice">{t('questions.minutes.from', { label: from })}</p> : null}
            <input type="hidden" name="mote" value={form.values.mote} />
            <input type="hidden" name="punkt" value={form.values.punkt ?? ''} />
          </>
        ) : null}
        <TextField
          ctx={ctx}
          form={form}
          name="subject"
          label={t('questions.fields.subject')}
          hint={t('questions.fields.subjectHint')}
          required
          maxLength={200}
        />
        <TextArea
          ctx={ctx}
          form={form}
          name="body"
          label={t('questions.fields.body')}
          hint={t('questions.fields.bodyHint')}
          required
          rows={8}
          maxLength={4000}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="categoryId"
          label={t('questions.fields.category')}
          required
          empty={t('questions.fields.choose')}
          options={categories.map((c) => ({ value: c.id, label: c.groupName ? `${c.groupName}: ${c.name}` : c.name }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="localityId"
          label={t('questions.fields.locality')}
          empty={t('questions.fields.noLocality')}
          options={localities.map((l) => ({ value: l.id, label: l.name }))}
        />
        <TextField ctx={ctx} form={form} name="address" label={t('questions.fields.address')} hint={t('questions.fields.addressHint')} maxLength={300} />
        {map ? (
          <fieldset>
            <legend>{t('questions.fields.point')}</legend>
            <p class="hint">{t('questions.fields.pointHint')}</p>
            <div
              class="map-picker"
              data-map-picker
              data-tiles={map.tiles}
              data-attribution={map.attribution}
              data-center={map.center}
              data-lat="f-lat"
              data-lng="f-lng"
              aria-hidden="true"
              hidden
            />
            <TextField ctx={ctx} form={form} name="lat" label={t('questions.fields.lat')} maxLength={20} />
            <TextField ctx={ctx} form={form} name="lng" label={t('questions.fields.lng')} maxLength={20} />
          </fieldset>
        ) : null}
        <AttachmentField ctx={ctx} form={form} />
        <Checkbox ctx={ctx} form={form} name="showName" label={t('questions.fields.showName')} hint={t('questions.fields.showNameHint')} />
        {councils.length ? (
          <SelectField
            ctx={ctx}
            form={form}
            name="councilId"
            label={t('questions.fields.council')}
            hint={t('questions.fields.councilHint')}
            empty={t('questions.fields.myself')}
            options={councils.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : null}
        {forOthers ? (
          <fieldset>
            <legend>{t('questions.behalf.legend')}</legend>
            <Checkbox ctx={ctx} form={form} name="onBehalf" label={t('questions.behalf.check')} hint={t('questions.behalf.hint')} />
            <TextField ctx={ctx} form={form} name="behalfName" label={t('questions.behalf.name')} maxLength={200} />
            <TextField ctx={ctx} form={form} name="behalfContact" label={t('questions.behalf.contact')} maxLength={300} />
            <SelectField
              ctx={ctx}
              form={form}
              name="behalfChannel"
              label={t('questions.behalf.channel')}
              options={(['phone', 'letter', 'visit', 'email'] as const).map((c) => ({ value: c, label: t(`questions.behalf.channels.${c}`) }))}
            />
          </fieldset>
        ) : null}
        <Submit>{t('questions.ask.submit')}</Submit>
      </Form>
    </Layout>
  );
}

/** The file input of the ask form, with its limits and why a file was refused. */
function AttachmentField({ ctx, form }: Ctx & { form: FormState }) {
  const { t } = ctx;
  return (
    <FileField
      ctx={ctx}
      form={form}
      name="attachment"
      label={t('questions.fields.attachment')}
      hint={t('questions.fields.attachmentHint', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024, count: MAX_ATTACHMENTS })}
      accept=".jpg,.jpeg,.png,.webp,.pdf"
      multiple
    />
  );
}

/** The public register: every registered question with its date, number, function and subject. */
export function RegisterPage({
  ctx,
  rows,
  functionNames,
  q,
  next,
  isFirst,
}: Ctx & { rows: RegisterRow[]; functionNames: Map<string, string>; q: string; next?: Cursor<Date>; isFirst: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('questions.register.title')} breadcrumbs={[{ label: t('questions.register.title') }]}>
      <h1>{t('questions.register.title')}</h1>
      <p class="lead">{t('questions.register.intro')}</p>
      <p>
        <a class="button" href={askPath}>
          {t('questions.ask.title')}
        </a>{' '}
        <a href={knowledgePath}>{t('questions.knowledge.title')}</a>
      </p>
      <form method="get" action={registerPath} class="filters">
        <TextField ctx={ctx} form={{ values: { q }, errors: {} }} name="q" type="search" label={t('questions.register.search')} maxLength={200} />
        <Submit>{t('questions.register.find')}</Submit>
      </form>
      {rows.length === 0 ? (
        <p>{t('questions.register.none')}</p>
      ) : (
        <Table
          caption={t('questions.register.caption')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('questions.fields.received'),
              cell: (r) => <time dateTime={r.receivedAt.toISOString()}>{formatDate(ctx.lang, r.receivedAt, ctx.timeZone)}</time>,
            },
            { header: t('questions.fields.number'), cell: (r) => <a href={questionPath(r)}>{r.number}</a> },
            { header: t('questions.fields.function'), cell: (r) => functionNames.get(r.functionId) ?? '' },
            { header: t('questions.fields.subject'), cell: (r) => (r.subjectSecret ? <em>{t('questions.secrecy.masked')}</em> : r.subject) },
            { header: t('questions.fields.status'), cell: (r) => t(`questions.status.${r.status}`) },
          ]}
        />
      )}
      <Pagination
        ctx={ctx}
        firstHref={q ? withQuery(registerPath, { q }) : registerPath}
        nextHref={next ? withQuery(registerPath, { q: q || undefined, ...cursorQuery(next) }) : undefined}
        isFirst={isFirst}
      />
    </Layout>
  );
}

/** A question as the public reads it: its registration, the question, its history and the answer. */
export function QuestionPage({
  ctx,
  found,
  steps,
  functions,
  locality,
  panel,
}: Ctx & { found: Found; steps: Step[]; functions: MunicipalFunction[]; locality: Locality | undefined; panel?: ComponentChildren }) {
  const { t } = ctx;
  const q = found.question;
  const fnName = (id: string | null) => functions.find((f) => f.id === id)?.name ?? '';
  const asker = found.askerName ?? (q.onBehalf ? t('questions.page.onBehalf') : t('questions.page.aResident'));
  const secret = new Set(q.secretFields);
  // What is confidential reads as such for those who may not see it; handlers and the asker see it marked.
  const masked = (field: (typeof q.secretFields)[number], text: string) =>
    secret.has(field) && !text ? <p class="masked">{t('questions.secrecy.maskedText', { ground: q.secrecyGround })}</p> : <p class="prewrap">{text}</p>;
  const title = q.subject || t('questions.secrecy.masked');
  return (
    <Layout
      ctx={ctx}
      title={`${q.number}: ${title}`}
      description={q.subject || q.number}
      breadcrumbs={[{ href: registerPath, label: t('questions.register.title') }, { label: q.number }]}
    >
      <h1>{title}</h1>
      <FollowButton ctx={ctx} kind="question" id={q.id} name={q.number} following={found.following} back={questionPath(q)} />
      {secret.size && q.secrecyAt ? (
        <p class="notice">{t('questions.secrecy.marked', { date: formatDate(ctx.lang, q.secrecyAt, ctx.timeZone), ground: q.secrecyGround })}</p>
      ) : null}
      <dl class="facts">
        <dt>{t('questions.fields.number')}</dt>
        <dd>{q.number}</dd>
        <dt>{t('questions.fields.received')}</dt>
        <dd>
          <time dateTime={q.receivedAt.toISOString()}>{formatDateTime(ctx.lang, q.receivedAt, ctx.timeZone)}</time>
        </dd>
        <dt>{t('questions.fields.status')}</dt>
        <dd>{t(`questions.status.${q.status}`)}</dd>
        <dt>{t('questions.fields.function')}</dt>
        <dd>{fnName(q.functionId)}</dd>
        <dt>{t('questions.fields.category')}</dt>
        <dd>{found.category.name}</dd>
        {locality ? (
          <>
            <dt>{t('questions.fields.locality')}</dt>
            <dd>{locality.name}</dd>
          </>
        ) : null}
        {q.address ? (
          <>
            <dt>{t('questions.fields.address')}</dt>
            <dd>{q.address}</dd>
          </>
        ) : null}
        {q.lat !== null && q.lng !== null ? (
          <>
            <dt>{t('questions.fields.pointShown')}</dt>
            <dd>
              {q.lat.toFixed(5)}, {q.lng.toFixed(5)}
            </dd>
          </>
        ) : null}
        <dt>{t('questions.fields.asker')}</dt>
        <dd>{found.council ? t('questions.page.forCouncil', { council: found.council.name }) : asker}</dd>
        {found.sourceMeetingSlug && q.sourceLabel ? (
          <>
            <dt>{t('questions.minutes.fromMeeting')}</dt>
            <dd>
              <a href={`${minutesPath({ slug: found.sourceMeetingSlug })}#item-${q.sourceItem ?? 0}`}>{q.sourceLabel}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('questions.page.question')}</h2>
      {masked('body', q.body)}
      {found.attachments.length ? (
        <>
          <h3>{t('questions.page.attachments')}</h3>
          <ul>
            {found.attachments.map((a) => (
              <li key={a.id}>
                <a href={`${questionPath(q)}/bilagor/${a.id}`}>{a.filename}</a> ({Math.max(1, Math.round(a.bytes / 1024))} kB)
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {q.answer || (secret.has('answer') && q.answeredAt) ? (
        <section aria-labelledby="answer">
          <h2 id="answer">{t('questions.page.answer')}</h2>
          {q.answeredAt ? <p class="hint">{formatDate(ctx.lang, q.answeredAt, ctx.timeZone)}</p> : null}
          {masked('answer', q.answer)}
        </section>
      ) : null}
      {panel}
      <h2>{t('questions.page.history')}</h2>
      <ol class="history">
        {steps.map((s) => (
          <li key={`${s.at.toISOString()}-${s.kind}`}>
            <time dateTime={s.at.toISOString()}>{formatDateTime(ctx.lang, s.at, ctx.timeZone)}</time>:{' '}
            {ctx.tr(`questions.steps.${s.kind}`, { function: fnName(s.functionId), ground: s.note })}
            {s.note && s.kind !== 'secrecy' ? ` ${s.note}` : ''}
            {s.who ? <span class="hint"> ({s.who})</span> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** What the asker can do with their own question: add information while it is open, or open it again after the answer. */
export function AskerPanel({
  ctx,
  question: q,
  reopenDays,
  mayReopen,
  forms,
}: Ctx & { question: Found['question']; reopenDays: number; mayReopen: boolean; forms: Record<string, FormState> }) {
  const { t } = ctx;
  const open = ['received', 'triaged', 'forwarded', 'in_progress', 'waiting'].includes(q.status);
  const blank = { values: {}, errors: {} } as FormState;
  // Too late to open it again: only why the last try was refused.
  if (!open && !mayReopen) return forms.reopen || forms.info ? <ErrorSummary ctx={ctx} form={forms.reopen ?? forms.info ?? blank} /> : null;
  const action = `${questionPath(q)}/fraga`;
  return (
    <section class="panel" aria-labelledby="asker">
      <h2 id="asker">{t('questions.asker.title')}</h2>
      <ErrorSummary ctx={ctx} form={forms.info ?? forms.reopen ?? blank} />
      {open ? (
        <Form ctx={ctx} action={action}>
          <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
          <input type="hidden" name="action" value="info" />
          <TextArea
            ctx={ctx}
            form={forms.info ?? blank}
            name="note"
            label={t('questions.asker.info')}
            hint={t('questions.asker.infoHint')}
            required
            rows={4}
            maxLength={4000}
          />
          <Submit>{t('questions.asker.infoSubmit')}</Submit>
        </Form>
      ) : null}
      {open ? (
        <Form ctx={ctx} action={action}>
          <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
          <input type="hidden" name="action" value="withdraw" />
          <p class="hint">{t('questions.asker.withdrawHint')}</p>
          <Submit secondary>{t('questions.asker.withdrawSubmit')}</Submit>
        </Form>
      ) : (
        <Form ctx={ctx} action={action}>
          <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
          <input type="hidden" name="action" value="reopen" />
          <TextArea
            ctx={ctx}
            form={forms.reopen ?? blank}
            name="note"
            label={t('questions.asker.reopen')}
            hint={t('questions.asker.reopenHint', { days: reopenDays })}
            required
            rows={3}
            maxLength={2000}
          />
          <Submit secondary>{t('questions.asker.reopenSubmit')}</Submit>
        </Form>
      )}
    </section>
  );
}

/** What a handler can do with a question: answer it, hand it on, or change its status with a note. */
export function HandlerPanel({
  ctx,
  found,
  functions,
  forms,
  triageOnly = false,
}: Ctx & { found: Found; functions: MunicipalFunction[]; forms: Record<string, FormState>; triageOnly?: boolean }) {
  const { t } = ctx;
  const q = found.question;
  const action = `${questionPath(q)}/handlagg`;
  const blank = { values: {}, errors: {} } as FormState;
  const f = (name: string) => forms[name] ?? blank;
  return (
    <section class="panel" aria-labelledby="handle">
      <h2 id="handle">{t(triageOnly ? 'questions.handle.triageTitle' : 'questions.handle.title')}</h2>
      {triageOnly ? <p>{t('questions.handle.triageIntro')}</p> : null}
      <p>
        {t('questions.handle.askedBy')}{' '}
        {q.onBehalf
          ? t('questions.handle.behalf', {
              name: q.onBehalf.name || t('questions.handle.anonymous'),
              contact: q.onBehalf.contact || '–',
              channel: t(`questions.behalf.channels.${q.onBehalf.channel}`),
            })
          : (found.askerForStaff ?? '–')}
      </p>
      <ErrorSummary ctx={ctx} form={forms.answered ?? forms.forward ?? forms.status ?? blank} />
      {triageOnly ? null : (
        <Form ctx={ctx} action={action}>
          <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
          <input type="hidden" name="action" value="answered" />
          <TextArea
            ctx={ctx}
            form={f('answered')}
            name="answer"
            label={t('questions.handle.answer')}
            hint={t('questions.handle.answerHint')}
            rows={6}
            maxLength={8000}
          />
          <Submit>{t('questions.handle.answerSubmit')}</Submit>
        </Form>
      )}
      {q.status === 'received' || q.status === 'forwarded' ? (
        <Form ctx={ctx} action={action} class="inline-form">
          <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
          <input type="hidden" name="action" value="triaged" />
          <Submit secondary>{t('questions.handle.triagedSubmit')}</Submit>
        </Form>
      ) : null}
      <Form ctx={ctx} action={action}>
        <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
        <input type="hidden" name="action" value="forward" />
        <SelectField
          ctx={ctx}
          form={f('forward')}
          name="functionId"
          label={t('questions.handle.forwardTo')}
          required
          empty={t('questions.fields.choose')}
          options={functions.filter((x) => x.id !== q.functionId).map((x) => ({ value: x.id, label: x.name }))}
        />
        <TextArea ctx={ctx} form={f('forward')} name="note" label={t('questions.handle.reason')} required rows={2} maxLength={2000} />
        <Submit secondary>{t('questions.handle.forwardSubmit')}</Submit>
      </Form>
      {triageOnly ? null : (
        <>
          <Form ctx={ctx} action={action}>
            <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
            <SelectField
              ctx={ctx}
              form={f('status')}
              name="action"
              label={t('questions.handle.status')}
              required
              options={(['in_progress', 'waiting', 'not_ours', 'duplicate', 'closed'] as const).map((s) => ({ value: s, label: t(`questions.status.${s}`) }))}
            />
            <TextArea
              ctx={ctx}
              form={f('status')}
              name="note"
              label={t('questions.handle.note')}
              hint={t('questions.handle.noteHint')}
              rows={2}
              maxLength={2000}
            />
            <Submit secondary>{t('questions.handle.statusSubmit')}</Submit>
          </Form>
          <SecrecyForm ctx={ctx} found={found} form={forms.secrecy} />
        </>
      )}
    </section>
  );
}

/** Marking parts of a question confidential, with the provision relied on. */
function SecrecyForm({ ctx, found, form }: Ctx & { found: Found; form?: FormState }) {
  const { t } = ctx;
  const q = found.question;
  const state: FormState = form ?? {
    values: {
      secretSubject: q.secretFields.includes('subject') ? 'on' : '',
      secretBody: q.secretFields.includes('body') ? 'on' : '',
      secretAnswer: q.secretFields.includes('answer') ? 'on' : '',
      secretPlace: q.secretFields.includes('place') ? 'on' : '',
      secretNotes: q.secretFields.includes('notes') ? 'on' : '',
      ground: q.secrecyGround,
    },
    errors: {},
  };
  return (
    <Form ctx={ctx} action={`${questionPath(q)}/sekretess`}>
      <input type="hidden" name="version" value={q.updatedAt.toISOString()} />
      <fieldset>
        <legend>{t('questions.secrecy.legend')}</legend>
        <p class="hint">{t('questions.secrecy.intro')}</p>
        {form ? <ErrorSummary ctx={ctx} form={form} /> : null}
        <Checkbox ctx={ctx} form={state} name="secretSubject" label={t('questions.secrecy.subject')} />
        <Checkbox ctx={ctx} form={state} name="secretBody" label={t('questions.secrecy.body')} />
        <Checkbox ctx={ctx} form={state} name="secretAnswer" label={t('questions.secrecy.answer')} />
        <Checkbox ctx={ctx} form={state} name="secretPlace" label={t('questions.secrecy.place')} />
        <Checkbox ctx={ctx} form={state} name="secretNotes" label={t('questions.secrecy.notes')} />
        <TextField ctx={ctx} form={state} name="ground" label={t('questions.secrecy.ground')} hint={t('questions.secrecy.groundHint')} maxLength={300} />
      </fieldset>
      <Submit secondary>{t('questions.secrecy.submit')}</Submit>
    </Form>
  );
}

/** A handler's inbox: the questions of their functions, the most urgent first, with a count per status. */
export function InboxPage({
  ctx,
  rows,
  counts,
  filter,
  choices,
  functionNames,
  handlerNames,
  today,
  next,
  isFirst,
}: Ctx & {
  filter: { status: string; kategori: string; ort: string; handlaggare: string };
  choices: { categories: QuestionCategory[]; localities: Locality[]; handlers: { id: string; name: string }[] };
  handlerNames: Map<string, string>;
  rows: {
    id: string;
    slug: string;
    number: string;
    subject: string;
    subjectSecret: boolean;
    status: string;
    functionId: string;
    receivedAt: Date;
    dueDate: string;
    handlerId: string | null;
  }[];
  counts: Map<string, number>;
  functionNames: Map<string, string>;
  today: string;
  next?: Cursor<string>;
  isFirst: boolean;
}) {
  const { t } = ctx;
  const status = filter.status;
  const all = ['received', 'triaged', 'forwarded', 'in_progress', 'waiting', 'answered', 'not_ours', 'duplicate', 'closed'] as const;
  const narrowing = { kategori: filter.kategori || undefined, ort: filter.ort || undefined, handlaggare: filter.handlaggare || undefined };
  return (
    <Layout ctx={ctx} title={t('questions.inbox.title')} breadcrumbs={[{ label: t('questions.inbox.title') }]}>
      <h1>{t('questions.inbox.title')}</h1>
      <form method="get" action={inboxPath} class="filters">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <SelectField
          ctx={ctx}
          form={{ values: filter, errors: {} }}
          name="kategori"
          label={t('questions.fields.category')}
          empty={t('questions.inbox.all')}
          options={choices.categories.map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectField
          ctx={ctx}
          form={{ values: filter, errors: {} }}
          name="ort"
          label={t('questions.fields.locality')}
          empty={t('questions.inbox.all')}
          options={choices.localities.map((l) => ({ value: l.id, label: l.name }))}
        />
        <SelectField
          ctx={ctx}
          form={{ values: filter, errors: {} }}
          name="handlaggare"
          label={t('questions.inbox.handler')}
          empty={t('questions.inbox.all')}
          options={[{ value: 'ingen', label: t('questions.inbox.nobody') }, ...choices.handlers.map((h) => ({ value: h.id, label: h.name }))]}
        />
        <Submit>{t('questions.inbox.filter')}</Submit>
      </form>
      <ul class="link-list inline-list">
        <li>{status ? <a href={withQuery(inboxPath, narrowing)}>{t('questions.inbox.open')}</a> : <strong>{t('questions.inbox.open')}</strong>}</li>
        {all.map((s) => (
          <li key={s}>
            {status === s ? (
              <strong>
                {t(`questions.status.${s}`)} ({counts.get(s) ?? 0})
              </strong>
            ) : (
              <a href={withQuery(inboxPath, { status: s, ...narrowing })}>
                {t(`questions.status.${s}`)} ({counts.get(s) ?? 0})
              </a>
            )}
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <p>{t('questions.inbox.none')}</p>
      ) : (
        <Table
          caption={t('questions.inbox.caption')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: t('questions.fields.number'), cell: (r) => <a href={questionPath(r)}>{r.number}</a> },
            {
              header: t('questions.fields.subject'),
              cell: (r) =>
                r.subject ? (
                  <>
                    {r.subject}
                    {r.subjectSecret ? <em> ({t('questions.secrecy.masked')})</em> : null}
                  </>
                ) : (
                  <em>{t('questions.secrecy.masked')}</em>
                ),
            },
            { header: t('questions.fields.status'), cell: (r) => ctx.tr(`questions.status.${r.status}`) },
            { header: t('questions.fields.function'), cell: (r) => functionNames.get(r.functionId) ?? '' },
            { header: t('questions.inbox.handler'), cell: (r) => (r.handlerId ? (handlerNames.get(r.handlerId) ?? '') : '–') },
            {
              header: t('questions.fields.due'),
              cell: (r) =>
                r.dueDate === '9999-12-31' ? (
                  ''
                ) : r.dueDate < today ? (
                  <strong class="overdue">{t('questions.inbox.overdue', { date: r.dueDate })}</strong>
                ) : (
                  r.dueDate
                ),
            },
          ]}
        />
      )}
      <Pagination
        ctx={ctx}
        firstHref={withQuery(inboxPath, { status: status || undefined, ...narrowing })}
        nextHref={next ? withQuery(inboxPath, { status: status || undefined, ...narrowing, efter: next.key, id: next.id }) : undefined}
        isFirst={isFirst}
      />
    </Layout>
  );
}

/** Answered questions, each with the start of its answer. */
export function KnowledgeList({ ctx, rows, headingLevel = 2 }: Ctx & { rows: KnowledgeRow[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards">
      {rows.map((r) => (
        <li key={r.id} class="card">
          <H class="card__title">
            <a href={questionPath(r)}>{r.subject}</a>
          </H>
          <p class="hint">
            {r.number}
            {r.answeredAt ? ` · ${ctx.t('questions.knowledge.answered', { date: formatDate(ctx.lang, r.answeredAt, ctx.timeZone) })}` : ''}
          </p>
          <p>{r.answer.length > 240 ? `${r.answer.slice(0, 239)}…` : r.answer}</p>
        </li>
      ))}
    </ul>
  );
}

/** The knowledge base: search what the municipality has answered, in one locality or all. */
export function KnowledgePage({ ctx, rows, q, ort, localities }: Ctx & { rows: KnowledgeRow[]; q: string; ort: string; localities: Locality[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('questions.knowledge.title')} breadcrumbs={[{ label: t('questions.knowledge.title') }]}>
      <h1>{t('questions.knowledge.title')}</h1>
      <p class="lead">{t('questions.knowledge.intro')}</p>
      <form method="get" action={knowledgePath} class="filters">
        <TextField ctx={ctx} form={{ values: { q }, errors: {} }} name="q" type="search" label={t('questions.knowledge.search')} maxLength={200} />
        <SelectField
          ctx={ctx}
          form={{ values: { ort }, errors: {} }}
          name="ort"
          label={t('questions.fields.locality')}
          required
          options={[{ value: '', label: t('questions.knowledge.allLocalities') }, ...localities.map((l) => ({ value: l.slug, label: l.name }))]}
        />
        <Submit>{t('questions.register.find')}</Submit>
      </form>
      {rows.length ? <KnowledgeList ctx={ctx} rows={rows} /> : <p>{t('questions.knowledge.none')}</p>}
      <p>
        <a href={askPath}>{t('questions.knowledge.ask')}</a>
      </p>
    </Layout>
  );
}

/** The latest answers of a locality or a council, on its page. */
export function KnowledgeSection({ ctx, rows, more }: Ctx & { rows: KnowledgeRow[]; more: string }) {
  const { t } = ctx;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="knowledge">
      <h2 id="knowledge">{t('questions.knowledge.section')}</h2>
      <KnowledgeList ctx={ctx} rows={rows} headingLevel={3} />
      <p>
        <a href={more}>{t('questions.knowledge.more')}</a>
      </p>
    </section>
  );
}

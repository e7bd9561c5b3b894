import type { Cursor } from '../../platform/db/keyset.js';
import type { FormState } from '../../platform/http/forms.js';
import { cursorQuery } from '../../platform/http/validation.js';
import { formatDate, formatDateTime } from '../../platform/i18n/index.js';
import {
  Checkbox,
  ErrorSummary,
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
import type { Locality, MunicipalFunction } from '../tenancy/index.js';
import { askPath, questionPath, registerPath } from './paths.js';
import type { getQuestionBySlug, listQuestionEvents, RegisterRow } from './queries.js';
import type { QuestionCategory } from './schema.js';

type Ctx = { ctx: PageContext };
type Found = NonNullable<Awaited<ReturnType<typeof getQuestionBySlug>>>;
type Step = Awaited<ReturnType<typeof listQuestionEvents>>[number];

/** Asking the municipality a question. */
export function AskPage({ ctx, form, categories, localities }: Ctx & { form: FormState; categories: QuestionCategory[]; localities: Locality[] }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('questions.ask.title')}
      breadcrumbs={[{ href: registerPath, label: t('questions.register.title') }, { label: t('questions.ask.title') }]}
    >
      <h1>{t('questions.ask.title')}</h1>
      <p class="lead">{t('questions.ask.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={askPath}>
        <OnceField form={form} />
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
        <Checkbox ctx={ctx} form={form} name="showName" label={t('questions.fields.showName')} hint={t('questions.fields.showNameHint')} />
        <Submit>{t('questions.ask.submit')}</Submit>
      </Form>
    </Layout>
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
        </a>
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
            { header: t('questions.fields.subject'), cell: (r) => r.subject },
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
}: Ctx & { found: Found; steps: Step[]; functions: MunicipalFunction[]; locality: Locality | undefined }) {
  const { t } = ctx;
  const q = found.question;
  const fnName = (id: string | null) => functions.find((f) => f.id === id)?.name ?? '';
  const asker = found.askerName ?? (q.onBehalf ? t('questions.page.onBehalf') : t('questions.page.aResident'));
  return (
    <Layout
      ctx={ctx}
      title={`${q.number}: ${q.subject}`}
      description={q.subject}
      breadcrumbs={[{ href: registerPath, label: t('questions.register.title') }, { label: q.number }]}
    >
      <h1>{q.subject}</h1>
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
        <dt>{t('questions.fields.asker')}</dt>
        <dd>{asker}</dd>
      </dl>
      <h2>{t('questions.page.question')}</h2>
      <p class="prewrap">{q.body}</p>
      {q.answer ? (
        <section aria-labelledby="answer">
          <h2 id="answer">{t('questions.page.answer')}</h2>
          {q.answeredAt ? <p class="hint">{formatDate(ctx.lang, q.answeredAt, ctx.timeZone)}</p> : null}
          <p class="prewrap">{q.answer}</p>
        </section>
      ) : null}
      <h2>{t('questions.page.history')}</h2>
      <ol class="history">
        {steps.map((s) => (
          <li key={`${s.at.toISOString()}-${s.kind}`}>
            <time dateTime={s.at.toISOString()}>{formatDateTime(ctx.lang, s.at, ctx.timeZone)}</time>:{' '}
            {ctx.tr(`questions.steps.${s.kind}`, { function: fnName(s.functionId) })}
            {s.note ? ` ${s.note}` : ''}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

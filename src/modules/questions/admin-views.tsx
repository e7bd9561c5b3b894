import type { FormState } from '../../platform/http/forms.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import { Checkbox, ErrorSummary, Form, SelectField, Submit, Table, TextArea, TextField } from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import type { MunicipalFunction } from '../tenancy/index.js';
import type { listKeys } from './open311/keys.js';
import type { QuestionCategory } from './schema.js';

type Ctx = { ctx: PageContext };
type Key = Awaited<ReturnType<typeof listKeys>>[number];
export const adminPath = '/admin/fragor';
const crumbs = (ctx: PageContext, last?: string) => [
  { href: '/admin', label: ctx.t('platform.admin.title') },
  ...(last ? [{ href: adminPath, label: ctx.t('questions.admin.title') }, { label: last }] : [{ label: ctx.t('questions.admin.title') }]),
];

/** The administrator's page for questions: the number pattern, the categories and the Open311 keys. */
export function QuestionsAdminPage({
  ctx,
  pattern,
  categories,
  functions,
  keys,
  keyForm,
  newKey,
}: Ctx & {
  pattern: FormState;
  categories: QuestionCategory[];
  functions: MunicipalFunction[];
  keys: Key[];
  keyForm: FormState;
  newKey?: { name: string; key: string };
}) {
  const { t } = ctx;
  const fnName = new Map(functions.map((f) => [f.id, f.name]));
  return (
    <Layout ctx={ctx} title={t('questions.admin.title')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('questions.admin.title')}</h1>
      {newKey ? (
        <div class="notice" role="status">
          <p>{t('questions.admin.keyIssued', { name: newKey.name })}</p>
          <p>
            <code>{newKey.key}</code>
          </p>
        </div>
      ) : null}
      <section aria-labelledby="pattern">
        <h2 id="pattern">{t('questions.admin.rules')}</h2>
        <ErrorSummary ctx={ctx} form={pattern} />
        <Form ctx={ctx} action={`${adminPath}/nummer`}>
          <TextField
            ctx={ctx}
            form={pattern}
            name="numberPattern"
            label={t('questions.admin.pattern')}
            hint={t('questions.admin.patternHint')}
            required
            maxLength={60}
          />
          <Submit>{t('questions.admin.patternSubmit')}</Submit>
        </Form>
      </section>
      <section aria-labelledby="categories">
        <h2 id="categories">{t('questions.admin.categories')}</h2>
        <p>
          <a class="button" href={`${adminPath}/kategorier/ny`}>
            {t('questions.admin.newCategory')}
          </a>
        </p>
        <Table
          caption={t('questions.admin.categories')}
          rows={categories}
          rowKey={(c) => c.id}
          columns={[
            { header: t('questions.admin.code'), cell: (c) => <code>{c.code}</code> },
            {
              header: t('questions.admin.name'),
              cell: (c) => <a href={`${adminPath}/kategorier/${c.id}`}>{c.groupName ? `${c.groupName}: ${c.name}` : c.name}</a>,
            },
            { header: t('questions.fields.function'), cell: (c) => fnName.get(c.functionId) ?? '' },
            { header: t('questions.admin.dueDays'), cell: (c) => String(c.dueDays) },
            { header: t('questions.admin.active'), cell: (c) => (c.active ? t('questions.admin.yes') : t('questions.admin.no')) },
          ]}
        />
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">{t('questions.admin.keys')}</h2>
        <p>{t('questions.admin.keysIntro')}</p>
        {keys.length ? (
          <Table
            caption={t('questions.admin.keys')}
            rows={keys}
            rowKey={(k) => k.id}
            columns={[
              { header: t('questions.admin.name'), cell: (k) => k.name },
              { header: t('questions.admin.keyStart'), cell: (k) => <code>{k.prefix}…</code> },
              { header: t('questions.admin.issued'), cell: (k) => formatDateTime(ctx.lang, k.createdAt, ctx.timeZone) },
              { header: t('questions.admin.lastUsed'), cell: (k) => (k.lastUsedAt ? formatDateTime(ctx.lang, k.lastUsedAt, ctx.timeZone) : '–') },
              {
                header: t('questions.admin.state'),
                cell: (k) =>
                  k.revokedAt ? (
                    t('questions.admin.revoked', { date: formatDateTime(ctx.lang, k.revokedAt, ctx.timeZone) })
                  ) : (
                    <Form ctx={ctx} action={`${adminPath}/nycklar/${k.id}/aterkalla`} class="inline-form">
                      <button type="submit" class="button button--secondary" aria-label={t('questions.admin.revokeNamed', { name: k.name })}>
                        {t('questions.admin.revoke')}
                      </button>
                    </Form>
                  ),
              },
            ]}
          />
        ) : null}
        <Form ctx={ctx} action={`${adminPath}/nycklar`}>
          <TextField
            ctx={ctx}
            form={keyForm}
            name="name"
            label={t('questions.admin.keyName')}
            hint={t('questions.admin.keyNameHint')}
            required
            maxLength={120}
          />
          <Submit>{t('questions.admin.issue')}</Submit>
        </Form>
      </section>
    </Layout>
  );
}

/** Creating or changing a category. */
export function CategoryPage({ ctx, category, form, functions }: Ctx & { category: QuestionCategory | null; form: FormState; functions: MunicipalFunction[] }) {
  const { t } = ctx;
  const title = category ? category.name : t('questions.admin.newCategory');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, title)}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={category ? `${adminPath}/kategorier/${category.id}` : `${adminPath}/kategorier/ny`}>
        {category ? (
          <p>
            {t('questions.admin.code')}: <code>{category.code}</code> <span class="hint">{t('questions.admin.codeFixed')}</span>
          </p>
        ) : (
          <TextField ctx={ctx} form={form} name="code" label={t('questions.admin.code')} hint={t('questions.admin.codeHint')} required maxLength={40} />
        )}
        <TextField ctx={ctx} form={form} name="name" label={t('questions.admin.name')} required maxLength={120} />
        <TextField ctx={ctx} form={form} name="groupName" label={t('questions.admin.group')} maxLength={80} />
        <TextArea ctx={ctx} form={form} name="description" label={t('questions.admin.description')} rows={3} maxLength={500} />
        <SelectField
          ctx={ctx}
          form={form}
          name="functionId"
          label={t('questions.admin.routesTo')}
          required
          empty={t('questions.fields.choose')}
          options={functions.map((f) => ({ value: f.id, label: f.name }))}
        />
        <TextField ctx={ctx} form={form} name="dueDays" type="number" label={t('questions.admin.dueDays')} hint={t('questions.admin.dueDaysHint')} required />
        <Checkbox ctx={ctx} form={form} name="active" label={t('questions.admin.activeLabel')} />
        <Submit>{t('questions.admin.save')}</Submit>
      </Form>
    </Layout>
  );
}

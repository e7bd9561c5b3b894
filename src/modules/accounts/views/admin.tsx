import type { Cursor } from '../../../platform/db/keyset.js';
import type { FormState } from '../../../platform/http/forms.js';
import { cursorQuery } from '../../../platform/http/validation.js';
import { formatDateTime, type MessageKey } from '../../../platform/i18n/index.js';
import type { RoleDefinition } from '../../../platform/module.js';
import { CsrfField, ErrorSummary, Form, Pagination, SelectField, Submit, Table, TextField, withQuery } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { RoleAssignment, User } from '../queries.js';

type Ctx = { ctx: PageContext };

/** The people with accounts, searchable and paged. */
export function AdminUsersPage({ ctx, q, rows, next, isFirst }: Ctx & { q: string; rows: User[]; next?: Cursor<string>; isFirst: boolean }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('accounts.admin.users')}
      breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { label: t('accounts.admin.users') }]}
    >
      <h1>{t('accounts.admin.users')}</h1>
      <form method="get" action="/admin/anvandare" class="filters">
        <TextField ctx={ctx} form={{ values: { q }, errors: {} }} name="q" type="search" label={t('accounts.admin.search')} />
        <Submit>{t('platform.form.search')}</Submit>
      </form>
      {rows.length === 0 ? <p>{t('accounts.admin.noUsers')}</p> : null}
      {rows.length > 0 ? (
        <Table
          caption={t('accounts.admin.users')}
          rows={rows}
          rowKey={(u) => u.id}
          columns={[
            { header: t('accounts.fields.name'), cell: (u) => <a href={`/admin/anvandare/${u.id}`}>{u.name}</a> },
            { header: t('accounts.fields.email'), cell: (u) => u.email },
            { header: t('accounts.admin.verified'), cell: (u) => (u.emailVerifiedAt ? t('accounts.admin.yes') : t('accounts.admin.no')) },
          ]}
        />
      ) : null}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery('/admin/anvandare', { q })}
        nextHref={next ? withQuery('/admin/anvandare', { q, ...cursorQuery(next) }) : undefined}
      />
    </Layout>
  );
}

/** One person: their account and their roles, with forms to give and take roles. */
export function AdminUserPage({
  ctx,
  user,
  roles,
  roleDefs,
  scopes,
  form,
}: Ctx & {
  user: User;
  roles: RoleAssignment[];
  roleDefs: RoleDefinition[];
  scopes: { kind: string; label: MessageKey; items: { id: string; name: string }[] }[];
  form: FormState;
}) {
  const { t } = ctx;
  const roleLabel = (role: string) => {
    const d = roleDefs.find((r) => r.role === role);
    return d ? t(d.label) : role;
  };
  const scopeName = (r: RoleAssignment) =>
    r.scopeType === 'tenant'
      ? t('accounts.admin.wholeMunicipality')
      : (scopes.find((s) => s.kind === r.scopeType)?.items.find((i) => i.id === r.scopeId)?.name ?? r.scopeId);
  const scopeOptions = scopes.flatMap((s) => s.items.map((i) => ({ value: `${s.kind}:${i.id}`, label: `${t(s.label)}: ${i.name}` })));
  return (
    <Layout
      ctx={ctx}
      title={user.name}
      breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { href: '/admin/anvandare', label: t('accounts.admin.users') }, { label: user.name }]}
    >
      <h1>{user.name}</h1>
      <dl class="facts">
        <dt>{t('accounts.fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('accounts.admin.verified')}</dt>
        <dd>{user.emailVerifiedAt ? formatDateTime(ctx.lang, user.emailVerifiedAt, ctx.timeZone) : t('accounts.admin.no')}</dd>
        <dt>{t('accounts.admin.created')}</dt>
        <dd>{formatDateTime(ctx.lang, user.createdAt, ctx.timeZone)}</dd>
        <dt>{t('accounts.admin.status')}</dt>
        <dd>
          {user.erasedAt
            ? t('accounts.admin.statusErased', { when: formatDateTime(ctx.lang, user.erasedAt, ctx.timeZone) })
            : user.disabledAt
              ? t('accounts.admin.statusDisabled')
              : t('accounts.admin.statusActive')}
        </dd>
      </dl>
      {/* A closed account is a nameless reference for kept records: it is never opened again. */}
      {user.erasedAt ? null : (
        <form method="post" action={`/admin/anvandare/${user.id}/sparr`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="disabled" value={user.disabledAt ? 'false' : 'true'} />
          <button type="submit" class="button button--secondary">
            {user.disabledAt ? t('accounts.admin.enable') : t('accounts.admin.disable')}
          </button>
        </form>
      )}
      <h2>{t('accounts.admin.roles')}</h2>
      {roles.length === 0 ? <p>{t('accounts.admin.noRoles')}</p> : null}
      {roles.length > 0 ? (
        <Table
          caption={t('accounts.admin.roles')}
          rows={roles}
          rowKey={(r) => r.id}
          columns={[
            { header: t('accounts.admin.role'), cell: (r) => roleLabel(r.role) },
            { header: t('accounts.admin.scope'), cell: scopeName },
            {
              header: t('accounts.admin.actions'),
              cell: (r) => (
                <form method="post" action={`/admin/anvandare/${user.id}/roller/${r.id}/ta-bort`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="button button--secondary">
                    {t('accounts.admin.revoke', { role: roleLabel(r.role) })}
                  </button>
                </form>
              ),
            },
          ]}
        />
      ) : null}
      <h2>{t('accounts.admin.assign')}</h2>
      <Form ctx={ctx} action={`/admin/anvandare/${user.id}/roller`}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField
          ctx={ctx}
          form={form}
          name="role"
          label={t('accounts.admin.role')}
          required
          options={roleDefs.map((r) => ({ value: r.role, label: t(r.label) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="scope"
          label={t('accounts.admin.scope')}
          hint={t('accounts.admin.scopeHint')}
          options={scopeOptions}
          empty={t('accounts.admin.wholeMunicipality')}
        />
        <Submit>{t('accounts.admin.assignSubmit')}</Submit>
      </Form>
    </Layout>
  );
}

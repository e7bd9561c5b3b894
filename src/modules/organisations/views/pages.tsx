import type { Cursor } from '../../../platform/db/keyset.js';
import type { FormState } from '../../../platform/http/forms.js';
import { cursorQuery } from '../../../platform/http/validation.js';
import { formatDay, formatNumber, type MessageKey } from '../../../platform/i18n/index.js';
import type { SectionRenderer } from '../../../platform/module.js';
import { FollowButton } from '../../../platform/notifications/views.js';
import { type FieldSpec, Fields } from '../../../platform/views/admin.js';
import {
  Card,
  CsrfField,
  ErrorSummary,
  Form,
  Pagination,
  SelectField,
  Submit,
  Table,
  TextField,
  VersionField,
  withQuery,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Area, Locality } from '../../tenancy/index.js';
import { LocalityAreaFacts } from '../../tenancy/index.js';
import { ORGANISATION_KINDS } from '../commands.js';
import { organisationPath, organisationsPath } from '../paths.js';
import type { Invitation, Member, Organisation, OrganisationSummary } from '../queries.js';

type Ctx = { ctx: PageContext };
type Places = { localities: Locality[]; areas: Area[] };

const kindKey = (k: string) => `organisations.kind.${k}` as MessageKey;

/** The fields of an organisation's profile form. */
export function organisationFields(ctx: PageContext, places: Places): FieldSpec[] {
  const { t } = ctx;
  return [
    { name: 'name', label: t('organisations.fields.name'), kind: 'text', required: true, maxLength: 160 },
    {
      name: 'kind',
      label: t('organisations.fields.kind'),
      kind: 'select',
      required: true,
      options: ORGANISATION_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) })),
    },
    { name: 'orgNumber', label: t('organisations.fields.orgNumber'), hint: t('organisations.fields.orgNumberHint'), kind: 'text', maxLength: 20 },
    { name: 'description', label: t('organisations.fields.description'), kind: 'textarea', maxLength: 5000 },
    { name: 'email', label: t('organisations.fields.email'), kind: 'email', maxLength: 320 },
    { name: 'phone', label: t('organisations.fields.phone'), kind: 'tel', maxLength: 40 },
    { name: 'website', label: t('organisations.fields.website'), hint: t('organisations.fields.websiteHint'), kind: 'url', maxLength: 500 },
    { name: 'localityId', label: t('organisations.fields.locality'), kind: 'select', options: places.localities.map((l) => ({ value: l.id, label: l.name })) },
    { name: 'areaId', label: t('organisations.fields.area'), kind: 'select', options: places.areas.map((a) => ({ value: a.id, label: a.name })) },
    { name: 'memberCount', label: t('organisations.fields.memberCount'), hint: t('organisations.fields.memberCountHint'), kind: 'number' },
    { name: 'membersCountedOn', label: t('organisations.fields.membersCountedOn'), kind: 'date' },
    { name: 'annualMeetingOn', label: t('organisations.fields.annualMeetingOn'), hint: t('organisations.fields.annualMeetingOnHint'), kind: 'date' },
  ];
}

/** The register of organisations with search and filters. */
export function OrganisationsPage({
  ctx,
  filter,
  rows,
  next,
  isFirst,
  places,
  canCreate,
}: Ctx & {
  filter: Record<string, string>;
  rows: OrganisationSummary[];
  next?: Cursor<string>;
  isFirst: boolean;
  places: Places;
  canCreate: boolean;
}) {
  const { t } = ctx;
  const form = { values: filter, errors: {} };
  const placeName = (o: OrganisationSummary) =>
    places.areas.find((a) => a.id === o.areaId)?.name ?? places.localities.find((l) => l.id === o.localityId)?.name ?? '';
  return (
    <Layout ctx={ctx} title={t('organisations.list.title')} breadcrumbs={[{ label: t('organisations.list.title') }]}>
      <h1>{t('organisations.list.title')}</h1>
      <p>{t('organisations.list.intro')}</p>
      {canCreate ? (
        <p>
          <a class="button" href="/admin/organisationer/ny">
            {t('organisations.admin.new')}
          </a>
        </p>
      ) : null}
      <form method="get" action={organisationsPath} class="filters">
        <TextField ctx={ctx} form={form} name="q" type="search" label={t('organisations.list.search')} />
        <SelectField
          ctx={ctx}
          form={form}
          name="typ"
          label={t('organisations.fields.kind')}
          empty={t('organisations.list.all')}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="ort"
          label={t('organisations.fields.locality')}
          empty={t('organisations.list.all')}
          options={places.localities.map((l) => ({ value: l.slug, label: l.name }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="omrade"
          label={t('organisations.fields.area')}
          empty={t('organisations.list.all')}
          options={places.areas.map((a) => ({ value: a.slug, label: a.name }))}
        />
        <Submit>{t('platform.form.search')}</Submit>
      </form>
      <p role="status">{rows.length === 0 ? t('organisations.list.none') : t('organisations.list.showing', { count: rows.length })}</p>
      <ul class="cards">
        {rows.map((o) => (
          <Card key={o.id} href={organisationPath(o)} title={o.name} headingLevel={2}>
            <p class="tag">{t(kindKey(o.kind))}</p>
            {placeName(o) ? <p>{placeName(o)}</p> : null}
            {o.description ? <p>{o.description.length > 160 ? `${o.description.slice(0, 157)}…` : o.description}</p> : null}
          </Card>
        ))}
      </ul>
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery(organisationsPath, filter)}
        nextHref={next ? withQuery(organisationsPath, { ...filter, ...cursorQuery(next) }) : undefined}
      />
    </Layout>
  );
}

/** An organisation's public profile. */
export function OrganisationPage({
  ctx,
  org,
  following,
  places,
  canEdit,
  canManage,
  sections,
}: Ctx & { org: Organisation; following: boolean; places: Places; canEdit: boolean; canManage: boolean; sections: SectionRenderer[] }) {
  const { t } = ctx;
  const locality = places.localities.find((l) => l.id === org.localityId);
  const area = places.areas.find((a) => a.id === org.areaId);
  return (
    <Layout ctx={ctx} title={org.name} breadcrumbs={[{ href: organisationsPath, label: t('organisations.list.title') }, { label: org.name }]}>
      <h1>{org.name}</h1>
      <p class="tag">{t(kindKey(org.kind))}</p>
      {org.description ? <p class="lead">{org.description}</p> : null}
      <FollowButton ctx={ctx} kind="organisation" id={org.id} name={org.name} following={following} back={organisationPath(org)} />
      <dl class="facts">
        <LocalityAreaFacts ctx={ctx} locality={locality} area={area} />
        {org.orgNumber ? (
          <>
            <dt>{t('organisations.fields.orgNumber')}</dt>
            <dd>{org.orgNumber}</dd>
          </>
        ) : null}
        {org.memberCount !== null ? (
          <>
            <dt>{t('organisations.fields.memberCount')}</dt>
            <dd>
              {org.membersCountedOn
                ? t('organisations.profile.membersOn', { count: org.memberCount, date: formatDay(ctx.lang, org.membersCountedOn) })
                : formatNumber(ctx.lang, org.memberCount)}
            </dd>
          </>
        ) : null}
        {org.annualMeetingOn ? (
          <>
            <dt>{t('organisations.fields.annualMeetingOn')}</dt>
            <dd>{formatDay(ctx.lang, org.annualMeetingOn)}</dd>
          </>
        ) : null}
        {org.email ? (
          <>
            <dt>{t('organisations.fields.email')}</dt>
            <dd>
              <a href={`mailto:${org.email}`}>{org.email}</a>
            </dd>
          </>
        ) : null}
        {org.phone ? (
          <>
            <dt>{t('organisations.fields.phone')}</dt>
            <dd>{org.phone}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t('organisations.fields.website')}</dt>
            <dd>
              <a href={org.website} rel="nofollow noopener">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {canEdit || canManage ? (
        <ul class="link-list">
          {canEdit ? (
            <li>
              <a href={`${organisationPath(org)}/redigera`}>{t('organisations.edit.link')}</a>
            </li>
          ) : null}
          {canManage ? (
            <li>
              <a href={`${organisationPath(org)}/medlemmar`}>{t('organisations.members.link')}</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {sections.map((render) => render(ctx))}
    </Layout>
  );
}

/** Create or edit an organisation's profile. */
export function OrganisationFormPage({ ctx, org, form, places }: Ctx & { org: Organisation | null; form: FormState; places: Places }) {
  const { t } = ctx;
  const title = org ? t('organisations.edit.title', { name: org.name }) : t('organisations.admin.new');
  const crumbs = org
    ? [{ href: organisationsPath, label: t('organisations.list.title') }, { href: organisationPath(org), label: org.name }, { label: title }]
    : [{ href: '/admin', label: t('platform.admin.title') }, { href: '/admin/organisationer', label: t('organisations.list.title') }, { label: title }];
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={org ? `${organisationPath(org)}/redigera` : '/admin/organisationer/ny'}>
        <ErrorSummary ctx={ctx} form={form} />
        {org ? <VersionField form={form} version={org.updatedAt} /> : null}
        <Fields ctx={ctx} form={form} fields={organisationFields(ctx, places)} />
        <Submit>{t('platform.form.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** Members and invitations of an organisation, with the invite form. */
export function MembersPage({
  ctx,
  org,
  members,
  names,
  invitations,
  form,
}: Ctx & { org: Organisation; members: Member[]; names: Map<string, string>; invitations: Invitation[]; form: FormState }) {
  const { t } = ctx;
  const roleLabel = (r: string) => (r === 'representative' ? t('organisations.members.representative') : t('organisations.members.member'));
  return (
    <Layout
      ctx={ctx}
      title={t('organisations.members.title', { name: org.name })}
      breadcrumbs={[
        { href: organisationsPath, label: t('organisations.list.title') },
        { href: organisationPath(org), label: org.name },
        { label: t('organisations.members.short') },
      ]}
    >
      <h1>{t('organisations.members.title', { name: org.name })}</h1>
      {members.length === 0 ? <p>{t('organisations.members.none')}</p> : null}
      {members.length > 0 ? (
        <Table
          caption={t('organisations.members.short')}
          rows={members}
          rowKey={(m) => m.id}
          columns={[
            { header: t('organisations.members.name'), cell: (m) => names.get(m.userId) ?? '–' },
            { header: t('organisations.members.role'), cell: (m) => roleLabel(m.role) },
            {
              header: t('organisations.members.actions'),
              cell: (m) => (
                <form method="post" action={`${organisationPath(org)}/medlemmar/${m.id}/ta-bort`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="button button--secondary">
                    {t('organisations.members.remove', { name: names.get(m.userId) ?? '' })}
                  </button>
                </form>
              ),
            },
          ]}
        />
      ) : null}
      {invitations.length > 0 ? (
        <>
          <h2>{t('organisations.members.pending')}</h2>
          <ul>
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} ({roleLabel(i.role)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('organisations.members.invite')}</h2>
      <Form ctx={ctx} action={`${organisationPath(org)}/medlemmar`}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('organisations.members.email')} required maxLength={320} />
        <SelectField
          ctx={ctx}
          form={form}
          name="role"
          label={t('organisations.members.role')}
          hint={t('organisations.members.roleHint')}
          required
          options={[
            { value: 'member', label: t('organisations.members.member') },
            { value: 'representative', label: t('organisations.members.representative') },
          ]}
        />
        <Submit>{t('organisations.members.send')}</Submit>
      </Form>
    </Layout>
  );
}

/** An invitation opened from its mail: accept it, or sign in first. */
export function InvitationPage({ ctx, token, org, role, error }: Ctx & { token: string; org: Organisation | null; role?: string; error?: string }) {
  const { t } = ctx;
  const next = `/inbjudan?token=${encodeURIComponent(token)}`;
  return (
    <Layout ctx={ctx} title={t('organisations.invitation.title')}>
      <h1>{t('organisations.invitation.title')}</h1>
      {error ? (
        <div class="error-summary" role="alert">
          <p>{ctx.tr(error)}</p>
        </div>
      ) : null}
      {org ? (
        <>
          <p>
            {t('organisations.invitation.text', {
              name: org.name,
              role: role === 'representative' ? t('organisations.members.representative') : t('organisations.members.member'),
            })}
          </p>
          {ctx.actor.user ? (
            <Form ctx={ctx} action="/inbjudan">
              <input type="hidden" name="token" value={token} />
              <Submit>{t('organisations.invitation.accept')}</Submit>
            </Form>
          ) : (
            <p>
              {t('organisations.invitation.signInFirst')} <a href={`/logga-in?next=${encodeURIComponent(next)}`}>{t('organisations.invitation.signIn')}</a> ·{' '}
              <a href="/registrera">{t('organisations.invitation.signUp')}</a>
            </p>
          )}
        </>
      ) : null}
    </Layout>
  );
}

/** Administration of the register: add organisations and find one to edit. */
export function AdminOrganisationsPage({ ctx, rows, next, isFirst }: Ctx & { rows: OrganisationSummary[]; next?: Cursor<string>; isFirst: boolean }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('organisations.list.title')}
      breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { label: t('organisations.list.title') }]}
    >
      <h1>{t('organisations.list.title')}</h1>
      <p>
        <a class="button" href="/admin/organisationer/ny">
          {t('organisations.admin.new')}
        </a>
      </p>
      <Table
        caption={t('organisations.list.title')}
        rows={rows}
        rowKey={(o) => o.id}
        columns={[
          { header: t('organisations.fields.name'), cell: (o) => <a href={`${organisationPath(o)}/redigera`}>{o.name}</a> },
          { header: t('organisations.fields.kind'), cell: (o) => t(kindKey(o.kind)) },
          { header: t('organisations.members.short'), cell: (o) => <a href={`${organisationPath(o)}/medlemmar`}>{t('organisations.members.link')}</a> },
        ]}
      />
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref="/admin/organisationer"
        nextHref={next ? withQuery('/admin/organisationer', cursorQuery(next)) : undefined}
      />
    </Layout>
  );
}

import type { FormState } from '../../../platform/http/forms.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { type SectionRenderer, sectionHeads } from '../../../platform/module.js';
import { FollowButton } from '../../../platform/notifications/views.js';
import { Card, CsrfField, ErrorSummary, Form, Pagination, SelectField, Submit, Table, TextField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { OrganisationSummary } from '../../organisations/index.js';
import { organisationPath } from '../../organisations/index.js';
import type { Places } from '../../tenancy/index.js';
import { areaPath, localityPath } from '../../tenancy/index.js';
import { councilPath, councilsPath } from '../paths.js';
import type { Council, CouncilMember } from '../queries.js';

type Ctx = { ctx: PageContext };
type Names = { orgs: Map<string, { name: string; slug: string }>; people: Map<string, string> };

const kindKey = (k: string) => `councils.kind.${k}` as MessageKey;
const roleKey = (r: string) => `councils.role.${r}` as MessageKey;

function placeOf(c: Council, places: Places) {
  const area = places.areas.find((a) => a.id === c.areaId);
  if (area) return { href: areaPath(area), name: area.name };
  const loc = places.localities.find((l) => l.id === c.localityId);
  return loc ? { href: localityPath(loc), name: loc.name } : null;
}

/** All councils and networks the visitor may see. */
export function CouncilsPage({
  ctx,
  councils,
  places,
  orgs,
  notes,
}: Ctx & { councils: Council[]; places: Places; orgs: Names['orgs']; notes: Map<string, SectionRenderer[]> }) {
  const { t } = ctx;
  const section = (kind: Council['kind'], title: string, intro: string) => {
    const list = councils.filter((c) => c.kind === kind);
    if (list.length === 0) return null;
    return (
      <section aria-labelledby={`h-${kind}`}>
        <h2 id={`h-${kind}`}>{title}</h2>
        <p>{intro}</p>
        <ul class="cards">
          {list.map((c) => {
            const place = placeOf(c, places);
            const org = c.organisationId ? orgs.get(c.organisationId) : undefined;
            return (
              <Card key={c.id} href={councilPath(c)} title={c.name}>
                {place ? <p>{place.name}</p> : null}
                {org ? <p>{t('councils.runBy', { name: org.name })}</p> : null}
                {!c.isPublic ? <p class="tag">{t('councils.private')}</p> : null}
                {!c.active ? <p class="tag">{t('councils.inactive')}</p> : null}
                {notes.get(c.id)?.map((render) => render(ctx))}
              </Card>
            );
          })}
        </ul>
      </section>
    );
  };
  return (
    <Layout ctx={ctx} title={t('councils.list.title')} breadcrumbs={[{ label: t('councils.list.title') }]}>
      <h1>{t('councils.list.title')}</h1>
      <p class="lead">{t('councils.list.intro')}</p>
      {section('local_council', t('councils.list.localCouncils'), t('councils.list.localCouncilsIntro'))}
      {section('area_network', t('councils.list.areaNetworks'), t('councils.list.areaNetworksIntro'))}
      {section('contact_network', t('councils.list.contactNetwork'), t('councils.list.contactNetworkIntro'))}
    </Layout>
  );
}

/** A council's page: place, association, members, contact persons, what other modules add, and how to take part. */
export function CouncilPage({
  ctx,
  council,
  places,
  people,
  orgs,
  names,
  contacts,
  canManage,
  seeAll,
  following,
  sections,
}: Ctx & {
  council: Council;
  places: Places;
  people: { rows: CouncilMember[]; total: number; individuals: number };
  orgs: { rows: OrganisationSummary[]; total: number };
  names: Names;
  contacts: { name: string; email: string }[];
  canManage: boolean;
  seeAll: boolean;
  following: boolean;
  sections: SectionRenderer[];
}) {
  const { t } = ctx;
  const place = placeOf(council, places);
  const runBy = council.organisationId ? names.orgs.get(council.organisationId) : undefined;
  const shown = people.rows.filter((m) => seeAll || m.role !== 'member');
  const unnamed = seeAll ? people.total - shown.length : people.individuals;
  return (
    <Layout
      ctx={ctx}
      title={council.name}
      breadcrumbs={[{ href: councilsPath, label: t('councils.list.title') }, { label: council.name }]}
      head={sectionHeads(sections, ctx)}
    >
      <h1>{council.name}</h1>
      <p>
        <span class="tag">{t(kindKey(council.kind))}</span> {!council.isPublic ? <span class="tag">{t('councils.private')}</span> : null}{' '}
        {!council.active ? <span class="tag">{t('councils.inactive')}</span> : null}
      </p>
      {council.description ? <p class="lead">{council.description}</p> : null}
      <FollowButton ctx={ctx} kind="council" id={council.id} name={council.name} following={following} back={councilPath(council)} />
      <dl class="facts">
        {place ? (
          <>
            <dt>{council.areaId ? t('councils.fields.area') : t('councils.fields.locality')}</dt>
            <dd>
              <a href={place.href}>{place.name}</a>
            </dd>
          </>
        ) : null}
        {runBy ? (
          <>
            <dt>{t('councils.fields.runBy')}</dt>
            <dd>
              <a href={organisationPath(runBy)}>{runBy.name}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {canManage ? (
        <p>
          <a class="button button--secondary" href={`${councilPath(council)}/medlemmar`}>
            {t('councils.manage.link')}
          </a>
        </p>
      ) : null}
      {sections.map((render) => render(ctx))}
      <h2>{t('councils.members.title')}</h2>
      {shown.length > 0 ? (
        <ul>
          {shown.map((m) => (
            <li key={m.id}>
              {names.people.get(m.userId as string) ?? '–'}, {t(roleKey(m.role)).toLowerCase()}
              {m.organisationId && names.orgs.get(m.organisationId) ? ` (${names.orgs.get(m.organisationId)?.name})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {unnamed > 0 ? <p>{seeAll ? t('councils.members.more', { count: unnamed }) : t('councils.members.individuals', { count: unnamed })}</p> : null}
      {orgs.rows.length > 0 ? (
        <>
          <h3>{t('councils.members.organisations')}</h3>
          <ul class="columns">
            {orgs.rows.map((o) => (
              <li key={o.id}>
                <a href={organisationPath(o)}>{o.name}</a>
              </li>
            ))}
          </ul>
          {orgs.total > orgs.rows.length ? (
            <p>
              <a href={`${councilPath(council)}/organisationer`}>{t('councils.members.allOrganisations', { count: orgs.total })}</a>
            </p>
          ) : null}
        </>
      ) : null}
      {people.total === 0 && orgs.total === 0 ? <p>{t('councils.members.none')}</p> : null}
      <h2>{t('councils.contacts.title')}</h2>
      {contacts.length > 0 ? (
        <ul>
          {contacts.map((c) => (
            <li key={c.email}>
              {c.name}, <a href={`mailto:${c.email}`}>{c.email}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('councils.contacts.none')}</p>
      )}
      <h2>{t('councils.join.title')}</h2>
      <p>{council.howToJoin || t('councils.join.default')}</p>
    </Layout>
  );
}

/** All member organisations of a council, by name, 25 at a time. */
export function CouncilOrganisationsPage({
  ctx,
  council,
  rows,
  next,
  isFirst,
}: Ctx & { council: Council; rows: OrganisationSummary[]; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  const title = t('councils.members.organisationsOf', { name: council.name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: councilsPath, label: t('councils.list.title') }, { href: councilPath(council), label: council.name }, { label: title }]}
    >
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <p>{t('councils.members.none')}</p>
      ) : (
        <ul class="columns">
          {rows.map((o) => (
            <li key={o.id}>
              <a href={organisationPath(o)}>{o.name}</a>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} isFirst={isFirst} firstHref={`${councilPath(council)}/organisationer`} nextHref={next} />
    </Layout>
  );
}

/** The chair's and secretary's page for the members of a council. */
export function ManageMembersPage({
  ctx,
  council,
  members,
  names,
  form,
  next,
  isFirst,
}: Ctx & { council: Council; members: CouncilMember[]; names: Names; form: FormState; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  const who = (m: CouncilMember) =>
    [m.userId ? names.people.get(m.userId) : null, m.organisationId ? names.orgs.get(m.organisationId)?.name : null].filter(Boolean).join(', ') || '–';
  return (
    <Layout
      ctx={ctx}
      title={t('councils.manage.title', { name: council.name })}
      breadcrumbs={[
        { href: councilsPath, label: t('councils.list.title') },
        { href: councilPath(council), label: council.name },
        { label: t('councils.members.title') },
      ]}
    >
      <h1>{t('councils.manage.title', { name: council.name })}</h1>
      {members.length === 0 ? (
        <p>{t('councils.members.none')}</p>
      ) : (
        <Table
          caption={t('councils.members.title')}
          rows={members}
          rowKey={(m) => m.id}
          columns={[
            { header: t('councils.manage.who'), cell: who },
            { header: t('councils.manage.role'), cell: (m) => t(roleKey(m.role)) },
            {
              header: t('councils.manage.actions'),
              cell: (m) => (
                <form method="post" action={`${councilPath(council)}/medlemmar/${m.id}/ta-bort`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="button button--secondary">
                    {t('councils.manage.remove', { name: who(m) })}
                  </button>
                </form>
              ),
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} isFirst={isFirst} firstHref={`${councilPath(council)}/medlemmar`} nextHref={next} />
      <h2>{t('councils.manage.add')}</h2>
      <Form ctx={ctx} action={`${councilPath(council)}/medlemmar`}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField
          ctx={ctx}
          form={form}
          name="organisation"
          label={t('councils.manage.organisation')}
          hint={t('councils.manage.organisationHint')}
          maxLength={160}
        />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('councils.manage.email')} hint={t('councils.manage.emailHint')} maxLength={320} />
        <SelectField
          ctx={ctx}
          form={form}
          name="role"
          label={t('councils.manage.role')}
          required
          options={(['member', 'chair', 'secretary'] as const).map((r) => ({ value: r, label: t(roleKey(r)) }))}
        />
        <Submit>{t('councils.manage.addSubmit')}</Submit>
      </Form>
    </Layout>
  );
}

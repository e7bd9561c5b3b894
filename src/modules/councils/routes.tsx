import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, NotFoundError } from '../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { cursorFrom, cursorQuery, NameCursorQuery, TimeCursorQuery } from '../../platform/http/validation.js';
import type { TFn } from '../../platform/i18n/index.js';
import { type AppServices, loadAnnotations, loadSections } from '../../platform/module.js';
import { AdminFormPage, AdminListPage, type FieldSpec } from '../../platform/views/admin.js';
import { withQuery } from '../../platform/views/components.js';
import { getUserNames } from '../accounts/index.js';
import { getOrganisationNames, listOrganisations } from '../organisations/index.js';
import { listPlaces, type Places } from '../tenancy/index.js';
import { addCouncilMember, CouncilInput, MemberInput, removeCouncilMember, saveCouncil } from './commands.js';
import { contactCouncilIds } from './inside.js';
import { loadCouncilPage, loadCouncilsPage } from './page.js';
import { councilMembersPath, councilOrganisationsPath, councilPath } from './paths.js';
import { councilAdminPolicy, councilPolicy } from './policy.js';
import { type Council, councilOrganisationIdsSql, getCouncilById, getCouncilBySlug, listCouncilMembersPage, listCouncils } from './queries.js';
import { CouncilOrganisationsPage, CouncilPage, CouncilsPage, ManageMembersPage } from './views/pages.js';

const NamePageQuery = z.object(NameCursorQuery);
const TimePageQuery = z.object(TimeCursorQuery);

/** How many people a council's page names before it says how many more there are. */

/** Council and network pages, their members, and their administration. */
export function councilRoutes(app: FastifyInstance, { db, translator, registry }: AppServices): void {
  const isKey = translator.has;

  const load = async (req: FastifyRequest<{ Params: { slug: string } }>) => {
    const found = await getCouncilBySlug(db, req.actor, req.params.slug);
    if (!found) throw new NotFoundError();
    authorize(councilPolicy, req.actor, 'view', found);
    return found;
  };

  const memberNames = async (tenantId: string, council: Council, members: { organisationId: string | null; userId: string | null }[]) => {
    const orgIds = [...new Set([council.organisationId, ...members.map((m) => m.organisationId)].filter((x): x is string => !!x))];
    const userIds = [...new Set(members.map((m) => m.userId).filter((x): x is string => !!x))];
    const [orgs, people] = await Promise.all([getOrganisationNames(db, tenantId, orgIds), getUserNames(db, tenantId, userIds)]);
    return { orgs, people };
  };

  app.get('/ortsrad', SHARED_PAGE, async (req, reply) => {
    const page = await loadCouncilsPage(db, req.actor, (ids) => loadAnnotations(registry, 'councils', req, ids));
    return reply.render((ctx) => <CouncilsPage ctx={ctx} {...page} />);
  });

  app.get<{ Params: { slug: string } }>('/ortsrad/:slug', SHARED_PAGE, async (req, reply) => {
    const access = await load(req);
    const { council } = access;
    const subject = {
      id: council.id,
      slug: council.slug,
      name: council.name,
      localityId: council.localityId,
      isPublic: council.isPublic,
      myRoles: access.myRoles,
      isContact: contactCouncilIds(req.actor).includes(council.id),
      canManage: can(councilPolicy, req.actor, 'manage', access),
    };
    const [page, sections] = await Promise.all([loadCouncilPage(db, req.actor, access), loadSections(registry, 'council', req, subject)]);
    return reply.render((ctx) => <CouncilPage ctx={ctx} {...page} sections={sections} />);
  });

  app.get<{ Params: { slug: string } }>('/ortsrad/:slug/organisationer', { ...SHARED_PAGE, schema: { querystring: NamePageQuery } }, async (req, reply) => {
    const { council } = await load(req);
    const after = cursorFrom(req.query as z.output<typeof NamePageQuery>);
    const page = await listOrganisations(db, req.tenant.id, { within: councilOrganisationIdsSql(council.id), after });
    const next = page.next ? withQuery(councilOrganisationsPath(council), cursorQuery(page.next)) : undefined;
    return reply.render((ctx) => <CouncilOrganisationsPage ctx={ctx} council={council} rows={page.rows} next={next} isFirst={!after} />);
  });

  const renderMembers = async (req: FastifyRequest, reply: FastifyReply, council: Council, form: FormState, status?: number) => {
    const after = cursorFrom(req.query as z.output<typeof TimePageQuery>);
    const page = await listCouncilMembersPage(db, council.id, after);
    const names = await memberNames(req.tenant.id, council, page.rows);
    const next = page.next ? withQuery(councilMembersPath(council), cursorQuery(page.next)) : undefined;
    return reply.render(
      (ctx) => <ManageMembersPage ctx={ctx} council={council} members={page.rows} names={names} form={form} next={next} isFirst={!after} />,
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/ortsrad/:slug/medlemmar', { ...SHARED_PAGE, schema: { querystring: TimePageQuery } }, async (req, reply) => {
    const access = await load(req);
    authorize(councilPolicy, req.actor, 'manage', access);
    return renderMembers(req, reply, access.council, formOf({ role: 'member' }));
  });

  app.post<{ Params: { slug: string } }>('/ortsrad/:slug/medlemmar', { schema: { querystring: TimePageQuery } }, async (req, reply) => {
    const access = await load(req);
    authorize(councilPolicy, req.actor, 'manage', access);
    const parsed = parseForm(MemberInput, req.body, isKey);
    if (!parsed.ok) return renderMembers(req, reply, access.council, parsed.form, 422);
    const result = await addCouncilMember(db, req.actor, access.council, parsed.data);
    if (!result.ok) return renderMembers(req, reply, access.council, formWithErrors(req.body, result.errors), 409);
    return reply.flash('councils.manage.added').redirect(`${councilPath(access.council)}/medlemmar`, 303);
  });

  app.post<{ Params: { slug: string; member: string } }>('/ortsrad/:slug/medlemmar/:member/ta-bort', async (req, reply) => {
    const access = await load(req);
    authorize(councilPolicy, req.actor, 'manage', access);
    if (!(await removeCouncilMember(db, req.actor, access.council, req.params.member))) throw new NotFoundError();
    return reply.flash('councils.manage.removed').redirect(`${councilPath(access.council)}/medlemmar`, 303);
  });

  // Administration: create and configure councils and networks.
  const fields = (t: TFn, places: Places): FieldSpec[] => [
    { name: 'name', label: t('councils.fields.name'), kind: 'text', required: true, maxLength: 160 },
    { name: 'slug', label: t('councils.fields.slug'), hint: t('councils.fields.slugHint'), kind: 'text', maxLength: 80 },
    {
      name: 'kind',
      label: t('councils.fields.kind'),
      kind: 'select',
      required: true,
      options: (['local_council', 'area_network', 'contact_network'] as const).map((k) => ({ value: k, label: t(`councils.kind.${k}`) })),
    },
    { name: 'localityId', label: t('councils.fields.locality'), kind: 'select', options: places.localities.map((l) => ({ value: l.id, label: l.name })) },
    { name: 'areaId', label: t('councils.fields.area'), kind: 'select', options: places.areas.map((a) => ({ value: a.id, label: a.name })) },
    { name: 'organisation', label: t('councils.fields.runBy'), hint: t('councils.fields.runByHint'), kind: 'text', maxLength: 160 },
    { name: 'description', label: t('councils.fields.description'), kind: 'textarea', maxLength: 5000 },
    { name: 'howToJoin', label: t('councils.fields.howToJoin'), kind: 'textarea', maxLength: 3000 },
    { name: 'isPublic', label: t('councils.fields.isPublic'), hint: t('councils.fields.isPublicHint'), kind: 'checkbox' },
    { name: 'active', label: t('councils.fields.active'), kind: 'checkbox' },
  ];
  const crumbs = (t: TFn, last?: string) => [
    { href: '/admin', label: t('platform.admin.title') },
    ...(last ? [{ href: '/admin/ortsrad', label: t('councils.admin.title') }, { label: last }] : [{ label: t('councils.admin.title') }]),
  ];

  app.get('/admin/ortsrad', async (req, reply) => {
    authorize(councilAdminPolicy, req.actor, 'administer', null);
    const list = await listCouncils(db, req.actor);
    const rows = list.map((c) => ({
      id: c.id,
      href: `/admin/ortsrad/${c.id}`,
      name: c.name,
      cells: [req.t(`councils.kind.${c.kind}`), c.isPublic ? req.t('councils.public') : req.t('councils.private')],
    }));
    return reply.render((ctx) => (
      <AdminListPage
        ctx={ctx}
        title={ctx.t('councils.admin.title')}
        newHref="/admin/ortsrad/ny"
        newLabel={ctx.t('councils.admin.new')}
        rows={rows}
        columns={[ctx.t('councils.fields.name'), ctx.t('councils.fields.kind'), ctx.t('councils.fields.visibility')]}
        breadcrumbs={crumbs(ctx.t)}
      />
    ));
  });

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, council: Council | null, form: FormState, status?: number) => {
    const places = await listPlaces(db, req.tenant.id);
    const title = council ? req.t('councils.admin.edit', { name: council.name }) : req.t('councils.admin.new');
    return reply.render(
      (ctx) => (
        <AdminFormPage
          ctx={ctx}
          title={title}
          action={council ? `/admin/ortsrad/${council.id}` : '/admin/ortsrad/ny'}
          form={form}
          fields={fields(ctx.t, places)}
          breadcrumbs={crumbs(ctx.t, title)}
          version={council?.updatedAt.toISOString()}
        />
      ),
      status,
    );
  };

  app.get('/admin/ortsrad/ny', async (req, reply) => {
    authorize(councilAdminPolicy, req.actor, 'administer', null);
    return renderForm(req, reply, null, formOf({ kind: 'local_council', isPublic: 'on', active: 'on' }));
  });

  app.post('/admin/ortsrad/ny', async (req, reply) => {
    authorize(councilAdminPolicy, req.actor, 'administer', null);
    const parsed = parseForm(CouncilInput, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, null, parsed.form, 422);
    const result = await saveCouncil(db, req.actor, parsed.data);
    if (!result.ok) return renderForm(req, reply, null, formWithErrors(req.body, result.errors), 409);
    return reply.flash('councils.admin.saved').redirect(councilPath(result.value), 303);
  });

  app.get<{ Params: { id: string } }>('/admin/ortsrad/:id', async (req, reply) => {
    authorize(councilAdminPolicy, req.actor, 'administer', null);
    const council = await getCouncilById(db, req.tenant.id, req.params.id);
    if (!council) throw new NotFoundError();
    const org = council.organisationId ? (await getOrganisationNames(db, req.tenant.id, [council.organisationId])).get(council.organisationId) : undefined;
    return renderForm(
      req,
      reply,
      council,
      formOf({
        name: council.name,
        slug: council.slug,
        kind: council.kind,
        localityId: council.localityId,
        areaId: council.areaId,
        organisation: org?.slug ?? '',
        description: council.description,
        howToJoin: council.howToJoin,
        isPublic: council.isPublic ? 'on' : '',
        active: council.active ? 'on' : '',
      }),
    );
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/admin/ortsrad/:id', async (req, reply) => {
    authorize(councilAdminPolicy, req.actor, 'administer', null);
    const council = await getCouncilById(db, req.tenant.id, req.params.id);
    if (!council) throw new NotFoundError();
    const parsed = parseForm(CouncilInput, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, council, parsed.form, 422);
    const result = await saveCouncil(db, req.actor, parsed.data, { id: council.id, updatedAt: formVersion(req.body) });
    if (!result.ok) return renderForm(req, reply, council, formWithErrors(req.body, result.errors), 409);
    return reply.flash('councils.admin.saved').redirect(councilPath(result.value), 303);
  });
}

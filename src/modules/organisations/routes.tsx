import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { cursorFrom, NameCursorQuery, Slug } from '../../platform/http/validation.js';
import { type AppServices, loadSections } from '../../platform/module.js';
import { getUserNames } from '../accounts/index.js';
import { listPlaces } from '../tenancy/index.js';
import {
  acceptInvitation,
  createOrganisation,
  getInvitationByToken,
  InviteInput,
  inviteMember,
  ORGANISATION_KINDS,
  OrganisationInput,
  removeMember,
  updateOrganisation,
} from './commands.js';
import { organisationPath } from './paths.js';
import { organisationPolicy, registerPolicy } from './policy.js';
import { getOrganisationBySlug, listMembers, listOpenInvitations, listOrganisations, type Organisation } from './queries.js';
import { AdminOrganisationsPage, InvitationPage, MembersPage, OrganisationFormPage, OrganisationPage, OrganisationsPage } from './views/pages.js';

const ListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  typ: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  ort: Slug.optional().catch(undefined),
  omrade: Slug.optional().catch(undefined),
  ...NameCursorQuery,
});

const orgValues = (o: Organisation) => ({
  name: o.name,
  kind: o.kind,
  orgNumber: o.orgNumber,
  description: o.description,
  email: o.email,
  phone: o.phone,
  website: o.website,
  localityId: o.localityId ?? '',
  areaId: o.areaId ?? '',
  memberCount: o.memberCount ?? '',
  membersCountedOn: o.membersCountedOn ?? '',
  annualMeetingOn: o.annualMeetingOn ?? '',
  version: o.updatedAt.toISOString(),
});

/** The register of organisations, profiles, members and invitations. */
export function organisationRoutes(app: FastifyInstance, { db, translator, jobs, registry }: AppServices): void {
  const isKey = translator.has;

  const load = async (req: FastifyRequest<{ Params: { slug: string } }>) => {
    const found = await getOrganisationBySlug(db, req.tenant.id, req.params.slug, req.actor.user?.id);
    if (!found) throw new NotFoundError();
    return found;
  };

  app.get('/organisationer', { ...SHARED_PAGE, schema: { querystring: ListQuery } }, async (req, reply) => {
    const f = req.query as z.output<typeof ListQuery>;
    const places = await listPlaces(db, req.tenant.id);
    const locality = f.ort ? places.localities.find((l) => l.slug === f.ort) : undefined;
    const area = f.omrade ? places.areas.find((a) => a.slug === f.omrade) : undefined;
    const after = cursorFrom(f);
    const page = await listOrganisations(db, req.tenant.id, { q: f.q || undefined, kind: f.typ, localityId: locality?.id, areaId: area?.id, after });
    const filter = { q: f.q ?? '', typ: f.typ ?? '', ort: locality?.slug ?? '', omrade: area?.slug ?? '' };
    return reply.render((ctx) => (
      <OrganisationsPage
        ctx={ctx}
        filter={filter}
        rows={page.rows}
        next={page.next}
        isFirst={!after}
        places={places}
        canCreate={can(registerPolicy, req.actor, 'create', null)}
      />
    ));
  });

  app.get<{ Params: { slug: string } }>('/organisationer/:slug', SHARED_PAGE, async (req, reply) => {
    const access = await load(req);
    const [places, sections] = await Promise.all([
      listPlaces(db, req.tenant.id),
      loadSections(registry, 'organisation', req, { id: access.org.id, slug: access.org.slug, name: access.org.name }),
    ]);
    return reply.render((ctx) => (
      <OrganisationPage
        ctx={ctx}
        org={access.org}
        following={access.following}
        places={places}
        sections={sections}
        canEdit={can(organisationPolicy, req.actor, 'edit', access)}
        canManage={can(organisationPolicy, req.actor, 'manageMembers', access)}
      />
    ));
  });

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, org: Organisation | null, form: FormState, status?: number) => {
    const places = await listPlaces(db, req.tenant.id);
    return reply.render((ctx) => <OrganisationFormPage ctx={ctx} org={org} form={form} places={places} />, status);
  };

  app.get<{ Params: { slug: string } }>('/organisationer/:slug/redigera', async (req, reply) => {
    const access = await load(req);
    authorize(organisationPolicy, req.actor, 'edit', access);
    return renderForm(req, reply, access.org, formOf(orgValues(access.org)));
  });

  app.post<{ Params: { slug: string }; Body: Record<string, string> }>('/organisationer/:slug/redigera', async (req, reply) => {
    const access = await load(req);
    authorize(organisationPolicy, req.actor, 'edit', access);
    const parsed = parseForm(OrganisationInput, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, access.org, parsed.form, 422);
    const result = await updateOrganisation(db, req.actor, access.org, parsed.data, formVersion(req.body));
    if (!result.ok) return renderForm(req, reply, access.org, formWithErrors(req.body, result.errors), 409);
    return reply.flash('organisations.edit.saved').redirect(organisationPath(result.value), 303);
  });

  const renderMembers = async (req: FastifyRequest, reply: FastifyReply, org: Organisation, form: FormState, status?: number) => {
    const [members, invitations] = await Promise.all([listMembers(db, org.id), listOpenInvitations(db, org.id)]);
    const names = await getUserNames(
      db,
      req.tenant.id,
      members.map((m) => m.userId),
    );
    return reply.render((ctx) => <MembersPage ctx={ctx} org={org} members={members} names={names} invitations={invitations} form={form} />, status);
  };

  app.get<{ Params: { slug: string } }>('/organisationer/:slug/medlemmar', async (req, reply) => {
    const access = await load(req);
    authorize(organisationPolicy, req.actor, 'manageMembers', access);
    return renderMembers(req, reply, access.org, formOf({ role: 'member' }));
  });

  app.post<{ Params: { slug: string } }>(
    '/organisationer/:slug/medlemmar',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const access = await load(req);
      authorize(organisationPolicy, req.actor, 'manageMembers', access);
      const parsed = parseForm(InviteInput, req.body, isKey);
      if (!parsed.ok) return renderMembers(req, reply, access.org, parsed.form, 422);
      const result = await inviteMember(db, req.actor, access.org, parsed.data);
      if (!result.ok) return renderMembers(req, reply, access.org, formWithErrors(req.body, result.errors), 409);
      jobs.poke();
      return reply.flash('organisations.members.invited', { email: parsed.data.email }).redirect(`${organisationPath(access.org)}/medlemmar`, 303);
    },
  );

  app.post<{ Params: { slug: string; member: string } }>('/organisationer/:slug/medlemmar/:member/ta-bort', async (req, reply) => {
    const access = await load(req);
    authorize(organisationPolicy, req.actor, 'manageMembers', access);
    if (!(await removeMember(db, req.actor, access.org, req.params.member))) throw new NotFoundError();
    return reply.flash('organisations.members.removed').redirect(`${organisationPath(access.org)}/medlemmar`, 303);
  });

  app.get<{ Querystring: { token?: string } }>('/inbjudan', async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : '';
    const found = token ? await getInvitationByToken(db, req.tenant.id, token) : null;
    if (!found) {
      return reply.render((ctx) => <InvitationPage ctx={ctx} token={token} org={null} error="organisations.errors.invitationInvalid" />, 404);
    }
    return reply.render((ctx) => <InvitationPage ctx={ctx} token={token} org={found.organisation} role={found.invitation.role} />);
  });

  app.post<{ Body: { token?: string } }>('/inbjudan', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const token = String(req.body?.token ?? '').slice(0, 200);
    const result = await acceptInvitation(db, req.actor, token);
    if (!result.ok) {
      const found = await getInvitationByToken(db, req.tenant.id, token);
      const error = result.errors.token?.key ?? 'organisations.errors.invitationInvalid';
      return reply.render(
        (ctx) => <InvitationPage ctx={ctx} token={token} org={found?.organisation ?? null} role={found?.invitation.role} error={error} />,
        409,
      );
    }
    return reply.flash('organisations.invitation.accepted', { name: result.value.name }).redirect(organisationPath(result.value), 303);
  });

  app.get('/admin/organisationer', { schema: { querystring: ListQuery } }, async (req, reply) => {
    authorize(registerPolicy, req.actor, 'create', null);
    const after = cursorFrom(req.query as z.output<typeof ListQuery>);
    const page = await listOrganisations(db, req.tenant.id, { after });
    return reply.render((ctx) => <AdminOrganisationsPage ctx={ctx} rows={page.rows} next={page.next} isFirst={!after} />);
  });

  app.get('/admin/organisationer/ny', async (req, reply) => {
    authorize(registerPolicy, req.actor, 'create', null);
    return renderForm(req, reply, null, formOf({ kind: 'association' }));
  });

  app.post('/admin/organisationer/ny', async (req, reply) => {
    authorize(registerPolicy, req.actor, 'create', null);
    const parsed = parseForm(OrganisationInput, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, null, parsed.form, 422);
    const result = await createOrganisation(db, req.actor, parsed.data);
    if (!result.ok) return renderForm(req, reply, null, formWithErrors(req.body, result.errors), 409);
    return reply.flash('organisations.admin.created').redirect(organisationPath(result.value), 303);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can, ForbiddenError, isAdmin, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { addCall, CallInput, ProgrammeInput, saveProgramme } from './commands.js';
import { grantsAdminPath, grantsPath, newProgrammePath, programmePath } from './paths.js';
import { managedProgrammes, programmePolicy, worksWithGrants } from './policy.js';
import { getProgrammeBySlug, listProgrammes, type Programme } from './queries.js';
import { CallFormPage, GrantsAdminPage, GrantsPage, ProgrammeFormPage, ProgrammePage } from './views.js';

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;

/** The programme's form as it reads now. */
function formOfProgramme(p: Programme) {
  const age = p.eligibility.find((r) => r.kind === 'participant_age');
  const members = p.eligibility.find((r) => r.kind === 'min_members');
  return formOf({
    name: p.name,
    kind: p.kind,
    summary: p.summary,
    description: p.description,
    whenToApply: p.whenToApply,
    minAmount: p.minAmount,
    maxAmount: p.maxAmount,
    fastTrackLimit: p.fastTrackLimit,
    registeredAssociation: p.eligibility.some((r) => r.kind === 'registered_association') ? 'on' : '',
    minMembers: members?.kind === 'min_members' ? members.value : '',
    ageMin: age?.kind === 'participant_age' ? age.min : '',
    ageMax: age?.kind === 'participant_age' ? age.max : '',
    otherRules: p.eligibility
      .filter((r) => r.kind === 'text')
      .map((r) => (r.kind === 'text' ? r.text : ''))
      .join('\n'),
    criteria: p.criteria.map((c) => `${c.name} | ${c.weight}`).join('\n'),
    active: p.active ? 'on' : '',
  });
}

/** Grant programmes and their calls: the public pages and the officers' administration. */
export function grantRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator } = services;
  const has = translator.has;

  const load = async (req: SlugReq, need: 'view' | 'manage' = 'view') => {
    const p = await getProgrammeBySlug(db, req.tenant.id, req.params.slug);
    if (!p) throw new NotFoundError();
    authorize(programmePolicy, req.actor, 'view', p);
    if (need === 'manage') authorize(programmePolicy, req.actor, 'manage', p);
    return p;
  };
  const mustWorkWithGrants = (req: FastifyRequest) => {
    if (!worksWithGrants(req.actor)) throw req.actor.user ? new ForbiddenError() : new SignInRequiredError();
  };
  const mustAdminister = (req: FastifyRequest) => {
    if (!isAdmin(req.actor)) throw req.actor.user ? new ForbiddenError() : new SignInRequiredError();
  };

  app.get(grantsPath, async (req, reply) => {
    const managed = managedProgrammes(req.actor);
    const programmes = await listProgrammes(db, req.tenant.id, { withInactive: managed === null ? 'all' : managed });
    return reply.render((ctx) => <GrantsPage ctx={ctx} programmes={programmes} now={new Date()} managesAny={worksWithGrants(req.actor)} />);
  });

  app.get<{ Params: { slug: string } }>('/bidrag/:slug', async (req, reply) => {
    const p = await load(req);
    return reply.render((ctx) => <ProgrammePage ctx={ctx} p={p} now={new Date()} manages={can(programmePolicy, req.actor, 'manage', p)} />);
  });

  app.get(grantsAdminPath, async (req, reply) => {
    mustWorkWithGrants(req);
    const managed = managedProgrammes(req.actor);
    const all = await listProgrammes(db, req.tenant.id, { withInactive: 'all' });
    const mine = managed === null ? all : all.filter((p) => managed.includes(p.id));
    return reply.render((ctx) => <GrantsAdminPage ctx={ctx} programmes={mine} mayStart={isAdmin(req.actor)} />);
  });

  app.get(newProgrammePath, async (req, reply) => {
    mustAdminister(req);
    return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={formOf({ kind: 'association', active: 'on' })} />);
  });
  app.post(newProgrammePath, async (req, reply) => {
    mustAdminister(req);
    const parsed = parseForm(ProgrammeInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={parsed.form} />, 422);
    const result = await saveProgramme(db, req.actor, parsed.data);
    if (!result.ok) return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={formWithErrors(req.body, result.errors)} />, 422);
    return reply.flash('grants.flash.saved').redirect(programmePath(result.value), 303);
  });

  app.get<{ Params: { slug: string } }>('/admin/bidrag/:slug', async (req, reply) => {
    const p = await load(req, 'manage');
    return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={formOfProgramme(p)} existing={p} />);
  });
  app.post<{ Params: { slug: string } }>('/admin/bidrag/:slug', async (req, reply) => {
    const p = await load(req, 'manage');
    const parsed = parseForm(ProgrammeInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={parsed.form} existing={p} />, 422);
    const result = await saveProgramme(db, req.actor, parsed.data, { id: p.id, version: formVersion(req.body) });
    if (!result.ok) return reply.render((ctx) => <ProgrammeFormPage ctx={ctx} form={formWithErrors(req.body, result.errors)} existing={p} />, 409);
    return reply.flash('grants.flash.saved').redirect(programmePath(p), 303);
  });

  app.get<{ Params: { slug: string } }>('/admin/bidrag/:slug/utlysningar/ny', async (req, reply) => {
    const p = await load(req, 'manage');
    return reply.render((ctx) => (
      <CallFormPage ctx={ctx} form={formOf({ opensOn: today(req.tenant.timeZone), opensTime: '00:00', closesTime: '23:59' })} p={p} />
    ));
  });
  app.post<{ Params: { slug: string } }>('/admin/bidrag/:slug/utlysningar/ny', async (req, reply) => {
    const p = await load(req, 'manage');
    const parsed = parseForm(CallInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <CallFormPage ctx={ctx} form={parsed.form} p={p} />, 422);
    const result = await addCall(db, req.actor, p, parsed.data, req.tenant.timeZone);
    if (!result.ok) return reply.render((ctx) => <CallFormPage ctx={ctx} form={formWithErrors(req.body, result.errors)} p={p} />, 422);
    return reply.flash('grants.flash.callOpened').redirect(programmePath(p), 303);
  });
}

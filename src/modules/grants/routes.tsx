import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can, ForbiddenError, isAdmin, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import type { AppServices } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { currentForm, saveForm } from './applications/commands.js';
import { formsInUse } from './applications/queries.js';
import { applicationRoutes } from './applications/routes.js';
import { awardedRoutes } from './awarded-routes.js';
import { addCall, CallInput, ProgrammeInput, saveProgramme } from './commands.js';
import { formAdminPath, grantsAdminPath, grantsPath, newProgrammePath, programmePath } from './paths.js';
import { managedProgrammes, programmePolicy, worksWithGrants } from './policy.js';
import { getProgrammeBySlug, listProgrammes, type Programme } from './queries.js';
import { NEW_QUESTION_ROWS, questionsFrom } from './questions.js';
import { builderValues, CallFormPage, FormBuilderPage, GrantsAdminPage, GrantsPage, ProgrammeFormPage, ProgrammePage } from './views.js';

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;

/** The programme's form as it reads now. */
function formOfProgramme(p: Programme) {
  const age = p.eligibility.find((r) => r.kind === 'participant_age');
  const members = p.eligibility.find((r) => r.kind === 'min_members');
  const meeting = p.eligibility.find((r) => r.kind === 'after_annual_meeting');
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
    annualMeetingDays: meeting?.kind === 'after_annual_meeting' ? meeting.days : '',
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

  app.get(grantsPath, SHARED_PAGE, async (req, reply) => {
    const managed = managedProgrammes(req.actor);
    const programmes = await listProgrammes(db, req.tenant.id, { withInactive: managed === null ? 'all' : managed });
    return reply.render((ctx) => <GrantsPage ctx={ctx} programmes={programmes} now={new Date()} managesAny={worksWithGrants(req.actor)} />);
  });

  app.get<{ Params: { slug: string } }>('/bidrag/:slug', SHARED_PAGE, async (req, reply) => {
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

  // The application form: one page of rows, saved as a new version.
  const builder = async (req: SlugReq) => {
    const p = await load(req, 'manage');
    const form = await currentForm(db, req.tenant.id, p.id);
    return { p, form, inUse: await formsInUse(db, form.id) };
  };
  app.get<{ Params: { slug: string } }>('/admin/bidrag/:slug/formular', async (req, reply) => {
    const { p, form, inUse } = await builder(req);
    return reply.render((ctx) => (
      <FormBuilderPage
        ctx={ctx}
        p={p}
        form={formOf(builderValues(form.questions, form.version))}
        rows={form.questions.length + NEW_QUESTION_ROWS}
        version={form.version}
        inUse={inUse}
      />
    ));
  });
  app.post<{ Params: { slug: string } }>('/admin/bidrag/:slug/formular', async (req, reply) => {
    const { p, form, inUse } = await builder(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rows = form.questions.length + NEW_QUESTION_ROWS;
    const render = (errors: Record<string, { key: string; vars?: Record<string, string | number> }>, status: number) =>
      reply.render((ctx) => <FormBuilderPage ctx={ctx} p={p} form={formWithErrors(body, errors)} rows={rows} version={form.version} inUse={inUse} />, status);
    // Rows shown on an earlier version are not read against this one.
    const base = Number(body.formVersion);
    if (base !== form.version) return render({ _form: { key: 'platform.errors.stale' } }, 409);
    const read = questionsFrom(body, rows, form.questions);
    if (Object.keys(read.errors).length) return render(read.errors, 422);
    const result = await saveForm(db, req.actor, p, read.questions, base);
    if (!result.ok) return render(result.errors, 409);
    return reply.flash('grants.flash.formSaved', { version: result.value.version }).redirect(formAdminPath(p), 303);
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

  applicationRoutes(app, services);
  awardedRoutes(app, services);
}

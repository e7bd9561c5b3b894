import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, NotFoundError, SignInRequiredError } from '../../../platform/authz/index.js';
import { echoBody, type FieldError, type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { parkAndSignIn, takeParked } from '../../../platform/http/parked.js';
import { SHARED_PAGE } from '../../../platform/http/render-cache.js';
import { readForm, sendStoredFile } from '../../../platform/http/uploads.js';
import { Uuid } from '../../../platform/http/validation.js';
import type { AppServices } from '../../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../../platform/submissions/index.js';
import { today } from '../../../platform/time.js';
import type { PageContext } from '../../../platform/views/context.js';
import { bodyMeetingChoices } from '../../meetings/index.js';
import { findOrganisation, listRepresentedOrganisations } from '../../organisations/index.js';
import { assessEligibility } from '../eligibility.js';
import { applicationPath, myApplicationsPath } from '../paths.js';
import { applicationPolicy, managesProgramme, programmePolicy } from '../policy.js';
import { answerValues } from '../questions.js';
import { APPLICATION_STATUSES } from '../schema.js';
import {
  addCoApplicant,
  CoApplicantInput,
  checkFiles,
  giveInfo,
  InfoReplyInput,
  InfoRequestInput,
  readApplicationForm,
  removeCoApplicant,
  requestInfo,
  StartInput,
  startApplication,
  withdrawApplication,
  writeApplication,
} from './commands.js';
import { DecisionInput, decide, RecommendationInput, ReviewInput, recommend, saveReview, scoresFrom } from './decisions.js';
import { decideReport, PaymentInput, ReportDecisionInput, ReportInput, recordPayment, submitReport } from './follow-up.js';
import {
  type ApplicationAccess,
  budgetLeft,
  CALL_TABLE_SORTS,
  listApplicationsOf,
  listApplicationsToCall,
  listCallApplications,
  loadApplication,
  loadAttachment,
  loadCall,
} from './queries.js';
import { ApplicationPage, CallAdminPage, CallPage, MyApplicationsPage } from './views.js';

type CallReq = FastifyRequest<{ Params: { slug: string; call: string } }>;
type IdReq = FastifyRequest<{ Params: { id: string } }>;

const TableQuery = z.object({
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  sortera: z.enum(CALL_TABLE_SORTS).optional().catch(undefined),
  fallande: z.literal('1').optional().catch(undefined),
  sida: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** What the application form shows when first opened: the saved answers. */
function savedValues(a: ApplicationAccess): Record<string, string> {
  return {
    title: a.application.title,
    summary: a.application.summary,
    amount: a.application.amount === null ? '' : String(a.application.amount),
    ...answerValues(a.questions, a.application.answers),
  };
}

/** Calls, applying, and the officers' reading of a call's applications. */
export function applicationRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator, config } = services;
  const has = translator.has;

  const loadCallOf = async (req: CallReq) => {
    const found = await loadCall(db, req.tenant.id, req.params.slug, req.params.call);
    if (!found) throw new NotFoundError();
    authorize(programmePolicy, req.actor, 'view', found.programme);
    return found;
  };
  /** An application the person may read; a visitor is asked to sign in whatever the id, so nothing is told about which exist. */
  const load = async (req: IdReq) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const a = await loadApplication(db, req.tenant.id, req.params.id, req.actor.user.id);
    if (!a) throw new NotFoundError();
    authorize(applicationPolicy, req.actor, 'view', a);
    return a;
  };
  const mayOf = (req: FastifyRequest, a: ApplicationAccess) => ({
    edit: can(applicationPolicy, req.actor, 'edit', a),
    withdraw: can(applicationPolicy, req.actor, 'withdraw', a),
    reply: can(applicationPolicy, req.actor, 'reply', a),
    handle: can(applicationPolicy, req.actor, 'handle', a),
    review: can(applicationPolicy, req.actor, 'review', a),
    decide: can(applicationPolicy, req.actor, 'decide', a),
    recommend: can(applicationPolicy, req.actor, 'recommend', a),
    pay: can(applicationPolicy, req.actor, 'pay', a),
    report: can(applicationPolicy, req.actor, 'report', a),
    judgeReport: can(applicationPolicy, req.actor, 'judgeReport', a),
    coApply: can(applicationPolicy, req.actor, 'coApply', a),
  });
  const checksOf = (req: FastifyRequest, a: ApplicationAccess, now: Date) =>
    a.application.eligibility ?? assessEligibility(a.programme.eligibility, a.organisation, today(req.tenant.timeZone, now));
  const renderApplication = async (
    req: IdReq,
    reply: FastifyReply,
    a: ApplicationAccess,
    form: FormState,
    status?: number,
    restored = false,
    forms: { review?: FormState; recommend?: FormState; decide?: FormState; pay?: FormState; report?: FormState; judge?: FormState; co?: FormState } = {},
  ) => {
    const now = services.clock();
    const may = mayOf(req, a);
    // What a decision needs: the political bodies' meetings and what the call has left.
    const [meetings, left] = may.decide ? await Promise.all([bodyMeetingChoices(db, req.tenant.id), budgetLeft(db, a.call)]) : [[], null];
    return reply.render(
      (ctx) => (
        <ApplicationPage
          ctx={ctx}
          a={a}
          form={form}
          checks={checksOf(req, a, now)}
          may={may}
          now={now}
          restored={restored}
          forms={forms}
          meetings={meetings}
          budgetLeft={left}
        />
      ),
      status,
    );
  };

  const callPage = async (req: CallReq) => {
    const { call, programme } = await loadCallOf(req);
    const now = services.clock();
    const user = req.actor.user;
    const [orgs, mine] = user
      ? await Promise.all([listRepresentedOrganisations(db, req.tenant.id, user.id), listApplicationsToCall(db, call.id, user.id)])
      : [[], []];
    const day = today(req.tenant.timeZone, now);
    return {
      call,
      programme,
      view: (f: FormState) => (ctx: PageContext) => (
        <CallPage
          ctx={ctx}
          p={programme}
          call={call}
          now={now}
          orgs={orgs.map((org) => ({ org, checks: assessEligibility(programme.eligibility, org, day) }))}
          mine={mine}
          form={f}
          manages={managesProgramme(req.actor, programme.id)}
        />
      ),
      orgs,
    };
  };

  app.get<{ Params: { slug: string; call: string } }>('/bidrag/:slug/utlysningar/:call', SHARED_PAGE, async (req, reply) => {
    const page = await callPage(req);
    return reply.render(page.view(formOf({ [SUBMISSION_FIELD]: newSubmissionKey(), organisationId: page.orgs[0]?.id })));
  });

  app.post<{ Params: { slug: string; call: string } }>('/bidrag/:slug/utlysningar/:call', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const page = await callPage(req);
    const parsed = parseForm(StartInput, req.body, has);
    if (!parsed.ok) return reply.render(page.view(parsed.form), 422);
    const org = page.orgs.find((o) => o.id === parsed.data.organisationId);
    if (!org) return reply.render(page.view(formWithErrors(req.body, { organisationId: { key: 'grants.errors.notRepresentative' } })), 422);
    const result = await startApplication(db, req.actor, { call: page.call, programme: page.programme }, org, parsed.data, {
      now: services.clock(),
      key: submissionKeyOf(req.body),
    });
    if (!result.ok) return reply.render(page.view(formWithErrors(req.body, result.errors)), 422);
    return reply.flash('grants.flash.started').redirect(applicationPath(result.value), 303);
  });

  app.get(myApplicationsPath, async (req, reply) => {
    const user = req.actor.user;
    if (!user) throw new SignInRequiredError();
    const rows = await listApplicationsOf(db, req.tenant.id, user.id);
    return reply.render((ctx) => <MyApplicationsPage ctx={ctx} rows={rows} />);
  });

  app.get<{ Params: { id: string } }>('/bidrag/ansokningar/:id', async (req, reply) => {
    const a = await load(req);
    // Answers typed when the session had run out come back here once the person has signed in again.
    const parked = can(applicationPolicy, req.actor, 'edit', a) ? await takeParked(db, req, reply, applicationPath(a.application)) : null;
    if (parked)
      return renderApplication(
        req,
        reply,
        a,
        { values: { ...parked, version: parked.version ?? a.application.updatedAt.toISOString() }, errors: {} },
        undefined,
        true,
      );
    return renderApplication(req, reply, a, formOf(savedValues(a)));
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id', { config: { uploads: true } }, async (req, reply) => {
    const upload = await readForm(app, req, reply, { maxFiles: 20, keepFieldsWhenRefused: true });
    // The session ran out while the person typed: keep every answer, ask them to sign in, and bring them back to the form.
    if (!req.actor.user || upload.refused)
      return parkAndSignIn(db, req, reply, applicationPath({ id: req.params.id }), echoBody(upload.fields), config.secureCookies);
    const a = await load(req);
    if (!can(applicationPolicy, req.actor, 'edit', a)) {
      authorize(applicationPolicy, req.actor, 'withdraw', a);
      return renderApplication(req, reply, a, formWithErrors(upload.fields, { _form: { key: 'grants.errors.notDraft' } }), 409);
    }
    const intent = upload.fields.intent ?? 'save';
    const remove = /^remove:([0-9a-f-]{36})$/.exec(intent)?.[1] ?? null;
    const read = readApplicationForm(a.questions, upload.fields);
    const files = await checkFiles(a.questions, upload.files, a.fileCounts);
    const errors = { ...read.errors, ...files.errors };
    if (!read.core || Object.keys(errors).length) return renderApplication(req, reply, a, formWithErrors(upload.fields, errors), 422);
    const now = services.clock();
    const result = await writeApplication(
      db,
      req.actor,
      a,
      { core: read.core, answers: read.answers, confirmed: read.confirmed, files: files.ok, remove, submit: intent === 'submit' },
      { version: formVersion(upload.fields), now, today: today(req.tenant.timeZone, now) },
    );
    if (!result.ok) {
      const stale = result.errors._form?.key === 'platform.errors.stale';
      return renderApplication(req, reply, a, formWithErrors(upload.fields, result.errors), stale ? 409 : 422);
    }
    const flash = result.value.submitted ? 'grants.flash.submitted' : remove ? 'grants.flash.fileRemoved' : 'grants.flash.draftSaved';
    return reply.flash(flash).redirect(applicationPath(a.application), 303);
  });

  app.get<{ Params: { id: string; doc: string } }>('/bidrag/ansokningar/:id/filer/:doc', async (req, reply) => {
    const a = await load(req);
    const file = await loadAttachment(db, a.application.id, req.params.doc);
    if (!file) throw new NotFoundError();
    return sendStoredFile(reply, file, 'private');
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/aterkalla', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'withdraw', a);
    const result = await withdrawApplication(db, req.actor, a);
    if (!result.ok) return renderApplication(req, reply, a, formWithErrors(req.body, result.errors), 409);
    return reply.flash('grants.flash.withdrawn').redirect(applicationPath(a.application), 303);
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/komplettering', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'reply', a);
    const parsed = parseForm(InfoReplyInput, req.body, has);
    if (!parsed.ok) return renderApplication(req, reply, a, parsed.form, 422);
    const result = await giveInfo(db, req.actor, a, parsed.data.reply);
    if (!result.ok) return renderApplication(req, reply, a, formWithErrors(req.body, result.errors), 409);
    return reply.flash('grants.flash.infoGiven').redirect(applicationPath(a.application), 303);
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/begar-komplettering', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'handle', a);
    const parsed = parseForm(InfoRequestInput, req.body, has);
    if (!parsed.ok) return renderApplication(req, reply, a, parsed.form, 422);
    const result = await requestInfo(db, req.actor, a, parsed.data.request);
    if (!result.ok) return renderApplication(req, reply, a, formWithErrors(req.body, result.errors), 409);
    return reply.flash('grants.flash.infoRequested').redirect(applicationPath(a.application), 303);
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/bedomning', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'review', a);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(ReviewInput, body, has);
    const read = scoresFrom(body, a.programme.criteria);
    const again = (errors: Record<string, FieldError>, status: number) =>
      renderApplication(req, reply, a, formOf(), status, false, { review: { ...formWithErrors(body, errors), idPrefix: 'v' } });
    if (!parsed.ok || Object.keys(read.errors).length) return again({ ...(parsed.ok ? {} : parsed.form.errors), ...read.errors }, 422);
    const mine = a.reviews.some((r) => r.reviewerId === req.actor.user?.id);
    const result = await saveReview(db, req.actor, a, { ...parsed.data, scores: read.scores }, mine ? formVersion(body) : null);
    if (!result.ok) return again(result.errors, 409);
    return reply.flash('grants.flash.reviewed').redirect(`${applicationPath(a.application)}#review`, 303);
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/rekommendation', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'recommend', a);
    const parsed = parseForm(RecommendationInput, req.body, has);
    const again = (form: FormState, status: number) => renderApplication(req, reply, a, formOf(), status, false, { recommend: { ...form, idPrefix: 'r' } });
    if (!parsed.ok) return again(parsed.form, 422);
    const result = await recommend(db, req.actor, a, parsed.data);
    if (!result.ok) return again(formWithErrors(req.body, result.errors), 409);
    return reply.flash('grants.flash.recommended').redirect(`${applicationPath(a.application)}#recommendation`, 303);
  });

  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/beslut', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'decide', a);
    const parsed = parseForm(DecisionInput, req.body, has);
    const again = (form: FormState, status: number) => renderApplication(req, reply, a, formOf(), status, false, { decide: { ...form, idPrefix: 'd' } });
    if (!parsed.ok) return again(parsed.form, 422);
    const result = await decide(db, req.actor, a, parsed.data, await bodyMeetingChoices(db, req.tenant.id), services.clock());
    if (!result.ok) return again(formWithErrors(req.body, result.errors), 422);
    return reply.flash('grants.flash.decided').redirect(`${applicationPath(a.application)}#decision`, 303);
  });

  // Organisations applying together with the applicant.
  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/medsokande', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'coApply', a);
    const parsed = parseForm(CoApplicantInput, req.body, has);
    const again = (f: FormState) => renderApplication(req, reply, a, formOf(savedValues(a)), 422, false, { co: { ...f, idPrefix: 'c' } });
    if (!parsed.ok) return again(parsed.form);
    const result = await addCoApplicant(db, req.actor, a, await findOrganisation(db, req.tenant.id, parsed.data.organisation));
    if (!result.ok) return again(formWithErrors(req.body, result.errors));
    return reply.flash('grants.flash.coAdded').redirect(`${applicationPath(a.application)}#co-applicants`, 303);
  });
  app.post<{ Params: { id: string } }>('/bidrag/ansokningar/:id/medsokande/ta-bort', async (req, reply) => {
    const a = await load(req);
    authorize(applicationPolicy, req.actor, 'coApply', a);
    const parsed = z.object({ coApplicant: Uuid }).safeParse(req.body);
    if (parsed.success) await removeCoApplicant(db, req.actor, a, parsed.data.coApplicant);
    return reply.flash('grants.flash.coRemoved').redirect(`${applicationPath(a.application)}#co-applicants`, 303);
  });

  // After a grant: payments, the follow-up report, and the officer's judgement of it.
  const followUp = <S extends z.ZodType>(
    path: string,
    action: 'pay' | 'report' | 'judgeReport',
    form: 'pay' | 'report' | 'judge',
    schema: S,
    run: (a: ApplicationAccess, input: z.infer<S>, req: IdReq) => Promise<{ ok: true } | { ok: false; errors: Record<string, FieldError> }>,
    flash: 'grants.flash.paid' | 'grants.flash.reported' | 'grants.flash.reportJudged',
  ) =>
    app.post<{ Params: { id: string } }>(path, async (req, reply) => {
      const a = await load(req);
      authorize(applicationPolicy, req.actor, action, a);
      const prefix = { pay: 'p', report: 'rp', judge: 'j' }[form];
      const again = (f: FormState, status: number) => renderApplication(req, reply, a, formOf(), status, false, { [form]: { ...f, idPrefix: prefix } });
      const parsed = parseForm(schema, req.body, has);
      if (!parsed.ok) return again(parsed.form, 422);
      const result = await run(a, parsed.data, req);
      if (!result.ok) return again(formWithErrors(req.body, result.errors), 422);
      return reply.flash(flash).redirect(`${applicationPath(a.application)}#follow-up`, 303);
    });
  followUp('/bidrag/ansokningar/:id/utbetalningar', 'pay', 'pay', PaymentInput, (a, input, req) => recordPayment(db, req.actor, a, input), 'grants.flash.paid');
  followUp(
    '/bidrag/ansokningar/:id/redovisning',
    'report',
    'report',
    ReportInput,
    (a, input, req) => submitReport(db, req.actor, a, input),
    'grants.flash.reported',
  );
  followUp(
    '/bidrag/ansokningar/:id/redovisning/beslut',
    'judgeReport',
    'judge',
    ReportDecisionInput,
    (a, input, req) => decideReport(db, req.actor, a, input),
    'grants.flash.reportJudged',
  );

  app.get<{ Params: { slug: string; call: string }; Querystring: z.infer<typeof TableQuery> }>(
    '/admin/bidrag/:slug/utlysningar/:call',
    { schema: { querystring: TableQuery } },
    async (req, reply) => {
      const { call, programme } = await loadCallOf(req);
      authorize(programmePolicy, req.actor, 'manage', programme);
      const filter = { status: req.query.status, sort: req.query.sortera ?? 'reference', descending: req.query.fallande === '1', page: req.query.sida ?? 1 };
      const table = await listCallApplications(db, call.id, filter);
      return reply.render((ctx) => <CallAdminPage ctx={ctx} p={programme} call={call} table={table} filter={filter} />);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, ForbiddenError, isAdmin, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { UNSAFE_CHARS } from '../../platform/http/validation.js';
import type { AppServices } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { listCouncils } from '../councils/index.js';
import { AgreementInput, answersFrom, DecisionInput, decideReport, markPaid, PaidInput, reportYears, saveAgreement, writeReport } from './commands.js';
import { gatherEvidence, prefilled } from './evidence.js';
import { agreementPath, agreementsPath, newAgreementPath, reportPath } from './paths.js';
import { agreementPolicy } from './policy.js';
import { type Agreement, getAgreement, listAgreements } from './queries.js';
import { AgreementFormPage, AgreementPage, AgreementsPage, ReportPage } from './views.js';

type IdReq = FastifyRequest<{ Params: { id: string } }>;
type YearReq = FastifyRequest<{ Params: { id: string; year: number } }>;

/** The day a year's report is due: the agreement's month and day in the next year. */
const dueOf = (a: Pick<Agreement, 'reportDue'>, year: number) => `${year + 1}-${a.reportDue}`;

/** Agreements: the public list and page, their administration, payments, and the yearly reports. */
export function agreementRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator } = services;
  const has = translator.has;

  const load = async (req: IdReq) => {
    const found = await getAgreement(db, req.actor, req.params.id);
    if (!found) throw new NotFoundError();
    authorize(agreementPolicy, req.actor, 'view', found);
    return found;
  };

  app.get(agreementsPath, SHARED_PAGE, async (req, reply) => {
    const rows = await listAgreements(db, req.actor);
    return reply.render((ctx) => <AgreementsPage ctx={ctx} rows={rows} mayAdd={isAdmin(req.actor)} />);
  });

  app.get<{ Params: { id: string } }>('/overenskommelser/:id', SHARED_PAGE, async (req, reply) => {
    const a = await load(req);
    const readsReports = can(agreementPolicy, req.actor, 'readReports', a);
    if (readsReports) reply.header('cache-control', 'private, no-store');
    return reply.render((ctx) => (
      <AgreementPage
        ctx={ctx}
        a={a}
        obligations={a.obligations}
        payments={a.payments}
        reports={a.reports}
        years={reportYears(a.agreement, today(req.tenant.timeZone)).reverse()}
        dueOf={(y) => dueOf(a.agreement, y)}
        readsReports={readsReports}
        administers={can(agreementPolicy, req.actor, 'administer', a)}
        paidForm={formOf({ paidOn: today(req.tenant.timeZone) })}
      />
    ));
  });

  app.post<{ Params: { id: string } }>('/overenskommelser/:id/betalningar', async (req, reply) => {
    const a = await load(req);
    authorize(agreementPolicy, req.actor, 'administer', a);
    const parsed = PaidInput.safeParse(req.body);
    if (!parsed.success || !(await markPaid(db, req.actor, a, parsed.data.payment, parsed.data.paidOn))) throw new NotFoundError();
    return reply.flash('agreements.flash.paid').redirect(agreementPath(a.agreement), 303);
  });

  // The yearly report.
  const renderReport = async (
    req: YearReq,
    reply: FastifyReply,
    a: NonNullable<Awaited<ReturnType<typeof getAgreement>>>,
    forms: { form?: FormState; decision?: FormState } = {},
    status = 200,
  ) => {
    const year = req.params.year;
    if (!reportYears(a.agreement, today(req.tenant.timeZone)).includes(year)) throw new NotFoundError();
    const report = a.reports.find((r) => r.year === year) ?? null;
    // A submitted report shows the evidence it was submitted with; a draft the evidence as it is now.
    const evidence =
      report?.evidence && report.status !== 'draft' && report.status !== 'returned'
        ? report.evidence
        : await gatherEvidence(db, req.tenant.id, a.council.id, year, req.tenant.timeZone);
    const answers = prefilled(a.obligations, evidence, year, report?.answers ?? {});
    const values: Record<string, string> = { narrative: report?.narrative ?? '' };
    for (const [id, ans] of Object.entries(answers)) {
      values[`met_${id}`] = ans.met;
      values[`comment_${id}`] = ans.comment;
    }
    reply.header('cache-control', 'private, no-store');
    return reply.render(
      (ctx) => (
        <ReportPage
          ctx={ctx}
          a={a}
          year={year}
          due={dueOf(a.agreement, year)}
          obligations={a.obligations}
          report={report}
          evidence={evidence}
          form={forms.form ?? formOf(values)}
          decisionForm={forms.decision ?? formOf({})}
          writes={can(agreementPolicy, req.actor, 'report', a)}
          decides={can(agreementPolicy, req.actor, 'decide', a)}
        />
      ),
      status,
    );
  };

  const loadForReports = async (req: YearReq) => {
    const a = await load(req as unknown as IdReq);
    // The reports are the council's and the municipality's: to anyone else they do not exist.
    if (!can(agreementPolicy, req.actor, 'readReports', a)) throw new NotFoundError();
    return a;
  };

  app.get<{ Params: { id: string; year: number } }>('/overenskommelser/:id/rapporter/:year', SHARED_PAGE, async (req, reply) =>
    renderReport(req, reply, await loadForReports(req)),
  );

  app.post<{ Params: { id: string; year: number } }>('/overenskommelser/:id/rapporter/:year', async (req, reply) => {
    const a = await loadForReports(req);
    authorize(agreementPolicy, req.actor, 'report', a);
    if (!reportYears(a.agreement, today(req.tenant.timeZone)).includes(req.params.year)) throw new NotFoundError();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { answers, errors } = answersFrom(body, a.obligations);
    const narrative = typeof body.narrative === 'string' ? body.narrative.trim() : '';
    if (narrative.length > 20_000) errors.narrative = { key: 'platform.errors.tooLong', vars: { max: 20_000 } };
    if (UNSAFE_CHARS.test(narrative)) errors.narrative = { key: 'platform.errors.characters' };
    if (Object.keys(errors).length) return renderReport(req, reply, a, { form: formWithErrors(body, errors) }, 422);
    const hasVersion = typeof body.version === 'string';
    const result = await writeReport(
      db,
      req.actor,
      a,
      req.params.year,
      { narrative, answers, submit: body.submit === 'submit' },
      { version: hasVersion ? formVersion(body) : null, timeZone: req.tenant.timeZone },
    );
    if (!result.ok) return renderReport(req, reply, a, { form: formWithErrors(body, result.errors) }, result.errors._form ? 409 : 422);
    return reply
      .flash(body.submit === 'submit' ? 'agreements.flash.submitted' : 'agreements.flash.saved')
      .redirect(reportPath(a.agreement, req.params.year), 303);
  });

  app.post<{ Params: { id: string; year: number } }>('/overenskommelser/:id/rapporter/:year/beslut', async (req, reply) => {
    const a = await loadForReports(req);
    authorize(agreementPolicy, req.actor, 'decide', a);
    const parsed = parseForm(DecisionInput, req.body, has);
    if (!parsed.ok) return renderReport(req, reply, a, { decision: parsed.form }, 422);
    const result = await decideReport(db, req.actor, a, req.params.year, parsed.data);
    if (!result.ok) return renderReport(req, reply, a, { decision: formWithErrors(req.body, result.errors) }, 409);
    return reply
      .flash(parsed.data.decision === 'approve' ? 'agreements.flash.approved' : 'agreements.flash.returned')
      .redirect(reportPath(a.agreement, req.params.year), 303);
  });

  // Administration: the association is the one that runs the council.
  const councilChoices = async (req: FastifyRequest) => {
    const councils = (await listCouncils(db, req.actor)).filter((c) => c.kind === 'local_council');
    return { councils: councils.map((c) => ({ value: c.id, label: c.name })), runBy: new Map(councils.map((c) => [c.id, c.organisationId])) };
  };
  const mustAdminister = (req: FastifyRequest) => {
    if (!isAdmin(req.actor)) throw req.actor.user ? new ForbiddenError() : new SignInRequiredError();
  };
  /** The form's input with the council's association, or the form's error when the council has none. */
  const withAssociation = (input: AgreementInput, runBy: Map<string, string | null>) => {
    const organisationId = runBy.get(input.councilId);
    return organisationId ? { ...input, organisationId } : null;
  };

  app.get(newAgreementPath, async (req, reply) => {
    mustAdminister(req);
    const year = Number(today(req.tenant.timeZone).slice(0, 4));
    const form = formOf({
      startsOn: `${year}-01-01`,
      endsOn: `${year + 3}-12-31`,
      schedule: 'yearly',
      reportDue: '03-31',
      openMeetings: 4,
      minutesPublished: 'on',
      planUpdated: 'on',
    });
    const { councils } = await councilChoices(req);
    return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={form} councils={councils} />);
  });
  app.post(newAgreementPath, async (req, reply) => {
    mustAdminister(req);
    const { councils, runBy } = await councilChoices(req);
    const parsed = parseForm(AgreementInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={parsed.form} councils={councils} />, 422);
    const input = withAssociation(parsed.data, runBy);
    if (!input)
      return reply.render(
        (ctx) => <AgreementFormPage ctx={ctx} form={formWithErrors(req.body, { councilId: { key: 'agreements.errors.noAssociation' } })} councils={councils} />,
        422,
      );
    const result = await saveAgreement(db, req.actor, input);
    if (!result.ok) return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={formWithErrors(req.body, result.errors)} councils={councils} />, 409);
    return reply.flash('agreements.flash.saved').redirect(agreementPath(result.value), 303);
  });

  const formOfAgreement = (a: NonNullable<Awaited<ReturnType<typeof getAgreement>>>) =>
    formOf({
      title: a.agreement.title,
      councilId: a.agreement.councilId,
      startsOn: a.agreement.startsOn,
      endsOn: a.agreement.endsOn,
      yearlyAmount: a.agreement.yearlyAmount,
      schedule: a.agreement.schedule,
      reportDue: a.agreement.reportDue,
      openMeetings: a.obligations.find((o) => o.kind === 'open_meetings')?.minimum ?? '',
      minutesPublished: a.obligations.some((o) => o.kind === 'minutes_published') ? 'on' : '',
      planUpdated: a.obligations.some((o) => o.kind === 'plan_updated') ? 'on' : '',
      otherObligations: a.obligations
        .filter((o) => o.kind === 'other')
        .map((o) => o.text)
        .join('\n'),
      notes: a.agreement.notes,
    });

  app.get<{ Params: { id: string } }>('/admin/overenskommelser/:id', async (req, reply) => {
    mustAdminister(req);
    const a = await load(req);
    const { councils } = await councilChoices(req);
    return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={formOfAgreement(a)} councils={councils} existing={a.agreement} />);
  });
  app.post<{ Params: { id: string } }>('/admin/overenskommelser/:id', async (req, reply) => {
    mustAdminister(req);
    const a = await load(req);
    const { councils, runBy } = await councilChoices(req);
    const parsed = parseForm(AgreementInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={parsed.form} councils={councils} existing={a.agreement} />, 422);
    const input = withAssociation(parsed.data, runBy);
    if (!input) {
      const form = formWithErrors(req.body, { councilId: { key: 'agreements.errors.noAssociation' } });
      return reply.render((ctx) => <AgreementFormPage ctx={ctx} form={form} councils={councils} existing={a.agreement} />, 422);
    }
    const result = await saveAgreement(db, req.actor, input, { id: a.agreement.id, version: formVersion(req.body) });
    if (!result.ok)
      return reply.render(
        (ctx) => <AgreementFormPage ctx={ctx} form={formWithErrors(req.body, result.errors)} councils={councils} existing={a.agreement} />,
        409,
      );
    return reply.flash('agreements.flash.saved').redirect(agreementPath(a.agreement), 303);
  });
}

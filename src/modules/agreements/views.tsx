import type { FormState } from '../../platform/http/forms.js';
import { formatDate, formatDateTime, formatDay, formatNumber } from '../../platform/i18n/index.js';
import { Checkbox, ErrorSummary, Form, SelectField, Submit, TextArea, TextField, VersionField } from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { councilPath } from '../councils/index.js';
import { meetingPath } from '../meetings/index.js';
import { organisationPath } from '../organisations/index.js';
import { planPath } from '../plans/index.js';
import { assess } from './evidence.js';
import { agreementEditPath, agreementPath, agreementsPath, newAgreementPath, reportPath } from './paths.js';
import type { AgreementAccess } from './policy.js';
import type { AgreementRow, Obligation, Payment, Report } from './queries.js';
import { type ReportEvidence, SCHEDULES } from './schema.js';

type Ctx = { ctx: PageContext };
type Choice = { value: string; label: string };

/** A day of the year (`03-31`) as the language writes it (31 mars). */
const dayAndMonth = (ctx: PageContext, monthDay: string) =>
  new Intl.DateTimeFormat(ctx.lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`2000-${monthDay}T12:00:00Z`),
  );

const kronor = (ctx: PageContext, n: number) => ctx.t('agreements.kronor', { amount: formatNumber(ctx.lang, n) });

/** What an obligation says, in the reader's language. */
export function obligationText(ctx: PageContext, o: Pick<Obligation, 'kind' | 'minimum' | 'text'>): string {
  if (o.kind === 'open_meetings') return ctx.t('agreements.obligation.openMeetings', { count: o.minimum ?? 1 });
  if (o.kind === 'minutes_published') return ctx.t('agreements.obligation.minutes');
  if (o.kind === 'plan_updated') return ctx.t('agreements.obligation.plan');
  return o.text;
}

/** The public list of agreements: parties, period and yearly amount. */
export function AgreementsPage({ ctx, rows, mayAdd }: Ctx & { rows: AgreementRow[]; mayAdd: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('agreements.list.title')}>
      <h1>{t('agreements.list.title')}</h1>
      <p class="lead">{t('agreements.list.lead')}</p>
      {mayAdd ? (
        <p>
          <a href={newAgreementPath}>{t('agreements.form.newTitle')}</a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('agreements.list.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('agreements.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.fields.title')}</th>
                <th scope="col">{t('agreements.fields.council')}</th>
                <th scope="col">{t('agreements.fields.organisation')}</th>
                <th scope="col">{t('agreements.fields.period')}</th>
                <th scope="col">{t('agreements.fields.yearlyAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={agreementPath(r)}>{r.title}</a>
                    {r.waiting > 0 ? (
                      <>
                        {' '}
                        <span class="badge">{t('agreements.list.waiting', { count: r.waiting })}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{r.councilName}</td>
                  <td>{r.organisationName}</td>
                  <td>{t('agreements.period', { from: formatDay(ctx.lang, r.startsOn), to: formatDay(ctx.lang, r.endsOn) })}</td>
                  <td class="number">{kronor(ctx, r.yearlyAmount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** One agreement: the parties, period, amount and schedule, the obligations, the payments, and (for the council and the municipality) its yearly reports. */
export function AgreementPage({
  ctx,
  a,
  obligations,
  payments,
  reports,
  years,
  dueOf,
  readsReports,
  administers,
  paidForm,
}: Ctx & {
  a: AgreementAccess;
  obligations: Obligation[];
  payments: Payment[];
  reports: Report[];
  years: number[];
  dueOf: (year: number) => string;
  readsReports: boolean;
  administers: boolean;
  paidForm: FormState;
}) {
  const { t } = ctx;
  const ag = a.agreement;
  return (
    <Layout ctx={ctx} title={ag.title} breadcrumbs={[{ href: agreementsPath, label: t('agreements.list.title') }, { label: ag.title }]}>
      <h1>{ag.title}</h1>
      <dl class="facts">
        <dt>{t('agreements.fields.parties')}</dt>
        <dd>
          {t('agreements.municipality', { name: ctx.tenantName })} · <a href={organisationPath(a.organisation)}>{a.organisation.name}</a> (
          <a href={councilPath(a.council)}>{a.council.name}</a>)
        </dd>
        <dt>{t('agreements.fields.period')}</dt>
        <dd>{t('agreements.period', { from: formatDay(ctx.lang, ag.startsOn), to: formatDay(ctx.lang, ag.endsOn) })}</dd>
        <dt>{t('agreements.fields.yearlyAmount')}</dt>
        <dd>{kronor(ctx, ag.yearlyAmount)}</dd>
        <dt>{t('agreements.fields.schedule')}</dt>
        <dd>{ctx.tr(`agreements.schedule.${ag.schedule}`)}</dd>
        <dt>{t('agreements.fields.reportDue')}</dt>
        <dd>{t('agreements.reportDueText', { date: dayAndMonth(ctx, ag.reportDue) })}</dd>
      </dl>
      {ag.notes ? <p class="prewrap">{ag.notes}</p> : null}
      {administers ? (
        <p>
          <a href={agreementEditPath(ag)}>{t('agreements.form.editLink')}</a>
        </p>
      ) : null}
      <h2>{t('agreements.obligations')}</h2>
      <ul>
        {obligations.map((o) => (
          <li key={o.id}>{obligationText(ctx, o)}</li>
        ))}
      </ul>
      <div class="table-wrap">
        <table>
          <caption>{t('agreements.payments.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreements.payments.due')}</th>
              <th scope="col">{t('agreements.payments.amount')}</th>
              <th scope="col">{t('agreements.payments.paid')}</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{formatDay(ctx.lang, p.dueOn)}</td>
                <td class="number">{kronor(ctx, p.amount)}</td>
                <td>
                  {p.paidOn ? (
                    t('agreements.payments.paidOn', { date: formatDay(ctx.lang, p.paidOn) })
                  ) : administers ? (
                    <Form ctx={ctx} action={`${agreementPath(ag)}/betalningar`} class="inline-form">
                      <input type="hidden" name="payment" value={p.id} />
                      <input type="hidden" name="paidOn" value={paidForm.values.paidOn ?? ''} />
                      <button type="submit" class="move" aria-label={t('agreements.payments.markLabel', { date: formatDay(ctx.lang, p.dueOn) })}>
                        {t('agreements.payments.mark')}
                      </button>
                    </Form>
                  ) : (
                    t('agreements.payments.notYet')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readsReports ? (
        <section aria-labelledby="reports">
          <h2 id="reports">{t('agreements.reports.title')}</h2>
          <ul>
            {years.map((y) => {
              const r = reports.find((x) => x.year === y);
              return (
                <li key={y}>
                  <a href={reportPath(ag, y)}>{t('agreements.reports.of', { year: y })}</a>
                  {' · '}
                  {ctx.tr(`agreements.status.${r?.status ?? 'none'}`)}
                  {' · '}
                  {t('agreements.reports.dueOn', { date: formatDay(ctx.lang, dueOf(y)) })}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** The platform's evidence of a council's year: the meetings it held, their minutes, its plan. */
function Evidence({ ctx, e, year }: Ctx & { e: ReportEvidence; year: number }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">{t('agreements.evidence.title', { year })}</h2>
      <p class="hint">{t('agreements.evidence.hint')}</p>
      {e.meetings.length === 0 ? (
        <p>{t('agreements.evidence.noMeetings')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('agreements.evidence.meetings', { count: e.meetings.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.evidence.date')}</th>
                <th scope="col">{t('agreements.evidence.meeting')}</th>
                <th scope="col">{t('agreements.evidence.open')}</th>
                <th scope="col">{t('agreements.evidence.minutesCol')}</th>
              </tr>
            </thead>
            <tbody>
              {e.meetings.map((m) => (
                <tr key={m.slug}>
                  <td>{formatDate(ctx.lang, new Date(m.startsAt), ctx.timeZone)}</td>
                  <td>
                    <a href={meetingPath(m)}>{m.title}</a>
                  </td>
                  <td>{m.open ? t('agreements.yes') : t('agreements.no')}</td>
                  <td>{m.minutesPublishedAt ? formatDate(ctx.lang, new Date(m.minutesPublishedAt), ctx.timeZone) : t('agreements.evidence.noMinutes')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {e.plan ? (
          <>
            {t('agreements.evidence.planLine', {
              date: e.plan.lastUpdateDay ? formatDay(ctx.lang, e.plan.lastUpdateDay) : t('agreements.evidence.never'),
              reviews: e.plan.reviewYears.join(', ') || t('agreements.evidence.none'),
            })}{' '}
            <a href={planPath(e.plan)}>{e.plan.title}</a>
          </>
        ) : (
          t('agreements.evidence.noPlanLine')
        )}
      </p>
    </section>
  );
}

/** A yearly report: the evidence, each obligation with the platform's reading and the association's answer, the decision. */
export function ReportPage({
  ctx,
  a,
  year,
  due,
  obligations,
  report,
  evidence,
  form,
  decisionForm,
  writes,
  decides,
}: Ctx & {
  a: AgreementAccess;
  year: number;
  due: string;
  obligations: Obligation[];
  report: Report | null;
  evidence: ReportEvidence;
  form: FormState;
  decisionForm: FormState;
  writes: boolean;
  decides: boolean;
}) {
  const { t } = ctx;
  const ag = a.agreement;
  const status = report?.status ?? 'none';
  const editable = writes && (status === 'none' || status === 'draft' || status === 'returned');
  const title = t('agreements.reports.titleOf', { year, title: ag.title });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: agreementsPath, label: t('agreements.list.title') },
        { href: agreementPath(ag), label: ag.title },
        { label: t('agreements.reports.of', { year }) },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">
        {ctx.tr(`agreements.status.${status}`)} · {t('agreements.reports.dueOn', { date: formatDay(ctx.lang, due) })}
      </p>
      {report?.submittedAt ? <p>{t('agreements.reports.submittedAt', { date: formatDateTime(ctx.lang, report.submittedAt, ctx.timeZone) })}</p> : null}
      {report?.decidedAt ? (
        <div class="notice">
          <p>
            {t(report.status === 'approved' ? 'agreements.reports.approvedAt' : 'agreements.reports.returnedAt', {
              date: formatDateTime(ctx.lang, report.decidedAt, ctx.timeZone),
            })}
          </p>
          {report.decisionNote ? <p class="prewrap">{report.decisionNote}</p> : null}
        </div>
      ) : null}
      <Evidence ctx={ctx} e={evidence} year={year} />
      <Form ctx={ctx} action={reportPath(ag, year)} class="wide-form">
        <ErrorSummary ctx={ctx} form={form} />
        {report ? <VersionField form={form} version={report.updatedAt} /> : null}
        <h2>{t('agreements.obligations')}</h2>
        {obligations.map((o) => {
          const reading = assess(o, evidence, year);
          return (
            <fieldset key={o.id}>
              <legend>{obligationText(ctx, o)}</legend>
              {reading ? (
                <p class="hint">
                  {t('agreements.evidence.reading')} {ctx.tr(reading.key, reading.vars)}{' '}
                  <strong>{reading.met === 'yes' ? t('agreements.evidence.met') : t('agreements.evidence.notMet')}</strong>
                </p>
              ) : null}
              {editable ? (
                <>
                  <SelectField
                    ctx={ctx}
                    form={form}
                    name={`met_${o.id}`}
                    label={t('agreements.reports.met')}
                    required
                    empty={t('agreements.reports.choose')}
                    options={(['yes', 'partly', 'no'] as const).map((m) => ({ value: m, label: ctx.tr(`agreements.met.${m}`) }))}
                  />
                  <TextArea
                    ctx={ctx}
                    form={form}
                    name={`comment_${o.id}`}
                    label={t('agreements.reports.comment')}
                    hint={t('agreements.reports.commentHint')}
                    rows={2}
                    maxLength={2000}
                  />
                </>
              ) : (
                <p>
                  <strong>{ctx.tr(`agreements.met.${report?.answers[o.id]?.met || 'none'}`)}</strong>
                  {report?.answers[o.id]?.comment ? ` · ${report.answers[o.id]?.comment}` : ''}
                </p>
              )}
            </fieldset>
          );
        })}
        {editable ? (
          <>
            <TextArea
              ctx={ctx}
              form={form}
              name="narrative"
              label={t('agreements.reports.narrative')}
              hint={t('agreements.reports.narrativeHint')}
              rows={8}
              maxLength={20000}
            />
            <div class="button-row">
              <button type="submit" name="submit" value="save" class="button button--secondary">
                {t('agreements.reports.save')}
              </button>
              <button type="submit" name="submit" value="submit" class="button">
                {t('agreements.reports.submit')}
              </button>
            </div>
          </>
        ) : (
          <>
            <h2>{t('agreements.reports.narrative')}</h2>
            <p class="prewrap">{report?.narrative || t('agreements.reports.noNarrative')}</p>
          </>
        )}
      </Form>
      {decides && status === 'submitted' ? (
        <section aria-labelledby="decide">
          <h2 id="decide">{t('agreements.decision.title')}</h2>
          <Form ctx={ctx} action={`${reportPath(ag, year)}/beslut`}>
            <ErrorSummary ctx={ctx} form={decisionForm} />
            <TextArea
              ctx={ctx}
              form={decisionForm}
              name="note"
              label={t('agreements.decision.note')}
              hint={t('agreements.decision.noteHint')}
              rows={4}
              maxLength={4000}
            />
            <div class="button-row">
              <button type="submit" name="decision" value="approve" class="button">
                {t('agreements.decision.approve')}
              </button>
              <button type="submit" name="decision" value="return" class="button button--secondary">
                {t('agreements.decision.return')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

/** Recording or changing an agreement (administrators). */
export function AgreementFormPage({
  ctx,
  form,
  councils,
  existing,
}: Ctx & { form: FormState; councils: Choice[]; existing?: { id: string; title: string; updatedAt: Date } }) {
  const { t } = ctx;
  const title = existing ? t('agreements.form.editTitle', { title: existing.title }) : t('agreements.form.newTitle');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: agreementsPath, label: t('agreements.list.title') }, { label: title }]}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={existing ? agreementEditPath(existing) : newAgreementPath} class="wide-form">
        <ErrorSummary ctx={ctx} form={form} />
        {existing ? <VersionField form={form} version={existing.updatedAt} /> : null}
        <TextField ctx={ctx} form={form} name="title" label={t('agreements.fields.title')} required maxLength={200} />
        <SelectField
          ctx={ctx}
          form={form}
          name="councilId"
          label={t('agreements.fields.council')}
          hint={t('agreements.form.councilHint')}
          required
          options={councils}
          empty={t('agreements.reports.choose')}
        />
        <div class="fieldset-row">
          <TextField ctx={ctx} form={form} name="startsOn" type="date" label={t('agreements.fields.startsOn')} required />
          <TextField ctx={ctx} form={form} name="endsOn" type="date" label={t('agreements.fields.endsOn')} required />
        </div>
        <TextField
          ctx={ctx}
          form={form}
          name="yearlyAmount"
          label={t('agreements.fields.yearlyAmount')}
          hint={t('agreements.form.amountHint')}
          required
          maxLength={20}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="schedule"
          label={t('agreements.fields.schedule')}
          required
          options={SCHEDULES.map((s) => ({ value: s, label: ctx.tr(`agreements.schedule.${s}`) }))}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="reportDue"
          label={t('agreements.fields.reportDue')}
          hint={t('agreements.form.reportDueHint')}
          required
          maxLength={5}
        />
        <fieldset>
          <legend>{t('agreements.obligations')}</legend>
          <TextField
            ctx={ctx}
            form={form}
            name="openMeetings"
            type="number"
            label={t('agreements.form.openMeetings')}
            hint={t('agreements.form.openMeetingsHint')}
          />
          <Checkbox ctx={ctx} form={form} name="minutesPublished" label={t('agreements.obligation.minutes')} />
          <Checkbox ctx={ctx} form={form} name="planUpdated" label={t('agreements.obligation.plan')} />
          <TextArea
            ctx={ctx}
            form={form}
            name="otherObligations"
            label={t('agreements.form.other')}
            hint={t('agreements.form.otherHint')}
            rows={4}
            maxLength={4000}
          />
        </fieldset>
        <TextArea ctx={ctx} form={form} name="notes" label={t('agreements.fields.notes')} rows={3} maxLength={4000} />
        <Submit>{t('agreements.form.save')}</Submit>
      </Form>
    </Layout>
  );
}

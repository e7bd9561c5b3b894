import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatDay, formatNumber } from '../../../platform/i18n/index.js';
import {
  Checkbox,
  ErrorSummary,
  FileField,
  Form,
  OnceField,
  SelectField,
  Submit,
  Table,
  TextArea,
  TextField,
  VersionField,
  withQuery,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { BodyMeeting } from '../../meetings/index.js';
import type { OrganisationFacts } from '../../organisations/index.js';
import { isConfirmedByApplicant } from '../eligibility.js';
import { applicationPath, attachmentPath, callAdminPath, callPath, grantsAdminPath, grantsPath, myApplicationsPath, programmePath } from '../paths.js';
import type { CallSummary, Programme } from '../queries.js';
import { isOpen } from '../queries.js';
import { BUDGET_ROWS, budgetTotal } from '../questions.js';
import { APPLICATION_STATUSES, type ApplicationStatus, type BudgetRow, type Question, type RuleCheck } from '../schema.js';
import { amounts, callTimes, kronor, PageLinks, ruleText } from '../views.js';
import { DecisionSection, FollowUpSection, RecommendationSection, ReviewSection } from './decision-views.js';
import type { ApplicationAccess, ApplicationRow, CallTable, CallTableSort } from './queries.js';
import { CALL_TABLE_PAGE, CALL_TABLE_SORTS } from './queries.js';

type Ctx = { ctx: PageContext };

/** The DOCUMENT_KINDS as an input's `accept`. */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt';

export function StatusBadge({ ctx, status }: Ctx & { status: ApplicationStatus }) {
  return <span class={`badge badge--app-${status}`}>{ctx.t(`grants.status.${status}`)}</span>;
}

/** What a rule check says, in the reader's language: met, not met and why, or to be confirmed. */
function checkDetail(ctx: PageContext, c: RuleCheck): string {
  const { t } = ctx;
  const [kind, a, b] = c.detail.split(':');
  switch (kind) {
    case 'notAssociation':
      return t('grants.eligibility.notAssociation');
    case 'noOrgNumber':
      return t('grants.eligibility.noOrgNumber');
    case 'noMembers':
      return t('grants.eligibility.noMembers');
    case 'members':
      return b ? t('grants.eligibility.membersOn', { count: Number(a), date: formatDay(ctx.lang, b) }) : t('grants.eligibility.members', { count: Number(a) });
    case 'noAnnualMeeting':
      return t('grants.eligibility.noAnnualMeeting');
    case 'annualMeeting':
      return t('grants.eligibility.annualMeeting', { date: formatDay(ctx.lang, a ?? '') });
    case 'toConfirm':
      return t('grants.eligibility.toConfirm');
    case 'confirmed':
      return t('grants.eligibility.confirmed');
    default:
      return t('grants.eligibility.registered', { number: c.detail });
  }
}

/** The programme's rules as they stand for one organisation, rule by rule, with what the register says. */
export function EligibilityList({ ctx, checks }: Ctx & { checks: RuleCheck[] }) {
  const { t } = ctx;
  if (!checks.length) return <p>{t('grants.eligibility.none')}</p>;
  return (
    <ul class="checks">
      {checks.map((c, i) => (
        <li key={`${i}-${c.rule.kind}`} class={`check check--${c.status}`}>
          <strong>{t(`grants.eligibility.status.${c.status === 'unmet' && c.detail === 'toConfirm' ? 'toConfirm' : c.status}`)}:</strong>{' '}
          {ruleText(ctx, c.rule)} <span class="muted">({checkDetail(ctx, c)})</span>
        </li>
      ))}
    </ul>
  );
}

/** A call: when it takes applications, its budget, and for a representative the organisations they may apply for, each with its eligibility. */
export function CallPage({
  ctx,
  p,
  call,
  now,
  orgs,
  mine,
  form,
  manages,
}: Ctx & {
  p: Programme;
  call: CallSummary;
  now: Date;
  orgs: { org: OrganisationFacts; checks: RuleCheck[] }[];
  mine: { id: string; reference: string; title: string; status: ApplicationStatus }[];
  form: FormState;
  manages: boolean;
}) {
  const { t } = ctx;
  const open = isOpen(call, now);
  return (
    <Layout
      ctx={ctx}
      title={call.title}
      breadcrumbs={[{ href: grantsPath, label: t('grants.list.title') }, { href: programmePath(p), label: p.name }, { label: call.title }]}
    >
      <h1>{call.title}</h1>
      <dl class="facts">
        <dt>{t('grants.apply.when')}</dt>
        <dd>
          {callTimes(ctx, call)}{' '}
          <span class={`badge badge--call-${open ? 'open' : call.opensAt > now ? 'upcoming' : 'closed'}`}>
            {t(`grants.call.${open ? 'open' : call.opensAt > now ? 'upcoming' : 'closed'}`)}
          </span>
        </dd>
        <dt>{t('grants.call.budgetLabel')}</dt>
        <dd>{kronor(ctx, call.budget)}</dd>
        {amounts(ctx, p) ? (
          <>
            <dt>{t('grants.programme.amounts')}</dt>
            <dd>{amounts(ctx, p)}</dd>
          </>
        ) : null}
      </dl>
      {manages ? (
        <p>
          <a href={callAdminPath(p, call)}>{t('grants.table.link')}</a>
        </p>
      ) : null}
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t('grants.apply.yours')}</h2>
          <ul class="link-list">
            {mine.map((a) => (
              <li key={a.id}>
                <a href={applicationPath(a)}>
                  {a.reference} {a.title}
                </a>{' '}
                <StatusBadge ctx={ctx} status={a.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="apply">
        <h2 id="apply">{t('grants.apply.title')}</h2>
        {!ctx.actor.user ? (
          <p>
            <a href={withQuery('/logga-in', { next: callPath(p, call) })}>{t('grants.apply.signIn')}</a>
          </p>
        ) : orgs.length === 0 ? (
          <p>{t('grants.apply.noOrganisation')}</p>
        ) : (
          <>
            {orgs.map(({ org, checks }) => (
              <div key={org.id}>
                <h3>{t('grants.apply.rulesFor', { name: org.name })}</h3>
                <EligibilityList ctx={ctx} checks={checks} />
              </div>
            ))}
            {open ? (
              <Form ctx={ctx} action={callPath(p, call)}>
                <ErrorSummary ctx={ctx} form={form} />
                <OnceField form={form} />
                <SelectField
                  ctx={ctx}
                  form={form}
                  name="organisationId"
                  label={t('grants.apply.organisation')}
                  required
                  options={orgs.map(({ org }) => ({ value: org.id, label: org.name }))}
                />
                <TextField
                  ctx={ctx}
                  form={form}
                  name="title"
                  label={t('grants.apply.projectTitle')}
                  hint={t('grants.apply.projectTitleHint')}
                  required
                  maxLength={200}
                />
                <Submit>{t('grants.apply.start')}</Submit>
              </Form>
            ) : (
              <p>{t('grants.apply.closed')}</p>
            )}
          </>
        )}
      </section>
    </Layout>
  );
}

/** One question of the application form, as its kind asks. */
function QuestionField({ ctx, form, q, a }: Ctx & { form: FormState; q: Question; a: ApplicationAccess }) {
  const { t } = ctx;
  const name = `a_${q.key}`;
  const common = { ctx, form, name, label: q.label, hint: q.help || undefined, required: q.required };
  switch (q.kind) {
    case 'longtext':
      return <TextArea {...common} rows={6} maxLength={8000} />;
    case 'number':
      return <TextField {...common} type="number" />;
    case 'amount':
      return <TextField {...common} hint={[q.help, t('grants.apply.kronorHint')].filter(Boolean).join(' ')} maxLength={20} />;
    case 'date':
      return <TextField {...common} type="date" />;
    case 'choice':
      return <SelectField {...common} options={q.options.map((o) => ({ value: o, label: o }))} empty="" />;
    case 'file': {
      const files = a.attachments.filter((f) => f.questionKey === q.key);
      return (
        <div>
          <FileField
            {...common}
            required={q.required && files.length === 0}
            hint={[q.help, t('grants.apply.fileHint')].filter(Boolean).join(' ')}
            accept={ACCEPT}
            multiple
          />
          {files.length ? (
            <ul class="files" aria-label={t('grants.apply.filesOf', { label: q.label })}>
              {files.map((f) => (
                <li key={f.id}>
                  <a href={attachmentPath(a.application, f.id)}>{f.filename}</a> ({formatNumber(ctx.lang, Math.ceil(f.sizeBytes / 1024))} kB){' '}
                  <button type="submit" name="intent" value={`remove:${f.id}`} class="button button--link">
                    {t('grants.apply.removeFile', { name: f.filename })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      );
    }
    case 'budget': {
      const rows = Array.from({ length: BUDGET_ROWS }, (_, n) => n);
      const total = rows.reduce((s, n) => s + (Number((form.values[`${name}_amount_${n}`] ?? '').replace(/\s/g, '')) || 0), 0);
      return (
        <fieldset class="budget">
          <legend>
            {q.label}
            {q.required ? null : <span class="optional"> ({t('platform.form.optional')})</span>}
          </legend>
          {q.help ? <p class="hint">{q.help}</p> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('grants.apply.budgetItem')}</th>
                <th scope="col">{t('grants.apply.budgetAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n}>
                  <td>
                    <TextField ctx={ctx} form={form} name={`${name}_item_${n}`} label={t('grants.apply.budgetItemN', { n: n + 1 })} required maxLength={200} />
                  </td>
                  <td>
                    <TextField
                      ctx={ctx}
                      form={form}
                      name={`${name}_amount_${n}`}
                      label={t('grants.apply.budgetAmountN', { n: n + 1 })}
                      required
                      maxLength={20}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('grants.apply.budgetTotal', { amount: kronor(ctx, total) })}</p>
        </fieldset>
      );
    }
    default:
      return <TextField {...common} maxLength={300} />;
  }
}

/** An answer as read after submission. */
function AnswerText({ ctx, q, a }: Ctx & { q: Question; a: ApplicationAccess }) {
  const value = a.application.answers[q.key];
  if (q.kind === 'file') {
    const files = a.attachments.filter((f) => f.questionKey === q.key);
    return files.length ? (
      <ul class="files">
        {files.map((f) => (
          <li key={f.id}>
            <a href={attachmentPath(a.application, f.id)}>{f.filename}</a>
          </li>
        ))}
      </ul>
    ) : (
      <span class="muted">{ctx.t('grants.apply.noAnswer')}</span>
    );
  }
  if (value === undefined) return <span class="muted">{ctx.t('grants.apply.noAnswer')}</span>;
  if (q.kind === 'budget' && Array.isArray(value)) {
    const rows = value as BudgetRow[];
    return (
      <table>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${i}-${r.item}`}>
              <td>{r.item}</td>
              <td class="num">{kronor(ctx, r.amount)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{ctx.t('grants.apply.total')}</th>
            <td class="num">{kronor(ctx, budgetTotal(rows))}</td>
          </tr>
        </tbody>
      </table>
    );
  }
  if (q.kind === 'amount' && typeof value === 'number') return <>{kronor(ctx, value)}</>;
  if (q.kind === 'date' && typeof value === 'string') return <>{formatDay(ctx.lang, value)}</>;
  return <span class="prewrap">{String(value)}</span>;
}

/**
 * An application: for its representatives while a draft, the form (saved as often as they like,
 * submitted once complete); after that, what was sent, with withdrawal and any request for more
 * information. Officers read it with the eligibility as it stood at submission and can ask for more.
 */
export function ApplicationPage({
  ctx,
  a,
  form,
  checks,
  may,
  now,
  restored,
  forms = {},
  meetings = [],
  budgetLeft = null,
}: Ctx & {
  a: ApplicationAccess;
  form: FormState;
  checks: RuleCheck[];
  may: {
    edit: boolean;
    withdraw: boolean;
    reply: boolean;
    handle: boolean;
    review: boolean;
    decide: boolean;
    recommend: boolean;
    pay: boolean;
    report: boolean;
    judgeReport: boolean;
    coApply: boolean;
  };
  now: Date;
  restored: boolean;
  /** The forms of the review, the recommendation and the decision, when one of them comes back with errors. */
  forms?: { review?: FormState; recommend?: FormState; decide?: FormState; pay?: FormState; report?: FormState; judge?: FormState; co?: FormState };
  meetings?: BodyMeeting[];
  budgetLeft?: number | null;
}) {
  const { t } = ctx;
  const app = a.application;
  const title = `${app.reference} ${app.title}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: grantsPath, label: t('grants.list.title') },
        may.handle ? { href: callAdminPath(a.programme, a.call), label: a.call.title } : { href: myApplicationsPath, label: t('grants.mine.title') },
        { label: app.reference },
      ]}
    >
      <h1>{title}</h1>
      <p>
        <StatusBadge ctx={ctx} status={app.status} /> {a.organisation.name} · <a href={callPath(a.programme, a.call)}>{a.call.title}</a>
      </p>
      <dl class="facts">
        <dt>{t('grants.apply.when')}</dt>
        <dd>{callTimes(ctx, a.call)}</dd>
        {app.submittedAt ? (
          <>
            <dt>{t('grants.apply.submittedAt')}</dt>
            <dd>{formatDateTime(ctx.lang, app.submittedAt, ctx.timeZone)}</dd>
          </>
        ) : null}
        <dt>{t('grants.apply.formVersion')}</dt>
        <dd>{t('grants.apply.formVersionText', { version: a.formVersion })}</dd>
      </dl>
      {restored ? (
        <p class="notice" role="status">
          {t('platform.parked.restored')}
        </p>
      ) : null}
      {app.status === 'more_info' || app.infoRequest ? (
        <section aria-labelledby="info" class="notice">
          <h2 id="info">{t('grants.info.title')}</h2>
          <p class="prewrap">{app.infoRequest}</p>
          {app.infoReply ? (
            <>
              <h3>{t('grants.info.reply')}</h3>
              <p class="prewrap">{app.infoReply}</p>
            </>
          ) : null}
          {may.reply ? (
            <Form ctx={ctx} action={`${applicationPath(app)}/komplettering`}>
              <ErrorSummary ctx={ctx} form={form} />
              <TextArea ctx={ctx} form={form} name="reply" label={t('grants.info.replyLabel')} required rows={5} maxLength={8000} />
              <Submit>{t('grants.info.send')}</Submit>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="co-applicants">
        <h2 id="co-applicants">{t('grants.co.title')}</h2>
        {a.coApplicants.length ? (
          <ul class="link-list">
            {a.coApplicants.map((c) => (
              <li key={c.id}>
                {c.name}
                {may.coApply ? (
                  <Form ctx={ctx} action={`${applicationPath(app)}/medsokande/ta-bort`} class="inline-form">
                    <input type="hidden" name="coApplicant" value={c.id} />
                    <button type="submit" class="button button--link">
                      {t('grants.co.remove', { name: c.name ?? '' })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('grants.co.none')}</p>
        )}
        {may.coApply ? (
          <Form ctx={ctx} action={`${applicationPath(app)}/medsokande`}>
            <ErrorSummary ctx={ctx} form={forms.co ?? idle('c')} />
            <TextField
              ctx={ctx}
              form={forms.co ?? idle('c')}
              name="organisation"
              label={t('grants.co.organisation')}
              hint={t('grants.co.hint')}
              required
              maxLength={200}
            />
            <Submit secondary>{t('grants.co.add')}</Submit>
          </Form>
        ) : null}
      </section>
      {may.edit ? (
        <Form ctx={ctx} action={applicationPath(app)} enctype="multipart/form-data" class="wide-form">
          <ErrorSummary ctx={ctx} form={form} />
          <VersionField form={form} version={app.updatedAt} />
          <p>{isOpen(a.call, now) ? t('grants.apply.draftLead') : t('grants.apply.closedLead')}</p>
          <TextField ctx={ctx} form={form} name="title" label={t('grants.apply.projectTitle')} required maxLength={200} />
          <TextArea
            ctx={ctx}
            form={form}
            name="summary"
            label={t('grants.apply.summary')}
            hint={t('grants.apply.summaryHint')}
            required
            rows={5}
            maxLength={4000}
          />
          <TextField
            ctx={ctx}
            form={form}
            name="amount"
            label={t('grants.apply.amount')}
            hint={[amounts(ctx, a.programme), t('grants.apply.kronorHint')].filter(Boolean).join('. ')}
            required
            maxLength={20}
          />
          {a.questions.map((q) => (
            <QuestionField key={q.key} ctx={ctx} form={form} q={q} a={a} />
          ))}
          <fieldset>
            <legend>{t('grants.programme.who')}</legend>
            <EligibilityList ctx={ctx} checks={checks} />
            {checks.map((c, i) =>
              isConfirmedByApplicant(c.rule) ? (
                <Checkbox key={`confirm-${i}`} ctx={ctx} form={form} name={`confirm_${i}`} label={t('grants.apply.confirm', { rule: ruleText(ctx, c.rule) })} />
              ) : form.errors[`confirm_${i}`] ? (
                <p key={`confirm-${i}`} class="field-error" id={`f-confirm_${i}`}>
                  {ctx.tr(form.errors[`confirm_${i}`]?.key ?? '')}
                </p>
              ) : null,
            )}
          </fieldset>
          <div class="actions">
            <button type="submit" name="intent" value="save" class="button button--secondary">
              {t('grants.apply.save')}
            </button>
            <button type="submit" name="intent" value="submit" class="button">
              {t('grants.apply.submit')}
            </button>
          </div>
        </Form>
      ) : (
        <section aria-labelledby="answers">
          {may.reply ? null : <ErrorSummary ctx={ctx} form={form} />}
          <h2 id="answers">{t('grants.apply.answers')}</h2>
          <dl class="answers">
            <dt>{t('grants.apply.summary')}</dt>
            <dd class="prewrap">{app.summary || t('grants.apply.noAnswer')}</dd>
            <dt>{t('grants.apply.amount')}</dt>
            <dd>{app.amount !== null ? kronor(ctx, app.amount) : t('grants.apply.noAnswer')}</dd>
            {a.questions.map((q) => (
              <>
                <dt key={`dt-${q.key}`}>{q.label}</dt>
                <dd key={`dd-${q.key}`}>
                  <AnswerText ctx={ctx} q={q} a={a} />
                </dd>
              </>
            ))}
          </dl>
          <h2>{t('grants.programme.who')}</h2>
          <EligibilityList ctx={ctx} checks={checks} />
        </section>
      )}
      <FollowUpSection ctx={ctx} a={a} forms={forms} may={may} />
      <DecisionSection ctx={ctx} a={a} form={forms.decide ?? idle('d')} mayDecide={may.decide} meetings={meetings} budgetLeft={budgetLeft} />
      <RecommendationSection
        ctx={ctx}
        a={a}
        form={forms.recommend ?? idle('r', { recommendation: a.application.recommendation, note: a.application.recommendationNote })}
        mayRecommend={may.recommend}
      />
      {may.handle ? <ReviewSection ctx={ctx} a={a} form={forms.review ?? reviewForm(a, ctx.actor.user?.id)} mayReview={may.review} /> : null}
      {may.handle && app.status === 'submitted' ? (
        <section aria-labelledby="ask">
          <h2 id="ask">{t('grants.info.ask')}</h2>
          <Form ctx={ctx} action={`${applicationPath(app)}/begar-komplettering`}>
            <TextArea ctx={ctx} form={form} name="request" label={t('grants.info.requestLabel')} required rows={4} maxLength={4000} />
            <Submit secondary>{t('grants.info.askButton')}</Submit>
          </Form>
        </section>
      ) : null}
      {may.withdraw && app.status !== 'draft' ? (
        <Form ctx={ctx} action={`${applicationPath(app)}/aterkalla`}>
          <Submit secondary>{t('grants.apply.withdraw')}</Submit>
        </Form>
      ) : null}
    </Layout>
  );
}

/** An empty form of one of the page's smaller forms, its fields' ids apart from the others'. */
const idle = (idPrefix: string, values: Record<string, string> = {}): FormState => ({ values, errors: {}, idPrefix });

/** The reviewer's own scores as their form shows them. */
function reviewForm(a: ApplicationAccess, userId: string | undefined): FormState {
  const mine = a.reviews.find((r) => r.reviewerId === userId);
  const values: Record<string, string> = { comment: mine?.comment ?? '', conflict: mine?.conflict ? 'on' : '' };
  a.programme.criteria.forEach((c, i) => {
    const s = mine?.scores[c.name];
    if (s !== undefined) values[`score_${i}`] = String(s);
  });
  return { values, errors: {}, idPrefix: 'v' };
}

/** The applications of the organisations a person belongs to. */
export function MyApplicationsPage({ ctx, rows }: Ctx & { rows: ApplicationRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('grants.mine.title')} breadcrumbs={[{ href: grantsPath, label: t('grants.list.title') }, { label: t('grants.mine.title') }]}>
      <h1>{t('grants.mine.title')}</h1>
      {rows.length === 0 ? (
        <p>{t('grants.mine.none')}</p>
      ) : (
        <Table
          caption={t('grants.mine.title')}
          rowKey={(r) => r.id}
          rows={rows}
          columns={[
            { header: t('grants.table.reference'), cell: (r) => <a href={applicationPath(r)}>{r.reference}</a> },
            { header: t('grants.table.title'), cell: (r) => r.title },
            { header: t('grants.table.organisation'), cell: (r) => r.organisation ?? '' },
            { header: t('grants.table.call'), cell: (r) => r.call },
            { header: t('grants.table.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.status} /> },
          ]}
        />
      )}
    </Layout>
  );
}

/** The officers' table of a call: every submitted application, filtered and sorted, with the totals requested against the budget. */
export function CallAdminPage({
  ctx,
  p,
  call,
  table,
  filter,
}: Ctx & {
  p: Programme;
  call: CallSummary;
  table: CallTable;
  filter: { status?: ApplicationStatus; sort: CallTableSort; descending: boolean; page: number };
}) {
  const { t } = ctx;
  const here = callAdminPath(p, call);
  const link = (over: Partial<typeof filter>) => {
    const f = { ...filter, ...over };
    return withQuery(here, {
      status: f.status,
      sortera: f.sort === 'reference' ? undefined : f.sort,
      fallande: f.descending ? '1' : undefined,
      sida: f.page > 1 ? f.page : undefined,
    });
  };
  const sortHeader = (sort: CallTableSort, label: string) => (
    <a href={link({ sort, descending: filter.sort === sort ? !filter.descending : false, page: 1 })} aria-current={filter.sort === sort ? 'true' : undefined}>
      {label}
      {filter.sort === sort ? (filter.descending ? ' ↓' : ' ↑') : ''}
    </a>
  );
  const pages = Math.max(1, Math.ceil(table.total / CALL_TABLE_PAGE));
  const left = call.budget - table.granted - table.requested;
  return (
    <Layout
      ctx={ctx}
      title={call.title}
      breadcrumbs={[{ href: grantsAdminPath, label: t('grants.admin.title') }, { href: programmePath(p), label: p.name }, { label: call.title }]}
    >
      <h1>{call.title}</h1>
      <dl class="facts">
        <dt>{t('grants.call.budgetLabel')}</dt>
        <dd>{kronor(ctx, call.budget)}</dd>
        <dt>{t('grants.table.granted')}</dt>
        <dd>{kronor(ctx, table.granted)}</dd>
        <dt>{t('grants.table.requested')}</dt>
        <dd>{kronor(ctx, table.requested)}</dd>
        <dt>{left >= 0 ? t('grants.table.underBudget') : t('grants.table.overBudget')}</dt>
        <dd>{kronor(ctx, Math.abs(left))}</dd>
        {APPLICATION_STATUSES.filter((s) => s !== 'draft' && table.counts[s]).map((s) => (
          <>
            <dt key={`dt-${s}`}>{t(`grants.status.${s}`)}</dt>
            <dd key={`dd-${s}`}>{table.counts[s]}</dd>
          </>
        ))}
      </dl>
      <form method="get" action={here} class="filters">
        <SelectField
          ctx={ctx}
          form={{ values: { status: filter.status ?? '' }, errors: {} }}
          name="status"
          label={t('grants.table.status')}
          options={APPLICATION_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: t(`grants.status.${s}`) }))}
          empty={t('grants.table.allStatuses')}
        />
        <Submit secondary>{t('grants.table.filter')}</Submit>
      </form>
      <Table
        caption={t('grants.table.caption', { count: table.total })}
        rowKey={(r) => r.id}
        rows={table.rows}
        columns={[
          { header: t('grants.table.reference'), cell: (r) => <a href={applicationPath(r)}>{r.reference}</a> },
          { header: t('grants.table.title'), cell: (r) => r.title },
          {
            header: t('grants.table.organisation'),
            cell: (r) => (
              <>
                {r.organisation ?? ''}
                {r.overdue ? <span class="badge badge--late">{t('grants.table.overdue')}</span> : null}
              </>
            ),
          },
          { header: t('grants.table.amount'), cell: (r) => (r.amount !== null ? kronor(ctx, r.amount) : '') },
          { header: t('grants.table.submitted'), cell: (r) => (r.submittedAt ? formatDateTime(ctx.lang, r.submittedAt, ctx.timeZone) : '') },
          { header: t('grants.table.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.status} /> },
        ]}
      />
      <p class="sort-links">
        {t('grants.table.sortBy')}{' '}
        {CALL_TABLE_SORTS.map((s, i) => (
          <>
            {i ? ' · ' : ''}
            {sortHeader(s, t(`grants.table.sort.${s}`))}
          </>
        ))}
      </p>
      <PageLinks ctx={ctx} page={filter.page} pages={pages} href={(page) => link({ page })} />
    </Layout>
  );
}

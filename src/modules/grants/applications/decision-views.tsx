import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatDay, formatNumber } from '../../../platform/i18n/index.js';
import { Checkbox, ErrorSummary, Form, SelectField, Submit, TextArea, TextField, VersionField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { BodyMeeting } from '../../meetings/index.js';
import { meetingPath } from '../../meetings/index.js';
import { applicationPath } from '../paths.js';
import { MAX_SCORE, RECOMMENDATIONS } from '../schema.js';
import { scoreSummary, weightedScore } from '../scores.js';
import { kronor } from '../views.js';
import { decidedByOfficer } from './decisions.js';
import type { ApplicationAccess } from './queries.js';

type Ctx = { ctx: PageContext };
const score = (ctx: PageContext, n: number | null) => (n === null ? '–' : formatNumber(ctx.lang, Math.round(n * 10) / 10));

/** The reviewers' scores, their average and spread, and the reader's own scoring form. */
export function ReviewSection({ ctx, a, form, mayReview }: Ctx & { a: ApplicationAccess; form: FormState; mayReview: boolean }) {
  const { t } = ctx;
  const criteria = a.programme.criteria;
  const summary = scoreSummary(a.reviews, criteria);
  const mine = a.reviews.find((r) => r.reviewerId === ctx.actor.user?.id);
  return (
    <section aria-labelledby="review">
      <h2 id="review">{t('grants.review.title')}</h2>
      {a.membership || a.coMembership ? <p class="notice">{t('grants.review.conflictMember')}</p> : null}
      {a.overdueReports ? <p class="notice notice--warning">{t('grants.review.overdue', { count: a.overdueReports, name: a.organisation.name })}</p> : null}
      <p>
        {summary.count
          ? t('grants.review.summary', { count: summary.count, average: score(ctx, summary.average), spread: score(ctx, summary.spread), max: MAX_SCORE })
          : t('grants.review.none')}
      </p>
      {a.reviews.length ? (
        <ul class="reviews">
          {a.reviews.map((r) => (
            <li key={r.reviewerId}>
              <strong>{r.reviewer ?? t('grants.review.unknown')}</strong>:{' '}
              {r.conflict ? t('grants.review.declaredConflict') : t('grants.review.score', { score: score(ctx, weightedScore(r.scores, criteria)) })}
              {r.comment ? <p class="prewrap">{r.comment}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayReview ? (
        <Form ctx={ctx} action={`${applicationPath(a.application)}/bedomning`}>
          <ErrorSummary ctx={ctx} form={form} />
          {mine ? <VersionField form={form} version={mine.updatedAt} /> : null}
          {criteria.map((c, i) => (
            <SelectField
              key={c.name}
              ctx={ctx}
              form={form}
              name={`score_${i}`}
              label={t('grants.review.criterion', { name: c.name, weight: c.weight })}
              options={Array.from({ length: MAX_SCORE + 1 }, (_, n) => ({ value: String(n), label: String(n) }))}
              empty=""
            />
          ))}
          <TextArea ctx={ctx} form={form} name="comment" label={t('grants.review.comment')} rows={3} maxLength={4000} />
          <Checkbox ctx={ctx} form={form} name="conflict" label={t('grants.review.conflict')} hint={t('grants.review.conflictHint')} />
          <Submit secondary>{t('grants.review.save')}</Submit>
        </Form>
      ) : null}
    </section>
  );
}

/** The local council's recommendation, and its form for the council's chair and secretary. */
export function RecommendationSection({ ctx, a, form, mayRecommend }: Ctx & { a: ApplicationAccess; form: FormState; mayRecommend: boolean }) {
  const { t } = ctx;
  const app = a.application;
  if (!app.recommendation && !mayRecommend) return null;
  return (
    <section aria-labelledby="recommendation">
      <h2 id="recommendation">{t('grants.recommendation.title', { council: a.council?.name ?? '' })}</h2>
      {app.recommendation ? (
        <>
          <p>
            <strong>{t(`grants.recommendation.${app.recommendation}`)}</strong>
            {app.recommendedAt ? ` · ${formatDateTime(ctx.lang, app.recommendedAt, ctx.timeZone)}` : ''}
          </p>
          <p class="prewrap">{app.recommendationNote}</p>
        </>
      ) : (
        <p>{t('grants.recommendation.waiting')}</p>
      )}
      {mayRecommend ? (
        <Form ctx={ctx} action={`${applicationPath(app)}/rekommendation`}>
          <ErrorSummary ctx={ctx} form={form} />
          <SelectField
            ctx={ctx}
            form={form}
            name="recommendation"
            label={t('grants.recommendation.label')}
            required
            options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`grants.recommendation.${r}`) }))}
          />
          <TextArea ctx={ctx} form={form} name="note" label={t('grants.recommendation.note')} required rows={3} maxLength={4000} />
          <Submit secondary>{t('grants.recommendation.save')}</Submit>
        </Form>
      ) : null}
    </section>
  );
}

/** The decision as made, or the officer's form for it with what the budget has left and who decides. */
export function DecisionSection({
  ctx,
  a,
  form,
  mayDecide,
  meetings,
  budgetLeft,
}: Ctx & { a: ApplicationAccess; form: FormState; mayDecide: boolean; meetings: BodyMeeting[]; budgetLeft: number | null }) {
  const { t } = ctx;
  const app = a.application;
  if (app.decidedAt) {
    return (
      <section aria-labelledby="decision">
        <h2 id="decision">{t('grants.decision.title')}</h2>
        <p>
          <strong>
            {app.status === 'granted' ? t('grants.decision.granted', { amount: kronor(ctx, app.grantedAmount ?? 0) }) : t('grants.decision.rejected')}
          </strong>{' '}
          · {formatDateTime(ctx.lang, app.decidedAt, ctx.timeZone)}
        </p>
        <p>
          {app.decisionBy === 'delegation' ? (
            t('grants.decision.byDelegation')
          ) : a.decisionMeeting ? (
            <>
              {t('grants.decision.byBody')} <a href={meetingPath(a.decisionMeeting)}>{a.decisionMeeting.title}</a>
            </>
          ) : (
            t('grants.decision.byBody')
          )}
        </p>
        {app.conditions ? (
          <>
            <h3>{t('grants.decision.conditions')}</h3>
            <p class="prewrap">{app.conditions}</p>
          </>
        ) : null}
        <h3>{t('grants.decision.reasoning')}</h3>
        <p class="prewrap">{app.reasoning}</p>
      </section>
    );
  }
  if (!mayDecide) return null;
  const officer = decidedByOfficer(a);
  return (
    <section aria-labelledby="decision">
      <h2 id="decision">{t('grants.decision.make')}</h2>
      <p>{officer ? t('grants.decision.fastTrack', { limit: kronor(ctx, a.programme.fastTrackLimit ?? 0) }) : t('grants.decision.bodyNeeded')}</p>
      {budgetLeft !== null ? <p>{t('grants.decision.budgetLeft', { amount: kronor(ctx, budgetLeft) })}</p> : null}
      <Form ctx={ctx} action={`${applicationPath(app)}/beslut`}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField
          ctx={ctx}
          form={form}
          name="outcome"
          label={t('grants.decision.outcome')}
          required
          options={[
            { value: 'grant', label: t('grants.decision.grant') },
            { value: 'reject', label: t('grants.decision.reject') },
          ]}
        />
        <TextField ctx={ctx} form={form} name="amount" label={t('grants.decision.amount')} hint={t('grants.apply.kronorHint')} maxLength={20} />
        <TextArea ctx={ctx} form={form} name="conditions" label={t('grants.decision.conditions')} rows={3} maxLength={4000} />
        <TextArea ctx={ctx} form={form} name="reasoning" label={t('grants.decision.reasoning')} required rows={4} maxLength={8000} />
        <TextField ctx={ctx} form={form} name="reportDueOn" type="date" label={t('grants.decision.reportDueOn')} hint={t('grants.decision.reportDueOnHint')} />
        <SelectField
          ctx={ctx}
          form={form}
          name="meetingId"
          label={t('grants.decision.meeting')}
          hint={officer ? t('grants.decision.meetingOptional') : undefined}
          required={!officer}
          options={meetings.map((m) => ({
            value: m.id,
            label: `${m.title === m.body ? m.title : `${m.body}: ${m.title}`}, ${formatDateTime(ctx.lang, m.startsAt, ctx.timeZone)}`,
          }))}
          empty=""
        />
        <Submit>{t('grants.decision.save')}</Submit>
      </Form>
    </section>
  );
}

/** After a grant: its payments (and the officer's form for one), and the follow-up report with its form or the officer's judgement. */
export function FollowUpSection({
  ctx,
  a,
  forms,
  may,
}: Ctx & {
  a: ApplicationAccess;
  forms: { pay?: FormState; report?: FormState; judge?: FormState };
  may: { pay: boolean; report: boolean; judgeReport: boolean };
}) {
  const { t } = ctx;
  const app = a.application;
  if (app.status !== 'granted') return null;
  const paid = a.payments.reduce((s, p) => s + p.amount, 0);
  const base = applicationPath(app);
  const pay = forms.pay ?? { values: {}, errors: {}, idPrefix: 'p' };
  const report = forms.report ?? reportForm(a);
  const judge = forms.judge ?? { values: {}, errors: {}, idPrefix: 'j' };
  return (
    <section aria-labelledby="follow-up">
      <h2 id="follow-up">{t('grants.followUp.title')}</h2>
      <h3>{t('grants.followUp.payments')}</h3>
      {a.payments.length ? (
        <ul>
          {a.payments.map((p) => (
            <li key={p.id}>{t('grants.followUp.paid', { amount: kronor(ctx, p.amount), date: formatDay(ctx.lang, p.paidOn) })}</li>
          ))}
        </ul>
      ) : null}
      <p>{t('grants.followUp.paidOfGranted', { paid: kronor(ctx, paid), granted: kronor(ctx, app.grantedAmount ?? 0) })}</p>
      {may.pay && paid < (app.grantedAmount ?? 0) ? (
        <Form ctx={ctx} action={`${base}/utbetalningar`}>
          <ErrorSummary ctx={ctx} form={pay} />
          <div class="fieldset-row">
            <TextField ctx={ctx} form={pay} name="amount" label={t('grants.followUp.amount')} required maxLength={20} />
            <TextField ctx={ctx} form={pay} name="paidOn" type="date" label={t('grants.followUp.paidOn')} required />
          </div>
          <Submit secondary>{t('grants.followUp.record')}</Submit>
        </Form>
      ) : null}
      <h3>{t('grants.followUp.report')}</h3>
      <p>
        {app.reportDueOn ? t('grants.followUp.due', { date: formatDay(ctx.lang, app.reportDueOn) }) : t('grants.followUp.noDue')}
        {app.reportStatus ? ` · ${t(`grants.followUp.status.${app.reportStatus}`)}` : ''}
      </p>
      {app.reportStatus === 'returned' && app.reportNote ? <p class="notice prewrap">{app.reportNote}</p> : null}
      {app.reportStatus && !may.report ? (
        <dl class="answers">
          <dt>{t('grants.followUp.text')}</dt>
          <dd class="prewrap">{app.reportText}</dd>
          <dt>{t('grants.followUp.participants')}</dt>
          <dd>{app.reportParticipants ?? ''}</dd>
          <dt>{t('grants.followUp.spent')}</dt>
          <dd>
            {app.reportSpent !== null
              ? t('grants.followUp.spentOf', { spent: kronor(ctx, app.reportSpent), granted: kronor(ctx, app.grantedAmount ?? 0) })
              : ''}
          </dd>
        </dl>
      ) : null}
      {may.report ? (
        <Form ctx={ctx} action={`${base}/redovisning`}>
          <ErrorSummary ctx={ctx} form={report} />
          <TextArea ctx={ctx} form={report} name="reportText" label={t('grants.followUp.text')} required rows={5} maxLength={8000} />
          <div class="fieldset-row">
            <TextField ctx={ctx} form={report} name="reportParticipants" type="number" label={t('grants.followUp.participants')} required />
            <TextField
              ctx={ctx}
              form={report}
              name="reportSpent"
              label={t('grants.followUp.spent')}
              hint={t('grants.apply.kronorHint')}
              required
              maxLength={20}
            />
          </div>
          <Submit>{t('grants.followUp.submit')}</Submit>
        </Form>
      ) : null}
      {may.judgeReport ? (
        <Form ctx={ctx} action={`${base}/redovisning/beslut`}>
          <ErrorSummary ctx={ctx} form={judge} />
          <SelectField
            ctx={ctx}
            form={judge}
            name="decision"
            label={t('grants.followUp.judge')}
            required
            options={[
              { value: 'approve', label: t('grants.followUp.approve') },
              { value: 'return', label: t('grants.followUp.return') },
            ]}
          />
          <TextArea ctx={ctx} form={judge} name="note" label={t('grants.followUp.note')} rows={3} maxLength={4000} />
          <Submit secondary>{t('grants.followUp.save')}</Submit>
        </Form>
      ) : null}
    </section>
  );
}

/** The follow-up report's form with what was written before (a returned report is corrected, not rewritten). */
function reportForm(a: ApplicationAccess): FormState {
  const app = a.application;
  return {
    values: { reportText: app.reportText, reportParticipants: app.reportParticipants?.toString() ?? '', reportSpent: app.reportSpent?.toString() ?? '' },
    errors: {},
    idPrefix: 'rp',
  };
}

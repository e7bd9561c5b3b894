import type { FormState } from '../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../platform/i18n/index.js';
import { Checkbox, ErrorSummary, Form, SelectField, Submit, TextArea, TextField, VersionField } from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import {
  awardedPath,
  callAdminPath,
  callPath,
  formAdminPath,
  grantsAdminPath,
  grantsPath,
  myApplicationsPath,
  newCallPath,
  newProgrammePath,
  programmeAdminPath,
  programmePath,
} from './paths.js';
import { type CallSummary, isOpen, type Programme } from './queries.js';
import { type EligibilityRule, PREFILLS, PROGRAMME_KINDS, QUESTION_KINDS, type Question } from './schema.js';

type Ctx = { ctx: PageContext };
type WithCalls = Programme & { calls: CallSummary[] };

export const kronor = (ctx: PageContext, n: number) => ctx.t('grants.kronor', { amount: formatNumber(ctx.lang, n) });

/** A programme's amounts in a sentence: "2 000–10 000 kr", "up to 250 000 kr", or nothing. */
export function amounts(ctx: PageContext, p: Programme): string {
  if (p.minAmount !== null && p.maxAmount !== null)
    return ctx.t('grants.amounts.range', { min: formatNumber(ctx.lang, p.minAmount), max: formatNumber(ctx.lang, p.maxAmount) });
  if (p.maxAmount !== null) return ctx.t('grants.amounts.max', { max: formatNumber(ctx.lang, p.maxAmount) });
  if (p.minAmount !== null) return ctx.t('grants.amounts.min', { min: formatNumber(ctx.lang, p.minAmount) });
  return '';
}

/** An eligibility rule in the reader's language. */
export function ruleText(ctx: PageContext, r: EligibilityRule): string {
  if (r.kind === 'registered_association') return ctx.t('grants.rules.registered');
  if (r.kind === 'min_members') return ctx.t('grants.rules.minMembers', { count: r.value });
  if (r.kind === 'participant_age') return ctx.t('grants.rules.age', { min: r.min, max: r.max });
  if (r.kind === 'after_annual_meeting') return ctx.t('grants.rules.annualMeeting', { count: r.days });
  return r.text;
}

/** When a call takes applications, in the municipality's time. */
export function callTimes(ctx: PageContext, c: CallSummary): string {
  const from = formatDateTime(ctx.lang, c.opensAt, ctx.timeZone);
  return c.closesAt ? ctx.t('grants.call.between', { from, to: formatDateTime(ctx.lang, c.closesAt, ctx.timeZone) }) : ctx.t('grants.call.allYear', { from });
}

function CallLine({ ctx, p, c, now, manages }: Ctx & { p: Programme; c: CallSummary; now: Date; manages: boolean }) {
  const { t } = ctx;
  const state = isOpen(c, now) ? 'open' : c.opensAt > now ? 'upcoming' : 'closed';
  return (
    <li>
      <a href={callPath(p, c)}>
        <strong>{c.title}</strong>
      </a>{' '}
      <span class={`badge badge--call-${state}`}>{t(`grants.call.${state}`)}</span>
      <br />
      {callTimes(ctx, c)} · {t('grants.call.budget', { amount: kronor(ctx, c.budget) })}
      {c.granted ? ` · ${t('grants.call.used', { granted: kronor(ctx, c.granted), left: kronor(ctx, c.budget - c.granted) })}` : ''}
      {manages ? (
        <>
          {' '}
          · <a href={callAdminPath(p, c)}>{t('grants.table.link')}</a>
        </>
      ) : null}
    </li>
  );
}

/** The programmes and their calls: what an association can apply for now, and when the rest open. */
export function GrantsPage({ ctx, programmes, now, managesAny }: Ctx & { programmes: WithCalls[]; now: Date; managesAny: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('grants.list.title')}>
      <h1>{t('grants.list.title')}</h1>
      <p class="lead">{t('grants.list.lead')}</p>
      <ul class="link-list">
        <li>
          <a href={awardedPath}>{t('grants.list.awardedLink')}</a>
        </li>
        {ctx.actor.user ? (
          <li>
            <a href={myApplicationsPath}>{t('grants.mine.title')}</a>
          </li>
        ) : null}
        {managesAny ? (
          <li>
            <a href={grantsAdminPath}>{t('grants.admin.title')}</a>
          </li>
        ) : null}
      </ul>
      {PROGRAMME_KINDS.map((kind) => {
        const mine = programmes.filter((p) => p.kind === kind);
        if (!mine.length) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{t(`grants.kind.${kind}`)}</h2>
            <ul class="cards">
              {mine.map((p) => {
                const open = p.calls.filter((c) => isOpen(c, now));
                return (
                  <li class="card" key={p.id}>
                    <h3 class="card__title">
                      <a href={programmePath(p)}>{p.name}</a>
                    </h3>
                    <div class="card__body">
                      {p.summary ? <p>{p.summary}</p> : null}
                      {amounts(ctx, p) ? <p>{amounts(ctx, p)}</p> : null}
                      <p>
                        {open.length
                          ? open[0]?.closesAt
                            ? t('grants.list.openUntil', { date: formatDateTime(ctx.lang, open[0].closesAt, ctx.timeZone) })
                            : t('grants.list.openAllYear')
                          : t('grants.list.noneOpen')}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {programmes.length === 0 ? <p>{t('grants.list.none')}</p> : null}
    </Layout>
  );
}

/** A programme: who may apply, how applications are judged, the amounts, and its calls. */
export function ProgrammePage({ ctx, p, now, manages }: Ctx & { p: WithCalls; now: Date; manages: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={p.name} breadcrumbs={[{ href: grantsPath, label: t('grants.list.title') }, { label: p.name }]} description={p.summary}>
      <h1>{p.name}</h1>
      {p.summary ? <p class="lead">{p.summary}</p> : null}
      {!p.active ? <p class="notice">{t('grants.programme.inactive')}</p> : null}
      {p.description ? <p class="prewrap">{p.description}</p> : null}
      <dl class="facts">
        {amounts(ctx, p) ? (
          <>
            <dt>{t('grants.programme.amounts')}</dt>
            <dd>{amounts(ctx, p)}</dd>
          </>
        ) : null}
        {p.whenToApply ? (
          <>
            <dt>{t('grants.programme.whenToApply')}</dt>
            <dd>{p.whenToApply}</dd>
          </>
        ) : null}
        {p.fastTrackLimit !== null ? (
          <>
            <dt>{t('grants.programme.fastTrack')}</dt>
            <dd>{t('grants.programme.fastTrackText', { amount: kronor(ctx, p.fastTrackLimit) })}</dd>
          </>
        ) : null}
      </dl>
      {p.eligibility.length ? (
        <section aria-labelledby="who">
          <h2 id="who">{t('grants.programme.who')}</h2>
          <ul>
            {p.eligibility.map((r, i) => (
              <li key={`${i}-${r.kind}`}>{ruleText(ctx, r)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.criteria.length ? (
        <section aria-labelledby="criteria">
          <h2 id="criteria">{t('grants.programme.criteria')}</h2>
          <ul>
            {p.criteria.map((c) => (
              <li key={c.name}>{t('grants.programme.criterion', { name: c.name, weight: c.weight })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="calls">
        <h2 id="calls">{t('grants.programme.calls')}</h2>
        {p.calls.length === 0 ? (
          <p>{t('grants.list.noneOpen')}</p>
        ) : (
          <ul class="link-list">
            {p.calls.map((c) => (
              <CallLine key={c.id} ctx={ctx} p={p} c={c} now={now} manages={manages} />
            ))}
          </ul>
        )}
      </section>
      {manages ? (
        <p class="no-print">
          <a href={programmeAdminPath(p)}>{t('grants.admin.edit')}</a> · <a href={formAdminPath(p)}>{t('grants.builder.link')}</a> ·{' '}
          <a href={newCallPath(p)}>{t('grants.call.new')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The programmes an officer manages (all, for administrators). */
export function GrantsAdminPage({ ctx, programmes, mayStart }: Ctx & { programmes: WithCalls[]; mayStart: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('grants.admin.title')} breadcrumbs={[{ href: '/admin', label: t('platform.admin.title') }, { label: t('grants.admin.title') }]}>
      <h1>{t('grants.admin.title')}</h1>
      {mayStart ? (
        <p>
          <a href={newProgrammePath}>{t('grants.admin.new')}</a>
        </p>
      ) : null}
      <ul class="link-list">
        {programmes.map((p) => (
          <li key={p.id}>
            <a href={programmeAdminPath(p)}>{p.name}</a> ({t(`grants.kind.${p.kind}`)}
            {p.active ? '' : `, ${t('grants.admin.inactive')}`}) · <a href={formAdminPath(p)}>{t('grants.builder.link')}</a> ·{' '}
            <a href={newCallPath(p)}>{t('grants.call.new')}</a>
            {p.calls.length ? (
              <ul>
                {p.calls.map((c) => (
                  <li key={c.id}>
                    <a href={callAdminPath(p, c)}>{c.title}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** Starting or changing a programme. */
export function ProgrammeFormPage({ ctx, form, existing }: Ctx & { form: FormState; existing?: Programme }) {
  const { t } = ctx;
  const title = existing ? t('grants.admin.editTitle', { name: existing.name }) : t('grants.admin.new');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: grantsAdminPath, label: t('grants.admin.title') }, { label: title }]}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={existing ? programmeAdminPath(existing) : newProgrammePath} class="wide-form">
        <ErrorSummary ctx={ctx} form={form} />
        {existing ? <VersionField form={form} version={existing.updatedAt} /> : null}
        <TextField ctx={ctx} form={form} name="name" label={t('grants.fields.name')} required maxLength={200} />
        <SelectField
          ctx={ctx}
          form={form}
          name="kind"
          label={t('grants.fields.kind')}
          required
          options={PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`grants.kind.${k}`) }))}
        />
        <TextField ctx={ctx} form={form} name="summary" label={t('grants.fields.summary')} maxLength={300} />
        <TextArea ctx={ctx} form={form} name="description" label={t('grants.fields.description')} rows={6} maxLength={8000} />
        <TextField
          ctx={ctx}
          form={form}
          name="whenToApply"
          label={t('grants.programme.whenToApply')}
          hint={t('grants.fields.whenToApplyHint')}
          maxLength={500}
        />
        <fieldset>
          <legend>{t('grants.programme.amounts')}</legend>
          <div class="fieldset-row">
            <TextField ctx={ctx} form={form} name="minAmount" label={t('grants.fields.minAmount')} maxLength={20} />
            <TextField ctx={ctx} form={form} name="maxAmount" label={t('grants.fields.maxAmount')} maxLength={20} />
            <TextField
              ctx={ctx}
              form={form}
              name="fastTrackLimit"
              label={t('grants.programme.fastTrack')}
              hint={t('grants.fields.fastTrackHint')}
              maxLength={20}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('grants.programme.who')}</legend>
          <Checkbox ctx={ctx} form={form} name="registeredAssociation" label={t('grants.rules.registered')} />
          <TextField ctx={ctx} form={form} name="minMembers" type="number" label={t('grants.fields.minMembers')} />
          <TextField
            ctx={ctx}
            form={form}
            name="annualMeetingDays"
            type="number"
            label={t('grants.fields.annualMeetingDays')}
            hint={t('grants.fields.annualMeetingDaysHint')}
          />
          <div class="fieldset-row">
            <TextField ctx={ctx} form={form} name="ageMin" type="number" label={t('grants.fields.ageMin')} />
            <TextField ctx={ctx} form={form} name="ageMax" type="number" label={t('grants.fields.ageMax')} />
          </div>
          <TextArea
            ctx={ctx}
            form={form}
            name="otherRules"
            label={t('grants.fields.otherRules')}
            hint={t('grants.fields.otherRulesHint')}
            rows={3}
            maxLength={4000}
          />
        </fieldset>
        <TextArea
          ctx={ctx}
          form={form}
          name="criteria"
          label={t('grants.programme.criteria')}
          hint={t('grants.fields.criteriaHint')}
          rows={4}
          maxLength={4000}
        />
        <Checkbox ctx={ctx} form={form} name="active" label={t('grants.fields.active')} />
        <Submit>{t('grants.admin.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** Opening a call of a programme. */
export function CallFormPage({ ctx, form, p }: Ctx & { form: FormState; p: Programme }) {
  const { t } = ctx;
  const title = t('grants.call.newOf', { name: p.name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: grantsAdminPath, label: t('grants.admin.title') }, { href: programmePath(p), label: p.name }, { label: t('grants.call.new') }]}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={newCallPath(p)}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField ctx={ctx} form={form} name="title" label={t('grants.fields.callTitle')} required maxLength={200} />
        <div class="fieldset-row">
          <TextField ctx={ctx} form={form} name="opensOn" type="date" label={t('grants.fields.opensOn')} required />
          <TextField ctx={ctx} form={form} name="opensTime" type="time" label={t('grants.fields.opensTime')} hint={t('grants.fields.opensTimeHint')} />
        </div>
        <div class="fieldset-row">
          <TextField ctx={ctx} form={form} name="closesOn" type="date" label={t('grants.fields.closesOn')} hint={t('grants.fields.closesOnHint')} />
          <TextField ctx={ctx} form={form} name="closesTime" type="time" label={t('grants.fields.closesTime')} hint={t('grants.fields.closesTimeHint')} />
        </div>
        <TextField ctx={ctx} form={form} name="budget" label={t('grants.fields.budget')} hint={t('grants.fields.budgetHint')} required maxLength={20} />
        <TextArea ctx={ctx} form={form} name="description" label={t('grants.fields.description')} rows={4} maxLength={4000} />
        <Submit>{t('grants.call.open')}</Submit>
      </Form>
    </Layout>
  );
}

/** The form values of the builder's rows for a form version's questions. */
export function builderValues(questions: Question[], version: number): Record<string, string> {
  const out: Record<string, string> = { formVersion: String(version) };
  questions.forEach((q, i) => {
    out[`key_${i}`] = q.key;
    out[`kind_${i}`] = q.kind;
    out[`label_${i}`] = q.label;
    out[`help_${i}`] = q.help;
    out[`required_${i}`] = q.required ? 'on' : '';
    out[`options_${i}`] = q.options.join('\n');
    out[`prefill_${i}`] = q.prefill;
    out[`position_${i}`] = String(i + 1);
  });
  return out;
}

/**
 * The officer's builder of a programme's application form: one row per question (its kind, label,
 * help, whether it is required, a choice's options, what the register fills in, its place), and
 * empty rows for new ones. Saving writes a new version; applications keep the version they began on.
 */
export function FormBuilderPage({ ctx, p, form, rows, version, inUse }: Ctx & { p: Programme; form: FormState; rows: number; version: number; inUse: number }) {
  const { t } = ctx;
  const title = t('grants.builder.title', { name: p.name });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: grantsAdminPath, label: t('grants.admin.title') }, { href: programmePath(p), label: p.name }, { label: t('grants.builder.short') }]}
    >
      <h1>{title}</h1>
      <p>{t('grants.builder.lead', { version })}</p>
      {inUse ? <p class="notice">{t('grants.builder.inUse', { count: inUse })}</p> : null}
      <Form ctx={ctx} action={formAdminPath(p)} class="wide-form">
        <ErrorSummary ctx={ctx} form={form} />
        <input type="hidden" name="formVersion" value={form.values.formVersion ?? String(version)} />
        {Array.from({ length: rows }, (_, i) => {
          const existing = Boolean(form.values[`key_${i}`]);
          return (
            <fieldset key={i} class="question-row">
              <legend>{existing ? t('grants.builder.question', { n: i + 1 }) : t('grants.builder.newQuestion')}</legend>
              {existing ? <input type="hidden" name={`key_${i}`} value={form.values[`key_${i}`]} /> : null}
              <div class="fieldset-row">
                <SelectField
                  ctx={ctx}
                  form={form}
                  name={`kind_${i}`}
                  label={t('grants.builder.kind')}
                  required
                  options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`grants.builder.kinds.${k}`) }))}
                />
                <TextField ctx={ctx} form={form} name={`position_${i}`} type="number" label={t('grants.builder.position')} />
              </div>
              <TextField ctx={ctx} form={form} name={`label_${i}`} label={t('grants.builder.label')} required={existing} maxLength={300} />
              <TextField ctx={ctx} form={form} name={`help_${i}`} label={t('grants.builder.help')} maxLength={1000} />
              <TextArea ctx={ctx} form={form} name={`options_${i}`} label={t('grants.builder.options')} hint={t('grants.builder.optionsHint')} rows={3} />
              <SelectField
                ctx={ctx}
                form={form}
                name={`prefill_${i}`}
                label={t('grants.builder.prefill')}
                options={PREFILLS.filter((k) => k !== '').map((k) => ({ value: k, label: t(`grants.builder.prefills.${k as Exclude<typeof k, ''>}`) }))}
                empty={t('grants.builder.prefills.none')}
              />
              <Checkbox ctx={ctx} form={form} name={`required_${i}`} label={t('grants.builder.required')} />
              {existing ? <Checkbox ctx={ctx} form={form} name={`remove_${i}`} label={t('grants.builder.remove')} /> : null}
            </fieldset>
          );
        })}
        <Submit>{t('grants.builder.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** Numbered pages of a list that is sorted in several ways (the officers' table, the grants awarded): previous, "page n of m", next. */
export function PageLinks({ ctx, page, pages, href }: Ctx & { page: number; pages: number; href: (page: number) => string }) {
  const { t } = ctx;
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t('platform.pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('grants.table.previous')}
            </a>
          </li>
        ) : null}
        <li>{t('grants.table.page', { page, pages })}</li>
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('platform.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

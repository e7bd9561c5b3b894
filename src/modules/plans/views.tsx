import type { FormState } from '../../platform/http/forms.js';
import { formatDate, formatDateTime, formatDay, formatNumber } from '../../platform/i18n/index.js';
import { FollowButton } from '../../platform/notifications/views.js';
import {
  ErrorSummary,
  FileField,
  Form,
  OnceField,
  Pagination,
  SelectField,
  Submit,
  TextArea,
  TextField,
  VersionField,
  withQuery,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { councilPath } from '../councils/index.js';
import { type Figures, isLate, ProgressChart, sumFigures } from './figures.js';
import {
  municipalityActionsPath,
  newPlanPath,
  planActionPath,
  planAreaPath,
  planCsvPath,
  planEditPath,
  planHistoryPath,
  planPath,
  planPhotoPath,
  planReviewsPath,
  plansPath,
  planVersionPath,
} from './paths.js';
import type { PlanAccess } from './policy.js';
import type { AreaWithFigures, FunctionActionRow, ListedAction, OverviewRow, PlanArea, PlanReview, PlanUpdate } from './queries.js';
import { ACTION_STATUSES, ANSWER_STATUSES, type PlanSnapshot, RESPONSIBLE_KINDS } from './schema.js';

type Ctx = { ctx: PageContext };
type Choice = { value: string; label: string };

const kronor = (ctx: PageContext, n: number | null) => (n === null ? '' : ctx.t('plans.kronor', { amount: formatNumber(ctx.lang, n) }));

/** The party responsible for an action, as a reader sees it. */
export function responsibleOf(
  tr: (key: string) => string,
  a: Pick<ListedAction, 'responsibleKind' | 'organisationName' | 'functionName'>,
  councilName: string,
): string {
  if (a.responsibleKind === 'function') return a.functionName ?? tr('plans.responsible.function');
  if (a.responsibleKind === 'organisation') return a.organisationName ?? tr('plans.responsible.organisation');
  return councilName;
}

/** The statuses of an action as a select offers them. */
const statusOptions = (ctx: PageContext) => ACTION_STATUSES.map((s) => ({ value: s, label: ctx.tr(`plans.status.${s}`) }));

const ownerName = (a: PlanAccess) => a.council?.name ?? a.owner?.name ?? '';

function planCrumbs(ctx: PageContext, a: PlanAccess, here?: string) {
  const items: { href?: string; label: string }[] = [{ href: plansPath, label: ctx.t('plans.overview.title') }];
  items.push(here ? { href: planPath(a.plan), label: a.plan.title } : { label: a.plan.title });
  if (here) items.push({ label: here });
  return items;
}

function StatusLine({ ctx, a, adoptedAt }: Ctx & { a: PlanAccess; adoptedAt?: { name: string; href: string } | null }) {
  const { t } = ctx;
  const p = a.plan;
  return (
    <p class="plan-status">
      {p.status === 'adopted' && p.adoptedOn
        ? t('plans.plan.adopted', { version: p.version, date: formatDay(ctx.lang, p.adoptedOn) })
        : p.adoptedVersion !== null
          ? t('plans.plan.revising', { version: p.version, adopted: p.adoptedVersion })
          : t('plans.plan.draft')}
      {adoptedAt ? (
        <>
          {' '}
          {t('plans.plan.adoptedAt')} <a href={adoptedAt.href}>{adoptedAt.name}</a>.
        </>
      ) : null}
    </p>
  );
}

function PlanNav({ ctx, a, editable }: Ctx & { a: PlanAccess; editable: boolean }) {
  const { t } = ctx;
  return (
    <nav class="plan-nav no-print" aria-label={t('plans.plan.navLabel')}>
      <ul class="inline-list">
        <li>
          <a href={planReviewsPath(a.plan)}>{t('plans.reviews.title')}</a>
        </li>
        <li>
          <a href={planHistoryPath(a.plan)}>{t('plans.history.title')}</a>
        </li>
        <li>
          <a href={planCsvPath(a.plan)} download>
            {t('plans.plan.csv')}
          </a>
        </li>
        {editable ? (
          <li>
            <a href={planEditPath(a.plan)}>{t('plans.edit.link')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A plan as a visitor reads it: the vision, then each focus area with its progress and its actions in priority order. */
export function PlanPage({
  ctx,
  a,
  following,
  areas,
  actions,
  today,
  editable,
  adoptedAt,
}: Ctx & {
  a: PlanAccess;
  following: boolean;
  areas: AreaWithFigures[];
  actions: ListedAction[];
  today: string;
  editable: boolean;
  /** The meeting whose minutes adopted the version in force, when the reader may see it. */
  adoptedAt?: { name: string; href: string } | null;
}) {
  const { t } = ctx;
  const p = a.plan;
  const all = sumFigures(areas.map((x) => x.figures));
  const owner = ownerName(a);
  return (
    <Layout ctx={ctx} title={p.title} breadcrumbs={planCrumbs(ctx, a)} description={p.vision.slice(0, 200)}>
      <h1>{p.title}</h1>
      <p class="lead">
        {a.council ? <a href={councilPath(a.council)}>{a.council.name}</a> : owner} · {t('plans.plan.period', { start: p.startYear, end: p.endYear })}
      </p>
      <StatusLine ctx={ctx} a={a} adoptedAt={adoptedAt} />
      <PlanNav ctx={ctx} a={a} editable={editable} />
      <FollowButton ctx={ctx} kind="plan" id={p.id} name={p.title} following={following} back={planPath(p)} />
      {p.vision ? (
        <section aria-labelledby="vision">
          <h2 id="vision">{t('plans.plan.vision')}</h2>
          <p class="prewrap">{p.vision}</p>
        </section>
      ) : null}
      <p>{t('plans.plan.summary', { done: all.counts.done, total: all.total, progress: all.counts.in_progress, late: all.late })}</p>
      {areas.length === 0 ? <p>{t('plans.plan.empty')}</p> : null}
      {areas.map((area) => {
        const mine = actions.filter((x) => x.areaId === area.id);
        return (
          <section key={area.id} aria-labelledby={`area-${area.id}`} class="plan-area">
            <h2 id={`area-${area.id}`}>{area.title}</h2>
            {area.description ? <p class="prewrap">{area.description}</p> : null}
            <ProgressChart ctx={ctx} figures={area.figures} id={`chart-${area.id}`} caption={t('plans.chart.caption', { area: area.title })} />
            {mine.length === 0 ? <p>{t('plans.plan.noActions')}</p> : <ActionList ctx={ctx} a={a} actions={mine} today={today} />}
            {area.figures.total > mine.length ? (
              <p class="no-print">
                <a href={planAreaPath(p, area)}>{t('plans.plan.allInArea', { count: area.figures.total, area: area.title })}</a>
              </p>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}

/** How many actions of each focus area the plan's page shows; the rest are on the area's own page. */
export const AREA_PREVIEW = 12;

/** Actions in priority order, numbered from `start` (1 first). */
function ActionList({ ctx, a, actions, today, start = 1 }: Ctx & { a: PlanAccess; actions: ListedAction[]; today: string; start?: number }) {
  const { t } = ctx;
  const p = a.plan;
  const owner = ownerName(a);
  return (
    <ol class="plan-actions" start={start}>
      {actions.map((x) => (
        <li key={x.id} class={`plan-action plan-action--${x.status}`}>
          <h3>
            <a href={planActionPath(p, x)}>{x.title}</a>
          </h3>
          <p class="plan-meta">
            <span class={`badge badge--${x.status}`}>{ctx.tr(`plans.status.${x.status}`)}</span>
            {isLate(x, today) ? <span class="badge badge--late">{t('plans.action.late')}</span> : null}{' '}
            {t('plans.action.responsibleShort', { who: responsibleOf(ctx.tr, x, owner) })}
            {x.targetDate ? ` · ${t('plans.action.targetShort', { date: formatDay(ctx.lang, x.targetDate) })}` : ''}
            {x.costEstimate !== null ? ` · ${kronor(ctx, x.costEstimate)}` : ''}
            {x.percent > 0 ? ` · ${t('plans.action.percent', { n: x.percent })}` : ''}
            {x.updates > 0 ? ` · ${t('plans.action.updates', { count: x.updates })}` : ''}
          </p>
          {x.answerStatus ? (
            <p class="plan-answer">{t('plans.answer.short', { who: x.functionName ?? '', status: ctx.tr(`plans.answerStatus.${x.answerStatus}`) })}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** One focus area of a plan with all its actions, a page at a time. */
export function AreaPage({
  ctx,
  a,
  area,
  figures,
  actions,
  start,
  next,
  today,
}: Ctx & { a: PlanAccess; area: PlanArea; figures: Figures; actions: ListedAction[]; start: number; next?: number; today: string }) {
  const { t } = ctx;
  const p = a.plan;
  return (
    <Layout ctx={ctx} title={`${area.title}: ${p.title}`} breadcrumbs={planCrumbs(ctx, a, area.title)}>
      <h1>{area.title}</h1>
      <p class="lead">
        <a href={planPath(p)}>{p.title}</a>
      </p>
      {area.description ? <p class="prewrap">{area.description}</p> : null}
      <ProgressChart ctx={ctx} figures={figures} id={`chart-${area.id}`} caption={t('plans.chart.caption', { area: area.title })} />
      {actions.length === 0 ? <p>{t('plans.plan.noActions')}</p> : <ActionList ctx={ctx} a={a} actions={actions} today={today} start={start} />}
      <Pagination
        ctx={ctx}
        isFirst={start === 1}
        firstHref={planAreaPath(p, area)}
        nextHref={next !== undefined ? withQuery(planAreaPath(p, area), { efter: next }) : undefined}
      />
    </Layout>
  );
}

/** A link from an action to something elsewhere, as the action's page shows it. */
export interface ShownLink {
  id: string;
  kind: string;
  name: string;
  href: string;
  note?: string;
}

/** One action: what it is, who answers for it, its updates and what it is linked to; the forms for those who may use them. */
export function ActionPage({
  ctx,
  a,
  action,
  area,
  updates,
  links,
  today,
  editable,
  answerable,
  forms,
  linkChoices,
}: Ctx & {
  a: PlanAccess;
  action: ListedAction;
  area: PlanArea;
  updates: PlanUpdate[];
  links: ShownLink[];
  today: string;
  editable: boolean;
  answerable: boolean;
  forms: { update: FormState; link: FormState; answer: FormState };
  linkChoices: { label: string; options: Choice[] }[];
}) {
  const { t } = ctx;
  const p = a.plan;
  const owner = ownerName(a);
  return (
    <Layout ctx={ctx} title={action.title} breadcrumbs={planCrumbs(ctx, a, action.title)}>
      <h1>{action.title}</h1>
      <p class="lead">
        {area.title} · <span class={`badge badge--${action.status}`}>{ctx.tr(`plans.status.${action.status}`)}</span>
        {isLate(action, today) ? <span class="badge badge--late">{t('plans.action.late')}</span> : null}
      </p>
      {action.description ? <p class="prewrap">{action.description}</p> : null}
      <dl class="facts">
        <dt>{t('plans.action.responsible')}</dt>
        <dd>{responsibleOf(ctx.tr, action, owner)}</dd>
        <dt>{t('plans.action.target')}</dt>
        <dd>{action.targetDate ? formatDay(ctx.lang, action.targetDate) : t('plans.action.noTarget')}</dd>
        <dt>{t('plans.action.cost')}</dt>
        <dd>{action.costEstimate !== null ? kronor(ctx, action.costEstimate) : t('plans.action.noCost')}</dd>
        <dt>{t('plans.action.funding')}</dt>
        <dd>{action.fundingSource || t('plans.action.noFunding')}</dd>
        <dt>{t('plans.action.progress')}</dt>
        <dd>{t('plans.action.percent', { n: action.percent })}</dd>
      </dl>
      {action.responsibleKind === 'function' ? (
        <section aria-labelledby="answer">
          <h2 id="answer">{t('plans.answer.title', { who: action.functionName ?? '' })}</h2>
          {action.answerStatus ? (
            <>
              <p>
                <span class="badge">{ctx.tr(`plans.answerStatus.${action.answerStatus}`)}</span>
                {action.answeredAt ? ` ${formatDate(ctx.lang, action.answeredAt, ctx.timeZone)}` : ''}
              </p>
              <p class="prewrap">{action.answer}</p>
            </>
          ) : (
            <p>{t('plans.answer.none')}</p>
          )}
          {answerable ? (
            <Form ctx={ctx} action={`${planActionPath(p, action)}/svar`} class="no-print">
              <ErrorSummary ctx={ctx} form={forms.answer} />
              <SelectField
                ctx={ctx}
                form={forms.answer}
                name="answerStatus"
                label={t('plans.answer.status')}
                required
                options={ANSWER_STATUSES.map((s) => ({ value: s, label: ctx.tr(`plans.answerStatus.${s}`) }))}
              />
              <SelectField ctx={ctx} form={forms.answer} name="status" label={t('plans.action.status')} required options={statusOptions(ctx)} />
              <TextArea ctx={ctx} form={forms.answer} name="answer" label={t('plans.answer.comment')} required maxLength={4000} />
              <Submit>{t('plans.answer.submit')}</Submit>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="links">
        <h2 id="links">{t('plans.links.title')}</h2>
        {links.length === 0 ? (
          <p>{t('plans.links.none')}</p>
        ) : (
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                {ctx.tr(`plans.links.kind.${l.kind}`)}: <a href={l.href}>{l.name}</a>
                {l.note ? ` (${l.note})` : ''}
                {editable ? (
                  <Form ctx={ctx} action={`${planActionPath(p, action)}/lankar/ta-bort`} class="inline-form no-print">
                    <input type="hidden" name="link" value={l.id} />
                    <button type="submit" class="button button--link">
                      {t('plans.links.remove', { name: l.name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editable && linkChoices.some((g) => g.options.length > 0) ? (
          <Form ctx={ctx} action={`${planActionPath(p, action)}/lankar`} class="no-print">
            <ErrorSummary ctx={ctx} form={forms.link} />
            <div class={forms.link.errors.target ? 'field field--error' : 'field'}>
              <label for="f-target">{t('plans.links.choose')}</label>
              {forms.link.errors.target ? (
                <p class="field-error" id="f-target-error">
                  {ctx.tr(forms.link.errors.target.key)}
                </p>
              ) : null}
              <select id="f-target" name="target" aria-invalid={forms.link.errors.target ? 'true' : undefined}>
                <option value="">{t('plans.links.pick')}</option>
                {linkChoices.map((g) =>
                  g.options.length ? (
                    <optgroup key={g.label} label={g.label}>
                      {g.options.map((o) => (
                        <option key={o.value} value={o.value} selected={forms.link.values.target === o.value}>
                          {o.label}
                        </option>
                      ))}
                    </optgroup>
                  ) : null,
                )}
              </select>
            </div>
            <Submit secondary>{t('plans.links.add')}</Submit>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="updates">
        <h2 id="updates">{t('plans.updates.title')}</h2>
        {editable ? (
          <Form ctx={ctx} action={`${planActionPath(p, action)}/uppdateringar`} enctype="multipart/form-data" class="no-print">
            <ErrorSummary ctx={ctx} form={forms.update} />
            <OnceField form={forms.update} />
            <TextField ctx={ctx} form={forms.update} name="day" type="date" label={t('plans.updates.day')} required />
            <TextArea ctx={ctx} form={forms.update} name="body" label={t('plans.updates.body')} required maxLength={4000} />
            <TextField ctx={ctx} form={forms.update} name="percent" type="number" label={t('plans.updates.percent')} hint={t('plans.updates.percentHint')} />
            <FileField
              ctx={ctx}
              form={forms.update}
              name="photo"
              label={t('plans.updates.photo')}
              hint={t('plans.updates.photoHint')}
              accept=".jpg,.jpeg,.png,.webp"
            />
            <TextField
              ctx={ctx}
              form={forms.update}
              name="photoAlt"
              label={t('plans.updates.photoAlt')}
              hint={t('plans.updates.photoAltHint')}
              maxLength={300}
            />
            <Submit>{t('plans.updates.submit')}</Submit>
          </Form>
        ) : null}
        {updates.length === 0 ? (
          <p>{t('plans.updates.none')}</p>
        ) : (
          <ol class="timeline">
            {updates.map((u) => (
              <li key={u.id}>
                <p class="plan-meta">
                  <time dateTime={u.day}>{formatDay(ctx.lang, u.day)}</time>
                  {u.percent !== null ? ` · ${t('plans.action.percent', { n: u.percent })}` : ''}
                </p>
                {u.messageKey ? (
                  <p>{u.link ? <a href={u.link}>{ctx.tr(u.messageKey, u.vars ?? {})}</a> : ctx.tr(u.messageKey, u.vars ?? {})}</p>
                ) : (
                  <p class="prewrap">{u.body}</p>
                )}
                {u.hasPhoto ? <img src={planPhotoPath(p, action, u)} alt={u.photoAlt} class="plan-photo" loading="lazy" /> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p class="no-print">
        <a href={planPath(p)}>{t('plans.action.back', { plan: p.title })}</a>
        {editable ? (
          <>
            {' · '}
            <a href={`${planActionPath(p, action)}/redigera`}>{t('plans.action.edit')}</a>
          </>
        ) : null}
      </p>
    </Layout>
  );
}

/** The fields of an action, for adding one and for changing it. */
function ActionFields({
  ctx,
  form,
  areas,
  organisations,
  functions,
}: Ctx & { form: FormState; areas: Choice[]; organisations: Choice[]; functions: Choice[] }) {
  const { t } = ctx;
  return (
    <>
      <SelectField ctx={ctx} form={form} name="areaId" label={t('plans.action.area')} required options={areas} />
      <TextField ctx={ctx} form={form} name="title" label={t('plans.action.title')} required maxLength={200} />
      <TextArea ctx={ctx} form={form} name="description" label={t('plans.action.description')} maxLength={4000} rows={3} />
      <SelectField
        ctx={ctx}
        form={form}
        name="responsibleKind"
        label={t('plans.action.responsibleKind')}
        required
        options={RESPONSIBLE_KINDS.map((k) => ({ value: k, label: ctx.tr(`plans.responsible.${k}`) }))}
      />
      <SelectField
        ctx={ctx}
        form={form}
        name="organisationId"
        label={t('plans.action.organisation')}
        hint={t('plans.action.organisationHint')}
        options={organisations}
        empty={t('plans.action.none')}
      />
      <SelectField
        ctx={ctx}
        form={form}
        name="functionId"
        label={t('plans.action.function')}
        hint={t('plans.action.functionHint')}
        options={functions}
        empty={t('plans.action.none')}
      />
      <TextField ctx={ctx} form={form} name="costEstimate" label={t('plans.action.cost')} hint={t('plans.action.costHint')} maxLength={20} />
      <TextField ctx={ctx} form={form} name="fundingSource" label={t('plans.action.funding')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="targetDate" type="date" label={t('plans.action.target')} hint={t('plans.action.targetHint')} />
      <SelectField ctx={ctx} form={form} name="status" label={t('plans.action.status')} required options={statusOptions(ctx)} />
    </>
  );
}

/** Changing one action. */
export function EditActionPage({
  ctx,
  a,
  action,
  form,
  choices,
}: Ctx & { a: PlanAccess; action: ListedAction; form: FormState; choices: { areas: Choice[]; organisations: Choice[]; functions: Choice[] } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('plans.action.editTitle', { title: action.title })} breadcrumbs={planCrumbs(ctx, a, action.title)}>
      <h1>{t('plans.action.editTitle', { title: action.title })}</h1>
      <Form ctx={ctx} action={`${planActionPath(a.plan, action)}/redigera`}>
        <ErrorSummary ctx={ctx} form={form} />
        <VersionField form={form} version={action.updatedAt} />
        <ActionFields ctx={ctx} form={form} {...choices} />
        <Submit>{t('plans.action.save')}</Submit>
      </Form>
      <p>
        <a href={planActionPath(a.plan, action)}>{t('plans.action.cancel')}</a>
      </p>
    </Layout>
  );
}

/** Keeping a plan: its text, its focus areas, the order of its actions, a new action, adoption and revision. */
export function EditPlanPage({
  ctx,
  a,
  areas,
  actions,
  forms,
  choices,
  meetings,
}: Ctx & {
  a: PlanAccess;
  areas: PlanArea[];
  actions: ListedAction[];
  forms: { plan: FormState; area: FormState; action: FormState; adopt: FormState; order: FormState; areaEdit: Record<string, FormState> };
  choices: { areas: Choice[]; organisations: Choice[]; functions: Choice[] };
  meetings: Choice[];
}) {
  const { t } = ctx;
  const p = a.plan;
  const base = planEditPath(p);
  // Several forms on one page share field names (a title each): each gets ids of its own.
  const plan = { ...forms.plan, idPrefix: 'plan' };
  const newArea = { ...forms.area, idPrefix: 'area' };
  const newAction = { ...forms.action, idPrefix: 'action' };
  const adopt = { ...forms.adopt, idPrefix: 'adopt' };
  return (
    <Layout ctx={ctx} title={t('plans.edit.title', { title: p.title })} breadcrumbs={planCrumbs(ctx, a, t('plans.edit.link'))}>
      <h1>{t('plans.edit.title', { title: p.title })}</h1>
      <StatusLine ctx={ctx} a={a} />
      <section aria-labelledby="order">
        <h2 id="order">{t('plans.edit.order')}</h2>
        <p class="hint">{t('plans.edit.orderHint')}</p>
        <ErrorSummary ctx={ctx} form={forms.order} />
        {areas.map((area) => {
          const mine = actions.filter((x) => x.areaId === area.id);
          const edited = forms.areaEdit[area.id];
          const af = edited ? { ...edited, idPrefix: `edit-${area.id}` } : undefined;
          return (
            <div key={area.id} class="plan-edit-area">
              <h3 id={`area-${area.id}`}>{area.title}</h3>
              {mine.length === 0 ? (
                <p>{t('plans.plan.noActions')}</p>
              ) : (
                // One form per area, one button per move: the place pressed and the revision shown go with it.
                <Form ctx={ctx} action={`${base}/flytta`}>
                  <input type="hidden" name="area" value={area.id} />
                  <input type="hidden" name="revision" value={String(p.revision)} />
                  <ol class="plan-order">
                    {mine.map((x, i) => (
                      <li key={x.id}>
                        {x.title}{' '}
                        {i > 0 ? (
                          <button type="submit" name="move" value={`${i}u`} class="move" aria-label={t('plans.edit.up', { title: x.title })}>
                            {t('plans.edit.upShort')}
                          </button>
                        ) : null}
                        {i < mine.length - 1 ? (
                          <button type="submit" name="move" value={`${i}d`} class="move" aria-label={t('plans.edit.down', { title: x.title })}>
                            {t('plans.edit.downShort')}
                          </button>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </Form>
              )}
              {af ? (
                <details>
                  <summary>{t('plans.edit.areaEdit', { title: area.title })}</summary>
                  <Form ctx={ctx} action={`${base}/omraden/${area.id}`}>
                    <ErrorSummary ctx={ctx} form={af} />
                    <VersionField form={af} version={area.updatedAt} />
                    <TextField ctx={ctx} form={af} name="title" label={t('plans.area.title')} required maxLength={200} />
                    <TextArea ctx={ctx} form={af} name="description" label={t('plans.area.description')} rows={3} maxLength={2000} />
                    <Submit secondary>{t('plans.area.save')}</Submit>
                  </Form>
                </details>
              ) : null}
            </div>
          );
        })}
      </section>
      {areas.length > 0 ? (
        <section aria-labelledby="new-action">
          <h2 id="new-action">{t('plans.edit.newAction')}</h2>
          <Form ctx={ctx} action={`${base}/atgarder`}>
            <ErrorSummary ctx={ctx} form={newAction} />
            <OnceField form={newAction} />
            <ActionFields ctx={ctx} form={newAction} {...choices} />
            <Submit>{t('plans.edit.addAction')}</Submit>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="new-area">
        <h2 id="new-area">{t('plans.edit.newArea')}</h2>
        <Form ctx={ctx} action={`${base}/omraden`}>
          <ErrorSummary ctx={ctx} form={newArea} />
          <TextField ctx={ctx} form={newArea} name="title" label={t('plans.area.title')} required maxLength={200} />
          <TextArea ctx={ctx} form={newArea} name="description" label={t('plans.area.description')} rows={3} maxLength={2000} />
          <Submit secondary>{t('plans.edit.addArea')}</Submit>
        </Form>
      </section>
      <section aria-labelledby="plan-text">
        <h2 id="plan-text">{t('plans.edit.text')}</h2>
        <Form ctx={ctx} action={base}>
          <ErrorSummary ctx={ctx} form={plan} />
          <VersionField form={plan} version={p.updatedAt} />
          <PlanFields ctx={ctx} form={plan} />
          <Submit>{t('plans.edit.save')}</Submit>
        </Form>
      </section>
      <section aria-labelledby="adoption">
        <h2 id="adoption">{t('plans.edit.adoption')}</h2>
        {p.status === 'draft' ? (
          <Form ctx={ctx} action={`${base}/anta`}>
            <ErrorSummary ctx={ctx} form={adopt} />
            <p class="hint">{t('plans.edit.adoptHint', { version: p.version })}</p>
            <TextField ctx={ctx} form={adopt} name="adoptedOn" type="date" label={t('plans.edit.adoptedOn')} required />
            <SelectField
              ctx={ctx}
              form={adopt}
              name="meetingId"
              label={t('plans.edit.adoptedAt')}
              hint={t('plans.edit.adoptedAtHint')}
              options={meetings}
              empty={t('plans.action.none')}
            />
            <Submit>{t('plans.edit.adopt', { version: p.version })}</Submit>
          </Form>
        ) : (
          <Form ctx={ctx} action={`${base}/revidera`}>
            <p class="hint">{t('plans.edit.reviseHint', { version: p.version + 1 })}</p>
            <Submit secondary>{t('plans.edit.revise', { version: p.version + 1 })}</Submit>
          </Form>
        )}
      </section>
    </Layout>
  );
}

function PlanFields({ ctx, form }: Ctx & { form: FormState }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="title" label={t('plans.plan.titleField')} required maxLength={200} />
      <TextField ctx={ctx} form={form} name="startYear" type="number" label={t('plans.plan.startYear')} required />
      <TextField ctx={ctx} form={form} name="endYear" type="number" label={t('plans.plan.endYear')} required />
      <TextArea ctx={ctx} form={form} name="vision" label={t('plans.plan.vision')} rows={5} maxLength={4000} />
    </>
  );
}

/** Starting a plan: for a council one runs, or (administrators, a function's handlers) a municipal project. */
export function NewPlanPage({ ctx, form, councils, functions }: Ctx & { form: FormState; councils: Choice[]; functions: Choice[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('plans.new.title')} breadcrumbs={[{ href: plansPath, label: t('plans.overview.title') }, { label: t('plans.new.title') }]}>
      <h1>{t('plans.new.title')}</h1>
      <Form ctx={ctx} action={newPlanPath}>
        <ErrorSummary ctx={ctx} form={form} />
        <OnceField form={form} />
        <SelectField
          ctx={ctx}
          form={form}
          name="councilId"
          label={t('plans.new.council')}
          hint={t('plans.new.councilHint')}
          options={councils}
          empty={t('plans.action.none')}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="functionId"
          label={t('plans.new.function')}
          hint={t('plans.new.functionHint')}
          options={functions}
          empty={t('plans.action.none')}
        />
        <PlanFields ctx={ctx} form={form} />
        <Submit>{t('plans.new.submit')}</Submit>
      </Form>
    </Layout>
  );
}

/** Every plan side by side: its actions per status, the late ones and those with no news for six months. */
export function OverviewPage({ ctx, rows, mayStart }: Ctx & { rows: OverviewRow[]; mayStart: boolean }) {
  const { t } = ctx;
  const groups: { kind: OverviewRow['kind']; title: string }[] = [
    { kind: 'council', title: t('plans.overview.councils') },
    { kind: 'project', title: t('plans.overview.projects') },
  ];
  return (
    <Layout ctx={ctx} title={t('plans.overview.title')}>
      <h1>{t('plans.overview.title')}</h1>
      <p class="lead">{t('plans.overview.lead')}</p>
      <p class="no-print">
        <a href={municipalityActionsPath}>{t('plans.municipality.title')}</a>
        {mayStart ? (
          <>
            {' · '}
            <a href={newPlanPath}>{t('plans.new.title')}</a>
          </>
        ) : null}
      </p>
      {groups.map((g) => {
        const mine = rows.filter((r) => r.kind === g.kind);
        if (mine.length === 0) return null;
        return (
          <div class="table-wrap" key={g.kind}>
            <table class="plan-overview">
              <caption>{g.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.overview.plan')}</th>
                  <th scope="col">{t('plans.overview.period')}</th>
                  {ACTION_STATUSES.map((s) => (
                    <th scope="col" key={s}>
                      {ctx.tr(`plans.status.${s}`)}
                    </th>
                  ))}
                  <th scope="col">{t('plans.chart.late')}</th>
                  <th scope="col">{t('plans.overview.quiet')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={planPath(r)}>{r.title}</a>
                      <br />
                      <span class="plan-meta">
                        {r.ownerName}
                        {r.status === 'draft' ? ` · ${t('plans.overview.draft')}` : ''}
                      </span>
                    </th>
                    <td>{`${r.startYear}–${r.endYear}`}</td>
                    {ACTION_STATUSES.map((s) => (
                      <td key={s}>{r.figures.counts[s]}</td>
                    ))}
                    <td>{r.figures.late}</td>
                    <td>{r.figures.quiet}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      {rows.length === 0 ? <p>{t('plans.overview.none')}</p> : null}
    </Layout>
  );
}

/** What the localities ask of the municipality: actions that name a function, across all plans. */
export function MunicipalityPage({
  ctx,
  rows,
  functions,
  chosen,
  unanswered,
  next,
  isFirst,
}: Ctx & { rows: FunctionActionRow[]; functions: Choice[]; chosen: string; unanswered: boolean; next?: string; isFirst: boolean }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('plans.municipality.title')}
      breadcrumbs={[{ href: plansPath, label: t('plans.overview.title') }, { label: t('plans.municipality.title') }]}
    >
      <h1>{t('plans.municipality.title')}</h1>
      <p class="lead">{t('plans.municipality.lead')}</p>
      <form method="get" action={municipalityActionsPath} class="filters no-print">
        <div class="field">
          <label for="f-funktion">{t('plans.municipality.function')}</label>
          <select id="f-funktion" name="funktion">
            <option value="">{t('plans.municipality.all')}</option>
            {functions.map((f) => (
              <option key={f.value} value={f.value} selected={f.value === chosen}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input type="checkbox" id="f-obesvarade" name="obesvarade" value="1" checked={unanswered} />
          <label for="f-obesvarade">{t('plans.municipality.unanswered')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('plans.municipality.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('plans.municipality.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('plans.municipality.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.action.title')}</th>
                <th scope="col">{t('plans.municipality.plan')}</th>
                <th scope="col">{t('plans.action.function')}</th>
                <th scope="col">{t('plans.action.status')}</th>
                <th scope="col">{t('plans.answer.status')}</th>
                <th scope="col">{t('plans.action.target')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.action.id}>
                  <th scope="row">
                    <a href={planActionPath(r.plan, r.action)}>{r.action.title}</a>
                  </th>
                  <td>
                    <a href={planPath(r.plan)}>{r.plan.ownerName}</a>
                  </td>
                  <td>{r.functionName}</td>
                  <td>{ctx.tr(`plans.status.${r.action.status}`)}</td>
                  <td>{r.action.answerStatus ? ctx.tr(`plans.answerStatus.${r.action.answerStatus}`) : t('plans.answer.notYet')}</td>
                  <td>{r.action.targetDate ? formatDay(ctx.lang, r.action.targetDate) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery(municipalityActionsPath, { funktion: chosen, obesvarade: unanswered ? '1' : undefined })}
        nextHref={next ? withQuery(municipalityActionsPath, { funktion: chosen, obesvarade: unanswered ? '1' : undefined, efter: next }) : undefined}
      />
    </Layout>
  );
}

/** Translates a history line's values that are codes (a status) into the reader's language. */
function historyVars(ctx: PageContext, vars: Record<string, string>): Record<string, string> {
  const out = { ...vars };
  for (const k of ['from', 'to'] as const) if (out[k]) out[k] = ctx.tr(`plans.status.${out[k]}`);
  if (out.answer) out.answer = ctx.tr(`plans.answerStatus.${out.answer}`);
  if (out.day) out.day = formatDay(ctx.lang, out.day);
  return out;
}

/** A plan's public history, newest first. */
export function HistoryPage({
  ctx,
  a,
  rows,
  next,
  isFirst,
}: Ctx & {
  a: PlanAccess;
  rows: { id: string; messageKey: string; vars: Record<string, string>; at: Date; actionId: string | null }[];
  next?: string;
  isFirst: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('plans.history.titleOf', { title: a.plan.title })} breadcrumbs={planCrumbs(ctx, a, t('plans.history.title'))}>
      <h1>{t('plans.history.titleOf', { title: a.plan.title })}</h1>
      {rows.length === 0 ? (
        <p>{t('plans.history.none')}</p>
      ) : (
        <ol class="timeline">
          {rows.map((r) => (
            <li key={r.id}>
              <p class="plan-meta">
                <time dateTime={r.at.toISOString()}>{formatDateTime(ctx.lang, r.at, ctx.timeZone)}</time>
              </p>
              <p>
                {r.actionId ? (
                  <a href={planActionPath(a.plan, { id: r.actionId })}>{ctx.tr(r.messageKey, historyVars(ctx, r.vars))}</a>
                ) : (
                  ctx.tr(r.messageKey, historyVars(ctx, r.vars))
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={planHistoryPath(a.plan)}
        nextHref={next ? withQuery(planHistoryPath(a.plan), { efter: next }) : undefined}
      />
    </Layout>
  );
}

/** The yearly reviews of a plan and its adopted versions; the form for a new review. */
export function ReviewsPage({
  ctx,
  a,
  reviews,
  versions,
  meetingNames,
  editable,
  form,
  meetings,
}: Ctx & {
  a: PlanAccess;
  reviews: PlanReview[];
  versions: { version: number; adoptedOn: string; meetingId: string | null }[];
  meetingNames: Map<string, { name: string; href: string }>;
  editable: boolean;
  form: FormState;
  meetings: Choice[];
}) {
  const { t } = ctx;
  const p = a.plan;
  const meetingLink = (id: string | null) => {
    const m = id ? meetingNames.get(id) : undefined;
    return m ? (
      <>
        {' '}
        {t('plans.reviews.at')} <a href={m.href}>{m.name}</a>
      </>
    ) : null;
  };
  return (
    <Layout ctx={ctx} title={t('plans.reviews.titleOf', { title: p.title })} breadcrumbs={planCrumbs(ctx, a, t('plans.reviews.title'))}>
      <h1>{t('plans.reviews.titleOf', { title: p.title })}</h1>
      <section aria-labelledby="reviews">
        <h2 id="reviews">{t('plans.reviews.yearly')}</h2>
        {reviews.length === 0 ? <p>{t('plans.reviews.none')}</p> : null}
        {reviews.map((r) => (
          <article key={r.id} class="plan-review" aria-labelledby={`review-${r.year}`}>
            <h3 id={`review-${r.year}`}>{t('plans.reviews.of', { year: r.year })}</h3>
            <p class="plan-meta">
              {t('plans.reviews.on', { date: formatDay(ctx.lang, r.reviewedOn) })}
              {meetingLink(r.meetingId)}
            </p>
            <p class="prewrap">{r.body}</p>
          </article>
        ))}
        {editable ? (
          <Form ctx={ctx} action={planReviewsPath(p)} class="no-print">
            <h3>{t('plans.reviews.new')}</h3>
            <ErrorSummary ctx={ctx} form={form} />
            <TextField ctx={ctx} form={form} name="year" type="number" label={t('plans.reviews.year')} required />
            <TextField ctx={ctx} form={form} name="reviewedOn" type="date" label={t('plans.reviews.date')} required />
            <SelectField ctx={ctx} form={form} name="meetingId" label={t('plans.reviews.meeting')} options={meetings} empty={t('plans.action.none')} />
            <TextArea
              ctx={ctx}
              form={form}
              name="body"
              label={t('plans.reviews.body')}
              hint={t('plans.reviews.bodyHint')}
              required
              rows={10}
              maxLength={20000}
            />
            <Submit>{t('plans.reviews.submit')}</Submit>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="versions">
        <h2 id="versions">{t('plans.versions.title')}</h2>
        {versions.length === 0 ? (
          <p>{t('plans.versions.none')}</p>
        ) : (
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                <a href={planVersionPath(p, v.version)}>{t('plans.versions.item', { version: v.version, date: formatDay(ctx.lang, v.adoptedOn) })}</a>
                {meetingLink(v.meetingId)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** A version of a plan as it was adopted. */
export function VersionPage({ ctx, a, version, adoptedOn, snapshot }: Ctx & { a: PlanAccess; version: number; adoptedOn: string; snapshot: PlanSnapshot }) {
  const { t } = ctx;
  const label = t('plans.versions.item', { version, date: formatDay(ctx.lang, adoptedOn) });
  return (
    <Layout ctx={ctx} title={`${snapshot.title}: ${label}`} breadcrumbs={planCrumbs(ctx, a, label)}>
      <h1>{`${snapshot.title}: ${label}`}</h1>
      <p class="lead">{t('plans.plan.period', { start: snapshot.startYear, end: snapshot.endYear })}</p>
      <p class="notice">{t('plans.versions.notice')}</p>
      {snapshot.vision ? (
        <section aria-labelledby="vision">
          <h2 id="vision">{t('plans.plan.vision')}</h2>
          <p class="prewrap">{snapshot.vision}</p>
        </section>
      ) : null}
      {snapshot.areas.map((area, i) => (
        <section key={`${i}-${area.title}`} aria-labelledby={`v-area-${i}`}>
          <h2 id={`v-area-${i}`}>{area.title}</h2>
          {area.description ? <p class="prewrap">{area.description}</p> : null}
          <ol>
            {area.actions.map((x, j) => (
              <li key={`${j}-${x.title}`}>
                <strong>{x.title}</strong> ({ctx.tr(`plans.status.${x.status}`)}
                {x.targetDate ? `, ${formatDay(ctx.lang, x.targetDate)}` : ''}
                {x.costEstimate !== null ? `, ${kronor(ctx, x.costEstimate)}` : ''}){x.description ? <p class="prewrap">{x.description}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}

/** The plan of a council on the council's page: its period, how far it has come, and where to read it. */
export function CouncilPlanSection({ ctx, row }: Ctx & { row: OverviewRow }) {
  const { t } = ctx;
  const f = row.figures;
  return (
    <section aria-labelledby="council-plan">
      <h2 id="council-plan">{t('plans.section.title')}</h2>
      <p>
        <a href={planPath(row)}>{row.title}</a> ({`${row.startYear}–${row.endYear}`}){row.status === 'draft' ? ` · ${t('plans.overview.draft')}` : ''}
      </p>
      <p>{t('plans.plan.summary', { done: f.counts.done, total: f.total, progress: f.counts.in_progress, late: f.late })}</p>
    </section>
  );
}

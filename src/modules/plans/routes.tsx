import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, ForbiddenError, isAdmin, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { csvHeaders, toCsv } from '../../platform/csv.js';
import { type FieldError, type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { checkImage, readForm } from '../../platform/http/uploads.js';
import { cursorFrom, Slug, TimeCursorQuery, Uuid } from '../../platform/http/validation.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import type { AppServices } from '../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../platform/submissions/index.js';
import { today } from '../../platform/time.js';
import { listCouncilOrganisationIds, listCouncils, listCouncilsRunBy } from '../councils/index.js';
import { grantChoices, grantLinks } from '../grants/index.js';
import { meetingChoices, meetingLinks } from '../meetings/index.js';
import { getOrganisationNames } from '../organisations/index.js';
import { questionChoices, questionLinks } from '../questions/index.js';
import { listFunctions } from '../tenancy/index.js';
import {
  ActionInput,
  AdoptInput,
  AnswerInput,
  AreaInput,
  addAction,
  addArea,
  addLink,
  addReview,
  addUpdate,
  adoptPlan,
  answerAction,
  createPlan,
  LinkInput,
  moveAction,
  NewPlanInput,
  PlanInput,
  ReviewInput,
  removeLink,
  revisePlan,
  saveAction,
  saveArea,
  savePlan,
  UpdateInput,
} from './commands.js';
import { isLate } from './figures.js';
import { municipalityActionsPath, newPlanPath, planActionPath, planEditPath, planPath, planReviewsPath, plansPath } from './paths.js';
import { answeringFunctions, canAnswer, canEdit, type PlanAccess, planPolicy } from './policy.js';
import {
  getPlanBySlug,
  getUpdatePhoto,
  getVersion,
  type ListedAction,
  listFunctionActions,
  listHistory,
  listOverview,
  listReviewsAndVersions,
  loadAction,
  loadPlanContent,
  type PlanArea,
} from './queries.js';
import {
  ActionPage,
  AREA_PREVIEW,
  AreaPage,
  EditActionPage,
  EditPlanPage,
  HistoryPage,
  MunicipalityPage,
  NewPlanPage,
  OverviewPage,
  PlanPage,
  ReviewsPage,
  responsibleOf,
  type ShownLink,
  VersionPage,
} from './views.js';

/** The largest photo an update takes. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const MunicipalityQuery = z.object({
  funktion: Slug.optional().catch(undefined),
  obesvarade: z.literal('1').optional().catch(undefined),
  efter: Uuid.optional().catch(undefined),
});
const HistoryQuery = z.object(TimeCursorQuery);
const AreaQuery = z.object({ efter: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined) });

/** How many actions a focus area's page shows at a time. */
const AREA_PAGE_SIZE = 50;
/** A move as the order's form posts it: the area, the button pressed (`3u`: the fourth action up, `0d`: the first down), the revision shown. */
const MoveInput = z.object({ area: Uuid, move: z.string().regex(/^\d{1,4}[ud]$/), revision: z.coerce.number().int().min(0) });
const UnlinkInput = z.object({ link: Uuid });

type SlugReq = FastifyRequest<{ Params: { slug: string } }>;
type ActionReq = FastifyRequest<{ Params: { slug: string; id: string } }>;

/** Plans: the overview, a plan's pages, keeping it, reporting on it, and the municipality's list. */
export function planRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator } = services;
  const has = translator.has;

  /** The plan of the address the actor may read, or 404; `edit` asks that they may keep it. */
  const loadPlan = async (req: SlugReq, need: 'view' | 'edit' = 'view') => {
    const found = await getPlanBySlug(db, req.actor, req.params.slug);
    if (!found) throw new NotFoundError();
    authorize(planPolicy, req.actor, 'view', found);
    if (need === 'edit') authorize(planPolicy, req.actor, 'edit', found);
    return found;
  };

  /** The action of the plan, or 404. */
  const loadActionOf = async (a: PlanAccess, id: string) => {
    const found = await loadAction(db, a.plan.id, id);
    if (!found) throw new NotFoundError();
    return found;
  };

  /** The choices of an action's form: the plan's areas, the council's member organisations, the municipality's functions. */
  const actionChoices = async (req: FastifyRequest, a: PlanAccess, areas: PlanArea[]) => {
    const [orgIds, functions] = await Promise.all([
      a.council ? listCouncilOrganisationIds(db, a.council.id) : Promise.resolve([]),
      listFunctions(db, req.tenant.id),
    ]);
    const names = await getOrganisationNames(db, req.tenant.id, orgIds);
    return {
      areas: areas.map((x) => ({ value: x.id, label: x.title })),
      organisations: [...names.entries()].map(([id, o]) => ({ value: id, label: o.name })).sort((x, y) => x.label.localeCompare(y.label, 'sv')),
      functions: functions.map((f) => ({ value: f.id, label: f.name })),
    };
  };

  /** An action's form refused when it names an organisation or a function not among the choices. */
  const checkChoices = (input: z.infer<typeof ActionInput>, choices: Awaited<ReturnType<typeof actionChoices>>): Record<string, FieldError> | null => {
    if (input.responsibleKind === 'organisation' && !choices.organisations.some((o) => o.value === input.organisationId)) {
      return { organisationId: { key: 'plans.errors.notYours' } };
    }
    if (input.responsibleKind === 'function' && !choices.functions.some((f) => f.value === input.functionId))
      return { functionId: { key: 'plans.errors.notYours' } };
    return null;
  };

  /** The meetings of the plan's council the person may see, for adoption and reviews. */
  const councilMeetings = async (req: FastifyRequest, a: PlanAccess) => {
    if (!a.council) return [];
    const choices = await meetingChoices(db, req.actor, a.council.id);
    return choices.meetings.map((m) => ({ value: m.id, label: `${m.startsAt.toISOString().slice(0, 10)} ${m.name}` }));
  };

  /** What an action can be linked to, grouped, as `kind:id` values. */
  const linkChoices = async (req: FastifyRequest, a: PlanAccess) => {
    const t = translator.t(req.lang);
    const [meetings, questions, grants] = await Promise.all([
      a.council ? meetingChoices(db, req.actor, a.council.id) : Promise.resolve({ meetings: [], actionItems: [] }),
      questionChoices(db, req.tenant.id, {
        councilId: a.council?.id ?? null,
        localityId: a.council?.localityId ?? null,
        functionId: a.plan.kind === 'project' ? a.plan.functionId : null,
      }),
      grantChoices(db, req.tenant.id, a.council?.localityId ?? null),
    ]);
    return [
      {
        label: t('plans.links.meetings'),
        options: meetings.meetings.map((m) => ({ value: `meeting:${m.id}`, label: `${m.startsAt.toISOString().slice(0, 10)} ${m.name}` })),
      },
      { label: t('plans.links.actionItems'), options: meetings.actionItems.map((m) => ({ value: `action_item:${m.id}`, label: m.name.slice(0, 120) })) },
      { label: t('plans.links.questions'), options: questions.map((q) => ({ value: `question:${q.id}`, label: q.name.slice(0, 120) })) },
      { label: t('plans.links.grants'), options: grants.map((g) => ({ value: `grant:${g.id}`, label: g.name.slice(0, 160) })) },
    ];
  };

  /** The action's links as the actor may see them (a members-only meeting stays hidden from a visitor). */
  const shownLinks = async (req: FastifyRequest, links: { id: string; kind: string; targetId: string }[]): Promise<ShownLink[]> => {
    const t = translator.t(req.lang);
    const ids = (kind: string) => links.filter((l) => l.kind === kind).map((l) => l.targetId);
    const [meetings, questions, grants] = await Promise.all([
      meetingLinks(db, req.actor, { meetings: ids('meeting'), actionItems: ids('action_item') }),
      questionLinks(db, req.tenant.id, ids('question')),
      grantLinks(db, req.tenant.id, ids('grant')),
    ]);
    const out: ShownLink[] = [];
    for (const l of links) {
      if (l.kind === 'grant') {
        const g = grants.get(l.targetId);
        if (g) out.push({ id: l.id, kind: l.kind, name: g.name, href: g.href });
      } else if (l.kind === 'question') {
        const q = questions.get(l.targetId);
        if (q) out.push({ id: l.id, kind: l.kind, name: q.name, href: q.href, note: q.status === 'answered' ? t('plans.links.answered') : undefined });
      } else {
        const m = meetings.get(l.targetId);
        if (m) out.push({ id: l.id, kind: l.kind, name: m.name, href: m.href, note: m.done ? t('plans.links.itemDone') : undefined });
      }
    }
    return out;
  };

  // The overview: every plan side by side.
  app.get(plansPath, SHARED_PAGE, async (req, reply) => {
    const [rows, runs] = await Promise.all([listOverview(db, req.actor, today(req.tenant.timeZone)), listCouncilsRunBy(db, req.actor)]);
    const mayStart = req.actor.user !== null && (runs.length > 0 || answeringFunctions(req.actor).length > 0 || isAdmin(req.actor));
    return reply.render((ctx) => <OverviewPage ctx={ctx} rows={rows} mayStart={mayStart} />);
  });

  // What the localities ask of the municipality.
  app.get(municipalityActionsPath, { ...SHARED_PAGE, schema: { querystring: MunicipalityQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof MunicipalityQuery>;
    const functions = await listFunctions(db, req.tenant.id);
    const chosen = q.funktion ? functions.find((f) => f.slug === q.funktion) : undefined;
    const page = await listFunctionActions(db, req.actor, { functionId: chosen?.id, unanswered: q.obesvarade === '1', after: q.efter });
    return reply.render((ctx) => (
      <MunicipalityPage
        ctx={ctx}
        rows={page.rows}
        functions={functions.map((f) => ({ value: f.slug, label: f.name }))}
        chosen={chosen?.slug ?? ''}
        unanswered={q.obesvarade === '1'}
        next={page.next}
        isFirst={!q.efter}
      />
    ));
  });

  // Starting a plan.
  const newPlanChoices = async (req: FastifyRequest) => {
    const admin = isAdmin(req.actor);
    const [runs, functions] = await Promise.all([admin ? listCouncils(db, req.actor) : listCouncilsRunBy(db, req.actor), listFunctions(db, req.tenant.id)]);
    const mine = new Set(answeringFunctions(req.actor));
    return {
      councils: runs.map((c) => ({ value: c.id, label: c.name })),
      functions: functions.filter((f) => admin || mine.has(f.id)).map((f) => ({ value: f.id, label: f.name })),
    };
  };
  app.get(newPlanPath, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const choices = await newPlanChoices(req);
    if (choices.councils.length === 0 && choices.functions.length === 0) throw new ForbiddenError();
    const year = Number(today(req.tenant.timeZone).slice(0, 4));
    const form = formOf({ [SUBMISSION_FIELD]: newSubmissionKey(), startYear: year, endYear: year + 6 });
    return reply.render((ctx) => <NewPlanPage ctx={ctx} form={form} {...choices} />);
  });
  app.post(newPlanPath, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const choices = await newPlanChoices(req);
    if (choices.councils.length === 0 && choices.functions.length === 0) throw new ForbiddenError();
    const parsed = parseForm(NewPlanInput, req.body, has);
    if (!parsed.ok) return reply.render((ctx) => <NewPlanPage ctx={ctx} form={parsed.form} {...choices} />, 422);
    const input = parsed.data;
    // Only for a council one runs, or a function one handles (administrators: any).
    if (
      (input.councilId && !choices.councils.some((c) => c.value === input.councilId)) ||
      (input.functionId && !choices.functions.some((f) => f.value === input.functionId))
    ) {
      return reply.render(
        (ctx) => <NewPlanPage ctx={ctx} form={formWithErrors(req.body, { councilId: { key: 'platform.errors.choice' } })} {...choices} />,
        422,
      );
    }
    const result = await createPlan(db, req.actor, input, submissionKeyOf(req.body));
    if (!result.ok) return reply.render((ctx) => <NewPlanPage ctx={ctx} form={formWithErrors(req.body, result.errors)} {...choices} />, 409);
    return reply.flash('plans.flash.created').redirect(planEditPath(result.value), 303);
  });

  // A plan as everyone reads it.
  app.get<{ Params: { slug: string } }>('/planer/:slug', SHARED_PAGE, async (req, reply) => {
    const a = await loadPlan(req);
    const day = today(req.tenant.timeZone);
    const meetingId = a.plan.status === 'adopted' ? a.plan.adoptedMeetingId : null;
    const [{ areas, actions }, meetings] = await Promise.all([
      loadPlanContent(db, a.plan.id, { today: day, perArea: AREA_PREVIEW }),
      meetingId ? meetingLinks(db, req.actor, { meetings: [meetingId], actionItems: [] }) : Promise.resolve(null),
    ]);
    const adoptedAt = meetingId ? (meetings?.get(meetingId) ?? null) : null;
    if (!a.plan.adoptedVersion) reply.header('cache-control', 'private, no-store');
    return reply.render((ctx) => (
      <PlanPage ctx={ctx} a={a} following={a.following} areas={areas} actions={actions} today={day} editable={canEdit(req.actor, a)} adoptedAt={adoptedAt} />
    ));
  });

  // One focus area with all its actions, a page at a time (in priority order, after the position `efter`).
  app.get<{ Params: { slug: string; id: string } }>('/planer/:slug/omraden/:id', { ...SHARED_PAGE, schema: { querystring: AreaQuery } }, async (req, reply) => {
    const a = await loadPlan(req);
    const day = today(req.tenant.timeZone);
    const { areas, actions: mine } = await loadPlanContent(db, a.plan.id, { today: day, areaId: req.params.id });
    const area = areas.find((x) => x.id === req.params.id);
    if (!area) throw new NotFoundError();
    const after = (req.query as z.output<typeof AreaQuery>).efter;
    const from = after === undefined ? 0 : mine.filter((x) => x.position <= after).length;
    const shown = mine.slice(from, from + AREA_PAGE_SIZE);
    const next = from + AREA_PAGE_SIZE < mine.length ? shown[shown.length - 1]?.position : undefined;
    if (!a.plan.adoptedVersion) reply.header('cache-control', 'private, no-store');
    return reply.render((ctx) => <AreaPage ctx={ctx} a={a} area={area} figures={area.figures} actions={shown} start={from + 1} next={next} today={day} />);
  });

  // The actions as a spreadsheet.
  app.get<{ Params: { slug: string } }>('/planer/:slug/plan.csv', async (req, reply) => {
    const a = await loadPlan(req);
    const day = today(req.tenant.timeZone);
    const { areas, actions } = await loadPlanContent(db, a.plan.id, { today: day });
    const t = translator.t(req.lang);
    const owner = a.council?.name ?? a.owner?.name ?? '';
    const tr = (k: string) => t(k as MessageKey);
    const rows = areas.flatMap((area) =>
      actions
        .filter((x) => x.areaId === area.id)
        .map((x, i) => [
          area.title,
          i + 1,
          x.title,
          tr(`plans.status.${x.status}`),
          responsibleOf(tr, x, owner),
          x.costEstimate,
          x.fundingSource,
          x.targetDate ?? '',
          x.percent,
          isLate(x, day) ? t('plans.csv.yes') : t('plans.csv.no'),
          x.answerStatus ? `${tr(`plans.answerStatus.${x.answerStatus}`)}: ${x.answer}` : '',
        ]),
    );
    const header = [
      t('plans.csv.area'),
      t('plans.csv.priority'),
      t('plans.csv.action'),
      t('plans.csv.status'),
      t('plans.csv.responsible'),
      t('plans.csv.cost'),
      t('plans.csv.funding'),
      t('plans.csv.target'),
      t('plans.csv.percent'),
      t('plans.csv.late'),
      t('plans.csv.answer'),
    ];
    return reply.headers(csvHeaders(`${a.plan.slug}.csv`)).send(toCsv(req.lang, header, rows));
  });

  // The public history.
  app.get<{ Params: { slug: string } }>('/planer/:slug/historik', { ...SHARED_PAGE, schema: { querystring: HistoryQuery } }, async (req, reply) => {
    const a = await loadPlan(req);
    const before = cursorFrom(req.query as z.output<typeof HistoryQuery>);
    const page = await listHistory(db, a.plan.id, before);
    const next = page.next ? `${page.next.key.toISOString()}&id=${page.next.id}` : undefined;
    return reply.render((ctx) => <HistoryPage ctx={ctx} a={a} rows={page.rows} next={next} isFirst={!before} />);
  });

  // Yearly reviews and adopted versions.
  const renderReviews = async (req: SlugReq, reply: FastifyReply, a: PlanAccess, form: FormState, status = 200) => {
    const editable = canEdit(req.actor, a);
    const [{ reviews, versions }, meetings] = await Promise.all([
      listReviewsAndVersions(db, a.plan.id),
      editable ? councilMeetings(req, a) : Promise.resolve([]),
    ]);
    const meetingIds = [...reviews.map((r) => r.meetingId), ...versions.map((v) => v.meetingId)].filter((x): x is string => x !== null);
    const names = await meetingLinks(db, req.actor, { meetings: meetingIds, actionItems: [] });
    return reply.render(
      (ctx) => <ReviewsPage ctx={ctx} a={a} reviews={reviews} versions={versions} meetingNames={names} editable={editable} form={form} meetings={meetings} />,
      status,
    );
  };
  app.get<{ Params: { slug: string } }>('/planer/:slug/uppfoljning', async (req, reply) => {
    const a = await loadPlan(req);
    const day = today(req.tenant.timeZone);
    return renderReviews(req, reply, a, formOf({ year: Number(day.slice(0, 4)) - 1, reviewedOn: day }));
  });
  app.post<{ Params: { slug: string } }>('/planer/:slug/uppfoljning', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(ReviewInput, req.body, has);
    if (!parsed.ok) return renderReviews(req, reply, a, parsed.form, 422);
    if (parsed.data.meetingId && !(await councilMeetings(req, a)).some((m) => m.value === parsed.data.meetingId)) {
      return renderReviews(req, reply, a, formWithErrors(req.body, { meetingId: { key: 'plans.errors.meeting' } }), 422);
    }
    const result = await addReview(db, req.actor, a, parsed.data);
    if (!result.ok) return renderReviews(req, reply, a, formWithErrors(req.body, result.errors), 422);
    return reply.flash('plans.flash.reviewed').redirect(planReviewsPath(a.plan), 303);
  });

  app.get<{ Params: { slug: string; version: number } }>('/planer/:slug/versioner/:version', SHARED_PAGE, async (req, reply) => {
    const a = await loadPlan(req);
    const v = await getVersion(db, a.plan.id, req.params.version);
    if (!v) throw new NotFoundError();
    return reply.render((ctx) => <VersionPage ctx={ctx} a={a} version={v.version} adoptedOn={v.adoptedOn} snapshot={v.snapshot} />);
  });

  // Keeping the plan.
  const renderEdit = async (
    req: SlugReq,
    reply: FastifyReply,
    a: PlanAccess,
    forms: Partial<Parameters<typeof EditPlanPage>[0]['forms']> = {},
    status = 200,
  ) => {
    const { areas, actions } = await loadPlanContent(db, a.plan.id, { today: today(req.tenant.timeZone) });
    const [choices, meetings] = await Promise.all([actionChoices(req, a, areas), councilMeetings(req, a)]);
    const p = a.plan;
    const all = {
      plan: forms.plan ?? formOf({ title: p.title, startYear: p.startYear, endYear: p.endYear, vision: p.vision }),
      area: forms.area ?? formOf({}),
      action:
        forms.action ?? formOf({ [SUBMISSION_FIELD]: newSubmissionKey(), areaId: areas[areas.length - 1]?.id, responsibleKind: 'council', status: 'idea' }),
      adopt: forms.adopt ?? formOf({ adoptedOn: today(req.tenant.timeZone) }),
      order: forms.order ?? formOf({}),
      areaEdit: Object.fromEntries(areas.map((x) => [x.id, forms.areaEdit?.[x.id] ?? formOf({ title: x.title, description: x.description })])),
    };
    reply.header('cache-control', 'private, no-store');
    // The plan was loaded as this request began: a refused move shows the order, and the revision, as they are now.
    return reply.render((ctx) => <EditPlanPage ctx={ctx} a={a} areas={areas} actions={actions} forms={all} choices={choices} meetings={meetings} />, status);
  };

  app.get<{ Params: { slug: string } }>('/planer/:slug/redigera', async (req, reply) => renderEdit(req, reply, await loadPlan(req, 'edit')));

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(PlanInput, req.body, has);
    if (!parsed.ok) return renderEdit(req, reply, a, { plan: parsed.form }, 422);
    const result = await savePlan(db, req.actor, a, parsed.data, formVersion(req.body));
    if (!result.ok) return renderEdit(req, reply, a, { plan: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('plans.flash.saved').redirect(planEditPath(a.plan), 303);
  });

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera/omraden', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(AreaInput, req.body, has);
    if (!parsed.ok) return renderEdit(req, reply, a, { area: parsed.form }, 422);
    await addArea(db, req.actor, a, parsed.data);
    return reply.flash('plans.flash.areaAdded').redirect(planEditPath(a.plan), 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/redigera/omraden/:id', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(AreaInput, req.body, has);
    if (!parsed.ok) return renderEdit(req, reply, a, { areaEdit: { [req.params.id]: parsed.form } }, 422);
    const result = await saveArea(db, req.actor, a, req.params.id, parsed.data, formVersion(req.body));
    if (!result.ok) return renderEdit(req, reply, a, { areaEdit: { [req.params.id]: formWithErrors(req.body, result.errors) } }, 409);
    return reply.flash('plans.flash.saved').redirect(planEditPath(a.plan), 303);
  });

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera/atgarder', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(ActionInput, req.body, has);
    if (!parsed.ok) return renderEdit(req, reply, a, { action: parsed.form }, 422);
    const { areas } = await loadPlanContent(db, a.plan.id, { today: today(req.tenant.timeZone) });
    const wrong = checkChoices(parsed.data, await actionChoices(req, a, areas));
    if (wrong) return renderEdit(req, reply, a, { action: formWithErrors(req.body, wrong) }, 422);
    const result = await addAction(db, req.actor, a, parsed.data, submissionKeyOf(req.body));
    if (!result.ok) return renderEdit(req, reply, a, { action: formWithErrors(req.body, result.errors) }, 422);
    return reply.flash('plans.flash.actionAdded').redirect(planActionPath(a.plan, result.value), 303);
  });

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera/flytta', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = MoveInput.safeParse(req.body);
    if (!parsed.success) return renderEdit(req, reply, a, { order: formWithErrors(req.body, { _form: { key: 'plans.errors.reordered' } }) }, 422);
    const { area, move, revision } = parsed.data;
    const direction = move.endsWith('u') ? 'up' : 'down';
    const result = await moveAction(db, req.actor, a, { areaId: area, index: Number.parseInt(move, 10), direction }, revision);
    if (!result.ok) return renderEdit(req, reply, a, { order: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('plans.flash.moved').redirect(`${planEditPath(a.plan)}#area-${area}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera/anta', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(AdoptInput, req.body, has);
    if (!parsed.ok) return renderEdit(req, reply, a, { adopt: parsed.form }, 422);
    if (parsed.data.meetingId && !(await councilMeetings(req, a)).some((m) => m.value === parsed.data.meetingId)) {
      return renderEdit(req, reply, a, { adopt: formWithErrors(req.body, { meetingId: { key: 'plans.errors.meeting' } }) }, 422);
    }
    const result = await adoptPlan(db, req.actor, a, parsed.data);
    if (!result.ok) return renderEdit(req, reply, a, { adopt: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('plans.flash.adopted').redirect(planPath(a.plan), 303);
  });

  app.post<{ Params: { slug: string } }>('/planer/:slug/redigera/revidera', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const result = await revisePlan(db, req.actor, a);
    if (!result.ok) return renderEdit(req, reply, a, { adopt: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('plans.flash.revising').redirect(planEditPath(a.plan), 303);
  });

  // One action.
  const renderAction = async (
    req: ActionReq,
    reply: FastifyReply,
    a: PlanAccess,
    forms: Partial<Parameters<typeof ActionPage>[0]['forms']> = {},
    status = 200,
  ) => {
    const found = await loadActionOf(a, req.params.id);
    const editable = canEdit(req.actor, a);
    const answerable = canAnswer(req.actor, found.action);
    const [links, choices] = await Promise.all([shownLinks(req, found.links), editable ? linkChoices(req, a) : Promise.resolve([])]);
    const all = {
      update: forms.update ?? formOf({ [SUBMISSION_FIELD]: newSubmissionKey(), day: today(req.tenant.timeZone) }),
      link: forms.link ?? formOf({}),
      answer: forms.answer ?? formOf({ answerStatus: found.action.answerStatus ?? 'received', status: found.action.status, answer: found.action.answer }),
    };
    if (editable || answerable) reply.header('cache-control', 'private, no-store');
    return reply.render(
      (ctx) => (
        <ActionPage
          ctx={ctx}
          a={a}
          action={found.action}
          area={found.area}
          updates={found.updates}
          links={links}
          today={today(req.tenant.timeZone)}
          editable={editable}
          answerable={answerable}
          forms={all}
          linkChoices={choices}
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id', SHARED_PAGE, async (req, reply) =>
    renderAction(req, reply, await loadPlan(req)),
  );

  const actionForm = (x: ListedAction) =>
    formOf({
      areaId: x.areaId,
      title: x.title,
      description: x.description,
      responsibleKind: x.responsibleKind,
      organisationId: x.organisationId,
      functionId: x.functionId,
      costEstimate: x.costEstimate,
      fundingSource: x.fundingSource,
      targetDate: x.targetDate,
      status: x.status,
    });
  const renderEditAction = async (req: ActionReq, reply: FastifyReply, a: PlanAccess, form?: FormState, status = 200) => {
    const found = await loadActionOf(a, req.params.id);
    const { areas } = await loadPlanContent(db, a.plan.id, { today: today(req.tenant.timeZone) });
    const choices = await actionChoices(req, a, areas);
    reply.header('cache-control', 'private, no-store');
    return reply.render((ctx) => <EditActionPage ctx={ctx} a={a} action={found.action} form={form ?? actionForm(found.action)} choices={choices} />, status);
  };
  app.get<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/redigera', async (req, reply) =>
    renderEditAction(req, reply, await loadPlan(req, 'edit')),
  );
  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/redigera', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const parsed = parseForm(ActionInput, req.body, has);
    if (!parsed.ok) return renderEditAction(req, reply, a, parsed.form, 422);
    const { areas } = await loadPlanContent(db, a.plan.id, { today: today(req.tenant.timeZone) });
    const wrong = checkChoices(parsed.data, await actionChoices(req, a, areas));
    if (wrong) return renderEditAction(req, reply, a, formWithErrors(req.body, wrong), 422);
    const result = await saveAction(db, req.actor, a, req.params.id, parsed.data, formVersion(req.body));
    if (!result.ok) return renderEditAction(req, reply, a, formWithErrors(req.body, result.errors), 409);
    return reply.flash('plans.flash.saved').redirect(planActionPath(a.plan, { id: req.params.id }), 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/uppdateringar', { config: { uploads: true } }, async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const found = await loadActionOf(a, req.params.id);
    const { fields, file } = await readForm(app, req, reply);
    const parsed = parseForm(UpdateInput, fields, has);
    if (!parsed.ok) return renderAction(req, reply, a, { update: parsed.form }, 422);
    const photo = await checkImage(file, {
      field: 'photo',
      maxBytes: MAX_PHOTO_BYTES,
      tooLarge: 'plans.errors.photoTooLarge',
      wrongType: 'plans.errors.photoType',
    });
    if (!photo.ok) return renderAction(req, reply, a, { update: formWithErrors(fields, photo.errors) }, file?.truncated ? 413 : 422);
    const image = photo.value ? { data: photo.value.data, type: photo.value.contentType } : null;
    const result = await addUpdate(db, req.actor, a, found.action, parsed.data, image, submissionKeyOf(fields));
    if (!result.ok) return renderAction(req, reply, a, { update: formWithErrors(fields, result.errors) }, 422);
    return reply.flash('plans.flash.updated').redirect(`${planActionPath(a.plan, found.action)}#updates`, 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/svar', async (req, reply) => {
    const a = await loadPlan(req);
    const found = await loadActionOf(a, req.params.id);
    if (!canAnswer(req.actor, found.action)) throw req.actor.user ? new ForbiddenError() : new SignInRequiredError();
    const parsed = parseForm(AnswerInput, req.body, has);
    if (!parsed.ok) return renderAction(req, reply, a, { answer: parsed.form }, 422);
    await answerAction(db, req.actor, a, found.action, parsed.data);
    return reply.flash('plans.flash.answered').redirect(`${planActionPath(a.plan, found.action)}#answer`, 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/lankar', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const found = await loadActionOf(a, req.params.id);
    const parsed = parseForm(LinkInput, req.body, has);
    if (!parsed.ok) return renderAction(req, reply, a, { link: parsed.form }, 422);
    const choices = await linkChoices(req, a);
    const option = choices.flatMap((g) => g.options).find((o) => o.value === parsed.data.target.toLowerCase());
    if (!option) return renderAction(req, reply, a, { link: formWithErrors(req.body, { target: { key: 'platform.errors.choice' } }) }, 422);
    const [kind, targetId] = option.value.split(':') as ['meeting' | 'question' | 'action_item' | 'grant', string];
    await addLink(db, req.actor, a, found.action, kind, targetId, option.label);
    return reply.flash('plans.flash.linked').redirect(`${planActionPath(a.plan, found.action)}#links`, 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/planer/:slug/atgarder/:id/lankar/ta-bort', async (req, reply) => {
    const a = await loadPlan(req, 'edit');
    const found = await loadActionOf(a, req.params.id);
    const parsed = UnlinkInput.safeParse(req.body);
    if (parsed.success) await removeLink(db, req.actor, a, found.action.id, parsed.data.link);
    return reply.flash('plans.flash.unlinked').redirect(`${planActionPath(a.plan, found.action)}#links`, 303);
  });

  app.get<{ Params: { slug: string; id: string; item: string } }>('/planer/:slug/atgarder/:id/bild/:item', async (req, reply) => {
    const a = await loadPlan(req);
    const photo = await getUpdatePhoto(db, a.plan.id, req.params.id, req.params.item);
    if (!photo || photo.type.split('/')[0] !== 'image') throw new NotFoundError();
    return reply
      .header('cache-control', 'private, max-age=3600')
      .header('content-security-policy', "default-src 'none'")
      .header('x-content-type-options', 'nosniff')
      .type(photo.type)
      .send(Buffer.from(photo.photo));
  });
}

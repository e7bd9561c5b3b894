import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { readForm } from '../../platform/http/uploads.js';
import { cursorFrom, SafeText, Slug, TimeCursorQuery, Uuid } from '../../platform/http/validation.js';
import { formatDate } from '../../platform/i18n/index.js';
import type { AppServices } from '../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../platform/submissions/index.js';
import { today } from '../../platform/time.js';
import { listRoleHolders } from '../accounts/index.js';
import { listCouncilsRunBy } from '../councils/index.js';
import { minutesPoint } from '../meetings/index.js';
import { listFunctions, listLocalities } from '../tenancy/index.js';
import { questionRules } from './admin.js';
import { questionAdminRoutes } from './admin-routes.js';
import {
  AskerInput,
  AskInput,
  askerStep,
  askQuestion,
  checkAttachments,
  HandleInput,
  handleQuestion,
  MAX_ATTACHMENTS,
  markSecrecy,
  mayReopen,
  SecrecyInput,
} from './commands.js';
import { listInbox } from './inbox.js';
import { open311Routes } from './open311/routes.js';
import { askPath, inboxPath, knowledgePath, questionPath, registerPath } from './paths.js';
import { canHandle, canTriage, inboxFunctions, mayRegisterForOthers, worksWithQuestions } from './policy.js';
import { getAttachment, getQuestionBySlug, listCategories, listQuestionEvents, listRegister, searchKnowledge } from './queries.js';
import { maskQuestion, seesSecrets, stepNote } from './secrecy.js';
import { AskerPanel, AskPage, HandlerPanel, InboxPage, KnowledgePage, QuestionPage, RegisterPage } from './views.js';

const AskQuery = z.object({ mote: Uuid.optional().catch(undefined), punkt: z.coerce.number().int().min(0).max(100).optional().catch(undefined) });
const RegisterQuery = z.object({ q: SafeText(200).optional().catch(undefined), ...TimeCursorQuery });
const KnowledgeQuery = z.object({ q: SafeText(200).optional().catch(undefined), ort: Slug.optional().catch(undefined) });
const InboxQuery = z.object({
  status: z.enum(['received', 'triaged', 'forwarded', 'in_progress', 'waiting', 'answered', 'not_ours', 'duplicate', 'closed']).optional().catch(undefined),
  efter: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  id: Uuid.optional().catch(undefined),
  kategori: Uuid.optional().catch(undefined),
  ort: Uuid.optional().catch(undefined),
  handlaggare: z
    .union([Uuid, z.literal('ingen')])
    .optional()
    .catch(undefined),
});

/** Asking, the public register and a question's page. */
export function questionRoutes(app: FastifyInstance, services: AppServices): void {
  const { db, translator } = services;
  open311Routes(app, services);
  questionAdminRoutes(app, services);
  const askForm = async (req: FastifyRequest) => {
    const [categories, localities, councils] = await Promise.all([
      listCategories(db, req.tenant.id),
      listLocalities(db, req.tenant.id),
      listCouncilsRunBy(db, req.actor),
    ]);
    return { categories, localities, councils, forOthers: mayRegisterForOthers(req.actor), map: services.config.map };
  };

  /** The point of a meeting's minutes a question is raised from, for one who runs the meeting, and how the question names it. */
  const pointOf = async (req: FastifyRequest, meetingId: string | null | undefined, index: number | null | undefined) => {
    if (!meetingId || index === null || index === undefined) return null;
    const point = await minutesPoint(db, req.actor, meetingId, index);
    if (!point) return null;
    const t = translator.t('sv');
    const label = t('questions.minutes.label', {
      organiser: point.organiser,
      date: formatDate('sv', point.startsAt, req.tenant.timeZone),
      n: point.index + 1,
      title: point.title,
    });
    return { point, label };
  };

  app.get(askPath, { schema: { querystring: AskQuery } }, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const query = req.query as z.output<typeof AskQuery>;
    const [choices, from] = await Promise.all([askForm(req), pointOf(req, query.mote, query.punkt)]);
    const values: Record<string, string | number | null> = { [SUBMISSION_FIELD]: newSubmissionKey() };
    if (from) {
      Object.assign(values, {
        subject: from.point.title.slice(0, 200),
        body: (from.point.text || from.point.title).slice(0, 4000),
        councilId: choices.councils.some((c) => c.id === from.point.councilId) ? from.point.councilId : '',
        mote: from.point.meetingId,
        punkt: from.point.index,
      });
    }
    return reply.render((ctx) => <AskPage ctx={ctx} form={formOf(values)} {...choices} from={from?.label} />);
  });

  app.post(askPath, { config: { uploads: true } }, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const { fields, files } = await readForm(app, req, reply, { maxFiles: MAX_ATTACHMENTS });
    const parsed = parseForm(AskInput, fields, translator.has);
    if (!parsed.ok) {
      const choices = await askForm(req);
      return reply.render((ctx) => <AskPage ctx={ctx} form={parsed.form} {...choices} />, 422);
    }
    const input = parsed.data;
    const [choices, from] = await Promise.all([askForm(req), pointOf(req, input.mote, input.punkt)]);
    if (input.mote && !from) {
      return reply.render((ctx) => <AskPage ctx={ctx} form={formWithErrors(fields, { _form: { key: 'questions.minutes.notYours' } })} {...choices} />, 422);
    }
    // Only for a council the person runs; only by those who take questions by phone, letter or visit.
    if (input.councilId && !choices.councils.some((c) => c.id === input.councilId)) {
      return reply.render((ctx) => <AskPage ctx={ctx} form={formWithErrors(fields, { councilId: { key: 'platform.errors.choice' } })} {...choices} />, 422);
    }
    // A refused file is said beside its field, with everything typed kept (the file is chosen again).
    const attachments = await checkAttachments(files);
    if (!attachments.ok) {
      const tooLarge = files.some((f) => f.truncated);
      return reply.render(
        (ctx) => <AskPage ctx={ctx} form={formWithErrors(fields, attachments.errors)} {...choices} from={from?.label} />,
        tooLarge ? 413 : 422,
      );
    }
    const onBehalf =
      input.onBehalf && choices.forOthers ? { name: input.behalfName, contact: input.behalfContact, channel: input.behalfChannel ?? ('phone' as const) } : null;
    const result = await askQuestion(db, req.actor, input, {
      timeZone: req.tenant.timeZone,
      submissionKey: submissionKeyOf(fields),
      attachments: attachments.value,
      councilId: input.councilId,
      onBehalf,
      source: from ? { meetingId: from.point.meetingId, item: from.point.index, label: from.label } : null,
    });
    if (!result.ok) return reply.render((ctx) => <AskPage ctx={ctx} form={formWithErrors(fields, result.errors)} {...choices} from={from?.label} />, 422);
    return reply.flash('questions.ask.registered', { number: result.value.number }).redirect(questionPath(result.value), 303);
  });

  app.get(registerPath, { ...SHARED_PAGE, schema: { querystring: RegisterQuery } }, async (req, reply) => {
    const query = req.query as z.output<typeof RegisterQuery>;
    const before = cursorFrom(query);
    const [page, functions] = await Promise.all([listRegister(db, req.tenant.id, { q: query.q, before }), listFunctions(db, req.tenant.id)]);
    const names = new Map(functions.map((f) => [f.id, f.name]));
    return reply.render((ctx) => <RegisterPage ctx={ctx} rows={page.rows} functionNames={names} q={query.q ?? ''} next={page.next} isFirst={!before} />);
  });

  const renderQuestion = async (
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    forms: Record<string, FormState> = {},
    status = 200,
  ) => {
    const raw = await getQuestionBySlug(db, req.tenant.id, req.params.slug, req.actor.user?.id ?? null);
    if (!raw) throw new NotFoundError();
    const sees = seesSecrets(req.actor, raw.question);
    // Attachments are as public as the question's text: hidden with it.
    const found = {
      ...raw,
      question: maskQuestion(req.actor, raw.question),
      attachments: sees || !raw.question.secretFields.includes('body') ? raw.attachments : [],
    };
    const [allSteps, functions, localities] = await Promise.all([
      listQuestionEvents(db, found.question.id),
      listFunctions(db, req.tenant.id),
      found.question.localityId ? listLocalities(db, req.tenant.id) : Promise.resolve([]),
    ]);
    const steps = allSteps.map((s) => ({ ...s, note: s.kind === 'secrecy' ? s.note : stepNote(sees, found.question, s.note) }));
    const locality = localities.find((l) => l.id === found.question.localityId);
    const handles = canHandle(req.actor, found.question);
    const triages = canTriage(req.actor, found.question);
    const isAsker = req.actor.user !== null && raw.question.askerId === req.actor.user.id;
    const rules = isAsker ? await questionRules(db, req.tenant.id) : null;
    // What handlers and the asker see is not what a shared cache may keep for visitors.
    if (sees) reply.header('cache-control', 'private, no-store');
    return reply.render(
      (ctx) => (
        <QuestionPage
          ctx={ctx}
          found={found}
          steps={steps}
          functions={functions}
          locality={locality}
          panel={
            <>
              {rules ? (
                <AskerPanel
                  ctx={ctx}
                  question={found.question}
                  reopenDays={rules.reopenDays}
                  mayReopen={mayReopen(found.question, rules.reopenDays)}
                  forms={forms}
                />
              ) : null}
              {triages ? <HandlerPanel ctx={ctx} found={found} functions={functions} forms={forms} triageOnly={!handles} /> : null}
            </>
          }
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/fragor/:slug', SHARED_PAGE, (req, reply) => renderQuestion(req, reply));

  app.post<{ Params: { slug: string } }>('/fragor/:slug/handlagg', async (req, reply) => {
    const found = await getQuestionBySlug(db, req.tenant.id, req.params.slug);
    if (!found) throw new NotFoundError();
    if (!req.actor.user) throw new SignInRequiredError();
    if (!canTriage(req.actor, found.question)) throw new ForbiddenError();
    const body = req.body as Record<string, unknown>;
    const formName = body?.action === 'answered' ? 'answered' : body?.action === 'forward' ? 'forward' : 'status';
    const parsed = parseForm(HandleInput, req.body, translator.has);
    if (!parsed.ok) return renderQuestion(req, reply, { [formName]: parsed.form }, 422);
    const result = await handleQuestion(db, req.actor, found.question, parsed.data, formVersion(req.body));
    if (!result.ok) return renderQuestion(req, reply, { [formName]: formWithErrors(req.body, result.errors) }, result.errors._form ? 409 : 422);
    return reply.flash('questions.handle.done').redirect(questionPath(found.question), 303);
  });

  app.get<{ Params: { slug: string; id: string } }>('/fragor/:slug/bilagor/:id', async (req, reply) => {
    const found = await getQuestionBySlug(db, req.tenant.id, req.params.slug);
    if (!found) throw new NotFoundError();
    if (found.question.secretFields.includes('body') && !seesSecrets(req.actor, found.question)) throw new NotFoundError();
    const file = await getAttachment(db, req.tenant.id, found.question.id, req.params.id);
    if (!file) throw new NotFoundError();
    // Shown by the browser only as what it is: an image, or a PDF to download; never as a page of ours.
    const disposition = file.contentType === 'application/pdf' ? 'attachment' : 'inline';
    return reply
      .header('cache-control', found.question.secretFields.length ? 'private, no-store' : 'public, max-age=3600')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .type(file.contentType)
      .send(Buffer.from(file.data));
  });

  app.post<{ Params: { slug: string } }>('/fragor/:slug/fraga', async (req, reply) => {
    const found = await getQuestionBySlug(db, req.tenant.id, req.params.slug);
    if (!found) throw new NotFoundError();
    if (!req.actor.user) throw new SignInRequiredError();
    if (found.question.askerId !== req.actor.user.id) throw new ForbiddenError();
    const parsed = parseForm(AskerInput, req.body, translator.has);
    const formName = (req.body as Record<string, unknown>)?.action === 'reopen' ? 'reopen' : 'info';
    if (!parsed.ok) return renderQuestion(req, reply, { [formName]: parsed.form }, 422);
    const rules = await questionRules(db, req.tenant.id);
    const result = await askerStep(db, req.actor, found.question, parsed.data, formVersion(req.body), {
      reopenDays: rules.reopenDays,
      timeZone: req.tenant.timeZone,
    });
    if (!result.ok) return renderQuestion(req, reply, { [formName]: formWithErrors(req.body, result.errors) }, result.errors._form ? 409 : 422);
    return reply.flash('questions.asker.done').redirect(questionPath(found.question), 303);
  });

  app.post<{ Params: { slug: string } }>('/fragor/:slug/sekretess', async (req, reply) => {
    const found = await getQuestionBySlug(db, req.tenant.id, req.params.slug);
    if (!found) throw new NotFoundError();
    if (!req.actor.user) throw new SignInRequiredError();
    if (!canHandle(req.actor, found.question)) throw new ForbiddenError();
    const parsed = parseForm(SecrecyInput, req.body, translator.has);
    if (!parsed.ok) return renderQuestion(req, reply, { secrecy: parsed.form }, 422);
    const result = await markSecrecy(db, req.actor, found.question, parsed.data, formVersion(req.body));
    if (!result.ok) return renderQuestion(req, reply, { secrecy: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('questions.secrecy.done').redirect(questionPath(found.question), 303);
  });

  app.get(knowledgePath, { ...SHARED_PAGE, schema: { querystring: KnowledgeQuery } }, async (req, reply) => {
    const query = req.query as z.output<typeof KnowledgeQuery>;
    const localities = await listLocalities(db, req.tenant.id);
    const locality = query.ort ? localities.find((l) => l.slug === query.ort) : undefined;
    const rows = await searchKnowledge(db, req.tenant.id, { q: query.q, localityId: locality?.id });
    return reply.render((ctx) => <KnowledgePage ctx={ctx} rows={rows} q={query.q ?? ''} ort={locality?.slug ?? ''} localities={localities} />);
  });

  app.get(inboxPath, { schema: { querystring: InboxQuery } }, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    if (!worksWithQuestions(req.actor)) throw new ForbiddenError();
    const query = req.query as z.output<typeof InboxQuery>;
    const after = query.efter && query.id ? { key: query.efter, id: query.id } : undefined;
    const filter = {
      status: query.status,
      categoryId: query.kategori,
      localityId: query.ort,
      handler: query.handlaggare === 'ingen' ? 'none' : query.handlaggare,
    };
    const fns = inboxFunctions(req.actor);
    const [page, functions, categories, localities] = await Promise.all([
      listInbox(db, req.actor, { ...filter, after }),
      listFunctions(db, req.tenant.id),
      listCategories(db, req.tenant.id),
      listLocalities(db, req.tenant.id),
    ]);
    const handlers = await listRoleHolders(db, req.tenant.id, 'handler', 'function', fns ?? functions.map((f) => f.id));
    const names = new Map(functions.map((f) => [f.id, f.name]));
    const people = new Map(handlers.map((h) => [h.userId, h.name]));
    return reply
      .header('cache-control', 'private, no-store')
      .render((ctx) => (
        <InboxPage
          ctx={ctx}
          rows={page.rows}
          counts={page.counts}
          filter={{ status: query.status ?? '', kategori: query.kategori ?? '', ort: query.ort ?? '', handlaggare: query.handlaggare ?? '' }}
          choices={{ categories, localities, handlers: [...people].map(([id, name]) => ({ id, name })) }}
          functionNames={names}
          handlerNames={people}
          today={today(req.tenant.timeZone)}
          next={page.next}
          isFirst={!after}
        />
      ));
  });
}

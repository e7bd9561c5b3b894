import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError, SignInRequiredError } from '../../platform/authz/index.js';
import { formOf, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { cursorFrom, SafeText, TimeCursorQuery } from '../../platform/http/validation.js';
import type { AppServices } from '../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../platform/submissions/index.js';
import { listFunctions, listLocalities } from '../tenancy/index.js';
import { AskInput, askQuestion } from './commands.js';
import { askPath, questionPath, registerPath } from './paths.js';
import { getQuestionBySlug, listCategories, listQuestionEvents, listRegister } from './queries.js';
import { AskPage, QuestionPage, RegisterPage } from './views.js';

const RegisterQuery = z.object({ q: SafeText(200).optional().catch(undefined), ...TimeCursorQuery });

/** Asking, the public register and a question's page. */
export function questionRoutes(app: FastifyInstance, { db, translator }: AppServices): void {
  const askForm = async (tenantId: string) => {
    const [categories, localities] = await Promise.all([listCategories(db, tenantId), listLocalities(db, tenantId)]);
    return { categories, localities };
  };

  app.get(askPath, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const choices = await askForm(req.tenant.id);
    return reply.render((ctx) => <AskPage ctx={ctx} form={formOf({ [SUBMISSION_FIELD]: newSubmissionKey() })} {...choices} />);
  });

  app.post(askPath, async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    const parsed = parseForm(AskInput, req.body, translator.has);
    if (!parsed.ok) {
      const choices = await askForm(req.tenant.id);
      return reply.render((ctx) => <AskPage ctx={ctx} form={parsed.form} {...choices} />, 422);
    }
    const result = await askQuestion(db, req.actor, parsed.data, { timeZone: req.tenant.timeZone, submissionKey: submissionKeyOf(req.body) });
    if (!result.ok) {
      const choices = await askForm(req.tenant.id);
      return reply.render((ctx) => <AskPage ctx={ctx} form={formWithErrors(req.body, result.errors)} {...choices} />, 422);
    }
    return reply.flash('questions.ask.registered', { number: result.value.number }).redirect(questionPath(result.value), 303);
  });

  app.get(registerPath, { schema: { querystring: RegisterQuery } }, async (req, reply) => {
    const query = req.query as z.output<typeof RegisterQuery>;
    const before = cursorFrom(query);
    const [page, functions] = await Promise.all([listRegister(db, req.tenant.id, { q: query.q, before }), listFunctions(db, req.tenant.id)]);
    const names = new Map(functions.map((f) => [f.id, f.name]));
    return reply.render((ctx) => <RegisterPage ctx={ctx} rows={page.rows} functionNames={names} q={query.q ?? ''} next={page.next} isFirst={!before} />);
  });

  app.get<{ Params: { slug: string } }>('/fragor/:slug', async (req, reply) => {
    const found = await getQuestionBySlug(db, req.tenant.id, req.params.slug);
    if (!found) throw new NotFoundError();
    const [steps, functions, localities] = await Promise.all([
      listQuestionEvents(db, found.question.id),
      listFunctions(db, req.tenant.id),
      found.question.localityId ? listLocalities(db, req.tenant.id) : Promise.resolve([]),
    ]);
    const locality = localities.find((l) => l.id === found.question.localityId);
    return reply.render((ctx) => <QuestionPage ctx={ctx} found={found} steps={steps} functions={functions} locality={locality} />);
  });
}

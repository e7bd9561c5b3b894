import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../platform/authz/index.js';
import { type FormState, formOf, formWithErrors, parseForm } from '../../platform/http/forms.js';
import type { AppServices } from '../../platform/module.js';
import { requireAdmin } from '../../platform/routes.js';
import { listFunctions } from '../tenancy/index.js';
import { CategoryInput, getCategory, listAllCategories, questionRules, SettingsInput, saveCategory, saveQuestionRules } from './admin.js';
import { adminPath, CategoryPage, QuestionsAdminPage } from './admin-views.js';
import { issueKey, listKeys, revokeKey } from './open311/keys.js';

const KeyInput = z.object({ name: z.string().trim().min(1).max(120) });

/** Administration of questions: the number pattern, the categories and the Open311 keys. */
export function questionAdminRoutes(app: FastifyInstance, { db, translator }: AppServices): void {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    forms: { pattern?: FormState; key?: FormState } = {},
    status = 200,
    newKey?: { name: string; key: string },
  ) => {
    const [rules, categories, functions, keys] = await Promise.all([
      questionRules(db, req.tenant.id),
      listAllCategories(db, req.tenant.id),
      listFunctions(db, req.tenant.id),
      listKeys(db, req.tenant.id),
    ]);
    return reply
      .header('cache-control', 'private, no-store')
      .render(
        (ctx) => (
          <QuestionsAdminPage
            ctx={ctx}
            pattern={forms.pattern ?? formOf(rules)}
            categories={categories}
            functions={functions}
            keys={keys}
            keyForm={forms.key ?? formOf()}
            newKey={newKey}
          />
        ),
        status,
      );
  };

  app.get(adminPath, async (req, reply) => {
    requireAdmin(req.actor);
    return page(req, reply);
  });

  app.post(`${adminPath}/nummer`, async (req, reply) => {
    requireAdmin(req.actor);
    const parsed = parseForm(SettingsInput, req.body, translator.has);
    if (!parsed.ok) return page(req, reply, { pattern: parsed.form }, 422);
    await saveQuestionRules(db, req.actor, parsed.data);
    return reply.flash('questions.admin.saved').redirect(adminPath, 303);
  });

  app.post(`${adminPath}/nycklar`, async (req, reply) => {
    requireAdmin(req.actor);
    const parsed = parseForm(KeyInput, req.body, translator.has);
    if (!parsed.ok) return page(req, reply, { key: parsed.form }, 422);
    const issued = await issueKey(db, req.actor, parsed.data.name);
    // The key is shown this once, on this answer, and never kept anywhere it could be read again.
    return page(req, reply, {}, 201, { name: parsed.data.name, key: issued.key });
  });

  app.post<{ Params: { id: string } }>(`${adminPath}/nycklar/:id/aterkalla`, async (req, reply) => {
    requireAdmin(req.actor);
    if (!(await revokeKey(db, req.actor, req.params.id))) throw new NotFoundError();
    return reply.flash('questions.admin.keyRevoked').redirect(adminPath, 303);
  });

  const categoryForm = async (req: FastifyRequest, reply: FastifyReply, id: string | null, form?: FormState, status = 200) => {
    const [category, functions] = await Promise.all([id ? getCategory(db, req.tenant.id, id) : null, listFunctions(db, req.tenant.id)]);
    if (id && !category) throw new NotFoundError();
    const shown =
      form ??
      (category
        ? formOf({
            name: category.name,
            groupName: category.groupName,
            description: category.description,
            functionId: category.functionId,
            dueDays: category.dueDays,
            active: category.active ? 'on' : '',
          })
        : formOf({ dueDays: 10, active: 'on' }));
    return reply.render((ctx) => <CategoryPage ctx={ctx} category={category} form={shown} functions={functions} />, status);
  };

  app.get(`${adminPath}/kategorier/ny`, async (req, reply) => {
    requireAdmin(req.actor);
    return categoryForm(req, reply, null);
  });

  app.get<{ Params: { id: string } }>(`${adminPath}/kategorier/:id`, async (req, reply) => {
    requireAdmin(req.actor);
    return categoryForm(req, reply, req.params.id);
  });

  const saveRoute = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    requireAdmin(req.actor);
    const parsed = parseForm(CategoryInput, req.body, translator.has);
    if (!parsed.ok) return categoryForm(req, reply, id, parsed.form, 422);
    const result = await saveCategory(db, req.actor, id, parsed.data);
    if (!result.ok) return categoryForm(req, reply, id, formWithErrors(req.body, result.errors), 422);
    return reply.flash('questions.admin.saved').redirect(adminPath, 303);
  };
  app.post(`${adminPath}/kategorier/ny`, (req, reply) => saveRoute(req, reply, null));
  app.post<{ Params: { id: string } }>(`${adminPath}/kategorier/:id`, (req, reply) => saveRoute(req, reply, req.params.id));
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Actor, authorize, NotFoundError, type Policy } from '../authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../http/forms.js';
import type { TFn } from '../i18n/index.js';
import type { Result } from '../result.js';
import { AdminFormPage, AdminListPage, type FieldSpec } from '../views/admin.js';

/** What one administrator-kept catalogue (localities, meeting places, municipal bodies…) needs for its pages. */
export interface CatalogueSpec<S extends z.ZodType, R extends { id: string; name: string; updatedAt: Date }> {
  path: string;
  /** Who may keep the catalogue. */
  policy: Policy<null, 'manage'>;
  title: (t: TFn) => string;
  newLabel: (t: TFn) => string;
  editTitle: (t: TFn, name: string) => string;
  columns: (t: TFn) => string[];
  list: (tenantId: string, t: TFn) => Promise<{ id: string; name: string; cells: string[] }[]>;
  fields: (tenantId: string, t: TFn) => Promise<FieldSpec[]>;
  load: (tenantId: string, id: string) => Promise<R | null>;
  toValues?: (row: R) => Record<string, unknown>;
  newValues?: Record<string, string>;
  schema: S;
  save: (actor: Actor, input: z.infer<S>, existing?: { id: string; updatedAt: Date }) => Promise<Result<{ id: string }>>;
}

/** List, create and edit routes for one administrator-kept catalogue, with a version check on edits. */
export function catalogueRoutes<S extends z.ZodType, R extends { id: string; name: string; updatedAt: Date }>(
  app: FastifyInstance,
  isKey: (s: string) => boolean,
  spec: CatalogueSpec<S, R>,
): void {
  const crumbs = (t: TFn, last?: string) => [
    { href: '/admin', label: t('platform.admin.title') },
    { href: spec.path, label: spec.title(t) },
    ...(last ? [{ label: last }] : []),
  ];

  app.get(spec.path, async (req, reply) => {
    authorize(spec.policy, req.actor, 'manage', null);
    const rows = (await spec.list(req.tenant.id, req.t)).map((r) => ({ ...r, href: `${spec.path}/${r.id}` }));
    return reply.render((ctx) => (
      <AdminListPage
        ctx={ctx}
        title={spec.title(ctx.t)}
        newHref={`${spec.path}/ny`}
        newLabel={spec.newLabel(ctx.t)}
        rows={rows}
        columns={spec.columns(ctx.t)}
        breadcrumbs={crumbs(ctx.t)
          .slice(0, 1)
          .concat({ label: spec.title(ctx.t) })}
      />
    ));
  });

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, row: R | null, status?: number) => {
    const fields = await spec.fields(req.tenant.id, req.t);
    const title = row ? spec.editTitle(req.t, row.name) : spec.newLabel(req.t);
    return reply.render(
      (ctx) => (
        <AdminFormPage
          ctx={ctx}
          title={title}
          action={row ? `${spec.path}/${row.id}` : `${spec.path}/ny`}
          form={form}
          fields={fields}
          breadcrumbs={crumbs(ctx.t, title)}
          version={row ? row.updatedAt.toISOString() : undefined}
        />
      ),
      status,
    );
  };

  app.get(`${spec.path}/ny`, async (req, reply) => {
    authorize(spec.policy, req.actor, 'manage', null);
    return renderForm(req, reply, formOf(spec.newValues), null);
  });

  app.post(`${spec.path}/ny`, async (req, reply) => {
    authorize(spec.policy, req.actor, 'manage', null);
    const parsed = parseForm(spec.schema, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, parsed.form, null, 422);
    const result = await spec.save(req.actor, parsed.data);
    if (!result.ok) return renderForm(req, reply, formWithErrors(req.body, result.errors), null, 409);
    return reply.flash('platform.admin.saved').redirect(spec.path, 303);
  });

  app.get<{ Params: { id: string } }>(`${spec.path}/:id`, async (req, reply) => {
    authorize(spec.policy, req.actor, 'manage', null);
    const row = await spec.load(req.tenant.id, req.params.id);
    if (!row) throw new NotFoundError();
    return renderForm(req, reply, formOf((spec.toValues ?? ((r) => r))(row) as Record<string, string>), row);
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(`${spec.path}/:id`, async (req, reply) => {
    authorize(spec.policy, req.actor, 'manage', null);
    const row = await spec.load(req.tenant.id, req.params.id);
    if (!row) throw new NotFoundError();
    const parsed = parseForm(spec.schema, req.body, isKey);
    if (!parsed.ok) return renderForm(req, reply, parsed.form, row, 422);
    const existing = { id: row.id, updatedAt: formVersion(req.body) };
    const result = await spec.save(req.actor, parsed.data, existing);
    if (!result.ok) return renderForm(req, reply, formWithErrors(req.body, result.errors), row, 409);
    return reply.flash('platform.admin.saved').redirect(spec.path, 303);
  });
}

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/authz/index.js';
import { catalogueRoutes } from '../../platform/catalogue/routes.js';
import { getCatalogueRow } from '../../platform/catalogue/store.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import type { TFn } from '../../platform/i18n/index.js';
import { type AppServices, loadSections } from '../../platform/module.js';
import type { FieldSpec } from '../../platform/views/admin.js';
import { AreaInput, FunctionInput, LocalityInput, saveArea, saveFunction, saveLocality } from './commands.js';
import { tenancyPolicy } from './policy.js';
import { forgetPlaces, listAreas, listFunctions, listLocalities, listPlaces } from './queries.js';
import { areas, functions, localities } from './schema.js';
import { AreaPage, LocalityPage, StartPage } from './views/pages.js';

/** The public pages of the municipality and the administration of its catalogues. */
export function tenancyRoutes(app: FastifyInstance, { db, translator, registry, changes }: AppServices): void {
  // A change on another instance clears the localities and areas kept here.
  changes.onChange((tenantId) => forgetPlaces(tenantId));
  app.get('/', SHARED_PAGE, async (req, reply) => {
    const [places, sections] = await Promise.all([listPlaces(db, req.tenant.id), loadSections(registry, 'start', req, {})]);
    return reply.render((ctx) => <StartPage ctx={ctx} localities={places.localities} areas={places.areas} sections={sections} />);
  });

  app.get<{ Params: { slug: string } }>('/orter/:slug', SHARED_PAGE, async (req, reply) => {
    const places = await listPlaces(db, req.tenant.id);
    const locality = places.localities.find((l) => l.slug === req.params.slug);
    if (!locality) throw new NotFoundError();
    const a = places.areas.filter((x) => x.localityId === locality.id);
    const sections = await loadSections(registry, 'place', req, { kind: 'locality', id: locality.id, slug: locality.slug, name: locality.name });
    return reply.render((ctx) => <LocalityPage ctx={ctx} locality={locality} areas={a} sections={sections} />);
  });

  app.get<{ Params: { slug: string } }>('/omraden/:slug', SHARED_PAGE, async (req, reply) => {
    const places = await listPlaces(db, req.tenant.id);
    const area = places.areas.find((a) => a.slug === req.params.slug);
    const locality = area && places.localities.find((l) => l.id === area.localityId);
    if (!area || !locality) throw new NotFoundError();
    const sections = await loadSections(registry, 'place', req, { kind: 'area', id: area.id, slug: area.slug, name: area.name });
    return reply.render((ctx) => <AreaPage ctx={ctx} area={area} locality={locality} sections={sections} />);
  });

  const localityFields = (t: TFn): FieldSpec[] => [
    { name: 'name', label: t('tenancy.fields.name'), kind: 'text', required: true, maxLength: 120 },
    { name: 'slug', label: t('tenancy.fields.slug'), hint: t('tenancy.fields.slugHint'), kind: 'text', maxLength: 80 },
    {
      name: 'kind',
      label: t('tenancy.fields.kind'),
      kind: 'select',
      required: true,
      options: [
        { value: 'service', label: t('tenancy.kind.service') },
        { value: 'town', label: t('tenancy.kind.town') },
      ],
    },
    { name: 'covers', label: t('tenancy.fields.covers'), hint: t('tenancy.fields.coversHint'), kind: 'text', maxLength: 1000 },
    { name: 'population', label: t('tenancy.fields.population'), kind: 'number' },
    { name: 'description', label: t('tenancy.fields.description'), kind: 'textarea', maxLength: 4000 },
  ];

  catalogueRoutes(app, translator.has, {
    policy: tenancyPolicy,
    path: '/admin/orter',
    title: (t) => t('tenancy.admin.localities'),
    newLabel: (t) => t('tenancy.admin.newLocality'),
    editTitle: (t, name) => t('tenancy.admin.editLocality', { name }),
    columns: (t) => [t('tenancy.fields.name'), t('tenancy.fields.kind'), t('tenancy.fields.covers')],
    list: async (tenantId, t) =>
      (await listLocalities(db, tenantId)).map((l) => ({
        id: l.id,
        name: l.name,
        cells: [l.kind === 'town' ? t('tenancy.kind.town') : t('tenancy.kind.service'), l.covers],
      })),
    fields: async (_tenantId, t) => localityFields(t),
    load: (tenantId, id) => getCatalogueRow(db, localities, tenantId, id),
    schema: LocalityInput,
    save: (actor, input, existing) => saveLocality(db, actor, input, existing),
  });

  catalogueRoutes(app, translator.has, {
    policy: tenancyPolicy,
    path: '/admin/omraden',
    title: (t) => t('tenancy.admin.areas'),
    newLabel: (t) => t('tenancy.admin.newArea'),
    editTitle: (t, name) => t('tenancy.admin.editArea', { name }),
    columns: (t) => [t('tenancy.fields.name'), t('tenancy.fields.covers'), t('tenancy.fields.active')],
    list: async (tenantId, t) =>
      (await listAreas(db, tenantId)).map((a) => ({ id: a.id, name: a.name, cells: [a.covers, a.active ? t('tenancy.yes') : t('tenancy.no')] })),
    fields: async (tenantId, t) => {
      const locs = await listLocalities(db, tenantId);
      return [
        { name: 'name', label: t('tenancy.fields.name'), kind: 'text', required: true, maxLength: 120 },
        { name: 'slug', label: t('tenancy.fields.slug'), hint: t('tenancy.fields.slugHint'), kind: 'text', maxLength: 80 },
        { name: 'localityId', label: t('tenancy.fields.locality'), kind: 'select', required: true, options: locs.map((l) => ({ value: l.id, label: l.name })) },
        { name: 'covers', label: t('tenancy.fields.covers'), hint: t('tenancy.fields.coversHint'), kind: 'text', maxLength: 1000 },
        { name: 'description', label: t('tenancy.fields.description'), kind: 'textarea', maxLength: 4000 },
        { name: 'active', label: t('tenancy.fields.active'), kind: 'checkbox' },
      ];
    },
    load: (tenantId, id) => getCatalogueRow(db, areas, tenantId, id),
    toValues: (row) => ({ ...row, active: row.active ? 'on' : '' }),
    newValues: { active: 'on' },
    schema: AreaInput,
    save: (actor, input, existing) => saveArea(db, actor, input, existing),
  });

  catalogueRoutes(app, translator.has, {
    policy: tenancyPolicy,
    path: '/admin/funktioner',
    title: (t) => t('tenancy.admin.functions'),
    newLabel: (t) => t('tenancy.admin.newFunction'),
    editTitle: (t, name) => t('tenancy.admin.editFunction', { name }),
    columns: (t) => [t('tenancy.fields.name'), t('tenancy.fields.kind'), t('tenancy.fields.code')],
    list: async (tenantId, t) =>
      (await listFunctions(db, tenantId)).map((f) => ({ id: f.id, name: f.name, cells: [t(`tenancy.functionKind.${f.kind}`), f.code] })),
    fields: async (_tenantId, t) => [
      { name: 'name', label: t('tenancy.fields.name'), kind: 'text', required: true, maxLength: 160 },
      { name: 'slug', label: t('tenancy.fields.slug'), hint: t('tenancy.fields.slugHint'), kind: 'text', maxLength: 80 },
      {
        name: 'kind',
        label: t('tenancy.fields.kind'),
        kind: 'select',
        required: true,
        options: (['department', 'company', 'federation'] as const).map((k) => ({ value: k, label: t(`tenancy.functionKind.${k}`) })),
      },
      { name: 'code', label: t('tenancy.fields.code'), hint: t('tenancy.fields.codeHint'), kind: 'text', maxLength: 10 },
      { name: 'email', label: t('tenancy.fields.email'), kind: 'email', maxLength: 320 },
      { name: 'description', label: t('tenancy.fields.description'), kind: 'textarea', maxLength: 4000 },
    ],
    load: (tenantId, id) => getCatalogueRow(db, functions, tenantId, id),
    schema: FunctionInput,
    save: (actor, input, existing) => saveFunction(db, actor, input, existing),
  });
}

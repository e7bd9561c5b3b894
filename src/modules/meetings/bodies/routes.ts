import type { FastifyInstance } from 'fastify';
import { catalogueRoutes } from '../../../platform/catalogue/routes.js';
import { getCatalogueRow } from '../../../platform/catalogue/store.js';
import type { AppServices } from '../../../platform/module.js';
import { bodiesPolicy } from '../core/policy.js';
import { meetingBodies } from '../core/schema.js';
import { BodyInput, saveBody } from './commands.js';
import { listBodies } from './queries.js';

/** The municipal bodies of the political calendar, kept by editors and administrators. */
export function bodyRoutes(app: FastifyInstance, { db, translator }: AppServices): void {
  catalogueRoutes(app, translator.has, {
    path: '/admin/organ',
    policy: bodiesPolicy,
    title: (t) => t('meetings.bodies.title'),
    newLabel: (t) => t('meetings.bodies.new'),
    editTitle: (t, name) => t('meetings.bodies.edit', { name }),
    columns: (t) => [t('meetings.bodies.name'), t('meetings.bodies.description')],
    list: async (tenantId) => (await listBodies(db, tenantId)).map((b) => ({ id: b.id, name: b.name, cells: [b.description] })),
    fields: async (_tenantId, t) => [
      { name: 'name', label: t('meetings.bodies.name'), kind: 'text', required: true, maxLength: 160 },
      { name: 'slug', label: t('meetings.bodies.slug'), hint: t('meetings.bodies.slugHint'), kind: 'text', maxLength: 80 },
      { name: 'description', label: t('meetings.bodies.description'), kind: 'textarea', maxLength: 3000 },
    ],
    load: (tenantId, id) => getCatalogueRow(db, meetingBodies, tenantId, id),
    schema: BodyInput,
    save: (actor, input, existing) => saveBody(db, actor, input, existing),
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePolicy, isAdmin, NotFoundError } from '../../platform/authz/index.js';
import { catalogueRoutes } from '../../platform/catalogue/routes.js';
import { getCatalogueRow } from '../../platform/catalogue/store.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { cursorFrom, NameCursorQuery, Slug } from '../../platform/http/validation.js';
import { type AppServices, loadSections } from '../../platform/module.js';
import { listPlaces } from '../tenancy/index.js';
import { MeetingPlaceInput, saveMeetingPlace } from './commands.js';
import { getMeetingPlaceBySlug, listAllMeetingPlaces, listMeetingPlaces } from './queries.js';
import { meetingPlaces } from './schema.js';
import { MeetingPlacePage, MeetingPlacesPage } from './views/pages.js';

/** Only administrators keep the register of meeting places; everyone reads it. */
export const placesPolicy = definePolicy<null, 'manage'>({ manage: (actor) => isAdmin(actor) });

const ListQuery = z.object({ ort: Slug.optional().catch(undefined), ...NameCursorQuery });

/** The public register of meeting places and its administration. */
export function placeRoutes(app: FastifyInstance, { db, translator, registry }: AppServices): void {
  app.get('/motesplatser', { ...SHARED_PAGE, schema: { querystring: ListQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof ListQuery>;
    const places = await listPlaces(db, req.tenant.id);
    const locality = q.ort ? places.localities.find((l) => l.slug === q.ort) : undefined;
    const after = cursorFrom(q);
    const page = await listMeetingPlaces(db, req.tenant.id, { localityId: locality?.id, after });
    return reply.render((ctx) => <MeetingPlacesPage ctx={ctx} rows={page.rows} places={places} ort={locality?.slug ?? ''} next={page.next} isFirst={!after} />);
  });

  app.get<{ Params: { slug: string } }>('/motesplatser/:slug', SHARED_PAGE, async (req, reply) => {
    const place = await getMeetingPlaceBySlug(db, req.tenant.id, req.params.slug, req.actor.user?.id ?? null);
    if (!place) throw new NotFoundError();
    const [places, sections] = await Promise.all([
      listPlaces(db, req.tenant.id),
      loadSections(registry, 'meetingPlace', req, { id: place.id, slug: place.slug, name: place.name }),
    ]);
    return reply.render((ctx) => <MeetingPlacePage ctx={ctx} place={place} places={places} sections={sections} />);
  });

  catalogueRoutes(app, translator.has, {
    path: '/admin/motesplatser',
    policy: placesPolicy,
    title: (t) => t('places.admin.title'),
    newLabel: (t) => t('places.admin.new'),
    editTitle: (t, name) => t('places.admin.edit', { name }),
    columns: (t) => [t('places.fields.name'), t('places.fields.address')],
    list: async (tenantId) => (await listAllMeetingPlaces(db, tenantId)).map((p) => ({ id: p.id, name: p.name, cells: [p.address] })),
    fields: async (tenantId, t) => {
      const places = await listPlaces(db, tenantId);
      return [
        { name: 'name', label: t('places.fields.name'), kind: 'text', required: true, maxLength: 160 },
        { name: 'slug', label: t('places.fields.slug'), hint: t('places.fields.slugHint'), kind: 'text', maxLength: 80 },
        { name: 'address', label: t('places.fields.address'), kind: 'text', maxLength: 300 },
        { name: 'localityId', label: t('places.fields.locality'), kind: 'select', options: places.localities.map((l) => ({ value: l.id, label: l.name })) },
        { name: 'areaId', label: t('places.fields.area'), kind: 'select', options: places.areas.map((a) => ({ value: a.id, label: a.name })) },
        { name: 'description', label: t('places.fields.description'), kind: 'textarea', maxLength: 4000 },
        { name: 'openingHours', label: t('places.fields.openingHours'), kind: 'text', maxLength: 1000 },
        { name: 'stepFree', label: t('places.fields.stepFree'), kind: 'checkbox' },
        { name: 'accessibleToilet', label: t('places.fields.accessibleToilet'), kind: 'checkbox' },
        { name: 'hearingLoop', label: t('places.fields.hearingLoop'), kind: 'checkbox' },
        { name: 'transitNearby', label: t('places.fields.transitNearby'), kind: 'checkbox' },
        { name: 'accessibilityNotes', label: t('places.fields.accessibilityNotes'), kind: 'textarea', maxLength: 2000 },
      ];
    },
    load: (tenantId, id) => getCatalogueRow(db, meetingPlaces, tenantId, id),
    toValues: (p) => ({
      ...p,
      stepFree: p.stepFree ? 'on' : '',
      accessibleToilet: p.accessibleToilet ? 'on' : '',
      hearingLoop: p.hearingLoop ? 'on' : '',
      transitNearby: p.transitNearby ? 'on' : '',
    }),
    schema: MeetingPlaceInput,
    save: (actor, input, existing) => saveMeetingPlace(db, actor, input, existing),
  });
}

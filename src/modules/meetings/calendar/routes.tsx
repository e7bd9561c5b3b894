import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can, SignInRequiredError } from '../../../platform/authz/index.js';
import { SHARED_PAGE } from '../../../platform/http/render-cache.js';
import { cursorFrom, LocalDate, TimeCursorQuery } from '../../../platform/http/validation.js';
import type { AppServices } from '../../../platform/module.js';
import { addDays, startOfLocalDay, today } from '../../../platform/time.js';
import { councilIdsSql, listCouncils } from '../../councils/index.js';
import { listPlaces } from '../../tenancy/index.js';
import { listBodies } from '../bodies/queries.js';
import { newMeetingPolicy } from '../core/policy.js';
import { listMinutesToCheck } from '../minutes/queries.js';
import { myMeetingsPath } from '../paths.js';
import { calendarToken, renewCalendarKey } from './calendar-key.js';
import { getCalendarSalt, listCalendar, listMyMeetings } from './queries.js';
import { CalendarPage, MyMeetingsPage } from './views.js';

const CalendarQuery = z.object({
  ortsrad: z.string().max(80).optional().catch(undefined),
  ort: z.string().max(80).optional().catch(undefined),
  typ: z.enum(['local_council', 'area_network', 'contact_network', 'political']).optional().catch(undefined),
  organ: z.string().max(80).optional().catch(undefined),
  // A date that does not exist, or a cursor out of range, is dropped: the calendar shows from today.
  fran: LocalDate.optional().catch(undefined),
  till: LocalDate.optional().catch(undefined),
  ...TimeCursorQuery,
});

/** The public calendar and a person's own meetings with their calendar address. */
export function calendarRoutes(app: FastifyInstance, { db, config }: AppServices): void {
  app.get('/kalender', { ...SHARED_PAGE, schema: { querystring: CalendarQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof CalendarQuery>;
    const tz = req.tenant.timeZone;
    const [places, councils, bodies] = await Promise.all([listPlaces(db, req.tenant.id), listCouncils(db, req.actor), listBodies(db, req.tenant.id)]);
    const council = q.ortsrad ? councils.find((c) => c.slug === q.ortsrad) : undefined;
    const locality = q.ort ? places.localities.find((l) => l.slug === q.ort) : undefined;
    const body = q.organ ? bodies.find((b) => b.slug === q.organ) : undefined;
    const fran = q.fran ?? today(tz);
    // A day runs from its midnight in the municipality's zone to the next: a meeting is listed on every day it touches.
    const from = startOfLocalDay(fran, tz);
    const to = q.till ? startOfLocalDay(addDays(q.till, 1), tz) : undefined;
    const after = cursorFrom(q);
    const kind = q.typ && q.typ !== 'political' ? q.typ : undefined;
    const page = await listCalendar(db, req.actor, {
      councilId: council?.id,
      bodyId: body?.id,
      political: q.typ === 'political',
      councilIdsIn: [
        ...(kind ? [councilIdsSql({ tenantId: req.tenant.id, kind })] : []),
        ...(locality
          ? [
              councilIdsSql({
                tenantId: req.tenant.id,
                localityId: locality.id,
                areaIds: places.areas.filter((a) => a.localityId === locality.id).map((a) => a.id),
              }),
            ]
          : []),
      ],
      from,
      to,
      after,
    });
    return reply.render((ctx) => (
      <CalendarPage
        ctx={ctx}
        filter={{ ortsrad: council?.slug ?? '', ort: locality?.slug ?? '', typ: q.typ ?? '', organ: body?.slug ?? '', fran, till: q.till ?? '' }}
        items={page.rows}
        councils={councils.map((c) => ({ slug: c.slug, name: c.name }))}
        localities={places.localities.map((l) => ({ slug: l.slug, name: l.name }))}
        bodies={bodies.map((b) => ({ slug: b.slug, name: b.name }))}
        next={page.next}
        isFirst={!after}
        canAddPolitical={bodies.length > 0 && can(newMeetingPolicy, req.actor, 'create', { council: null, body: bodies[0] ?? null })}
      />
    ));
  });

  app.get('/mina-moten', async (req, reply) => {
    const me = req.actor.user;
    if (!me) throw new SignInRequiredError();
    const [items, salt, toCheck] = await Promise.all([
      listMyMeetings(db, req.actor),
      getCalendarSalt(db, req.tenant.id, me.id),
      listMinutesToCheck(db, req.actor),
    ]);
    const token = calendarToken(config.sessionSecret, req.tenant.id, me.id, salt ?? '');
    const feedUrl = `${req.tenant.baseUrl ?? config.baseUrl}/kalender/person/${me.id}/${token}.ics`;
    return reply.render((ctx) => <MyMeetingsPage ctx={ctx} items={items} feedUrl={feedUrl} toCheck={toCheck} />);
  });

  app.post('/mina-moten/ny-kalenderadress', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    await renewCalendarKey(db, req.actor);
    return reply.flash('meetings.my.renewed').redirect(myMeetingsPath, 303);
  });
}

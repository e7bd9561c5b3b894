import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, NotFoundError } from '../../../platform/authz/index.js';
import { ShortCache } from '../../../platform/cache.js';
import type { TFn } from '../../../platform/i18n/index.js';
import { buildCalendar, type CalendarEvent } from '../../../platform/ical.js';
import type { AppServices } from '../../../platform/module.js';
import { loadActor } from '../../accounts/index.js';
import { councilPolicy, getCouncilBySlug, listCouncilIdsOfOrganisation } from '../../councils/index.js';
import { getOrganisationBySlug } from '../../organisations/index.js';
import { type MeetingListItem, publicMeetings, visibleMeetings } from '../core/access.js';
import { organiserName, placeLabel } from '../core/format.js';
import { loadMeeting } from '../core/load.js';
import { meetingPolicy } from '../core/policy.js';
import { checkCalendarToken } from './calendar-key.js';
import { getCalendarSalt, listFeedMeetings } from './queries.js';

/** iCalendar feeds: the whole municipality, a council, an organisation, a person's own registrations, and one meeting. */
export function feedRoutes(app: FastifyInstance, { db, config, changes }: AppServices): void {
  const baseUrl = (req: FastifyRequest) => req.tenant.baseUrl ?? config.baseUrl;

  // Public feeds are the same for every reader and are polled by calendar clients: the built
  // feed is kept for a minute, and any write in the same municipality, on any instance, clears it.
  const feeds = new ShortCache<{ body: string; etag: string }>(60_000);
  changes.onChange((tenantId) => feeds.clearPrefix(tenantId ? `${tenantId}|` : ''));

  const send = async (req: FastifyRequest, reply: FastifyReply, name: string, load: () => Promise<MeetingListItem[]>, opts: { private?: boolean } = {}) => {
    const key = `${req.tenant.id}|${req.lang}|${req.url.split('?')[0]}`;
    // A reader who asks for a fresh copy (Cache-Control: no-cache) gets one, as from any shared cache.
    const fresh = /no-cache/i.test(req.headers['cache-control'] ?? '');
    const build = async () => {
      const body = buildCalendar({
        name: `${name} – ${req.tenant.name}`,
        timeZone: req.tenant.timeZone,
        events: eventsOf(req, await load(), baseUrl(req)),
      });
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    };
    const feed = opts.private ? await build() : await feeds.remember(key, build, fresh);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="kalender.ics"')
      .header('cache-control', opts.private ? 'private, max-age=300' : 'public, max-age=300')
      .header('etag', feed.etag);
    if (req.headers['if-none-match'] === feed.etag) return reply.code(304).send();
    return reply.send(feed.body);
  };

  app.get('/kalender.ics', async (req, reply) => send(req, reply, req.t('meetings.calendar.title'), () => listFeedMeetings(db, req.tenant.id, publicMeetings)));

  app.get<{ Params: { slug: string } }>('/ortsrad/:slug/kalender.ics', async (req, reply) => {
    const found = await getCouncilBySlug(db, req.actor, req.params.slug);
    if (!found) throw new NotFoundError();
    authorize(councilPolicy, req.actor, 'view', found);
    // A private network has no public feed: its members use their personal one.
    if (!found.council.isPublic) throw new NotFoundError();
    return send(req, reply, found.council.name, () =>
      listFeedMeetings(db, req.tenant.id, sql`"meetings"."council_id" = ${found.council.id} and ${publicMeetings}`),
    );
  });

  app.get<{ Params: { slug: string } }>('/organisationer/:slug/kalender.ics', async (req, reply) => {
    const org = await getOrganisationBySlug(db, req.tenant.id, req.params.slug);
    if (!org) throw new NotFoundError();
    return send(req, reply, org.org.name, async () => {
      const councilIds = await listCouncilIdsOfOrganisation(db, req.tenant.id, org.org.id);
      return councilIds.length
        ? listFeedMeetings(db, req.tenant.id, sql`"meetings"."council_id" = any(${sql.param(councilIds)}::uuid[]) and ${publicMeetings}`)
        : [];
    });
  });

  app.get<{ Params: { user: string; file: string } }>('/kalender/person/:user/:file', async (req, reply) => {
    const { user } = req.params;
    const token = req.params.file.replace(/\.ics$/, '');
    if (token.length > 64) throw new NotFoundError();
    const [salt, person] = await Promise.all([getCalendarSalt(db, req.tenant.id, user), loadActor(db, req.tenant.id, user)]);
    if (!person?.user || !checkCalendarToken(config.sessionSecret, req.tenant.id, user, salt ?? '', token)) throw new NotFoundError();
    // Only meetings the person still may see: someone who left a council loses its private meetings.
    const items = () =>
      listFeedMeetings(
        db,
        req.tenant.id,
        sql`exists (select 1 from meeting_registrations r where r.meeting_id = "meetings"."id" and r.user_id = ${user} and r.status = 'registered') and ${visibleMeetings(person)}`,
      );
    return send(req, reply, person.user.name, items, { private: true });
  });

  app.get<{ Params: { slug: string } }>('/moten/:slug/kalender.ics', async (req, reply) => {
    const access = await loadMeeting(db, req);
    if (access.meeting.status === 'draft' || !can(meetingPolicy, req.actor, 'view', access)) throw new NotFoundError();
    return send(req, reply, access.meeting.title, async () => [access], { private: access.meeting.visibility === 'members' });
  });
}

/** The meetings as calendar events. */
function eventsOf(req: FastifyRequest, items: MeetingListItem[], base: string): CalendarEvent[] {
  const t: TFn = req.t;
  return items.map((i) => {
    const m = i.meeting;
    const url = `${base}/moten/${m.slug}`;
    const where = m.placeKind === 'online' ? m.onlineUrl : placeLabel(t, i);
    const description = [
      m.status === 'cancelled' ? t('meetings.meeting.cancelledBecause', { reason: m.cancelReason }) : '',
      m.description,
      organiserName(i),
      url,
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      uid: `${m.id}@motesplats`,
      start: m.startsAt,
      end: m.endsAt,
      summary: m.title,
      description,
      location: where,
      url,
      status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      sequence: m.sequence,
      created: m.createdAt,
      lastModified: m.updatedAt,
      categories: [organiserName(i)].filter(Boolean),
      klass: m.visibility === 'members' ? 'PRIVATE' : 'PUBLIC',
    };
  });
}

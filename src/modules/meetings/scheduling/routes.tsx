import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, NotFoundError } from '../../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { SHARED_PAGE } from '../../../platform/http/render-cache.js';
import { Slug } from '../../../platform/http/validation.js';
import type { AppServices } from '../../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../../platform/submissions/index.js';
import { localParts } from '../../../platform/time.js';
import { councilPath, getCouncilBySlug } from '../../councils/index.js';
import { listMeetingPlaceChoices } from '../../places/index.js';
import { listBodies } from '../bodies/queries.js';
import type { MeetingAccess } from '../core/access.js';
import { loadManagedMeeting, loadMeeting } from '../core/load.js';
import { newMeetingPolicy } from '../core/policy.js';
import { calendarPath, meetingPath, meetingSubPath, newMeetingPath } from '../paths.js';
import { CancelInput, cancelMeeting, createMeeting, inviteMembers, MeetingInput, type Organiser, publishMeeting, updateMeeting } from './commands.js';
import { MeetingFormPage } from './form-view.js';
import { renderMeetingPage } from './page.js';

/** Whose meeting a new one is: a council's (by its slug) or the political bodies' (`organ`, empty for the first body). */
const NewMeetingQuery = z.object({ ortsrad: Slug.optional(), organ: z.union([Slug, z.literal('')]).optional() });

/** A meeting's page, and scheduling: new meetings, editing, publishing, cancelling and inviting. */
export function schedulingRoutes(app: FastifyInstance, { db, translator, config, jobs }: AppServices): void {
  const isKey = translator.has;
  const baseUrl = (req: FastifyRequest) => req.tenant.baseUrl ?? config.baseUrl;

  // Scheduling: a council's chair or secretary for the council, an editor for a municipal body.
  const organiserOf = async (
    req: FastifyRequest,
    q: { ortsrad?: unknown; organ?: unknown; bodyId?: unknown },
  ): Promise<Organiser & { bodies?: { id: string; name: string; slug: string }[] }> => {
    if (typeof q.ortsrad === 'string' && q.ortsrad) {
      const found = await getCouncilBySlug(db, req.actor, q.ortsrad);
      if (!found) throw new NotFoundError();
      const c = found.council;
      return {
        council: {
          id: c.id,
          slug: c.slug,
          name: c.name,
          kind: c.kind,
          isPublic: c.isPublic,
          localityId: c.localityId,
          areaId: c.areaId,
          myRoles: found.myRoles,
        },
        body: null,
      };
    }
    const bodies = await listBodies(db, req.tenant.id);
    const wanted =
      typeof q.bodyId === 'string' && q.bodyId
        ? bodies.find((b) => b.id === q.bodyId)
        : typeof q.organ === 'string'
          ? bodies.find((b) => b.slug === q.organ)
          : undefined;
    const body = wanted ?? bodies[0];
    if (!body) throw new NotFoundError();
    return { council: null, body: { id: body.id, slug: body.slug, name: body.name }, bodies };
  };

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, organiser: Awaited<ReturnType<typeof organiserOf>>, form: FormState, status?: number) => {
    const places = await listMeetingPlaceChoices(db, req.tenant.id);
    const name = organiser.council?.name ?? req.t('meetings.kind.political');
    return reply.render(
      (ctx) => (
        <MeetingFormPage
          ctx={ctx}
          title={ctx.t('meetings.manage.newFor', { name })}
          action={newMeetingPath(organiser.council)}
          form={form}
          places={places}
          bodies={organiser.bodies}
          organiser={{ href: organiser.council ? councilPath(organiser.council) : calendarPath, name }}
          allowMembersOnly={!!organiser.council?.isPublic}
        />
      ),
      status,
    );
  };

  app.get('/moten/ny', { schema: { querystring: NewMeetingQuery } }, async (req, reply) => {
    const organiser = await organiserOf(req, req.query as z.output<typeof NewMeetingQuery>);
    authorize(newMeetingPolicy, req.actor, 'create', organiser);
    return renderNew(
      req,
      reply,
      organiser,
      formOf({
        bodyId: organiser.body?.id,
        title: organiser.council ? req.t('meetings.manage.defaultTitle', { name: organiser.council.name }) : (organiser.body?.name ?? ''),
        placeKind: 'place',
        startTime: organiser.council ? '18:30' : '13:00',
        endTime: organiser.council ? '20:30' : '17:00',
        registrationOpen: 'on',
        visibility: 'public',
        [SUBMISSION_FIELD]: newSubmissionKey(),
      }),
    );
  });

  app.post<{ Body: Record<string, string> }>('/moten/ny', { schema: { querystring: NewMeetingQuery } }, async (req, reply) => {
    const organiser = await organiserOf(req, { ...(req.query as z.output<typeof NewMeetingQuery>), bodyId: req.body?.bodyId });
    authorize(newMeetingPolicy, req.actor, 'create', organiser);
    const parsed = parseForm(MeetingInput, req.body, isKey);
    if (!parsed.ok) return renderNew(req, reply, organiser, parsed.form, 422);
    const result = await createMeeting(db, req.actor, organiser, parsed.data, req.tenant.timeZone, submissionKeyOf(req.body));
    if (!result.ok) return renderNew(req, reply, organiser, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.manage.created').redirect(meetingPath(result.value), 303);
  });

  app.get<{ Params: { slug: string } }>('/moten/:slug', SHARED_PAGE, async (req, reply) =>
    renderMeetingPage(db, req, reply, baseUrl(req), await loadMeeting(db, req)),
  );

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, access: MeetingAccess, form: FormState, status?: number) => {
    const places = await listMeetingPlaceChoices(db, req.tenant.id);
    return reply.render(
      (ctx) => (
        <MeetingFormPage
          ctx={ctx}
          title={ctx.t('meetings.manage.editTitle', { title: access.meeting.title })}
          action={meetingSubPath(access.meeting, 'redigera')}
          form={form}
          places={places}
          existing={access}
          organiser={{ href: meetingPath(access.meeting), name: access.meeting.title }}
          allowMembersOnly={!!access.council?.isPublic}
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/moten/:slug/redigera', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const m = access.meeting;
    const tz = req.tenant.timeZone;
    return renderEdit(
      req,
      reply,
      access,
      formOf({
        title: m.title,
        description: m.description,
        date: localParts(m.startsAt, tz).date,
        startTime: localParts(m.startsAt, tz).time,
        endTime: localParts(m.endsAt, tz).time,
        placeKind: m.placeKind,
        meetingPlaceId: m.meetingPlaceId,
        address: m.address,
        onlineUrl: m.onlineUrl,
        accessibility: m.accessibility,
        capacity: m.capacity,
        registrationOpen: m.registrationOpen ? 'on' : '',
        visibility: m.visibility,
        version: m.updatedAt.toISOString(),
      }),
    );
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/redigera', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const parsed = parseForm(MeetingInput, req.body, isKey);
    if (!parsed.ok) return renderEdit(req, reply, access, parsed.form, 422);
    const result = await updateMeeting(db, req.actor, access, parsed.data, req.tenant.timeZone, formVersion(req.body));
    if (!result.ok) return renderEdit(req, reply, access, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.manage.saved').redirect(meetingPath(access.meeting), 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/publicera', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const result = await publishMeeting(db, req.actor, access);
    if (!result.ok) return renderMeetingPage(db, req, reply, baseUrl(req), access, { manage: formWithErrors({}, result.errors) }, 409);
    return reply.flash('meetings.manage.published').redirect(meetingPath(access.meeting), 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/stall-in', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const parsed = parseForm(CancelInput, req.body, isKey);
    if (!parsed.ok) return renderMeetingPage(db, req, reply, baseUrl(req), access, { cancel: parsed.form }, 422);
    const result = await cancelMeeting(db, req.actor, access, parsed.data);
    if (!result.ok) return renderMeetingPage(db, req, reply, baseUrl(req), access, { manage: formWithErrors({}, result.errors) }, 409);
    jobs.poke();
    return reply.flash('meetings.manage.cancelled').redirect(meetingPath(access.meeting), 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/bjud-in', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const result = await inviteMembers(db, req.actor, access);
    if (!result.ok) return renderMeetingPage(db, req, reply, baseUrl(req), access, { manage: formWithErrors({}, result.errors) }, 409);
    jobs.poke();
    return reply.flash('meetings.manage.invited', { count: result.value.invited }).redirect(meetingPath(access.meeting), 303);
  });
}

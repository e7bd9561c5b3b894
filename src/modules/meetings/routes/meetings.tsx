import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, NotFoundError, SignInRequiredError } from '../../../platform/authz/index.js';
import { type FormState, formOf, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { CursorTime, LocalDate, Uuid } from '../../../platform/http/validation.js';
import type { AppServices } from '../../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../../platform/submissions/index.js';
import { addDays, localParts, startOfLocalDay, today } from '../../../platform/time.js';
import { getUserNames } from '../../accounts/index.js';
import { councilIdsSql, getCouncilBySlug, listCouncils } from '../../councils/index.js';
import { listOrganisationsOf } from '../../organisations/index.js';
import { listMeetingPlaceChoices } from '../../places/index.js';
import { listPlaces } from '../../tenancy/index.js';
import { calendarToken, renewCalendarKey } from '../commands/calendar-key.js';
import { CancelInput, cancelMeeting, createMeeting, inviteMembers, MeetingInput, type Organiser, publishMeeting, updateMeeting } from '../commands/meeting.js';
import { AnswerInput, answerMeeting, withdrawAnswer } from '../commands/registration.js';
import { jsonForScript, meetingEvent } from '../jsonld.js';
import { meetingPolicy, minutesPolicy, newMeetingPolicy } from '../policy.js';
import {
  getCalendarSalt,
  getRegistrationSummary,
  listAgenda,
  listBodies,
  listCalendar,
  listDocuments,
  listMinutesToCheck,
  listMinutesVersions,
  listMyMeetings,
  listOpenActionItems,
  listRegistrations,
  type MeetingAccess,
} from '../queries.js';
import { CalendarPage, MyMeetingsPage } from '../views/calendar.js';
import { organiserHref } from '../views/format.js';
import { MeetingFormPage } from '../views/forms.js';
import { MeetingPage } from '../views/meeting.js';
import { loadManagedMeeting, loadMeeting, versionOf } from './load.js';

const CalendarQuery = z.object({
  ortsrad: z.string().max(80).optional().catch(undefined),
  ort: z.string().max(80).optional().catch(undefined),
  typ: z.enum(['local_council', 'area_network', 'contact_network', 'political']).optional().catch(undefined),
  organ: z.string().max(80).optional().catch(undefined),
  // A date that does not exist, or a cursor out of range, is dropped: the calendar shows from today.
  fran: LocalDate.optional().catch(undefined),
  till: LocalDate.optional().catch(undefined),
  efter: CursorTime.optional().catch(undefined),
  id: Uuid.optional().catch(undefined),
});

/** The calendar, the meeting pages, scheduling, registration and a person's own meetings. */
export function meetingPageRoutes(app: FastifyInstance, { db, translator, config, jobs }: AppServices): void {
  const isKey = translator.has;
  const baseUrl = (req: FastifyRequest) => req.tenant.baseUrl ?? config.baseUrl;

  app.get('/kalender', { schema: { querystring: CalendarQuery } }, async (req, reply) => {
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
    const after = q.efter && q.id ? { at: q.efter, id: q.id } : undefined;
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
    const feedUrl = `${baseUrl(req)}/kalender/person/${me.id}/${token}.ics`;
    return reply.render((ctx) => <MyMeetingsPage ctx={ctx} items={items} feedUrl={feedUrl} toCheck={toCheck} />);
  });

  app.post('/mina-moten/ny-kalenderadress', async (req, reply) => {
    if (!req.actor.user) throw new SignInRequiredError();
    await renewCalendarKey(db, req.actor);
    return reply.flash('meetings.my.renewed').redirect('/mina-moten', 303);
  });

  // Scheduling: a council's chair or secretary for the council, an editor for a municipal body.
  const organiserOf = async (
    req: FastifyRequest,
    q: { ortsrad?: unknown; organ?: unknown; bodyId?: unknown },
  ): Promise<Organiser & { bodies?: { id: string; name: string; slug: string }[] }> => {
    if (typeof q.ortsrad === 'string' && q.ortsrad) {
      const found = await getCouncilBySlug(db, req.actor, q.ortsrad.slice(0, 80));
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
          action={organiser.council ? `/moten/ny?ortsrad=${organiser.council.slug}` : '/moten/ny?organ='}
          form={form}
          places={places}
          bodies={organiser.bodies}
          organiser={{ href: organiser.council ? `/ortsrad/${organiser.council.slug}` : '/kalender', name }}
          allowMembersOnly={!!organiser.council?.isPublic}
        />
      ),
      status,
    );
  };

  app.get<{ Querystring: Record<string, string> }>('/moten/ny', async (req, reply) => {
    const organiser = await organiserOf(req, req.query);
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

  app.post<{ Querystring: Record<string, string>; Body: Record<string, string> }>('/moten/ny', async (req, reply) => {
    const organiser = await organiserOf(req, { ...req.query, bodyId: req.body?.bodyId });
    authorize(newMeetingPolicy, req.actor, 'create', organiser);
    const parsed = parseForm(MeetingInput, req.body, isKey);
    if (!parsed.ok) return renderNew(req, reply, organiser, parsed.form, 422);
    const result = await createMeeting(db, req.actor, organiser, parsed.data, req.tenant.timeZone, submissionKeyOf(req.body));
    if (!result.ok) return renderNew(req, reply, organiser, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.manage.created').redirect(`/moten/${result.value.slug}`, 303);
  });

  const renderMeeting = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: MeetingAccess,
    forms: { answer?: FormState; cancel?: FormState; manage?: FormState },
    status?: number,
  ) => {
    const m = access.meeting;
    const allowed = {
      manage: can(meetingPolicy, req.actor, 'manage', access),
      register: can(meetingPolicy, req.actor, 'register', access),
      seeInternal: can(meetingPolicy, req.actor, 'seeInternal', access),
    };
    const ended = m.endsAt < new Date();
    const [agenda, documents, summary, openActions, versions, registrations, organisations] = await Promise.all([
      listAgenda(db, m.id),
      listDocuments(db, m.id, allowed.seeInternal),
      getRegistrationSummary(db, m.id, req.actor.user?.id ?? null),
      access.council && !ended ? listOpenActionItems(db, req.actor, access.council.id, { before: m.startsAt }).then((r) => r.rows) : Promise.resolve([]),
      ended ? listMinutesVersions(db, m.id) : Promise.resolve([]),
      allowed.manage ? listRegistrations(db, m.id) : Promise.resolve(null),
      allowed.register && req.actor.user ? listOrganisationsOf(db, req.tenant.id, req.actor.user.id) : Promise.resolve([]),
    ]);
    const names = registrations
      ? await getUserNames(
          db,
          req.tenant.id,
          registrations.map((r) => r.userId),
        )
      : new Map<string, string>();
    const url = `${baseUrl(req)}/moten/${m.slug}`;
    const organiserUrl = `${baseUrl(req)}${organiserHref(access)}`;
    const published = versions.find((v) => v.status === 'published' && !v.supersededAt);
    const newest = versions[0];
    const mine = summary.mine;
    return reply.render(
      (ctx) => (
        <MeetingPage
          ctx={ctx}
          access={access}
          agenda={agenda}
          documents={documents}
          summary={summary}
          organisations={organisations}
          answerForm={forms.answer ?? formOf({ organisationId: mine?.organisationId ?? '', note: mine?.note ?? '' })}
          cancelForm={forms.cancel ?? formOf()}
          manageForm={forms.manage ?? formOf()}
          openActions={openActions}
          minutesVersion={published?.version ?? null}
          workingMinutes={
            newest && newest.status !== 'published' && can(minutesPolicy, req.actor, 'read', { ...access, minutes: newest }) ? newest.status : null
          }
          allowed={allowed}
          registrations={registrations ? { rows: registrations, names } : null}
          jsonLd={jsonForScript(meetingEvent(access, { url, organiserUrl }))}
          feedHref={access.council?.isPublic ? `/ortsrad/${access.council.slug}/kalender.ics` : null}
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/moten/:slug', async (req, reply) => renderMeeting(req, reply, await loadMeeting(db, req), {}));

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, access: MeetingAccess, form: FormState, status?: number) => {
    const places = await listMeetingPlaceChoices(db, req.tenant.id);
    return reply.render(
      (ctx) => (
        <MeetingFormPage
          ctx={ctx}
          title={ctx.t('meetings.manage.editTitle', { title: access.meeting.title })}
          action={`/moten/${access.meeting.slug}/redigera`}
          form={form}
          places={places}
          existing={access}
          organiser={{ href: `/moten/${access.meeting.slug}`, name: access.meeting.title }}
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
    const result = await updateMeeting(db, req.actor, access, parsed.data, req.tenant.timeZone, versionOf(req.body, access.meeting.updatedAt));
    if (!result.ok) return renderEdit(req, reply, access, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.manage.saved').redirect(`/moten/${access.meeting.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/publicera', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const result = await publishMeeting(db, req.actor, access);
    if (!result.ok) return renderMeeting(req, reply, access, { manage: formWithErrors({}, result.errors) }, 409);
    return reply.flash('meetings.manage.published').redirect(`/moten/${access.meeting.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/stall-in', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const parsed = parseForm(CancelInput, req.body, isKey);
    if (!parsed.ok) return renderMeeting(req, reply, access, { cancel: parsed.form }, 422);
    const result = await cancelMeeting(db, req.actor, access, parsed.data);
    if (!result.ok) return renderMeeting(req, reply, access, { manage: formWithErrors({}, result.errors) }, 409);
    jobs.poke();
    return reply.flash('meetings.manage.cancelled').redirect(`/moten/${access.meeting.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/bjud-in', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const result = await inviteMembers(db, req.actor, access);
    if (!result.ok) return renderMeeting(req, reply, access, { manage: formWithErrors({}, result.errors) }, 409);
    jobs.poke();
    return reply.flash('meetings.manage.invited', { count: result.value.invited }).redirect(`/moten/${access.meeting.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/anmalan', async (req, reply) => {
    const access = await loadMeeting(db, req);
    authorize(meetingPolicy, req.actor, 'register', access);
    const parsed = parseForm(AnswerInput, req.body, isKey);
    if (!parsed.ok) return renderMeeting(req, reply, access, { answer: parsed.form }, 422);
    const mine = await listOrganisationsOf(db, req.tenant.id, req.actor.user?.id ?? '');
    const result = await answerMeeting(
      db,
      req.actor,
      access,
      parsed.data,
      mine.map((o) => o.id),
    );
    if (!result.ok) return renderMeeting(req, reply, access, { answer: formWithErrors(req.body, result.errors) }, 409);
    return reply
      .flash(result.value.status === 'registered' ? 'meetings.answer.registered' : 'meetings.answer.declined')
      .redirect(`/moten/${access.meeting.slug}`, 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/anmalan/ta-bort', async (req, reply) => {
    const access = await loadMeeting(db, req);
    if (!req.actor.user) throw new SignInRequiredError();
    await withdrawAnswer(db, req.actor, access);
    return reply.flash('meetings.answer.withdrawn').redirect(`/moten/${access.meeting.slug}`, 303);
  });
}

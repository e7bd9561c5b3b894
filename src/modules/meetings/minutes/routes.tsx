import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, NotFoundError } from '../../../platform/authz/index.js';
import { type FormState, formOf, formVersion, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { SHARED_PAGE } from '../../../platform/http/render-cache.js';
import { Uuid } from '../../../platform/http/validation.js';
import { type AppServices, loadAnnotations } from '../../../platform/module.js';
import { getUserNames } from '../../accounts/index.js';
import { councilPath, councilPolicy, getCouncilBySlug, listCouncilOrganisationIds, listCouncilPeople } from '../../councils/index.js';
import { getOrganisationNames } from '../../organisations/index.js';
import { listAgenda } from '../agenda/queries.js';
import type { MeetingAccess, Minutes } from '../core/access.js';
import { loadManagedMeeting, loadMeeting } from '../core/load.js';
import { type MinutesAccess, meetingPolicy, minutesPolicy } from '../core/policy.js';
import { councilActionsPath, meetingPath, meetingSubPath } from '../paths.js';
import { listRegistrations } from '../registration/queries.js';
import { CouncilActionsPage } from './actions-view.js';
import { AttendanceInput, saveAttendance } from './attendance.js';
import { AttendancePage } from './attendance-view.js';
import {
  approveMinutes,
  publishMinutes,
  readMinutesForm,
  returnMinutes,
  saveMinutes,
  sendForChecking,
  setActionDone,
  startCorrection,
  startMinutes,
} from './commands.js';
import { listActionItemsOfMeeting, listAttendance, listMinutesVersions, listOpenActionItems, namesInMinutes } from './queries.js';
import { MinutesEditPage, MinutesPage, minutesFormValues, NoMinutesPage } from './views.js';

/** The list of open action items continues after an item's id; anything else starts from the top. */
const ActionsQuery = z.object({ efter: Uuid.optional().catch(undefined) });

/** Attendance, and the minutes from draft through checking (justering) to publication and correction. */
export function minutesRoutes(app: FastifyInstance, { db, translator, registry }: AppServices): void {
  const isKey = translator.has;
  const staffRoles = registry.roles.filter((r) => r.staff).map((r) => r.role);

  // Attendance: the council's people and those who registered, its organisations, and guests.
  const attendanceChoices = async (req: FastifyRequest, access: MeetingAccess) => {
    const [people, regs, orgIds, present] = await Promise.all([
      access.council ? listCouncilPeople(db, access.council.id) : Promise.resolve([]),
      listRegistrations(db, access.meeting.id),
      access.council ? listCouncilOrganisationIds(db, access.council.id) : Promise.resolve([]),
      listAttendance(db, access.meeting.id),
    ]);
    const userIds = [...new Set([...people.map((p) => p.userId), ...regs.filter((r) => r.status === 'registered').map((r) => r.userId)])];
    const allOrgIds = [...new Set([...orgIds, ...regs.map((r) => r.organisationId).filter((x): x is string => !!x)])];
    const [names, orgs] = await Promise.all([getUserNames(db, req.tenant.id, userIds), getOrganisationNames(db, req.tenant.id, allOrgIds)]);
    const presentPeople = new Set(present.map((p) => p.userId));
    const presentOrgs = new Set(present.map((p) => p.organisationId));
    return {
      people: userIds.map((id) => ({ id, name: names.get(id) ?? '–', checked: presentPeople.has(id) })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      organisations: allOrgIds
        .map((id) => ({ id, name: orgs.get(id)?.name ?? '–', checked: presentOrgs.has(id) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      guests: present.filter((p) => p.guestName).map((p) => p.guestName),
    };
  };

  // A council's open action items, a page at a time: whoever may see the council may see them.
  app.get<{ Params: { slug: string }; Querystring: z.output<typeof ActionsQuery> }>(
    '/ortsrad/:slug/atgarder',
    { ...SHARED_PAGE, schema: { querystring: ActionsQuery } },
    async (req, reply) => {
      const found = await getCouncilBySlug(db, req.actor, req.params.slug);
      if (!found) throw new NotFoundError();
      authorize(councilPolicy, req.actor, 'view', found);
      const after = req.query.efter;
      const { council } = found;
      const page = await listOpenActionItems(db, req.actor, council.id, { limit: 50, after });
      const next = page.next ? `${councilActionsPath(council)}?efter=${page.next}` : undefined;
      return reply.render((ctx) => <CouncilActionsPage ctx={ctx} council={council} items={page.rows} next={next} isFirst={!after} />);
    },
  );

  const renderAttendance = async (req: FastifyRequest, reply: FastifyReply, access: MeetingAccess, form: FormState | null, status?: number) => {
    const choices = await attendanceChoices(req, access);
    const values = form?.values ?? { guests: choices.guests.join('\n') };
    const chosen = (name: 'people' | 'organisations') => {
      const raw = (req.body as Record<string, unknown> | undefined)?.[name];
      return new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
    };
    const people = form ? choices.people.map((c) => ({ ...c, checked: chosen('people').has(c.id) })) : choices.people;
    const organisations = form ? choices.organisations.map((c) => ({ ...c, checked: chosen('organisations').has(c.id) })) : choices.organisations;
    return reply.render(
      (ctx) => <AttendancePage ctx={ctx} access={access} people={people} organisations={organisations} form={{ values, errors: form?.errors ?? {} }} />,
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/moten/:slug/narvaro', async (req, reply) => renderAttendance(req, reply, await loadManagedMeeting(db, req), null));

  app.post<{ Params: { slug: string } }>('/moten/:slug/narvaro', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const parsed = parseForm(AttendanceInput, req.body, isKey);
    if (!parsed.ok) return renderAttendance(req, reply, access, parsed.form, 422);
    const choices = await attendanceChoices(req, access);
    const result = await saveAttendance(db, req.actor, access, parsed.data, {
      people: new Set(choices.people.map((p) => p.id)),
      organisations: new Set(choices.organisations.map((o) => o.id)),
    });
    if (!result.ok) return renderAttendance(req, reply, access, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.attendance.saved', { count: result.value.present }).redirect(meetingSubPath(access.meeting, 'protokoll'), 303);
  });

  /** The version asked for, else the one in force, else (for those who may read it) the newest. */
  const pickVersion = (req: FastifyRequest, access: MeetingAccess, versions: Minutes[], asked?: string): MinutesAccess | null => {
    if (asked !== undefined) {
      const v = versions.find((x) => String(x.version) === asked);
      return v ? { ...access, minutes: v } : null;
    }
    const current = versions.find((x) => x.status === 'published' && !x.supersededAt);
    const newest = versions[0];
    if (newest && newest !== current && can(minutesPolicy, req.actor, 'read', { ...access, minutes: newest })) return { ...access, minutes: newest };
    return current ? { ...access, minutes: current } : newest ? { ...access, minutes: newest } : null;
  };

  const renderMinutes = async (req: FastifyRequest, reply: FastifyReply, a: MinutesAccess, versions: Minutes[], form?: FormState, status?: number) => {
    const m = a.minutes;
    const isCurrent = m.status === 'published' && !m.supersededAt;
    // What other modules add to each point: what came of it, and, for those who run the meeting, what they can make of it.
    const pointIds = m.items.map((_, i) => `${a.meeting.id}:${i}`);
    const runs = can(minutesPolicy, req.actor, 'write', a);
    const [attendance, actions, notes, tools] = await Promise.all([
      listAttendance(db, a.meeting.id),
      isCurrent ? listActionItemsOfMeeting(db, a.meeting.id) : Promise.resolve([]),
      loadAnnotations(registry, 'minutesPoint', req, pointIds),
      runs ? loadAnnotations(registry, 'minutesPointTools', req, pointIds) : Promise.resolve(new Map()),
    ]);
    const userIds = [...new Set([...m.checkerIds, ...m.checkedBy, ...attendance.map((x) => x.userId).filter((x): x is string => !!x)])];
    const orgIds = attendance.map((x) => x.organisationId).filter((x): x is string => !!x);
    const [people, orgs] = await Promise.all([
      namesInMinutes(db, req.tenant.id, userIds, a.meeting, staffRoles),
      getOrganisationNames(db, req.tenant.id, orgIds),
    ]);
    const names = new Map([...people].map(([id, p]) => [id, p.name]));
    const byName = (a: string, b: string) => a.localeCompare(b, 'sv');
    // Who may be named: everyone for those who run the meeting; otherwise the public roles, the
    // checkers and those who chose so; the other residents present are counted, not named.
    const named = (id: string) => runs || m.checkerIds.includes(id) || !!people.get(id)?.isPublic;
    const personIds = attendance.map((x) => x.userId).filter((x): x is string => !!x);
    const unnamed = personIds.filter((id) => !named(id)).length;
    // People and organisations by name, then guests as the secretary wrote them.
    const present = [
      ...personIds
        .filter(named)
        .map((id) => names.get(id) ?? '–')
        .sort(byName),
      ...(unnamed > 0 ? [req.t('meetings.minutes.residents', { count: unnamed })] : []),
      ...attendance
        .filter((x) => x.organisationId)
        .map((x) => orgs.get(x.organisationId as string)?.name ?? '–')
        .sort(byName),
      ...(runs ? attendance.filter((x) => x.guestName).map((x) => x.guestName) : []),
      ...(!runs && attendance.some((x) => x.guestName) ? [req.t('meetings.minutes.guests', { count: attendance.filter((x) => x.guestName).length })] : []),
    ];
    return reply.render(
      (ctx) => (
        <MinutesPage
          ctx={ctx}
          access={a}
          minutes={m}
          versions={versions}
          names={names}
          attendance={present}
          actions={new Map(actions.map((x) => [x.key, x]))}
          pointNotes={(i) => [...(notes.get(`${a.meeting.id}:${i}`) ?? []), ...(tools.get(`${a.meeting.id}:${i}`) ?? [])]}
          allowed={{
            write: can(minutesPolicy, req.actor, 'write', a),
            check: can(minutesPolicy, req.actor, 'check', a),
            markDone: isCurrent && can(meetingPolicy, req.actor, 'manage', a),
          }}
          form={form ?? formOf()}
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string }; Querystring: { version?: string } }>('/moten/:slug/protokoll', SHARED_PAGE, async (req, reply) => {
    const access = await loadMeeting(db, req);
    const versions = await listMinutesVersions(db, access.meeting.id);
    const asked = typeof req.query.version === 'string' ? req.query.version.slice(0, 6) : undefined;
    const picked = pickVersion(req, access, versions, asked);
    if (!picked) {
      if (versions.length === 0 && can(meetingPolicy, req.actor, 'manage', access) && access.meeting.startsAt <= new Date()) {
        return reply.render((ctx) => <NoMinutesPage ctx={ctx} access={access} />);
      }
      throw new NotFoundError();
    }
    authorize(minutesPolicy, req.actor, 'read', picked);
    return renderMinutes(req, reply, picked, versions);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const result = await startMinutes(db, req.actor, access, await listAgenda(db, access.meeting.id));
    if (!result.ok) return reply.flash('meetings.errors.notYetHeld', {}, 'error').redirect(meetingPath(access.meeting), 303);
    return reply.redirect(meetingSubPath(access.meeting, 'protokoll/redigera'), 303);
  });

  /** The newest version, for the secretary's and the checkers' actions. */
  const newest = async (req: FastifyRequest<{ Params: { slug: string } }>) => {
    const access = await loadMeeting(db, req);
    const versions = await listMinutesVersions(db, access.meeting.id);
    const latest = versions[0];
    if (!latest) throw new NotFoundError();
    return { a: { ...access, minutes: latest } as MinutesAccess, versions };
  };

  const checkersOf = async (req: FastifyRequest, a: MinutesAccess) => {
    const people = a.council ? await listCouncilPeople(db, a.council.id) : [];
    const ids = [...new Set(people.map((p) => p.userId))];
    const names = await getUserNames(db, req.tenant.id, ids);
    return ids.map((id) => ({ id, name: names.get(id) ?? '–' })).sort((x, y) => x.name.localeCompare(y.name, 'sv'));
  };

  const renderEdit = async (req: FastifyRequest, reply: FastifyReply, a: MinutesAccess, form: FormState, status?: number) => {
    const checkers = await checkersOf(req, a);
    return reply.render((ctx) => <MinutesEditPage ctx={ctx} access={a} minutes={a.minutes} form={form} checkers={checkers} />, status);
  };

  app.get<{ Params: { slug: string } }>('/moten/:slug/protokoll/redigera', async (req, reply) => {
    const { a } = await newest(req);
    authorize(minutesPolicy, req.actor, 'write', a);
    const form = formOf(minutesFormValues(a.minutes));
    if (a.minutes.status !== 'draft') {
      form.errors._form = { key: a.minutes.status === 'published' ? 'meetings.errors.minutesPublished' : 'meetings.errors.minutesLocked' };
      return renderEdit(req, reply, a, form, 409);
    }
    return renderEdit(req, reply, a, form);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll/redigera', async (req, reply) => {
    const { a } = await newest(req);
    authorize(minutesPolicy, req.actor, 'write', a);
    const checkers = await checkersOf(req, a);
    const read = readMinutesForm(req.body, a.minutes, new Set(checkers.map((c) => c.id)));
    if (!read.ok) return renderEdit(req, reply, a, formWithErrors(req.body, read.errors), 422);
    const result = await saveMinutes(db, req.actor, a.minutes, read.draft, formVersion(req.body));
    if (!result.ok) return renderEdit(req, reply, a, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.minutes.saved').redirect(meetingSubPath(a.meeting, 'protokoll'), 303);
  });

  /** Runs one step of the minutes' life and goes back to them, or shows why not. */
  const step = async (
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    rule: 'write' | 'check',
    run: (a: MinutesAccess) => Promise<{ ok: true; value: unknown } | { ok: false; errors: FormState['errors'] }>,
    done: (value: unknown) => Parameters<FastifyReply['flash']>[0],
  ) => {
    const { a, versions } = await newest(req);
    authorize(minutesPolicy, req.actor, rule, a);
    const result = await run(a);
    if (!result.ok) {
      const form = formWithErrors(req.body, result.errors);
      return renderMinutes(req, reply, a, versions, form, 409);
    }
    return reply.flash(done(result.value)).redirect(meetingSubPath(a.meeting, 'protokoll'), 303);
  };

  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll/justering', (req, reply) =>
    step(
      req,
      reply,
      'write',
      (a) => sendForChecking(db, req.actor, a.minutes),
      () => 'meetings.minutes.sentForChecking',
    ),
  );
  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll/justera', (req, reply) =>
    step(
      req,
      reply,
      'check',
      (a) => approveMinutes(db, req.actor, a.minutes),
      (v) => ((v as { allChecked: boolean }).allChecked ? 'meetings.minutes.allChecked' : 'meetings.minutes.approved'),
    ),
  );
  app.post<{ Params: { slug: string }; Body: { returnNote?: string } }>('/moten/:slug/protokoll/aterlamna', (req, reply) =>
    step(
      req,
      reply,
      'check',
      (a) => returnMinutes(db, req.actor, a.minutes, String(req.body?.returnNote ?? '')),
      () => 'meetings.minutes.returned',
    ),
  );
  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll/publicera', (req, reply) =>
    step(
      req,
      reply,
      'write',
      (a) => publishMinutes(db, req.actor, a, a.minutes),
      () => 'meetings.minutes.published',
    ),
  );
  app.post<{ Params: { slug: string } }>('/moten/:slug/protokoll/rattelse', async (req, reply) => {
    const { a, versions } = await newest(req);
    authorize(minutesPolicy, req.actor, 'write', a);
    const result = await startCorrection(db, req.actor, a.minutes);
    if (!result.ok) return renderMinutes(req, reply, a, versions, formWithErrors(req.body, result.errors), 409);
    return reply.flash('meetings.minutes.correctionStarted').redirect(meetingSubPath(a.meeting, 'protokoll/redigera'), 303);
  });

  app.post<{ Params: { slug: string; id: string }; Body: { done?: string } }>('/moten/:slug/atgarder/:id', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const done = req.body?.done !== 'false';
    if (!(await setActionDone(db, req.actor, access, req.params.id, done))) throw new NotFoundError();
    const back =
      typeof (req.body as { back?: unknown })?.back === 'string' && access.council ? councilPath(access.council) : meetingSubPath(access.meeting, 'protokoll');
    return reply.flash(done ? 'meetings.minutes.actionDone' : 'meetings.minutes.actionReopened').redirect(back, 303);
  });
}

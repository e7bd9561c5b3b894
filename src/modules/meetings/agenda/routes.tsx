import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, NotFoundError } from '../../../platform/authz/index.js';
import { type FormState, formOf, formWithErrors, parseForm } from '../../../platform/http/forms.js';
import { readUpload, sendStoredFile } from '../../../platform/http/uploads.js';
import type { AppServices } from '../../../platform/module.js';
import { newSubmissionKey, SUBMISSION_FIELD, submissionKeyOf } from '../../../platform/submissions/index.js';
import type { MeetingAccess } from '../core/access.js';
import { loadManagedMeeting, loadMeeting } from '../core/load.js';
import { meetingPolicy } from '../core/policy.js';
import { meetingSubPath } from '../paths.js';
import { AgendaItemInput, addAgendaItem, moveAgendaItem, removeAgendaItem, updateAgendaItem } from './commands.js';
import { addDocument, removeDocument } from './documents.js';
import { getDocument, listAgenda, listDocuments } from './queries.js';
import { AgendaItemPage, AgendaManagePage } from './views.js';

/** Building a meeting's agenda and attaching its documents; and reading a document. */
export function agendaRoutes(app: FastifyInstance, { db, translator }: AppServices): void {
  const isKey = translator.has;

  const renderAgenda = async (
    _req: FastifyRequest,
    reply: FastifyReply,
    access: MeetingAccess,
    forms: { item?: FormState; upload?: FormState },
    status?: number,
  ) => {
    const [agenda, documents] = await Promise.all([listAgenda(db, access.meeting.id), listDocuments(db, access.meeting.id, true)]);
    return reply.render(
      (ctx) => (
        <AgendaManagePage
          ctx={ctx}
          access={access}
          agenda={agenda}
          documents={documents}
          form={forms.item ?? formOf({ [SUBMISSION_FIELD]: newSubmissionKey() })}
          uploadForm={forms.upload ?? formOf({ isPublic: 'on' })}
        />
      ),
      status,
    );
  };

  app.get<{ Params: { slug: string } }>('/moten/:slug/dagordning', async (req, reply) => renderAgenda(req, reply, await loadManagedMeeting(db, req), {}));

  app.post<{ Params: { slug: string } }>('/moten/:slug/dagordning', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const parsed = parseForm(AgendaItemInput, req.body, isKey);
    if (!parsed.ok) return renderAgenda(req, reply, access, { item: parsed.form }, 422);
    const result = await addAgendaItem(db, req.actor, access, parsed.data, submissionKeyOf(req.body));
    if (!result.ok) return renderAgenda(req, reply, access, { item: formWithErrors(req.body, result.errors) }, 409);
    return reply.flash('meetings.agenda.added').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  const loadItem = async (access: MeetingAccess, itemId: string) => {
    const agenda = await listAgenda(db, access.meeting.id);
    const n = agenda.findIndex((a) => a.id === itemId);
    const item = agenda[n];
    if (!item) throw new NotFoundError();
    return { item, n: n + 1 };
  };

  app.get<{ Params: { slug: string; item: string } }>('/moten/:slug/dagordning/:item', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const { item, n } = await loadItem(access, req.params.item);
    return reply.render((ctx) => (
      <AgendaItemPage
        ctx={ctx}
        access={access}
        item={item}
        n={n}
        form={formOf({ title: item.title, description: item.description, presenter: item.presenter, durationMinutes: item.durationMinutes })}
      />
    ));
  });

  app.post<{ Params: { slug: string; item: string } }>('/moten/:slug/dagordning/:item', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const { item, n } = await loadItem(access, req.params.item);
    const parsed = parseForm(AgendaItemInput, req.body, isKey);
    if (!parsed.ok) return reply.render((ctx) => <AgendaItemPage ctx={ctx} access={access} item={item} n={n} form={parsed.form} />, 422);
    const result = await updateAgendaItem(db, req.actor, access, item.id, parsed.data);
    if (!result.ok)
      return reply.render((ctx) => <AgendaItemPage ctx={ctx} access={access} item={item} n={n} form={formWithErrors(req.body, result.errors)} />, 409);
    return reply.flash('meetings.agenda.updated').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  app.post<{ Params: { slug: string; item: string }; Body: { direction?: string } }>('/moten/:slug/dagordning/:item/flytta', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const direction = req.body?.direction === 'up' ? 'up' : 'down';
    if (!(await moveAgendaItem(db, req.actor, access, req.params.item, direction))) throw new NotFoundError();
    return reply.flash('meetings.agenda.moved').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  app.post<{ Params: { slug: string; item: string } }>('/moten/:slug/dagordning/:item/ta-bort', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    if (!(await removeAgendaItem(db, req.actor, access, req.params.item))) throw new NotFoundError();
    return reply.flash('meetings.agenda.removed').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  const UploadFields = z.object({
    agendaItemId: z.union([z.literal(''), z.string().uuid('platform.errors.choice')]).optional(),
    isPublic: z.string().optional(),
  });

  // The only route that takes a file: the meeting's organiser is checked before the form is read.
  app.post<{ Params: { slug: string } }>('/moten/:slug/dokument', { config: { uploads: true } }, async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    const { fields: body, file } = await readUpload(app, req, reply);
    const fields = UploadFields.safeParse(body);
    const echo = { agendaItemId: body.agendaItemId ?? '', isPublic: body.isPublic ?? '' };
    if (!fields.success) return renderAgenda(req, reply, access, { upload: formWithErrors(echo, { agendaItemId: { key: 'platform.errors.choice' } }) }, 422);
    const result = await addDocument(db, req.actor, access, file, {
      agendaItemId: fields.data.agendaItemId || null,
      isPublic: fields.data.isPublic === 'on',
    });
    if (!result.ok) return renderAgenda(req, reply, access, { upload: formWithErrors(echo, result.errors) }, file?.truncated ? 413 : 422);
    return reply.flash('meetings.documents.added').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  app.post<{ Params: { slug: string; doc: string } }>('/moten/:slug/dokument/:doc/ta-bort', async (req, reply) => {
    const access = await loadManagedMeeting(db, req);
    if (!(await removeDocument(db, req.actor, access, req.params.doc))) throw new NotFoundError();
    return reply.flash('meetings.documents.removed').redirect(meetingSubPath(access.meeting, 'dagordning'), 303);
  });

  app.get<{ Params: { slug: string; doc: string } }>('/moten/:slug/dokument/:doc', async (req, reply) => {
    const access = await loadMeeting(db, req);
    const doc = await getDocument(db, access.meeting.id, req.params.doc);
    if (!doc) throw new NotFoundError();
    // A members-only document does not exist for anyone else.
    if (!doc.isPublic) {
      try {
        authorize(meetingPolicy, req.actor, 'seeInternal', access);
      } catch {
        throw new NotFoundError();
      }
    }
    return sendStoredFile(reply, doc, doc.isPublic ? 'public' : 'private');
  });
}

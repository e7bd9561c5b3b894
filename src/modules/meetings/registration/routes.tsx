import type { FastifyInstance } from 'fastify';
import { authorize, SignInRequiredError } from '../../../platform/authz/index.js';
import { formWithErrors, parseForm } from '../../../platform/http/forms.js';
import type { AppServices } from '../../../platform/module.js';
import { listOrganisationsOf } from '../../organisations/index.js';
import { loadMeeting } from '../core/load.js';
import { meetingPolicy } from '../core/policy.js';
import { meetingPath } from '../paths.js';
import { renderMeetingPage } from '../scheduling/page.js';
import { AnswerInput, answerMeeting, withdrawAnswer } from './commands.js';

/** Answering a meeting: coming (for oneself or an organisation) or not, and withdrawing the answer. */
export function registrationRoutes(app: FastifyInstance, { db, translator, config }: AppServices): void {
  const isKey = translator.has;
  app.post<{ Params: { slug: string } }>('/moten/:slug/anmalan', async (req, reply) => {
    const access = await loadMeeting(db, req);
    authorize(meetingPolicy, req.actor, 'register', access);
    const parsed = parseForm(AnswerInput, req.body, isKey);
    if (!parsed.ok) return renderMeetingPage(db, req, reply, req.tenant.baseUrl ?? config.baseUrl, access, { answer: parsed.form }, 422);
    const mine = await listOrganisationsOf(db, req.tenant.id, req.actor.user?.id ?? '');
    const result = await answerMeeting(
      db,
      req.actor,
      access,
      parsed.data,
      mine.map((o) => o.id),
    );
    if (!result.ok)
      return renderMeetingPage(db, req, reply, req.tenant.baseUrl ?? config.baseUrl, access, { answer: formWithErrors(req.body, result.errors) }, 409);
    return reply
      .flash(result.value.status === 'registered' ? 'meetings.answer.registered' : 'meetings.answer.declined')
      .redirect(meetingPath(access.meeting), 303);
  });

  app.post<{ Params: { slug: string } }>('/moten/:slug/anmalan/ta-bort', async (req, reply) => {
    const access = await loadMeeting(db, req);
    if (!req.actor.user) throw new SignInRequiredError();
    await withdrawAnswer(db, req.actor, access);
    return reply.flash('meetings.answer.withdrawn').redirect(meetingPath(access.meeting), 303);
  });
}

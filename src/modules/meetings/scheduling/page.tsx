import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.js';
import { type FormState, formOf } from '../../../platform/http/forms.js';
import { jsonForScript } from '../../../platform/views/json-ld.js';
import type { MeetingAccess } from '../core/access.js';
import { organiserHref } from '../core/format.js';
import { councilFeedPath, meetingPath } from '../paths.js';
import { meetingEvent } from './jsonld.js';
import { loadMeetingPage } from './queries.js';
import { MeetingPage } from './views.js';

/** The states of the forms on a meeting's page, when one of them is answered with errors. */
export interface MeetingPageForms {
  answer?: FormState;
  cancel?: FormState;
  manage?: FormState;
}

/** Loads and renders a meeting's page (also the answer to a refused form on it, with that form's state). */
export async function renderMeetingPage(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  baseUrl: string,
  access: MeetingAccess,
  forms: MeetingPageForms = {},
  status?: number,
) {
  const page = await loadMeetingPage(db, req.actor, access);
  const mine = page.summary.mine;
  const event = meetingEvent(access, { url: `${baseUrl}${meetingPath(access.meeting)}`, organiserUrl: `${baseUrl}${organiserHref(access)}` });
  return reply.render(
    (ctx) => (
      <MeetingPage
        ctx={ctx}
        {...page}
        answerForm={forms.answer ?? formOf({ organisationId: mine?.organisationId ?? '', note: mine?.note ?? '' })}
        cancelForm={forms.cancel ?? formOf()}
        manageForm={forms.manage ?? formOf()}
        jsonLd={jsonForScript(event)}
        feedHref={access.council?.isPublic ? councilFeedPath(access.council) : null}
      />
    ),
    status,
  );
}

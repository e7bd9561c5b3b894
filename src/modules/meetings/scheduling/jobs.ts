import { defineJob, type JobDefinition } from '../../../platform/jobs/index.js';
import type { AppServices } from '../../../platform/module.js';
import { getTenantById } from '../../../platform/tenants/index.js';
import { getUser } from '../../accounts/index.js';
import { getMeetingById } from '../core/access.js';
import { formatWhen, organiserName, placeLabel } from '../core/format.js';

/** Invitations and cancellation notices, one mail a person, written in their own language after the change commits. */
export function meetingJobs({ db, mailer, translator, config }: AppServices): JobDefinition[] {
  const send = (kind: 'invitation' | 'cancellation') =>
    defineJob(kind === 'invitation' ? 'meetings.sendInvitation' : 'meetings.sendCancellation', async (payload, job) => {
      if (!job.tenantId) return;
      const tenant = await getTenantById(db, job.tenantId);
      const found = await getMeetingById(db, job.tenantId, String(payload.meetingId));
      const person = await getUser(db, job.tenantId, String(payload.userId));
      if (!tenant || !found || !person || person.disabledAt) return;
      // An invitation to a meeting cancelled since is not sent.
      if (kind === 'invitation' && found.meeting.status !== 'published') return;
      const m = found.meeting;
      const t = translator.t(person.lang);
      const vars = {
        name: person.name,
        title: m.title,
        organiser: organiserName(found),
        when: formatWhen(person.lang, m.startsAt, m.endsAt, tenant.timeZone),
        where: m.placeKind === 'online' ? `${placeLabel(t, found)}: ${m.onlineUrl}` : placeLabel(t, found),
        reason: m.cancelReason,
        link: `${tenant.baseUrl ?? config.baseUrl}/moten/${m.slug}`,
      };
      await mailer.send({
        tenantId: tenant.id,
        to: person.email,
        subject: t(kind === 'invitation' ? 'meetings.mail.invitationSubject' : 'meetings.mail.cancellationSubject', vars),
        text: t(kind === 'invitation' ? 'meetings.mail.invitationText' : 'meetings.mail.cancellationText', vars),
      });
    });
  return [send('invitation'), send('cancellation')];
}

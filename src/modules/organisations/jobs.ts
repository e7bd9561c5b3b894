import { eq } from 'drizzle-orm';
import { defineJob, type JobDefinition } from '../../platform/jobs/index.js';
import type { AppServices } from '../../platform/module.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { getUser } from '../accounts/index.js';
import { issueInvitationToken } from './commands.js';
import { organisationInvitations, organisations } from './schema.js';

/** The invitation mail, sent after the invitation commits, with a fresh single-use link. */
export function organisationJobs({ db, mailer, translator, config }: AppServices): JobDefinition[] {
  return [
    defineJob('organisations.sendInvitation', async (payload) => {
      const [row] = await db
        .select({ invitation: organisationInvitations, organisation: organisations })
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(eq(organisationInvitations.id, String(payload.invitationId)));
      if (!row || row.invitation.acceptedAt) return;
      const tenant = await getTenantById(db, row.invitation.tenantId);
      if (!tenant) return;
      const inviter = row.invitation.invitedBy ? await getUser(db, tenant.id, row.invitation.invitedBy) : null;
      const t = translator.t(inviter?.lang ?? 'sv');
      const token = await issueInvitationToken(db, row.invitation.id);
      const base = tenant.baseUrl ?? config.baseUrl;
      await mailer.send({
        tenantId: tenant.id,
        to: row.invitation.email,
        subject: t('organisations.mail.subject', { name: row.organisation.name }),
        text: t('organisations.mail.text', {
          name: row.organisation.name,
          inviter: inviter?.name ?? tenant.name,
          tenant: tenant.name,
          link: `${base}/inbjudan?token=${token}`,
        }),
      });
    }),
  ];
}

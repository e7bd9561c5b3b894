import { defineJob, type JobDefinition } from '../../platform/jobs/index.js';
import type { AppServices } from '../../platform/module.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { issueEmailToken } from './commands.js';
import { getUser } from './queries.js';

/** The mails accounts send: verification, password reset, and "you already have an account". */
export function accountJobs({ db, mailer, translator, config }: AppServices): JobDefinition[] {
  const prepare = async (payload: Record<string, unknown>, tenantId: string | null) => {
    if (!tenantId) return null;
    const [tenant, user] = await Promise.all([getTenantById(db, tenantId), getUser(db, tenantId, String(payload.userId))]);
    if (!tenant || !user) return null;
    return { tenant, user, t: translator.t(user.lang), base: tenant.baseUrl ?? config.baseUrl };
  };
  return [
    defineJob('accounts.sendVerification', async (payload, job) => {
      const p = await prepare(payload, job.tenantId);
      if (!p || p.user.emailVerifiedAt) return;
      const token = await issueEmailToken(db, p.user, 'verify');
      await mailer.send({
        tenantId: p.tenant.id,
        to: p.user.email,
        subject: p.t('accounts.mail.verifySubject', { tenant: p.tenant.name }),
        text: p.t('accounts.mail.verifyText', { name: p.user.name, tenant: p.tenant.name, link: `${p.base}/verifiera?token=${token}` }),
      });
    }),
    defineJob('accounts.sendPasswordReset', async (payload, job) => {
      const p = await prepare(payload, job.tenantId);
      if (!p) return;
      const token = await issueEmailToken(db, p.user, 'reset');
      await mailer.send({
        tenantId: p.tenant.id,
        to: p.user.email,
        subject: p.t('accounts.mail.resetSubject', { tenant: p.tenant.name }),
        text: p.t('accounts.mail.resetText', { name: p.user.name, tenant: p.tenant.name, link: `${p.base}/aterstall-losenord?token=${token}` }),
      });
    }),
    defineJob('accounts.sendAccountExists', async (payload, job) => {
      const p = await prepare(payload, job.tenantId);
      if (!p) return;
      await mailer.send({
        tenantId: p.tenant.id,
        to: p.user.email,
        subject: p.t('accounts.mail.existsSubject', { tenant: p.tenant.name }),
        text: p.t('accounts.mail.existsText', { name: p.user.name, tenant: p.tenant.name, signIn: `${p.base}/logga-in`, reset: `${p.base}/glomt-losenord` }),
      });
    }),
  ];
}

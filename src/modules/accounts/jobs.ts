import { defineJob, type JobDefinition } from '../../platform/jobs/index.js';
import type { AppServices, ErasureLine } from '../../platform/module.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { issueEmailToken } from './commands.js';
import type { ErasureReceipt } from './erasure.js';
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
    // The account is gone by now: the receipt carries the address and language it had.
    defineJob('accounts.sendErasureReceipt', async (payload, job) => {
      const tenant = job.tenantId ? await getTenantById(db, job.tenantId) : null;
      if (!tenant) return;
      const receipt = payload as unknown as ErasureReceipt;
      const t = translator.t(receipt.lang === 'en' ? 'en' : 'sv');
      const line = (l: ErasureLine) => `- ${t(l.what)}: ${l.count}${l.kept ? ` (${t(l.kept)})` : ''}`;
      const erased = receipt.lines.filter((l) => !l.kept).map(line);
      const kept = receipt.lines.filter((l) => l.kept).map(line);
      await mailer.send({
        tenantId: tenant.id,
        to: receipt.to,
        subject: t('accounts.mail.erasedSubject', { tenant: tenant.name }),
        text: t('accounts.mail.erasedText', {
          name: receipt.name,
          tenant: tenant.name,
          erased: erased.join('\n') || '-',
          kept: kept.join('\n') || '-',
          contact: tenant.contactEmail,
        }),
      });
    }),
  ];
}

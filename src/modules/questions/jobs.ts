import { and, eq } from 'drizzle-orm';
import { defineJob, type JobDefinition } from '../../platform/jobs/index.js';
import type { AppServices } from '../../platform/module.js';
import { getTenantById } from '../../platform/tenants/index.js';
import { getUser } from '../accounts/index.js';
import { emailIn } from './commands.js';
import { questionPath } from './paths.js';
import { questions } from './schema.js';

/** The receipt of a registered question, to the asker in their own language, with its number and address. */
export function questionJobs({ db, mailer, translator, config }: AppServices): JobDefinition[] {
  return [
    defineJob('questions.sendReceipt', async (payload, job) => {
      if (!job.tenantId) return;
      const [q] = await db
        .select()
        .from(questions)
        .where(and(eq(questions.tenantId, job.tenantId), eq(questions.id, String(payload.questionId))));
      const tenant = await getTenantById(db, job.tenantId);
      const asker = q?.askerId ? await getUser(db, job.tenantId, q.askerId) : null;
      if (!q || !tenant || asker?.disabledAt) return;
      // Registered on someone's behalf: to the address they gave, in the municipality's language.
      const to = asker?.email ?? emailIn(q.onBehalf?.contact ?? '');
      if (!to) return;
      const t = translator.t(asker?.lang ?? 'sv');
      const vars = {
        name: asker?.name || q.onBehalf?.name || t('questions.mail.noName'),
        number: q.number,
        subject: q.subject,
        municipality: tenant.name,
        link: `${tenant.baseUrl ?? config.baseUrl}${questionPath(q)}`,
      };
      await mailer.send({
        tenantId: tenant.id,
        to,
        subject: t('questions.mail.receiptSubject', vars),
        text: t('questions.mail.receiptText', vars),
      });
    }),
  ];
}

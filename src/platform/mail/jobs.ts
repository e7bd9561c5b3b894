import { defineJob, type JobDefinition } from '../jobs/index.js';
import type { Mailer } from './index.js';

/** A ready-written mail queued by any module (for example accessibility feedback). */
export function mailJobs(mailer: Mailer): JobDefinition[] {
  return [
    defineJob('platform.sendMail', async (p, job) => {
      await mailer.send({ tenantId: job.tenantId, to: String(p.to), subject: String(p.subject), text: String(p.text) });
    }),
  ];
}

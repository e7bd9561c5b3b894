import { sql } from 'drizzle-orm';
import { countTouched } from '../../platform/db/sql-helpers.js';
import type { RetentionKind } from '../../platform/retention/index.js';

/** A question is finished once it is answered or closed; its history stays, the asker goes after the period. */
const FINISHED = sql`('answered', 'not_ours', 'duplicate', 'closed')`;

/**
 * Registered questions are public records and stay in the register; once a finished question is
 * old enough, who asked it is made anonymous: the account it pointed at, the choice to be named,
 * and the name and address of someone it was registered for.
 */
export const questionRetention: RetentionKind[] = [
  {
    kind: 'questions.askers',
    label: 'questions.retention.askers',
    action: 'anonymise',
    from: 'questions.retention.fromFinished',
    defaultDays: 2 * 365,
    purge: (tx, tenantId, before, limit) =>
      countTouched(
        tx,
        sql`update questions set asker_id = null, on_behalf = null, updated_at = now()
          where id in (select q.id from questions q where q.tenant_id = ${tenantId} and q.status in ${FINISHED}
            and coalesce(q.answered_at, q.updated_at) < ${before}
            and (q.asker_id is not null or q.on_behalf is not null) limit ${limit})
          returning 1`,
      ),
  },
];

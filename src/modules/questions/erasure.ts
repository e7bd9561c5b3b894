import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/**
 * The questions' part of closing an account: a registered question is a public record and keeps
 * its register entry, with the sender masked (the choices to be named were consents, erased
 * with the account, and the account it points at has no name); what handlers did stays in the case history.
 */
export async function eraseQuestionData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  // The choices to be named on them are consents, which go with the account.
  const asked = await countKept(tx, sql`(select count(*) from questions where tenant_id = ${tenantId} and asker_id = ${userId})`);
  const handled = await countKept(
    tx,
    sql`(select count(*) from question_events where tenant_id = ${tenantId} and actor_id = ${userId})
      + (select count(*) from questions where tenant_id = ${tenantId} and (registered_by = ${userId} or handler_id = ${userId} or secrecy_by = ${userId}))
      + (select count(*) from open311_keys where tenant_id = ${tenantId} and created_by = ${userId})`,
  );
  return [
    { what: 'questions.erasure.asked', count: asked, kept: 'questions.erasure.askedKept' },
    { what: 'questions.erasure.handled', count: handled, kept: 'questions.erasure.handledKept' },
  ];
}

import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept, countTouched } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/**
 * The questions' part of closing an account: a registered question is a public record and keeps
 * its register entry, with the sender masked (the choice to be named is taken back, and the
 * account it points at has no name); what handlers did stays in the case history.
 */
export async function eraseQuestionData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const asked = await countTouched(
    tx,
    sql`update questions set show_name = false, updated_at = now() where tenant_id = ${tenantId} and asker_id = ${userId} returning 1`,
  );
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

import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { countKept } from '../../platform/db/sql-helpers.js';
import type { ErasureLine } from '../../platform/module.js';

/** News written by the person stays published (the council or municipality published it), under no name. */
export async function eraseNewsData(tx: Db, tenantId: string, userId: string): Promise<ErasureLine[]> {
  const written = await countKept(tx, sql`(select count(*) from news_items where tenant_id = ${tenantId} and author_id = ${userId})`);
  return [{ what: 'news.erasure.written', count: written, kept: 'news.erasure.writtenKept' }];
}

import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index.js';

/** Inserts rows in batches of `size` (a statement's parameters are limited), reporting progress after each. */
export async function insertInBatches<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
  opts: { size?: number; ignoreDuplicates?: boolean; progress?: (done: number) => void } = {},
): Promise<void> {
  const size = opts.size ?? 1000;
  for (let i = 0; i < rows.length; i += size) {
    const insert = db.insert(table).values(rows.slice(i, i + size) as never);
    await (opts.ignoreDuplicates ? insert.onConflictDoNothing() : insert);
    opts.progress?.(Math.min(i + size, rows.length));
  }
}

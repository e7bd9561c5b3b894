import type { SQL } from 'drizzle-orm';
import { type Db, rowsOf } from './index.js';

/**
 * Locks a row, then counts what is held against its limit (places at a meeting, items on an
 * agenda, volunteers on a shift), so that many requests at the same moment cannot together go
 * past it: each waits for the lock, and the count it then reads includes what those before it
 * added. The count must be a statement of its own: a count inside the locking statement reads
 * the snapshot taken before the lock was granted, and would miss the rows of the transactions it
 * waited for.
 *
 * `lock` selects the row `for update` (any columns the caller needs); `count` selects one number
 * named `n`. Call inside the command's transaction; the lock is held until it ends.
 */
export async function lockThenCount<R extends Record<string, unknown>>(tx: Db, lock: SQL, count: SQL): Promise<{ row: R | undefined; n: number }> {
  const [row] = rowsOf<R>(await tx.execute(lock));
  const [counted] = rowsOf<{ n: number | string }>(await tx.execute(count));
  return { row, n: Number(counted?.n ?? 0) };
}

import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './index.js';
import { rowsOf } from './index.js';
/** Whether an error (possibly wrapped by the query builder) is a unique-key violation. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (e.code === '23505') return !constraint || e.constraint === constraint || String((e as Error).message).includes(constraint);
    e = e.cause as typeof e;
  }
  return false;
}

/** A URL-safe slug from a Swedish name: "Hässleholmen–Boda" becomes "hassleholmen-boda". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Escapes LIKE wildcards in text a person typed. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether a stored updated_at is the version an edit form carried (see `formVersion`); JavaScript dates hold milliseconds, the database microseconds. */
export function sameVersion(column: unknown, version: Date) {
  return sql`date_trunc('milliseconds', ${column}) = ${version.toISOString()}::timestamptz`;
}

/** How many rows of a person a module keeps (a sum of counts over its tables, in one statement). */
export async function countKept(tx: Db, counts: SQL): Promise<number> {
  const result = await tx.execute(sql`select (${counts})::int as n`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** How many rows a `delete … returning 1` or `update … returning 1` (of an erasure or a retention batch) touched. */
export async function countTouched(tx: Db, statement: SQL): Promise<number> {
  return rowsOf(await tx.execute(statement)).length;
}

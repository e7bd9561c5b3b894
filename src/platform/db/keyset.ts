import { type AnyColumn, and, eq, gt, lt, or, type SQL } from 'drizzle-orm';

/**
 * Keyset paging: a list is read in (key, id) order, `size + 1` rows at a time; the extra row says
 * whether a next page exists, and the last row shown is where the next page starts. No offsets,
 * so page 400 costs what page 1 does and a row added meanwhile never shows twice.
 */

/** Where a page starts: after the row with this key (a name, a time) and id. */
export interface Cursor<K> {
  key: K;
  id: string;
}

/** The condition "after the cursor" in (key, id) order (ascending, or descending with `desc`); nothing on the first page. */
export function afterCursor<K>(key: AnyColumn, id: AnyColumn, cursor: Cursor<K> | undefined, direction: 'asc' | 'desc' = 'asc'): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = direction === 'asc' ? gt : lt;
  return or(beyond(key, cursor.key), and(eq(key, cursor.key), beyond(id, cursor.id)));
}

/** One page of rows read with `limit(size + 1)`, and the cursor of its last row when more follow. */
export function pageOf<R, C>(rows: R[], size: number, cursorOf: (last: R) => C): { rows: R[]; next?: C } {
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > size && last !== undefined ? cursorOf(last) : undefined };
}

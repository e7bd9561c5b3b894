import { sql } from 'drizzle-orm';
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

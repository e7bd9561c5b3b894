import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Cursor } from '../db/keyset.js';

/**
 * Every route parameter and query string is checked by a Zod schema before its handler runs, so
 * bad input is a 404 or 400 page and never reaches the database. Route parameters are checked by
 * name (one schema per name, below: a route with a name not listed here fails at start); a route
 * declares its query string with `schema: { querystring }`, and one without a declaration takes
 * any short text without control characters.
 */

/** Lets a route's `schema.querystring` (a Zod schema) give `req.query` its type. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** Control characters (NUL included) and the bidirectional overrides that disguise text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
export const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Text from an address: short, without control characters. */
export const SafeText = (max = 200) =>
  z
    .string()
    .max(max)
    .refine((s) => !UNSAFE_CHARS.test(s), 'platform.errors.characters');

/** A record's id in an address (the database's uuid form: 8-4-4-4-12 hex digits). */
export const Uuid = z.guid();

/** The first and last years a date typed or read from an address may have. */
const YEARS = { min: 1900, max: 2999 };

/** A calendar date, YYYY-MM-DD, that exists (no 2026-13-45, no 31 February) within the years the service handles. */
export const LocalDate = z.iso.date().refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= YEARS.min && y <= YEARS.max;
}, 'platform.errors.date');

/** A moment in a cursor (an ISO date-time), as a Date within the years the service handles. */
export const CursorTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= YEARS.min && d.getUTCFullYear() <= YEARS.max);

/** A slug as `slugify` makes them: lower-case letters, digits and dashes. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/);

/** The schema of each route parameter name used anywhere in the service. */
const PARAMS: Record<string, z.ZodType> = {
  slug: Slug,
  id: Uuid,
  item: Uuid,
  /** A numbered version (of a plan): a whole number from 1. */
  version: z.coerce.number().int().min(1).max(100_000),
  /** A calendar year in an address (a yearly report). */
  year: z.coerce.number().int().min(1900).max(2999),
  doc: Uuid,
  /** A grant call's address within its programme. */
  call: Slug,
  member: Uuid,
  assignment: Uuid,
  user: Uuid,
  file: z.string().regex(/^[A-Za-z0-9_-]{1,100}\.ics$/),
  lang: z.string().regex(/^[a-z]{2}$/),
  /** An Open311 resource: `<id>.<format>`, checked by the API itself so its errors are in the standard's form. */
  resource: z.string().regex(/^[^/]{1,120}$/),
  /** An unsubscribe token: who and what, then its signature (platform/notifications/mail.ts). */
  token: z.string().regex(/^[A-Za-z0-9_-]{10,300}\.[A-Za-z0-9_-]{32}$/),
};

/** Any query string a route did not declare: short text values without control characters. */
const AnyQuery = z.record(z.string(), z.union([SafeText(2000), z.array(SafeText(2000)).max(20)]));

/** Where a failed check came from, so the error handler answers 404 for a path and 400 for the rest. */
export type ValidationPart = 'params' | 'querystring' | 'body' | 'headers';

const compile: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error as unknown as Error };
  };
};

/** The parameter names in a route's address (`/moten/:slug/dokument/:doc` → slug, doc). */
function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string);
}

/** Makes every route validate its parameters by name and its query string by its schema (or the default). */
export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(compile);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith('/static/')) return;
    const schema = { ...(route.schema ?? {}) } as Record<string, unknown>;
    const names = paramNames(route.url);
    if (names.length && !schema.params) {
      const shape: Record<string, z.ZodType> = {};
      for (const name of names) {
        const s = PARAMS[name];
        if (!s) throw new Error(`Route ${route.url}: the parameter ":${name}" has no schema in platform/http/validation.ts`);
        shape[name] = s;
      }
      schema.params = z.object(shape);
    }
    if (!schema.querystring) schema.querystring = AnyQuery;
    route.schema = schema;
  });
}

/** The query of a later page of a list in name order (`?efter=<name>&id=<uuid>`); a malformed cursor shows the first page. */
export const NameCursorQuery = {
  efter: SafeText(200).optional().catch(undefined),
  id: Uuid.optional().catch(undefined),
};

/** The query of a later page of a list in time order (`?efter=<ISO time>&id=<uuid>`); a malformed cursor shows the first page. */
export const TimeCursorQuery = {
  efter: CursorTime.optional().catch(undefined),
  id: Uuid.optional().catch(undefined),
};

/** The cursor a later page's query names, when both its parts are there. */
export function cursorFrom<K>(q: { efter?: K; id?: string }): Cursor<K> | undefined {
  return q.efter !== undefined && q.id ? { key: q.efter, id: q.id } : undefined;
}

/** The query fields of the link to the page after `next`. */
export function cursorQuery(next: Cursor<string | Date>): { efter: string; id: string } {
  return { efter: next.key instanceof Date ? next.key.toISOString() : next.key, id: next.id };
}

import type { z } from 'zod';
import { UNSAFE_CHARS } from './validation.js';

const UNSAFE_ALL = new RegExp(UNSAFE_CHARS.source, 'g');

/** One field's problem: a message key and the values it needs. */
export interface FieldError {
  key: string;
  vars?: Record<string, string | number>;
}

/** What a form shows: what the person typed, and what is wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, FieldError>;
  /** What the ids of its fields start with, where a page has several forms with the same field names (`f` when not given). */
  idPrefix?: string;
}

/** Fields never sent back to the browser, even when the form is re-rendered. */
const SECRET_FIELDS = new Set(['password', 'passwordConfirm', 'currentPassword', 'newPassword', '_csrf']);

/** A form with the given starting values and no errors. */
export function formOf(values: Record<string, string | null | undefined | number | boolean> = {}): FormState {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = String(v);
  return { values: out, errors: {} };
}

/** The body of a form post as plain strings (the first of repeated fields), secrets left out. */
export function echoBody(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (SECRET_FIELDS.has(k)) continue;
      const s = Array.isArray(v) ? v[0] : v;
      // What is shown again is what was typed, less the characters no form accepts.
      if (typeof s === 'string') out[k] = s.replace(UNSAFE_ALL, '');
    }
  }
  return out;
}

function issueToError(issue: z.core.$ZodIssue, isKey: (s: string) => boolean): FieldError {
  if (isKey(issue.message)) return { key: issue.message };
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string };
  switch (i.code) {
    case 'invalid_type':
      return { key: 'platform.errors.required' };
    case 'too_small':
      if (i.origin === 'string') {
        return Number(i.minimum) <= 1 ? { key: 'platform.errors.required' } : { key: 'platform.errors.tooShort', vars: { min: Number(i.minimum) } };
      }
      return { key: 'platform.errors.tooSmall', vars: { min: Number(i.minimum) } };
    case 'too_big':
      if (i.origin === 'string') return { key: 'platform.errors.tooLong', vars: { max: Number(i.maximum) } };
      return { key: 'platform.errors.tooBig', vars: { max: Number(i.maximum) } };
    case 'invalid_format':
      if (i.format === 'email') return { key: 'platform.errors.email' };
      if (i.format === 'url') return { key: 'platform.errors.url' };
      return { key: 'platform.errors.invalid' };
    case 'invalid_value':
      return { key: 'platform.errors.choice' };
    default:
      return { key: 'platform.errors.invalid' };
  }
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; form: FormState };

/**
 * Validates a form body with a Zod schema. On failure the form comes back with what the person
 * typed and one message key per field, to be shown in their language.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, isKey: (s: string) => boolean): Parsed<z.infer<S>> {
  // Control characters (a NUL byte above all, which the database refuses) are no one's typing:
  // every form says so on the field, whatever its schema.
  const unsafe = unsafeFields(body);
  const result = schema.safeParse(body ?? {});
  if (result.success && unsafe.length === 0) return { ok: true, data: result.data };
  const errors: Record<string, FieldError> = {};
  for (const field of unsafe) errors[field] = { key: 'platform.errors.characters' };
  if (result.success) return { ok: false, form: { values: echoBody(body), errors } };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!errors[field]) errors[field] = issueToError(issue, isKey);
  }
  return { ok: false, form: { values: echoBody(body), errors } };
}

/** The fields of a posted form that hold control characters. */
function unsafeFields(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const values = Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x === 'string' && UNSAFE_CHARS.test(x))) out.push(k);
  }
  return out;
}

/** A form re-rendered after a command refused it. */
export function formWithErrors(body: unknown, errors: Record<string, FieldError>): FormState {
  return { values: echoBody(body), errors };
}

/** The name of the hidden field that carries the version an edit form was loaded at. */
export const VERSION_FIELD = 'version';

/**
 * The version (the record's updated_at) an edit form was loaded at, from its hidden field. A
 * missing or malformed one counts as out of date: the edit is refused as stale (409, "someone
 * changed this") rather than written over whatever is there now.
 */
export function formVersion(body: unknown): Date {
  const raw = (body as Record<string, unknown> | undefined)?.[VERSION_FIELD];
  const d = new Date(typeof raw === 'string' ? raw : Number.NaN);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

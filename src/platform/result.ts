import type { FieldError } from './http/forms.js';

/** An expected outcome of a command: a value, or errors to show beside the form's fields. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, FieldError> };

/** A successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A refused command, with the message key for the field it concerns. */
export const fail = <T = never>(field: string, key: string, vars?: Record<string, string | number>): Result<T> => ({
  ok: false,
  errors: { [field]: { key, vars } },
});

/** The value of a result that must succeed (demo data, tests); throws with the errors otherwise. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
  return r.value;
}

import { z } from 'zod';

/** Form fields every module's forms share, read from the strings a browser posts. */

/** Optional free text, trimmed, at most `max` characters; empty when left out. */
export const optionalText = (max: number) => z.string().trim().max(max).optional().default('');

/** A checkbox: ticked when the browser sends "on" (or "true"), else not. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');

/** An optional choice of a record by id: null when nothing is chosen. */
export const optionalId = z
  .union([z.literal(''), z.string().uuid('platform.errors.choice')])
  .optional()
  .transform((v) => (v ? v : null));

/** An optional whole number from `min` to `max`: null when left empty. */
export const optionalInt = (min: number, max: number) =>
  z
    .union([z.literal(''), z.coerce.number().int().min(min).max(max)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

/** An optional web address: empty, or an http(s) address of at most 500 characters (never javascript: or data:). */
export const optionalWebAddress = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(500)
      .url()
      .regex(/^https?:\/\//i, 'platform.errors.url'),
  ])
  .optional()
  .default('');

/**
 * An optional amount in whole kronor as people write it ("25 000", "25000 kr", "25 000:-"):
 * null when left empty; never negative, never with öre.
 */
export const optionalKronor = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(/(kr|kronor|sek|:-)$/i, ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,10}$/, 'platform.errors.kronor')]))
  .transform((v) => (v === '' ? null : Number(v)))
  .pipe(z.number().max(2_000_000_000).nullable());

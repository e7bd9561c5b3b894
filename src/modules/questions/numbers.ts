/**
 * Registration numbers from the municipality's pattern: `{YYYY}` the year, `{YY}` its last two
 * digits, `{code}` the function's code, `{serial}` or `{serial:N}` the serial with at least N digits.
 * Borås: `{YYYY}/{code}{serial:4}` → `2026/FF0123`.
 */
export function formatNumber(pattern: string, parts: { year: number; code: string; serial: number }): string {
  return pattern
    .replace(/\{YYYY\}/g, String(parts.year))
    .replace(/\{YY\}/g, String(parts.year % 100).padStart(2, '0'))
    .replace(/\{code\}/g, parts.code)
    .replace(/\{serial(?::(\d))?\}/g, (_, n: string | undefined) => String(parts.serial).padStart(Number(n ?? 1), '0'));
}

/** Whether a pattern can make numbers that tell questions apart: it must hold the serial and the year. */
export function isUsablePattern(pattern: string): boolean {
  return /\{serial(?::\d)?\}/.test(pattern) && /\{YYYY\}|\{YY\}/.test(pattern) && pattern.length <= 60;
}

/** A number as an address: lower case, anything but letters and digits a dash (`2026/FF0123` → `2026-ff0123`). */
export function numberSlug(number: string): string {
  return number
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

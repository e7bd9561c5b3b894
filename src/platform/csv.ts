import type { Lang } from './i18n/index.js';

/**
 * CSV as spreadsheets open it (RFC 4180): a byte-order mark so the UTF-8 is read as UTF-8, a
 * header row, CRLF line ends, fields quoted when they must be. The separator follows the reader's
 * language, as their spreadsheet expects it: a semicolon in Swedish (where the comma is the
 * decimal sign), a comma in English. A text that a spreadsheet would run as a formula (starting
 * with =, +, -, @, a tab or a carriage return) is led by an apostrophe, so a downloaded file never
 * runs anything; numbers are written as they are.
 */
export function toCsv(lang: Lang, header: string[], rows: (string | number | null)[][]): string {
  const sep = lang === 'sv' ? ';' : ',';
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[";,\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\ufeff${[header, ...rows].map((r) => r.map(cell).join(sep)).join('\r\n')}\r\n`;
}

/** The headers of a CSV download named `filename`. */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  };
}

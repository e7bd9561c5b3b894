/**
 * Swedish public holidays, and the days that are not working days in practice (midsummer eve,
 * Christmas eve, New Year's eve), by year: what "10 working days" means to a Swedish municipality.
 */

const key = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Gregorian, the anonymous algorithm) as month and day. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

function shifted(year: number, month: number, day: number, days: number): string {
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return key(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The first day from `from` (inclusive) to `to` in June of the year that is the given weekday (0 Sunday … 6 Saturday). */
function weekdayBetween(year: number, month: number, from: number, to: number, weekday: number): string {
  for (let d = from; d <= to; d++) if (new Date(Date.UTC(year, month - 1, d)).getUTCDay() === weekday) return key(year, month, d);
  throw new Error('no such day');
}

const cache = new Map<number, Set<string>>();

/** The year's days off that fall on weekdays or not (YYYY-MM-DD). */
export function swedishDaysOff(year: number): Set<string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = easterSunday(year);
  const days = new Set<string>([
    key(year, 1, 1), // nyårsdagen
    key(year, 1, 6), // trettondedag jul
    shifted(year, easter.month, easter.day, -2), // långfredagen
    shifted(year, easter.month, easter.day, 1), // annandag påsk
    key(year, 5, 1), // första maj
    shifted(year, easter.month, easter.day, 39), // Kristi himmelsfärds dag
    key(year, 6, 6), // Sveriges nationaldag
    weekdayBetween(year, 6, 19, 25, 5), // midsommarafton
    key(year, 12, 24), // julafton
    key(year, 12, 25), // juldagen
    key(year, 12, 26), // annandag jul
    key(year, 12, 31), // nyårsafton
  ]);
  cache.set(year, days);
  return days;
}

/** Whether a date (YYYY-MM-DD) is a working day: Monday to Friday and not a day off. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !swedishDaysOff(Number(date.slice(0, 4))).has(date);
}

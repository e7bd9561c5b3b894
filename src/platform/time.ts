/**
 * Wall-clock times in a municipality's time zone. Times are stored in UTC; people type and read
 * them as local dates and clock times. Intl knows every zone's rules, so no library is needed.
 */

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour clock */
  time: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local fields of an instant, asked of Intl: exact for every zone and date, but slow. */
function partsFromIntl(instant: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) p[part.type] = part.value;
  return fields(Number(p.year), Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second), WEEKDAYS[p.weekday ?? 'Mon'] ?? 1);
}

function fields(year: number, month: number, day: number, hour: number, minute: number, second: number, weekday: number): LocalParts {
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, time: `${pad(hour)}:${pad(minute)}`, year, month, day, hour, minute, second, weekday };
}

/**
 * Offsets from UTC per zone and quarter hour. Since 1970 every zone changes its offset on a
 * quarter hour, so one lookup through Intl serves every instant of that quarter; a calendar feed
 * of a hundred meetings then asks Intl a handful of times instead of hundreds.
 */
const QUARTER = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffset(ms: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER);
  let off = zone.get(quarter);
  if (off === undefined) {
    const start = quarter * QUARTER;
    const l = partsFromIntl(new Date(start), timeZone);
    off = (Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - start) / 60_000;
    if (zone.size > 100_000) zone.clear();
    zone.set(quarter, off);
  }
  return off;
}

/** The local calendar date and clock time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  if (!(ms >= 0)) return partsFromIntl(instant, timeZone);
  const local = new Date(ms + cachedOffset(ms, timeZone) * 60_000);
  const day = local.getUTCDay();
  return fields(
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    day === 0 ? 7 : day,
  );
}

/** The zone's offset from UTC at an instant, in minutes (Stockholm in summer: 120). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  if (ms >= 0) return cachedOffset(ms, timeZone);
  const l = partsFromIntl(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** For tests: the local fields as Intl gives them, without the cache. */
export const localPartsFromIntl = partsFromIntl;

/**
 * The instant a local date and clock time names in a time zone; null if either is malformed.
 * A time skipped by the spring change (02:30 on the last Sunday of March) moves forward an hour;
 * a time that occurs twice in autumn is taken the first time.
 */
export function localToUtc(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  // The offsets a day before and a day after cover both sides of any change that night.
  const before = naive - offsetMinutes(new Date(naive - 86_400_000), timeZone) * 60_000;
  const after = naive - offsetMinutes(new Date(naive + 86_400_000), timeZone) * 60_000;
  const names = (ms: number) => {
    const l = localParts(new Date(ms), timeZone);
    return l.date === date && l.time === time;
  };
  const found = [before, after].filter(names);
  // Twice in autumn: the first. Not at all in spring: the offset from before the change.
  return new Date(found.length ? Math.min(...found) : before);
}

/** The instant a local day begins in the time zone (its midnight), for exact bounds of a day or a range of days in SQL. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const start = localToUtc(date, '00:00', timeZone);
  if (!start) throw new RangeError(`Not a date: ${date}`);
  return start;
}

/** Today's date in the time zone, as YYYY-MM-DD. */
export function today(timeZone: string, now = new Date()): string {
  return localParts(now, timeZone).date;
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

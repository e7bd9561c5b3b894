/**
 * iCalendar (RFC 5545) feeds of meetings. Times are written in the municipality's zone with a
 * VTIMEZONE read from the zone's own rules, so every calendar shows the local time the meeting
 * was set for; UIDs are the meetings' ids and never change, and SEQUENCE and STATUS carry
 * changes and cancellations to calendars that subscribed.
 */
import { localParts, offsetMinutes } from './time.js';

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  sequence: number;
  created: Date;
  lastModified: Date;
  categories?: string[];
  /** PRIVATE for a members-only meeting in a personal feed. */
  klass?: 'PUBLIC' | 'PRIVATE';
}

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function fold(line: string): string {
  // Most lines are short: count their octets without copying them.
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  const bytes = Buffer.from(line, 'utf8');
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to the start of a UTF-8 character.
    while (end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines begin with a space
  }
  return parts.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const utcStamp = (d: Date) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
const localStamp = (d: Date, tz: string) => {
  const p = localParts(d, tz);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
};
const offset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;

/** The last Sunday of a month at 01:00 UTC, when the European Union changes its clocks. */
function euChange(year: number, month: number): Date {
  const last = new Date(Date.UTC(year, month, 0, 1));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last;
}

/**
 * A VTIMEZONE for the zone, when its rules are the European Union's (every Swedish and Nordic
 * municipality) or it keeps one offset all year; null for other zones, which get UTC times.
 */
export function vtimezone(tz: string, year = new Date().getUTCFullYear()): string[] | null {
  const winter = offsetMinutes(new Date(Date.UTC(year, 0, 15)), tz);
  const summer = offsetMinutes(new Date(Date.UTC(year, 6, 15)), tz);
  if (winter === summer) {
    return [
      'BEGIN:VTIMEZONE',
      `TZID:${tz}`,
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offset(winter)}`,
      `TZOFFSETTO:${offset(winter)}`,
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
  }
  // Check that this zone changes when the EU does: a minute either side of both changes.
  const spring = euChange(year, 3);
  const autumn = euChange(year, 10);
  const minute = 60_000;
  const eu =
    offsetMinutes(new Date(spring.getTime() - minute), tz) === winter &&
    offsetMinutes(new Date(spring.getTime() + minute), tz) === summer &&
    offsetMinutes(new Date(autumn.getTime() - minute), tz) === summer &&
    offsetMinutes(new Date(autumn.getTime() + minute), tz) === winter;
  if (!eu) return null;
  const localHour = (utcHour: number, off: number) => pad((utcHour + off / 60 + 24) % 24);
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tz}`,
    'BEGIN:DAYLIGHT',
    `DTSTART:19700329T${localHour(1, winter)}0000`,
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    `TZOFFSETFROM:${offset(winter)}`,
    `TZOFFSETTO:${offset(summer)}`,
    `TZNAME:${tzName(tz, new Date(Date.UTC(year, 6, 15)))}`,
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    `DTSTART:19701025T${localHour(1, summer)}0000`,
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    `TZOFFSETFROM:${offset(summer)}`,
    `TZOFFSETTO:${offset(winter)}`,
    `TZNAME:${tzName(tz, new Date(Date.UTC(year, 0, 15)))}`,
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

function tzName(tz: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return (part?.value ?? 'LT').replace(/[^A-Za-z0-9+-]/g, '');
}

const zones = new Map<string, string[] | null>();
/** The zone's VTIMEZONE for this year, worked out once. */
function zoneOf(tz: string): string[] | null {
  const key = `${tz}|${new Date().getUTCFullYear()}`;
  let zone = zones.get(key);
  if (zone === undefined) {
    zone = vtimezone(tz);
    zones.set(key, zone);
  }
  return zone;
}

/** A whole calendar: its name, the zone, and one VEVENT per meeting, lines ending in CRLF. */
export function buildCalendar(opts: { name: string; description?: string; timeZone: string; events: CalendarEvent[] }): string {
  const zone = zoneOf(opts.timeZone);
  const when = (d: Date) => (zone ? `;TZID=${opts.timeZone}:${localStamp(d, opts.timeZone)}` : `:${utcStamp(d)}`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mötesplats//Meetings//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(opts.name)}`,
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    ...(opts.description ? [`X-WR-CALDESC:${escapeText(opts.description)}`] : []),
    `X-WR-TIMEZONE:${opts.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...(zone ?? []),
  ];
  for (const e of opts.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.lastModified)}`,
      `CREATED:${utcStamp(e.created)}`,
      `LAST-MODIFIED:${utcStamp(e.lastModified)}`,
      `SEQUENCE:${e.sequence}`,
      `STATUS:${e.status}`,
      `DTSTART${when(e.start)}`,
      `DTEND${when(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      `URL:${e.url}`,
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      `CLASS:${e.klass ?? 'PUBLIC'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

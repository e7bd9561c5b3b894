import type { Lang, TFn } from '../../../platform/i18n/index.js';
import { councilPath } from '../../councils/index.js';
import { bodyCalendarPath, calendarPath } from '../paths.js';
import type { Meeting, MeetingAccess } from './access.js';

const locale = (lang: Lang) => (lang === 'sv' ? 'sv-SE' : 'en-GB');

const STYLES = {
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Making an Intl formatter costs far more than using one, and a page of meetings formats dozens of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, style: keyof typeof STYLES, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { ...STYLES[style], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** "tisdag 8 december 2026, 18:30–20:30" in the municipality's zone. */
export function formatWhen(lang: Lang, start: Date, end: Date, timeZone: string): string {
  const time = formatter(lang, 'time', timeZone);
  return `${formatter(lang, 'weekdayDate', timeZone).format(start)}, ${time.format(start)}–${time.format(end)}`;
}

/** "8 december 2026". */
export function formatDay(lang: Lang, date: Date, timeZone: string): string {
  return formatter(lang, 'date', timeZone).format(date);
}

/** "18:30". */
export function formatTime(lang: Lang, date: Date, timeZone: string): string {
  return formatter(lang, 'time', timeZone).format(date);
}

/** Where a meeting is held, in words. */
export function placeLabel(t: TFn, a: { meeting: Meeting; place: MeetingAccess['place'] }): string {
  const m = a.meeting;
  if (m.placeKind === 'online') return t('meetings.meeting.online');
  if (m.placeKind === 'place' && a.place) return a.place.address ? `${a.place.name}, ${a.place.address}` : a.place.name;
  return m.address;
}

/** Who holds a meeting: the council's or the body's name. */
export function organiserName(a: Pick<MeetingAccess, 'council' | 'body'>): string {
  return a.council?.name ?? a.body?.name ?? '';
}

/** Where the organiser's page is. */
export function organiserHref(a: Pick<MeetingAccess, 'council' | 'body'>): string {
  if (a.council) return councilPath(a.council);
  if (a.body) return bodyCalendarPath(a.body);
  return calendarPath;
}

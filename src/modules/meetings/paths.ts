import { councilPath } from '../councils/index.js';
import { organisationPath } from '../organisations/index.js';

/** The only place the meetings module spells its addresses. */
type HasSlug = { slug: string };

/** A meeting's page. */
export const meetingPath = (m: HasSlug): string => `/moten/${m.slug}`;
/** A page or action below a meeting's page: `meetingSubPath(m, 'protokoll')`. */
export const meetingSubPath = (m: HasSlug, sub: MeetingSub): string => `/moten/${m.slug}/${sub}`;
export type MeetingSub =
  | 'redigera'
  | 'publicera'
  | 'stall-in'
  | 'bjud-in'
  | 'anmalan'
  | 'anmalan/ta-bort'
  | 'dagordning'
  | 'narvaro'
  | 'protokoll'
  | 'protokoll/redigera'
  | 'protokoll/justering'
  | 'protokoll/justera'
  | 'protokoll/aterlamna'
  | 'protokoll/publicera'
  | 'protokoll/rattelse'
  | 'kalender.ics';
/** A meeting's minutes. */
export const minutesPath = (m: HasSlug): string => meetingSubPath(m, 'protokoll');
/** A document of a meeting. */
export const documentPath = (m: HasSlug, d: { id: string }): string => `/moten/${m.slug}/dokument/${d.id}`;
/** Removing a document of a meeting. */
export const documentRemovePath = (m: HasSlug, d: { id: string }): string => `${documentPath(m, d)}/ta-bort`;
/** Marking an open action item done or not. */
export const actionItemPath = (m: HasSlug, item: { id: string }): string => `/moten/${m.slug}/atgarder/${item.id}`;
/** A version of a meeting's minutes. */
export const minutesVersionPath = (m: HasSlug, version: number): string => `${minutesPath(m)}?version=${version}`;
/** The public calendar, with a filter. */
export const calendarPath = '/kalender';
/** The public calendar as an iCalendar feed. */
export const calendarFeedPath = '/kalender.ics';
/** The political bodies' meetings in the calendar. */
export const bodyCalendarPath = (b: HasSlug): string => `/kalender?organ=${encodeURIComponent(b.slug)}`;
/** A council's meetings in the calendar, from the first one on. */
export const councilCalendarPath = (c: HasSlug): string => `/kalender?ortsrad=${encodeURIComponent(c.slug)}&fran=2000-01-01`;
/** A person's own meetings. */
export const myMeetingsPath = '/mina-moten';
/** A new meeting of a council, or of the political bodies. */
export const newMeetingPath = (council: HasSlug | null): string => (council ? `/moten/ny?ortsrad=${encodeURIComponent(council.slug)}` : '/moten/ny?organ=');
/** A new calendar address for the person (the old one stops working). */
export const renewCalendarKeyPath = '/mina-moten/ny-kalenderadress';
/** A council's calendar feed (a public council's meetings). */
export const councilFeedPath = (c: HasSlug): string => `${councilPath(c)}/kalender.ics`;
/** A council's open action items. */
export const councilActionsPath = (c: HasSlug): string => `${councilPath(c)}/atgarder`;
/** An organisation's calendar feed (the meetings of its councils). */
export const organisationFeedPath = (o: HasSlug): string => `${organisationPath(o)}/kalender.ics`;

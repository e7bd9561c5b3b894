import type { PageContext } from '../../../platform/views/context.js';
import { councilPath, councilsPath } from '../../councils/index.js';
import { meetingPlacePath } from '../../places/index.js';
import { calendarPath, meetingPath } from '../paths.js';
import type { MeetingAccess } from './access.js';

export type Ctx = { ctx: PageContext };

/** The trail to a meeting: its council or the calendar. */
export function meetingCrumbs(ctx: PageContext, a: MeetingAccess, last?: { href?: string; label: string }[]) {
  const first = a.council
    ? [
        { href: councilsPath, label: ctx.t('councils.list.title') },
        { href: councilPath(a.council), label: a.council.name },
      ]
    : [{ href: calendarPath, label: ctx.t('meetings.calendar.title') }];
  return [...first, ...(last ? [{ href: meetingPath(a.meeting), label: a.meeting.title }, ...last] : [{ label: a.meeting.title }])];
}

/** Where a meeting is, with a link to the meeting place or the online meeting. */
export function Where({ ctx, a }: Ctx & { a: MeetingAccess }) {
  const m = a.meeting;
  const place = a.place;
  if (m.placeKind === 'online') {
    return (
      <>
        {ctx.t('meetings.meeting.online')}
        {m.onlineUrl && m.status !== 'cancelled' ? (
          <>
            {': '}
            <a href={m.onlineUrl} rel="noopener noreferrer">
              {ctx.t('meetings.meeting.joinOnline')}
            </a>
          </>
        ) : null}
      </>
    );
  }
  if (m.placeKind === 'place' && place) {
    return (
      <>
        <a href={meetingPlacePath(place)}>{place.name}</a>
        {place.address ? `, ${place.address}` : ''}
      </>
    );
  }
  return <>{m.address}</>;
}

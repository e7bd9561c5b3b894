import type { MeetingAccess } from '../core/access.js';

/**
 * schema.org Event data for a meeting page, so search engines and calendar tools read the time,
 * place, organiser and status: cancelled meetings say so, online ones carry a VirtualLocation.
 */
export function meetingEvent(a: MeetingAccess, opts: { url: string; organiserUrl: string }): Record<string, unknown> {
  const m = a.meeting;
  const location =
    m.placeKind === 'online'
      ? { '@type': 'VirtualLocation', url: m.onlineUrl }
      : {
          '@type': 'Place',
          name: a.place?.name ?? m.address,
          address: a.place?.address || m.address || undefined,
        };
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: m.title,
    description: m.description || undefined,
    startDate: m.startsAt.toISOString(),
    endDate: m.endsAt.toISOString(),
    eventStatus: m.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: m.placeKind === 'online' ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location,
    organizer: { '@type': 'Organization', name: a.council?.name ?? a.body?.name, url: opts.organiserUrl },
    url: opts.url,
    ...(m.capacity ? { maximumAttendeeCapacity: m.capacity } : {}),
    isAccessibleForFree: true,
  };
}

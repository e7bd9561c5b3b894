import './events.js';
import { can, signedIn } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import { meetingSections, nextMeetingNotes } from './calendar/sections.js';
import { bodiesPolicy } from './core/policy.js';
import { eraseMeetingsData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { calendarPath, myMeetingsPath } from './paths.js';
import { personalDataOf } from './personal-data.js';
import { meetingRetention } from './retention.js';
import { meetingRoutes } from './routes.js';
import { meetingJobs } from './scheduling/jobs.js';
import { meetingsSeed } from './seed.js';
import { meetingSubscriptions, overdueReminders } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    meetings: typeof sv;
  }
}

declare module '../../platform/module.js' {
  interface AnnotationSlots {
    /** Each point of a version of the minutes (ids `<meetingId>:<index>`): what came of it, for everyone who reads the minutes. */
    minutesPoint: true;
    /** The same points, for those who run the meeting: what they can make of a point. */
    minutesPointTools: true;
  }
}

/** Meetings of councils, networks and municipal bodies: agendas, registration, attendance, minutes, calendars and feeds. */
export const meetingsModule = defineModule({
  name: 'meetings',
  processing: [
    {
      data: 'meetings.privacy.meetings.data',
      purpose: 'meetings.privacy.meetings.purpose',
      basis: 'publicTask',
      retention: 'meetings.privacy.meetings.retention',
      audience: 'meetings.privacy.meetings.audience',
    },
  ],
  i18n: { sv, en },
  routes: meetingRoutes,
  jobs: meetingJobs,
  nav: [
    { href: calendarPath, label: 'meetings.nav' },
    { href: myMeetingsPath, label: 'meetings.myNav', visible: signedIn },
  ],
  adminNav: [{ href: '/admin/organ', label: 'meetings.bodies.title', visible: (a) => can(bodiesPolicy, a, 'manage', null) }],
  sections: meetingSections,
  annotations: nextMeetingNotes,
  personalData: personalDataOf,
  retention: meetingRetention,
  erase: eraseMeetingsData,
  on: meetingSubscriptions,
  notices: [
    { kind: 'meetings.followed', label: 'meetings.notices.followed' },
    { kind: 'meetings.attending', label: 'meetings.notices.attending', personal: true },
    { kind: 'meetings.actionItem', label: 'meetings.notices.actionItem', personal: true },
  ],
  recurring: overdueReminders,
  seed: meetingsSeed,
});

export { type AgendaProposal, proposeForNextMeeting } from './agenda/proposals.js';
export { listBodies } from './bodies/queries.js';
export { meetingSlugSql } from './core/access.js';
export {
  type BodyMeeting,
  bodyMeetingChoices,
  type HeldMeeting,
  type MeetingLink,
  meetingChoices,
  meetingLinks,
  meetingRefSql,
  meetingsHeld,
} from './links.js';
export { type MinutesPoint, minutesPoint } from './minutes/points.js';
export { meetingPath, minutesPath } from './paths.js';
export type { SeedMeeting } from './seed.js';
export { seedMeetingBodies, seedMeetings } from './seed.js';

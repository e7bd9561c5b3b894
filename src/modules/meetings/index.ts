import { can, signedIn } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { meetingJobs } from './jobs.js';
import { bodiesPolicy } from './policy.js';
import { personalDataOf } from './queries.js';
import { meetingRoutes } from './routes/index.js';
import { meetingSections, nextMeetingNotes } from './sections.js';
import { meetingSubscriptions } from './subscribers.js';
import './events.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    meetings: typeof sv;
  }
}

/** Meetings of councils, networks and municipal bodies: agendas, registration, attendance, minutes, calendars and feeds. */
export const meetingsModule = defineModule({
  name: 'meetings',
  i18n: { sv, en },
  routes: meetingRoutes,
  jobs: meetingJobs,
  nav: [
    { href: '/kalender', label: 'meetings.nav' },
    { href: '/mina-moten', label: 'meetings.myNav', visible: signedIn },
  ],
  adminNav: [{ href: '/admin/organ', label: 'meetings.bodies.title', visible: (a) => can(bodiesPolicy, a, 'manage', null) }],
  sections: meetingSections,
  annotations: nextMeetingNotes,
  personalData: personalDataOf,
  on: meetingSubscriptions,
});

export type { SeedMeeting } from './seed.js';
export { seedMeetingBodies, seedMeetings } from './seed.js';

import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { meetingPlaceNames } from './queries.js';
import { placeRoutes } from './routes.js';
import { placesSeed } from './seed.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    places: typeof sv;
  }
}

declare module '../../platform/module.js' {
  interface SectionSubjects {
    /** A meeting place's page, for sections such as the meetings held there. */
    meetingPlace: { id: string; slug: string; name: string };
  }
}

/** The register of meeting places (mötesplatser) with their accessibility. */
export const placesModule = defineModule({
  name: 'places',
  i18n: { sv, en },
  routes: placeRoutes,
  nav: [{ href: '/motesplatser', label: 'places.nav' }],
  adminNav: [{ href: '/admin/motesplatser', label: 'places.admin.title', visible: isAdmin }],
  seed: placesSeed,
  followables: [{ kind: 'meetingPlace', label: 'places.follow.kind', names: meetingPlaceNames }],
});

export { saveMeetingPlace } from './commands.js';
export { meetingPlacePath, meetingPlacesPath } from './paths.js';
export type { MeetingPlace, MeetingPlaceRef } from './queries.js';
export { getMeetingPlaceBySlug, getMeetingPlaces, listMeetingPlaceChoices, meetingPlaceRefSql } from './queries.js';

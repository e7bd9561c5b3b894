import './events.js';
import { asc, eq } from 'drizzle-orm';
import { defineModule } from '../../platform/module.js';
import { grantsPersonalData } from './applications/queries.js';
import { eraseGrantData, grantErasureCheck } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { worksWithGrants } from './policy.js';
import { grantRoutes } from './routes.js';
import { grantProgrammes } from './schema.js';
import { grantSections } from './sections.js';
import { grantsSeed } from './seed.js';
import { grantReminders, grantSubscriptions } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    grants: typeof sv;
  }
}

/** Grants for associations and local development funds: programmes, their calls and application forms, and applications from draft to submission. */
export const grantsModule = defineModule({
  name: 'grants',
  processing: [
    {
      data: 'grants.privacy.applications.data',
      purpose: 'grants.privacy.applications.purpose',
      basis: 'publicTask',
      retention: 'grants.privacy.applications.retention',
      audience: 'grants.privacy.applications.audience',
    },
  ],
  i18n: { sv, en },
  routes: grantRoutes,
  roles: [{ role: 'grant_officer', scope: 'programme', label: 'grants.roles.officer', staff: true }],
  scopes: [
    {
      kind: 'programme',
      label: 'grants.scopes.programme',
      list: (db, tenantId) =>
        db
          .select({ id: grantProgrammes.id, name: grantProgrammes.name })
          .from(grantProgrammes)
          .where(eq(grantProgrammes.tenantId, tenantId))
          .orderBy(asc(grantProgrammes.name)),
    },
  ],
  nav: [{ href: '/bidrag', label: 'grants.nav' }],
  adminNav: [{ href: '/admin/bidrag', label: 'grants.admin.title', visible: worksWithGrants }],
  sections: grantSections,
  erase: eraseGrantData,
  erasureCheck: grantErasureCheck,
  personalData: grantsPersonalData,
  on: grantSubscriptions,
  recurring: grantReminders,
  notices: [{ kind: 'grants.applications', label: 'grants.notices.applications', personal: true }],
  seed: grantsSeed,
});

export { type GrantLink, grantChoices, grantLinks } from './awarded.js';
export { awardedGrantPath, awardedPath, grantsPath, programmePath } from './paths.js';
export type { GrantsSeedData } from './seed.js';
export { growCall } from './seed.js';

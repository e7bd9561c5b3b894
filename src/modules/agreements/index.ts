import './events.js';
import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import { eraseAgreementData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { agreementsPersonalData } from './queries.js';
import { agreementRoutes } from './routes.js';
import { agreementSections } from './sections.js';
import { agreementsSeed } from './seed.js';
import { agreementReminders, agreementSubscriptions } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    agreements: typeof sv;
  }
}

/** The compensation agreements between the municipality and the councils' associations, with their yearly reports. */
export const agreementsModule = defineModule({
  name: 'agreements',
  i18n: { sv, en },
  routes: agreementRoutes,
  adminNav: [{ href: '/overenskommelser', label: 'agreements.list.title', visible: isAdmin }],
  sections: agreementSections,
  erase: eraseAgreementData,
  personalData: agreementsPersonalData,
  on: agreementSubscriptions,
  recurring: agreementReminders,
  notices: [{ kind: 'agreements.reports', label: 'agreements.notices.reports', personal: true }],
  seed: agreementsSeed,
});

export { agreementPath, agreementsPath } from './paths.js';
export type { AgreementsSeedData } from './seed.js';

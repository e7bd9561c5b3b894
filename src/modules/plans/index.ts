import './events.js';
import { defineModule } from '../../platform/module.js';
import { erasePlanData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { planNames, plansPersonalData } from './queries.js';
import { planRoutes } from './routes.js';
import { planSections } from './sections.js';
import { plansSeed } from './seed.js';
import { planSubscriptions } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    plans: typeof sv;
  }
}

/** Local development plans of the councils and the municipality's projects in stages, with their follow-up. */
export const plansModule = defineModule({
  name: 'plans',
  i18n: { sv, en },
  routes: planRoutes,
  nav: [{ href: '/planer', label: 'plans.nav' }],
  sections: planSections,
  erase: erasePlanData,
  personalData: plansPersonalData,
  on: planSubscriptions,
  notices: [{ kind: 'plans.followed', label: 'plans.notices.followed' }],
  followables: [{ kind: 'plan', label: 'plans.follow.kind', names: planNames }],
  seed: plansSeed,
});

export { planPath, plansPath } from './paths.js';
export { type PlanEvidence, planEvidence } from './queries.js';
export { growPlan, type PlansSeedData } from './seed.js';

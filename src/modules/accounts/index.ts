import './events.js';
import { isAdmin } from '../../platform/authz/index.js';
import { defineRecurring } from '../../platform/jobs/index.js';
import { defineModule } from '../../platform/module.js';
import { purgeExpiredFlows } from './eid/commands.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { accountJobs } from './jobs.js';
import { mailRecipients } from './queries.js';
import { accountRetention } from './retention.js';
import { accountRoutes } from './routes.js';
import { accountsSeed } from './seed.js';
import { recordMailChoice } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    accounts: typeof sv;
  }
}

/** People: sign-up, sign-in, profiles, personal data, and role assignments. */
export const accountsModule = defineModule({
  name: 'accounts',
  processing: [
    {
      data: 'accounts.privacy.account.data',
      purpose: 'accounts.privacy.account.purpose',
      basis: 'contract',
      retention: 'accounts.privacy.account.retention',
      audience: 'accounts.privacy.account.audience',
    },
    {
      data: 'accounts.privacy.eid.data',
      purpose: 'accounts.privacy.eid.purpose',
      basis: 'contract',
      retention: 'accounts.privacy.eid.retention',
      audience: 'accounts.privacy.eid.audience',
    },
    {
      data: 'accounts.privacy.sessions.data',
      purpose: 'accounts.privacy.sessions.purpose',
      basis: 'contract',
      retention: 'accounts.privacy.sessions.retention',
      audience: 'accounts.privacy.sessions.audience',
    },
    {
      data: 'accounts.privacy.consents.data',
      purpose: 'accounts.privacy.consents.purpose',
      basis: 'consent',
      retention: 'accounts.privacy.consents.retention',
      audience: 'accounts.privacy.consents.audience',
    },
  ],
  retention: accountRetention,
  i18n: { sv, en },
  routes: accountRoutes,
  jobs: accountJobs,
  adminNav: [
    { href: '/admin/anvandare', label: 'accounts.admin.users', visible: isAdmin },
    { href: '/admin/e-legitimation', label: 'accounts.eid.admin.nav', visible: isAdmin },
  ],
  recurring: () => [defineRecurring('accounts.purgeOidcFlows', 60 * 60 * 1000, purgeExpiredFlows)],
  on: { 'platform.mailChoicesChanged': { run: 'transaction', handle: recordMailChoice } },
  seed: accountsSeed,
  recipients: mailRecipients,
});

export { createVerifiedUser, grantRole } from './commands.js';
export { type ConsentSubject, giveConsent, namedInPublicSql, seedConsents } from './consents.js';
export { hashPassword } from './password.js';
export type { User } from './queries.js';
export {
  getUser,
  getUserByEmail,
  getUserNames,
  getUserNamesForPublic,
  holdsAnyRoleSql,
  holdsRoleSql,
  listRoleHolders,
  loadActor,
  loadSessionActor,
  userNameSql,
} from './queries.js';
export { type SeedPerson, seedPeople } from './seed.js';

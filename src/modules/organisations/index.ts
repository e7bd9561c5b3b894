import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import { eraseOrganisationData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { organisationJobs } from './jobs.js';
import { organisationsPath } from './paths.js';
import { organisationNamesForFollows, organisationsPersonalData } from './queries.js';
import { organisationRoutes } from './routes.js';
import { organisationSections } from './sections.js';
import { organisationsSeed } from './seed.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    organisations: typeof sv;
  }
}

declare module '../../platform/module.js' {
  interface SectionSubjects {
    /** An organisation's public profile, for sections such as its meetings. */
    organisation: { id: string; slug: string; name: string };
  }
}

/** The register of associations, businesses, idea-based organisations and municipal units. */
export const organisationsModule = defineModule({
  name: 'organisations',
  processing: [
    {
      data: 'organisations.privacy.members.data',
      purpose: 'organisations.privacy.members.purpose',
      basis: 'legitimateInterest',
      retention: 'organisations.privacy.members.retention',
      audience: 'organisations.privacy.members.audience',
    },
  ],
  i18n: { sv, en },
  routes: organisationRoutes,
  jobs: organisationJobs,
  nav: [{ href: organisationsPath, label: 'organisations.nav' }],
  adminNav: [{ href: '/admin/organisationer', label: 'organisations.list.title', visible: isAdmin }],
  erase: eraseOrganisationData,
  personalData: organisationsPersonalData,
  sections: organisationSections,
  followables: [{ kind: 'organisation', label: 'organisations.follow.kind', names: organisationNamesForFollows }],
  seed: organisationsSeed,
});

export { addMember, createOrganisation } from './commands.js';
export { soleRepresentativeSql } from './erasure.js';
export { organisationEditPath, organisationPath, organisationsPath } from './paths.js';
export type { Organisation, OrganisationFacts, OrganisationSummary } from './queries.js';
export {
  findOrganisation,
  getOrganisationBySlug,
  getOrganisationNames,
  isMemberSql,
  listOrganisations,
  listOrganisationsOf,
  listRepresentatives,
  listRepresentedOrganisations,
  membershipRoleSql,
  organisationFactsSql,
  organisationLocalitySql,
  organisationNameSql,
  organisationRefSql,
} from './queries.js';
export { type SeedOrganisation, type SeedOrganisationMember, seedOrganisationMembers, seedOrganisations } from './seed.js';

import './events.js';
import { and, asc, eq } from 'drizzle-orm';
import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { councilNames } from './queries.js';
import { councilRoutes } from './routes.js';
import { councilMembers, councils } from './schema.js';
import { councilSections } from './sections.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    councils: typeof sv;
  }
}

declare module '../../platform/module.js' {
  interface SectionSubjects {
    /** A council's page, for sections such as its meetings. */
    council: {
      id: string;
      slug: string;
      name: string;
      /** The locality it is the council of (none for an area network or the contact persons'). */
      localityId: string | null;
      isPublic: boolean;
      myRoles: string[];
      isContact: boolean;
      canManage: boolean;
    };
  }
  interface AnnotationSlots {
    /** The list of councils and networks: a line on each card. */
    councils: true;
  }
}

/** Local councils (ortsråd), area networks and the contact persons' network, with their members. */
export const councilsModule = defineModule({
  name: 'councils',
  processing: [
    {
      data: 'councils.privacy.members.data',
      purpose: 'councils.privacy.members.purpose',
      basis: 'publicTask',
      retention: 'councils.privacy.members.retention',
      audience: 'councils.privacy.members.audience',
    },
  ],
  i18n: { sv, en },
  routes: councilRoutes,
  roles: [{ role: 'contact_person', scope: 'council', label: 'councils.roles.contactPerson', staff: true }],
  scopes: [
    {
      kind: 'council',
      label: 'councils.scopes.council',
      list: (db, tenantId) =>
        db.select({ id: councils.id, name: councils.name }).from(councils).where(eq(councils.tenantId, tenantId)).orderBy(asc(councils.name)),
    },
  ],
  nav: [{ href: '/ortsrad', label: 'councils.nav' }],
  sections: councilSections,
  followables: [{ kind: 'council', label: 'councils.follow.kind', names: councilNames }],
  adminNav: [{ href: '/admin/ortsrad', label: 'councils.admin.title', visible: isAdmin }],
  erase: eraseCouncilData,
  personalData: (db, tenantId, userId) =>
    db
      .select({ id: councilMembers.id, council: councils.name, role: councilMembers.role, since: councilMembers.createdAt })
      .from(councilMembers)
      .innerJoin(councils, eq(councils.id, councilMembers.councilId))
      .where(and(eq(councilMembers.tenantId, tenantId), eq(councilMembers.userId, userId))),
  seed: councilsSeed,
});

export { saveCouncil, seedCouncilMember } from './commands.js';
export { contactCouncilIds, councilPublicRoleSql, insideCouncilSql, isInsideCouncil, personInsideCouncilSql } from './inside.js';
export { councilAdminPath, councilMembersPath, councilOrganisationsPath, councilPath, councilsPath } from './paths.js';
export { councilPolicy } from './policy.js';
export type { Council, CouncilRef } from './queries.js';
export {
  councilIdsSql,
  councilIsPublicSql,
  councilNameSql,
  councilRefSql,
  getCouncilBySlug,
  listCouncilIdsOfOrganisation,
  listCouncilOrganisationIds,
  listCouncilPeople,
  listCouncils,
  listCouncilsRunBy,
  localCouncilSql,
} from './queries.js';

import { eraseCouncilData } from './erasure.js';
import { councilsSeed } from './seed.js';

export type { CouncilsSeedData } from './seed.js';
export { listCouncilsForSeed, type SeedCouncilMember, seedCouncilMembers } from './seed.js';

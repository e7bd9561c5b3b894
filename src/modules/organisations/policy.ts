import { definePolicy, isAdmin } from '../../platform/authz/index.js';
import type { Member, Organisation } from './queries.js';

/** An organisation together with the acting person's membership of it (or null). */
export interface OrgAccess {
  org: Organisation;
  membership: Member | null;
}

const isRepresentative = (a: OrgAccess) => a.membership?.role === 'representative';

/** The register is public; a representative keeps the profile and invites members; administrators may do all. */
export const organisationPolicy = definePolicy<OrgAccess, 'view' | 'edit' | 'manageMembers'>({
  view: () => true,
  edit: (actor, a) => isAdmin(actor) || (actor.user !== null && isRepresentative(a)),
  manageMembers: (actor, a) => isAdmin(actor) || (actor.user !== null && isRepresentative(a)),
});

/** Creating organisations in the register is for administrators. */
export const registerPolicy = definePolicy<null, 'create'>({ create: (actor) => isAdmin(actor) });

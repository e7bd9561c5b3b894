import { type Actor, definePolicy, isAdmin } from '../../platform/authz/index.js';
import { isInsideCouncil } from './inside.js';
import type { Council } from './queries.js';

/** A council with the acting person's roles in it. */
export interface CouncilAccess {
  council: Council;
  myRoles: string[];
  /** Whether the acting person follows it. */
  following?: boolean;
}

const inside = (actor: Actor, a: CouncilAccess) => isInsideCouncil(actor, { id: a.council.id, myRoles: a.myRoles });
const canView = (actor: Actor, a: CouncilAccess) => a.council.isPublic || inside(actor, a);
const runsIt = (a: CouncilAccess) => a.myRoles.includes('chair') || a.myRoles.includes('secretary');

/**
 * Public councils are open to all; a private one (the contact persons' network) only to its
 * members, its contact persons and administrators, and to anyone else it does not exist. The chair
 * and the secretary run a council; administrators may too.
 */
export const councilPolicy = definePolicy<CouncilAccess, 'view' | 'manage' | 'seeMembersContacts'>(
  {
    view: canView,
    manage: (actor, a) => actor.user !== null && (isAdmin(actor) || runsIt(a)),
    seeMembersContacts: (actor, a) => actor.user !== null && inside(actor, a),
  },
  (actor, a) => !canView(actor, a),
);

/** Creating and configuring councils is for administrators. */
export const councilAdminPolicy = definePolicy<null, 'administer'>({ administer: (actor) => isAdmin(actor) });

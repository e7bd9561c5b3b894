import { type Actor, definePolicy, isAdmin } from '../../platform/authz/index.js';
import { type CouncilRef, contactCouncilIds, isInsideCouncil } from '../councils/index.js';
import type { agreements } from './schema.js';

/** An agreement with its council (and the acting person's roles in it). */
export interface AgreementAccess {
  agreement: typeof agreements.$inferSelect;
  council: CouncilRef;
  organisation: { id: string; slug: string; name: string };
}

const canView = (actor: Actor, a: AgreementAccess) => a.council.isPublic || isInsideCouncil(actor, a.council);
const runsCouncil = (a: AgreementAccess) => a.council.myRoles.includes('chair') || a.council.myRoles.includes('secretary');

/**
 * An agreement's parties, period and amounts are public (as the council is); its yearly reports
 * are the council's and the municipality's: those inside the council (members, its contact persons)
 * and administrators. The chair and the secretary write and submit a report; the council's contact
 * person (or an administrator) approves it or asks for more; administrators record agreements and
 * payments.
 */
export const agreementPolicy = definePolicy<AgreementAccess, 'view' | 'readReports' | 'report' | 'decide' | 'administer'>(
  {
    view: canView,
    readReports: (actor, a) => actor.user !== null && isInsideCouncil(actor, a.council),
    report: (actor, a) => actor.user !== null && runsCouncil(a),
    decide: (actor, a) => actor.user !== null && (isAdmin(actor) || contactCouncilIds(actor).includes(a.council.id)),
    administer: (actor) => isAdmin(actor),
  },
  (actor, a) => !canView(actor, a),
);

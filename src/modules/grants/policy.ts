import { type Actor, definePolicy, hasRole, isAdmin } from '../../platform/authz/index.js';

/** Whether the person manages the programme: its grant officers (the role scoped to it) and administrators. */
export const managesProgramme = (actor: Actor, programmeId: string): boolean =>
  actor.user !== null && (isAdmin(actor) || hasRole(actor, 'grant_officer', { type: 'programme', id: programmeId }));

/** The programmes the person manages (null: all, for administrators). */
export function managedProgrammes(actor: Actor): string[] | null {
  if (isAdmin(actor)) return null;
  return actor.roles.filter((r) => r.role === 'grant_officer' && r.scopeType === 'programme').map((r) => r.scopeId);
}

/** Whether the person works with grants at all (the administration's list of programmes). */
export const worksWithGrants = (actor: Actor): boolean => actor.user !== null && (isAdmin(actor) || actor.roles.some((r) => r.role === 'grant_officer'));

/**
 * Programmes and their calls are public while active; an inactive programme is seen only by those
 * who manage it (to anyone else it does not exist). Its officers edit it and open its calls; only
 * administrators start programmes.
 */
export const programmePolicy = definePolicy<{ id: string; active: boolean }, 'view' | 'manage'>(
  {
    view: (actor, p) => p.active || managesProgramme(actor, p.id),
    manage: (actor, p) => managesProgramme(actor, p.id),
  },
  (actor, p) => !p.active && !managesProgramme(actor, p.id),
);

/** What the application policy reads: the application's state, programme and the reader's membership of the applying organisation. */
export interface ApplicationSubject {
  application: { status: string };
  programme: { id: string };
  membership: 'representative' | 'member' | null;
}

const isRepresentative = (actor: Actor, a: ApplicationSubject) => actor.user !== null && a.membership === 'representative';

/**
 * An application is the applying organisation's: its members read it, its representatives write,
 * submit and withdraw it and answer requests. Once submitted, the programme's officers read it and
 * handle it; a draft is no one else's business. To anyone else it does not exist.
 */
export const applicationPolicy = definePolicy<ApplicationSubject, 'view' | 'edit' | 'withdraw' | 'reply' | 'handle'>(
  {
    view: (actor, a) => (actor.user !== null && a.membership !== null) || (a.application.status !== 'draft' && managesProgramme(actor, a.programme.id)),
    edit: (actor, a) => isRepresentative(actor, a) && a.application.status === 'draft',
    withdraw: (actor, a) => isRepresentative(actor, a) && ['draft', 'submitted', 'more_info'].includes(a.application.status),
    reply: (actor, a) => isRepresentative(actor, a) && a.application.status === 'more_info',
    handle: (actor, a) => a.application.status !== 'draft' && managesProgramme(actor, a.programme.id),
  },
  (actor, a) => !((actor.user !== null && a.membership !== null) || (a.application.status !== 'draft' && managesProgramme(actor, a.programme.id))),
);

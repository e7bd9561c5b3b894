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

/** What the application policy reads: the application's state, programme, the reader's membership of the applying organisation and roles in the local council. */
export interface ApplicationSubject {
  application: { status: string; reportStatus: string };
  programme: { id: string };
  membership: 'representative' | 'member' | null;
  /** The reader's role in an organisation applying together with the applicant. */
  coMembership: 'representative' | 'member' | null;
  council: { myRoles: readonly string[] } | null;
}

const isRepresentative = (actor: Actor, a: ApplicationSubject) => actor.user !== null && a.membership === 'representative';
const undecided = (a: ApplicationSubject) => a.application.status === 'submitted' || a.application.status === 'more_info';
/** The chair or the secretary of the local council of the applicant's locality: who speaks for the council on it. */
const speaksForCouncil = (actor: Actor, a: ApplicationSubject) =>
  actor.user !== null && (a.council?.myRoles.some((r) => r === 'chair' || r === 'secretary') ?? false);
const officerOf = (actor: Actor, a: ApplicationSubject) => managesProgramme(actor, a.programme.id);
/** Whether the reader belongs to the applying organisation or to one applying with it: they read it, and never review or decide it. */
const belongs = (actor: Actor, a: ApplicationSubject) => actor.user !== null && (a.membership !== null || a.coMembership !== null);
const sees = (actor: Actor, a: ApplicationSubject) =>
  belongs(actor, a) || (a.application.status !== 'draft' && (officerOf(actor, a) || speaksForCouncil(actor, a)));

/**
 * An application is the applying organisation's: its members (and those of the organisations it
 * invited to apply with it) read it, its representatives write,
 * submit and withdraw it and answer requests. Once submitted, the programme's officers read and
 * handle it, and the local council's chair and secretary read it to give the council's
 * recommendation; a draft is no one else's business. Nobody reviews or decides an application from
 * an organisation they belong to. After a grant, its officers record the payments and judge the
 * follow-up report the representatives write. To anyone else it does not exist.
 */
export const applicationPolicy = definePolicy<
  ApplicationSubject,
  'view' | 'edit' | 'withdraw' | 'reply' | 'handle' | 'review' | 'decide' | 'recommend' | 'pay' | 'report' | 'judgeReport' | 'coApply'
>(
  {
    view: sees,
    edit: (actor, a) => isRepresentative(actor, a) && a.application.status === 'draft',
    withdraw: (actor, a) => isRepresentative(actor, a) && ['draft', 'submitted', 'more_info'].includes(a.application.status),
    reply: (actor, a) => isRepresentative(actor, a) && a.application.status === 'more_info',
    handle: (actor, a) => a.application.status !== 'draft' && officerOf(actor, a),
    review: (actor, a) => undecided(a) && officerOf(actor, a) && !belongs(actor, a),
    decide: (actor, a) => undecided(a) && officerOf(actor, a) && !belongs(actor, a),
    recommend: (actor, a) => undecided(a) && speaksForCouncil(actor, a),
    pay: (actor, a) => a.application.status === 'granted' && officerOf(actor, a),
    report: (actor, a) => isRepresentative(actor, a) && a.application.status === 'granted' && ['', 'returned'].includes(a.application.reportStatus),
    judgeReport: (actor, a) => a.application.reportStatus === 'submitted' && officerOf(actor, a) && !belongs(actor, a),
    coApply: (actor, a) => isRepresentative(actor, a) && a.application.status === 'draft',
  },
  (actor, a) => !sees(actor, a),
);

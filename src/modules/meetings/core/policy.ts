import { type Actor, definePolicy, hasRole, isAdmin } from '../../../platform/authz/index.js';
import { isInsideCouncil } from '../../councils/index.js';
import type { MeetingAccess, Minutes } from './access.js';

/** Whether the actor is inside the meeting's council (the councils module's one rule); an administrator is inside every meeting. */
function inside(actor: Actor, a: MeetingAccess): boolean {
  if (!a.council) return isAdmin(actor);
  return isInsideCouncil(actor, a.council);
}

/** Whether the actor runs the organiser's meetings: the council's chair or secretary, an editor for a municipal body, or an administrator. */
function runs(actor: Actor, a: Pick<MeetingAccess, 'council' | 'body'>): boolean {
  if (!actor.user) return false;
  if (isAdmin(actor)) return true;
  if (a.council) return a.council.myRoles.includes('chair') || a.council.myRoles.includes('secretary');
  return a.body !== null && hasRole(actor, 'editor');
}

function canView(actor: Actor, a: MeetingAccess): boolean {
  if (a.meeting.status === 'draft') return runs(actor, a);
  const isPublic = a.meeting.visibility === 'public' && (!a.council || a.council.isPublic);
  return isPublic || inside(actor, a) || runs(actor, a);
}

/**
 * Who may do what with a meeting. A draft is seen only by those who run it; a members-only
 * meeting (and every meeting of a private network) only by the council's people; to anyone else
 * it does not exist. Registering needs an account and an open, published meeting that has not
 * ended.
 */
export const meetingPolicy = definePolicy<MeetingAccess, 'view' | 'manage' | 'register' | 'seeInternal'>(
  {
    view: canView,
    manage: (actor, a) => runs(actor, a),
    register: (actor, a) =>
      actor.user !== null && canView(actor, a) && a.meeting.status === 'published' && a.meeting.registrationOpen && a.meeting.endsAt > new Date(),
    seeInternal: (actor, a) => actor.user !== null && (inside(actor, a) || runs(actor, a)),
  },
  (actor, a) => !canView(actor, a),
);

/** Who may schedule a meeting for a council (its chair or secretary) or a municipal body (editors). */
export const newMeetingPolicy = definePolicy<Pick<MeetingAccess, 'council' | 'body'>, 'create'>({ create: runs });

/** Minutes with their meeting. */
export interface MinutesAccess extends MeetingAccess {
  minutes: Minutes;
}

/**
 * Published minutes are read by whoever may see the meeting. Before that they are the secretary's
 * working copy, read by those who run the meeting and by the appointed checkers (justerare), who
 * approve or return them while they are out for checking.
 */
function canRead(actor: Actor, a: MinutesAccess): boolean {
  if (a.minutes.status === 'published') return canView(actor, a);
  return runs(actor, a) || (actor.user !== null && a.minutes.checkerIds.includes(actor.user.id) && a.minutes.status !== 'draft');
}

export const minutesPolicy = definePolicy<MinutesAccess, 'read' | 'write' | 'check'>(
  {
    read: canRead,
    write: (actor, a) => runs(actor, a),
    check: (actor, a) => actor.user !== null && a.minutes.status === 'checking' && a.minutes.checkerIds.includes(actor.user.id),
  },
  // Minutes not yet published do not exist for anyone who may not read them.
  (actor, a) => !canRead(actor, a),
);

/** Municipal bodies of the political calendar are kept by editors and administrators. */
export const bodiesPolicy = definePolicy<null, 'manage'>({ manage: (actor) => isAdmin(actor) || hasRole(actor, 'editor') });

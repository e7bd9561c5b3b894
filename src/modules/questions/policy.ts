import { type Actor, definePolicy, hasRole, isAdmin } from '../../platform/authz/index.js';
import { contactCouncilIds } from '../councils/index.js';
import type { Question } from './schema.js';

/** Handlers of the function a question is routed to handle it; the intake (and administrators) handle every question. */
export function canHandle(actor: Actor, q: Pick<Question, 'functionId'>): boolean {
  if (!actor.user) return false;
  return isAdmin(actor) || hasRole(actor, 'intake') || hasRole(actor, 'handler', { type: 'function', id: q.functionId });
}

/**
 * Who triages a question (marks it assessed, or routes it to the right function): its handlers, and
 * for a council's question the council's contact person, whose task is to pass the councils'
 * questions on to the right part of the municipality.
 */
export function canTriage(actor: Actor, q: Pick<Question, 'functionId' | 'councilId'>): boolean {
  return canHandle(actor, q) || (actor.user !== null && q.councilId !== null && contactCouncilIds(actor).includes(q.councilId));
}

/** Whether the person works with questions at all (the inbox): handlers, the intake, contact persons, administrators. */
export function worksWithQuestions(actor: Actor): boolean {
  return (
    actor.user !== null && (isAdmin(actor) || hasRole(actor, 'intake') || actor.roles.some((r) => r.role === 'handler') || contactCouncilIds(actor).length > 0)
  );
}

/** The intake, contact persons and administrators register questions that came by phone, letter or visit, on the asker's behalf. */
export function mayRegisterForOthers(actor: Actor): boolean {
  return actor.user !== null && (isAdmin(actor) || hasRole(actor, 'intake') || contactCouncilIds(actor).length > 0);
}

/** The functions whose inbox the person sees: all of them (null) for the intake and administrators. */
export function inboxFunctions(actor: Actor): string[] | null {
  if (isAdmin(actor) || hasRole(actor, 'intake')) return null;
  return actor.roles.filter((r) => r.role === 'handler' && r.scopeType === 'function').map((r) => r.scopeId);
}

export const questionPolicy = definePolicy<Pick<Question, 'functionId' | 'councilId'>, 'handle' | 'triage'>({ handle: canHandle, triage: canTriage });

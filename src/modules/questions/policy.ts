import { type Actor, definePolicy, hasRole, isAdmin } from '../../platform/authz/index.js';
import type { Question } from './schema.js';

/** Handlers of the function a question is routed to handle it; the intake (and administrators) handle every question. */
export function canHandle(actor: Actor, q: Pick<Question, 'functionId'>): boolean {
  if (!actor.user) return false;
  return isAdmin(actor) || hasRole(actor, 'intake') || hasRole(actor, 'handler', { type: 'function', id: q.functionId });
}

/** Whether the person works with questions at all (the inbox). */
export function worksWithQuestions(actor: Actor): boolean {
  return actor.user !== null && (isAdmin(actor) || hasRole(actor, 'intake') || actor.roles.some((r) => r.role === 'handler'));
}

/** The functions whose inbox the person sees: all of them (null) for the intake and administrators. */
export function inboxFunctions(actor: Actor): string[] | null {
  if (isAdmin(actor) || hasRole(actor, 'intake')) return null;
  return actor.roles.filter((r) => r.role === 'handler' && r.scopeType === 'function').map((r) => r.scopeId);
}

export const questionPolicy = definePolicy<Pick<Question, 'functionId'>, 'handle'>({ handle: canHandle });

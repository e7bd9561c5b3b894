/** A person acting in one municipality: signed in or a visitor. */
export interface Actor {
  tenantId: string;
  /** `unread`: how many notifications the person has not read (loaded with them, for the header). */
  user: { id: string; name: string; email: string; lang: 'sv' | 'en'; unread?: number } | null;
  roles: readonly RoleGrant[];
  /** Staff roles held back because the municipality requires e-ID for them and this session was not started with it. */
  eidNeeded?: boolean;
  /** How this session was signed in: a password, or e-ID at an assurance level (`acr`). */
  via?: { method: string; acr: string | null };
}

export interface RoleGrant {
  role: string;
  scopeType: string;
  scopeId: string;
}

/** Answered as 404: the record does not exist, or the actor may not know it does. */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor() {
    super('Not found');
  }
}

/** Answered as 403 for things the actor can see but not do (a visible page's action). */
export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('Forbidden');
  }
}

/** Answered by sending a visitor to sign in. */
export class SignInRequiredError extends Error {
  readonly statusCode = 401;
  constructor() {
    super('Sign-in required');
  }
}

export type Rule<R> = (actor: Actor, record: R) => boolean;

export interface Policy<R, A extends string> {
  rules: Record<A, Rule<R>>;
  /** What a rule answers for a record the actor may not view: 404 hides that it exists. */
  hidden?: (actor: Actor, record: R) => boolean;
}

/** Declares a module's rules: the same rule decides the server's answer and what a page shows. */
export function definePolicy<R, A extends string>(rules: Record<A, Rule<R>>, hidden?: (actor: Actor, record: R) => boolean): Policy<R, A> {
  return { rules, hidden };
}

/** Whether the actor may do the action; used by views to show or hide controls. */
export function can<R, A extends string>(policy: Policy<R, A>, actor: Actor, action: A, record: R): boolean {
  return policy.rules[action](actor, record);
}

/**
 * Asserts the actor may do the action. A visitor is asked to sign in; a record the actor may not
 * view answers 404; otherwise 403.
 */
export function authorize<R, A extends string>(policy: Policy<R, A>, actor: Actor, action: A, record: R): void {
  if (policy.rules[action](actor, record)) return;
  if (policy.hidden?.(actor, record)) throw new NotFoundError();
  if (!actor.user) throw new SignInRequiredError();
  throw new ForbiddenError();
}

/** Whether the actor is signed in. */
export const signedIn = (actor: Actor): boolean => actor.user !== null;

/** Whether the actor holds the role, tenant-wide or for the given scope. */
export function hasRole(actor: Actor, role: string, scope?: { type: string; id: string }): boolean {
  return actor.roles.some((g) => g.role === role && (g.scopeType === 'tenant' || (scope && g.scopeType === scope.type && g.scopeId === scope.id)));
}

/** Whether the actor administers the municipality. */
export const isAdmin = (actor: Actor): boolean => hasRole(actor, 'admin');

/** A visitor of a tenant. */
export const visitor = (tenantId: string): Actor => ({ tenantId, user: null, roles: [] });

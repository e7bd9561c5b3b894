declare module '../../platform/events.js' {
  interface DomainEvents {
    /** Someone reported on an action of a plan (an update): the plan's followers are told. */
    'plans.updated': { planId: string; actionId: string; updateId: string; title: string };
    /** The yearly review of a plan was recorded. */
    'plans.reviewed': { planId: string; year: number };
  }
}

export {};

/** What the accounts module announces (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** An administrator disabled an account: the person can no longer sign in, and their sessions are ended. */
    'accounts.userDisabled': { userId: string };
    /** An administrator enabled a disabled account again. */
    'accounts.userEnabled': { userId: string };
  }
}

export {};

/** What the councils module announces (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A person or an organisation became a member of a council (or changed role in it). */
    'councils.memberAdded': { councilId: string; userId: string | null; organisationId: string | null; role: string };
    /** A person or an organisation left a council. */
    'councils.memberRemoved': { councilId: string; userId: string | null; organisationId: string | null };
  }
}

export {};

/** What the meetings module announces (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A draft meeting was published: it is in calendars and feeds, and people can answer. */
    'meetings.published': { meetingId: string; councilId: string | null; bodyId: string | null };
    /** A published meeting moved to another time or place (`startsAt` is the new start, which makes each move its own event). */
    'meetings.moved': { meetingId: string; councilId: string | null; bodyId: string | null; startsAt: string };
    /** A meeting was cancelled before it began; `wasPublished` says whether anyone could have answered. */
    'meetings.cancelled': { meetingId: string; councilId: string | null; bodyId: string | null; reason: string; wasPublished: boolean };
    /** A version of a meeting's minutes was published (a correction is a later version), with the action items written in it. */
    'meetings.minutesPublished': {
      meetingId: string;
      councilId: string | null;
      minutesId: string;
      version: number;
      actionItemKeys: string[];
      /** The sources of the agenda items other modules proposed (`question:<id>`) that these minutes record. */
      reported: string[];
      meeting: { slug: string; title: string; startsAt: string };
    };
    /** An action item of a meeting's minutes was marked done (`done`), or not done again. */
    'meetings.actionItemDone': {
      actionItemId: string;
      meetingId: string;
      councilId: string | null;
      done: boolean;
      description: string;
      meeting: { slug: string; title: string };
    };
  }
}

export {};

/** What the news module announces (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A news item was published, now or for a later time (`publishAt`); followers hear of it once it is out. */
    'news.published': { newsId: string; councilId: string | null; publishAt: string };
  }
}

export {};

/** What the questions module announces (see platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A handler took a step with a question: its new status (`answered` when it was answered). */
    'questions.changed': { questionId: string; status: string; at: string };
    /** A question asked in a council's name was answered: its answer goes on the council's next agenda. */
    'questions.answeredForCouncil': { questionId: string; councilId: string };
  }
}

export {};

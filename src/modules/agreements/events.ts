declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A council's association submitted its yearly report on an agreement: the contact persons are told. */
    'agreements.reportSubmitted': { agreementId: string; councilId: string; year: number };
    /** The municipality approved a yearly report, or returned it asking for more: the council's chair and secretary are told. */
    'agreements.reportDecided': { agreementId: string; councilId: string; year: number; decision: 'approve' | 'return' };
  }
}

export {};

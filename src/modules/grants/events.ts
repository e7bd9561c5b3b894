declare module '../../platform/events.js' {
  interface DomainEvents {
    /** An organisation submitted an application: the programme's officers are told. */
    'grants.submitted': { applicationId: string; programmeId: string };
    /** An officer asked the applicant for more information: the organisation's representatives are told. */
    'grants.infoRequested': { applicationId: string; organisationId: string };
    /** The applicant answered a request for more information: the programme's officers are told. */
    'grants.infoGiven': { applicationId: string; programmeId: string };
  }
}

export {};

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** An organisation submitted an application: the programme's officers are told. */
    'grants.submitted': { applicationId: string; programmeId: string };
    /** An officer asked the applicant for more information: the organisation's representatives are told. */
    'grants.infoRequested': { applicationId: string; organisationId: string };
    /** The applicant answered a request for more information: the programme's officers are told. */
    'grants.infoGiven': { applicationId: string; programmeId: string };
    /** An application was granted or rejected: the organisation's representatives are told. */
    'grants.decided': { applicationId: string; organisationId: string };
    /** An organisation was invited to apply together with another: its representatives are told. */
    'grants.coApplicantAdded': { applicationId: string; organisationId: string };
    /** A follow-up report came in: the programme's officers are told. */
    'grants.reportSubmitted': { applicationId: string; programmeId: string };
    /** A follow-up report was approved or returned: the organisation's representatives are told. */
    'grants.reportDecided': { applicationId: string; organisationId: string };
  }
}

export {};

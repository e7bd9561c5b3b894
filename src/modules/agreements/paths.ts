/** The only place the agreements' addresses are spelled. */
export const agreementsPath = '/overenskommelser';
export const newAgreementPath = '/admin/overenskommelser/ny';

type A = { id: string };
export const agreementPath = (a: A): string => `/overenskommelser/${a.id}`;
export const agreementEditPath = (a: A): string => `/admin/overenskommelser/${a.id}`;
export const reportPath = (a: A, year: number): string => `/overenskommelser/${a.id}/rapporter/${year}`;

/** The only place the plans' addresses are spelled. */
export const plansPath = '/planer';
export const newPlanPath = '/planer/ny';
export const municipalityActionsPath = '/planer/kommunen';

type P = { slug: string };
export const planPath = (p: P): string => `/planer/${p.slug}`;
export const planEditPath = (p: P): string => `/planer/${p.slug}/redigera`;
export const planHistoryPath = (p: P): string => `/planer/${p.slug}/historik`;
export const planReviewsPath = (p: P): string => `/planer/${p.slug}/uppfoljning`;
export const planCsvPath = (p: P): string => `/planer/${p.slug}/plan.csv`;
export const planVersionPath = (p: P, version: number): string => `/planer/${p.slug}/versioner/${version}`;
export const planAreaPath = (p: P, a: { id: string }): string => `/planer/${p.slug}/omraden/${a.id}`;
export const planActionPath = (p: P, a: { id: string }): string => `/planer/${p.slug}/atgarder/${a.id}`;
export const planPhotoPath = (p: P, a: { id: string }, u: { id: string }): string => `/planer/${p.slug}/atgarder/${a.id}/bild/${u.id}`;

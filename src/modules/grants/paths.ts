/** The only place the grants' addresses are spelled. */
export const grantsPath = '/bidrag';
export const grantsAdminPath = '/admin/bidrag';
export const newProgrammePath = '/admin/bidrag/ny';

type S = { slug: string };
export const programmePath = (p: S): string => `/bidrag/${p.slug}`;
export const programmeAdminPath = (p: S): string => `/admin/bidrag/${p.slug}`;
export const newCallPath = (p: S): string => `/admin/bidrag/${p.slug}/utlysningar/ny`;

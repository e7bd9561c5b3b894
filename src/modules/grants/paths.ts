/** The only place the grants' addresses are spelled. */
export const grantsPath = '/bidrag';
export const grantsAdminPath = '/admin/bidrag';
export const newProgrammePath = '/admin/bidrag/ny';

type S = { slug: string };
export const programmePath = (p: S): string => `/bidrag/${p.slug}`;
export const programmeAdminPath = (p: S): string => `/admin/bidrag/${p.slug}`;
export const newCallPath = (p: S): string => `/admin/bidrag/${p.slug}/utlysningar/ny`;

/** A person's applications, and one application. */
export const myApplicationsPath = '/bidrag/ansokningar';
export const applicationPath = (a: { id: string }): string => `/bidrag/ansokningar/${a.id}`;
export const attachmentPath = (a: { id: string }, fileId: string): string => `/bidrag/ansokningar/${a.id}/filer/${fileId}`;
/** A call's public page, where an organisation starts its application, and the officers' table of its applications. */
export const callPath = (p: S, c: S): string => `/bidrag/${p.slug}/utlysningar/${c.slug}`;
export const callAdminPath = (p: S, c: S): string => `/admin/bidrag/${p.slug}/utlysningar/${c.slug}`;
/** The officers' form builder of a programme. */
export const formAdminPath = (p: S): string => `/admin/bidrag/${p.slug}/formular`;
/** The public list of grants awarded, its export, and one grant. */
export const awardedPath = '/bidrag/beviljade';
export const awardedCsvPath = '/bidrag/beviljade.csv';
export const awardedGrantPath = (g: { id: string }): string => `/bidrag/beviljade/${g.id}`;

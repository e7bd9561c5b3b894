/** The only place the councils module spells its addresses. */
type HasSlug = { slug: string };

/** The list of councils and networks. */
export const councilsPath = '/ortsrad';
/** A council's or network's page; other modules add their pages below it (`${councilPath(c)}/kalender.ics`). */
export const councilPath = (c: HasSlug): string => `/ortsrad/${c.slug}`;
/** A council's member organisations, a page at a time. */
export const councilOrganisationsPath = (c: HasSlug): string => `${councilPath(c)}/organisationer`;
/** A council's members, for those who run it. */
export const councilMembersPath = (c: HasSlug): string => `${councilPath(c)}/medlemmar`;
/** A council in the administration. */
export const councilAdminPath = (c: { id: string }): string => `/admin/ortsrad/${c.id}`;

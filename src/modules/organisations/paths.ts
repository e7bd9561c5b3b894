/** The only place the organisations module spells its addresses. */
type HasSlug = { slug: string };

/** The register of organisations. */
export const organisationsPath = '/organisationer';
/** An organisation's profile; other modules add their pages below it. */
export const organisationPath = (o: HasSlug): string => `/organisationer/${o.slug}`;
/** Editing an organisation's profile. */
export const organisationEditPath = (o: HasSlug): string => `${organisationPath(o)}/redigera`;

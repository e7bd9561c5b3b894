/** The only place the tenancy module spells its addresses. */
type HasSlug = { slug: string };

/** A locality's page. */
export const localityPath = (l: HasSlug): string => `/orter/${l.slug}`;
/** An area's page. */
export const areaPath = (a: HasSlug): string => `/omraden/${a.slug}`;

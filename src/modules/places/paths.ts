/** The only place the places module spells its addresses. */
type HasSlug = { slug: string };

/** The register of meeting places. */
export const meetingPlacesPath = '/motesplatser';
/** A meeting place's page. */
export const meetingPlacePath = (p: HasSlug): string => `/motesplatser/${p.slug}`;

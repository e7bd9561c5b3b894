/** Where the news pages are. */
export const newsListPath = '/nyheter';
export const newsFeedPath = '/nyheter.atom';
export const newsPath = (n: { slug: string }) => `/nyheter/${n.slug}`;
export const newsImagePath = (n: { slug: string; updatedAt: Date }) => `/nyheter/${n.slug}/bild?v=${n.updatedAt.getTime()}`;
export const newsEditPath = (n: { slug: string }) => `/nyheter/${n.slug}/redigera`;
/** The list of one source: the municipality (`kommunen`) or a council by its address. */
export const newsFromPath = (from: string) => `/nyheter?fran=${encodeURIComponent(from)}`;
export const newsFeedFromPath = (from: string) => `/nyheter.atom?fran=${encodeURIComponent(from)}`;
export const newNewsPath = (from?: string) => (from ? `/nyheter/ny?fran=${encodeURIComponent(from)}` : '/nyheter/ny');
/** The source of municipal news, in the `fran` filter. */
export const MUNICIPALITY = 'kommunen';

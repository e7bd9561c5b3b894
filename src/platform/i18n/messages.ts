import en from './en.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };

declare module './index.js' {
  interface Messages {
    platform: typeof sv;
  }
}

/** The platform's own texts: layout, forms, errors, and the platform pages. */
export const platformCatalogues = { sv, en };

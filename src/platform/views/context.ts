import type { Actor } from '../authz/index.js';
import type { Lang, TFn } from '../i18n/index.js';

/** A link in the main navigation, shown when `visible` allows. */
export interface NavItem {
  href: string;
  label: string;
}

/** Everything a page's layout and its components need from the request. */
export interface PageContext {
  t: TFn;
  lang: Lang;
  actor: Actor;
  tenantName: string;
  timeZone: string;
  path: string;
  /** The current URL with its query, for the language switch to come back to. */
  url: string;
  csrf: string;
  flash: { text: string; kind: 'success' | 'error' } | null;
  nav: NavItem[];
  /** Translates a runtime key (a form error) that the type system cannot check. */
  tr: (key: string, vars?: Record<string, string | number>) => string;
}

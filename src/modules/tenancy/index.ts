import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { listFunctions } from './queries.js';
import { tenancyRoutes } from './routes.js';
import { tenancySeed } from './seed.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    tenancy: typeof sv;
  }
}

declare module '../../platform/module.js' {
  interface SectionSubjects {
    /** A locality's or an area's page, for sections such as its councils. */
    place: { kind: 'locality' | 'area'; id: string; slug: string; name: string };
    /** The start page, for sections such as the way to the organisation register. */
    start: Record<string, never>;
  }
}

/** Municipalities' localities, areas and municipal functions, and the start page. */
export const tenancyModule = defineModule({
  name: 'tenancy',
  i18n: { sv, en },
  routes: tenancyRoutes,
  roles: [
    { role: 'admin', scope: 'tenant', label: 'tenancy.roles.admin', staff: true },
    { role: 'editor', scope: 'tenant', label: 'tenancy.roles.editor', staff: true },
    { role: 'handler', scope: 'function', label: 'tenancy.roles.handler', staff: true },
  ],
  scopes: [
    {
      kind: 'function',
      label: 'tenancy.scopes.function',
      list: async (db, tenantId) => (await listFunctions(db, tenantId)).map((f) => ({ id: f.id, name: f.name })),
    },
  ],
  nav: [{ href: '/', label: 'platform.nav.home' }],
  adminNav: [
    { href: '/admin/orter', label: 'tenancy.admin.localities', visible: isAdmin },
    { href: '/admin/omraden', label: 'tenancy.admin.areas', visible: isAdmin },
    { href: '/admin/funktioner', label: 'tenancy.admin.functions', visible: isAdmin },
  ],
  seed: tenancySeed,
});

export { saveArea, saveFunction, saveLocality } from './commands.js';
export { areaPath, localityPath } from './paths.js';
export type { Area, Locality, MunicipalFunction, Places } from './queries.js';
export { functionNameSql, functionRefSql, listAreas, listFunctions, listLocalities, listPlaces, localityNameSql, localitySlugSql } from './queries.js';
export { LocalityAreaFacts } from './views/facts.js';

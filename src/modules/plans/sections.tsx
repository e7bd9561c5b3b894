import { ShortCache } from '../../platform/cache.js';
import type { AppServices, Section } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { listOverview, type OverviewRow } from './queries.js';
import { CouncilPlanSection } from './views.js';

/**
 * A council's plan on the council's page: the same for every reader of a public council once a
 * version is adopted, so it is kept a minute per process and cleared on every instance by any
 * write in the tenant (the council page is at its statement budget). Those who see the draft
 * of a plan never adopted read it fresh.
 */
export function planSections({ db, changes }: AppServices): Section<'council'>[] {
  const kept = new ShortCache<OverviewRow | null>(60_000);
  changes.onChange((tenantId) => kept.clearPrefix(tenantId ? `${tenantId}|` : ''));
  return [
    {
      slot: 'council',
      order: 35,
      async load(req, c) {
        if (c.localityId === null && !c.canManage) return null;
        const day = today(req.tenant.timeZone);
        const key = `${req.tenant.id}|${c.id}|${day}`;
        const shared = c.isPublic && !c.canManage && !c.isContact && c.myRoles.length === 0;
        let row = shared ? kept.get(key) : undefined;
        if (row === undefined) {
          [row = null] = await listOverview(db, req.actor, day, { councilId: c.id });
          if (shared) kept.set(key, row);
        }
        if (!row) return null;
        const found = row;
        return (ctx) => <CouncilPlanSection ctx={ctx} row={found} />;
      },
    },
  ];
}

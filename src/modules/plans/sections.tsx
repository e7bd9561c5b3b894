import { ShortCache } from '../../platform/cache.js';
import type { AppServices, Section } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { listOverview, type OverviewRow } from './queries.js';
import { CouncilPlanSection } from './views.js';

/**
 * A council's plan on the council's page: the same for every reader outside the council, and for
 * every reader inside it (who also sees a draft never adopted), so it is kept a minute per process
 * for each and cleared on every instance by any write in the tenant (the council page is at its
 * statement budget).
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
        // Inside the council one also sees a draft never adopted; every reader inside sees the same, as does every reader outside.
        const inside = c.canManage || c.isContact || c.myRoles.length > 0;
        const key = `${req.tenant.id}|${c.id}|${day}|${inside ? 'inside' : 'outside'}`;
        let row = kept.get(key);
        if (row === undefined) {
          [row = null] = await listOverview(db, req.actor, day, { councilId: c.id });
          kept.set(key, row);
        }
        if (!row) return null;
        const found = row;
        return (ctx) => <CouncilPlanSection ctx={ctx} row={found} />;
      },
    },
  ];
}

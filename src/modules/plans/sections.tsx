import { ShortCache } from '../../platform/cache.js';
import type { AppServices, Section } from '../../platform/module.js';
import { today } from '../../platform/time.js';
import { listOverview, type OverviewRow } from './queries.js';
import { CouncilPlanSection } from './views.js';

/**
 * A council's plan on the council's page: the same for every reader who sees only adopted plans,
 * and for every reader who also sees drafts (inside the council, the contact persons,
 * administrators), so it is kept a minute per process for each and cleared on every instance by
 * any write in the tenant (the council page is at its statement budget). Which of the two a reader
 * is follows the plan's own view rule (policy.ts); a test shows a visitor never gets the other.
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
        // Inside the council (and as any of the municipality's contact persons) one also sees a draft
        // never adopted; every reader who sees drafts sees the same, as does every reader who does not.
        const drafts = c.canManage || c.isContact || c.myRoles.length > 0 || req.actor.roles.some((r) => r.role === 'contact_person');
        const key = `${req.tenant.id}|${c.id}|${day}|${drafts ? 'drafts' : 'adopted'}`;
        const row = await kept.remember(key, async () => (await listOverview(db, req.actor, day, { councilId: c.id }))[0] ?? null);
        if (!row) return null;
        const found = row;
        return (ctx) => <CouncilPlanSection ctx={ctx} row={found} />;
      },
    },
  ];
}

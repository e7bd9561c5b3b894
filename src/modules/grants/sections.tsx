import { ShortCache } from '../../platform/cache.js';
import type { AppServices, Section } from '../../platform/module.js';
import { type AwardedGrant, listAwarded } from './awarded.js';
import { awardedGrantPath, awardedPath } from './paths.js';
import { kronor } from './views.js';

type Shown = { rows: AwardedGrant[]; total: number; sum: number };

/** How many of a locality's latest grants the council's page lists. */
const SHOWN = 5;

/**
 * The grants awarded in a council's locality on the council's page: the latest few, how many there
 * are and what they add up to, with a link to all of them. Public and alike for every reader, so kept
 * a minute per process and cleared on every instance by any write in the tenant (the council page is
 * at its statement budget).
 */
export function grantSections({ db, changes }: AppServices): Section<'council'>[] {
  const kept = new ShortCache<Shown>(60_000);
  changes.onChange((tenantId) => kept.clearPrefix(tenantId ? `${tenantId}|` : ''));
  return [
    {
      slot: 'council',
      order: 38,
      async load(req, c) {
        if (c.localityId === null) return null;
        const key = `${req.tenant.id}|${c.localityId}`;
        const localityId = c.localityId;
        const shown = await kept.remember(key, async () => {
          const list = await listAwarded(db, req.tenant.id, { localityId, timeZone: req.tenant.timeZone }, 1);
          return { rows: list.rows.slice(0, SHOWN), total: list.total, sum: list.sum };
        });
        if (!shown.total) return null;
        const s = shown;
        return (ctx) => (
          <section aria-labelledby="council-grants">
            <h2 id="council-grants">{ctx.t('grants.section.title')}</h2>
            <ul class="link-list">
              {s.rows.map((g) => (
                <li key={g.id}>
                  <a href={awardedGrantPath(g)}>{g.title}</a>: {g.organisation}, {kronor(ctx, g.amount)} ({g.programme}, {g.year})
                </li>
              ))}
            </ul>
            <p>
              <a href={`${awardedPath}?ort=${encodeURIComponent(s.rows[0]?.localitySlug ?? '')}`}>
                {ctx.t('grants.section.all', { count: s.total, amount: kronor(ctx, s.sum) })}
              </a>
            </p>
          </section>
        );
      },
    },
  ];
}

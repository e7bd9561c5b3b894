import { and, desc, eq } from 'drizzle-orm';
import { ShortCache } from '../../platform/cache.js';
import { formatDay, formatNumber } from '../../platform/i18n/index.js';
import type { AppServices, Section } from '../../platform/module.js';
import { agreementPath } from './paths.js';
import { agreements } from './schema.js';

type Shown = { id: string; title: string; startsOn: string; endsOn: string; yearlyAmount: number } | null;

/**
 * A council's agreement with the municipality on the council's page: its title, period and yearly
 * amount, public and the same for every reader, so kept a minute per process and cleared on every
 * instance by any write in the tenant (the council page is at its statement budget).
 */
export function agreementSections({ db, changes }: AppServices): Section<'council'>[] {
  const kept = new ShortCache<Shown>(60_000);
  changes.onChange((tenantId) => kept.clearPrefix(tenantId ? `${tenantId}|` : ''));
  return [
    {
      slot: 'council',
      order: 36,
      async load(req, c) {
        if (c.localityId === null) return null;
        const key = `${req.tenant.id}|${c.id}`;
        const row = await kept.remember(key, async () => {
          const [latest] = await db
            .select({
              id: agreements.id,
              title: agreements.title,
              startsOn: agreements.startsOn,
              endsOn: agreements.endsOn,
              yearlyAmount: agreements.yearlyAmount,
            })
            .from(agreements)
            .where(and(eq(agreements.tenantId, req.tenant.id), eq(agreements.councilId, c.id)))
            .orderBy(desc(agreements.endsOn))
            .limit(1);
          return latest ?? null;
        });
        if (!row) return null;
        const a = row;
        return (ctx) => (
          <section aria-labelledby="council-agreement">
            <h2 id="council-agreement">{ctx.t('agreements.section.title')}</h2>
            <p>
              <a href={agreementPath(a)}>{a.title}</a>:{' '}
              {ctx.t('agreements.section.line', {
                amount: ctx.t('agreements.kronor', { amount: formatNumber(ctx.lang, a.yearlyAmount) }),
                period: ctx.t('agreements.period', { from: formatDay(ctx.lang, a.startsOn), to: formatDay(ctx.lang, a.endsOn) }),
              })}
            </p>
          </section>
        );
      },
    },
  ];
}

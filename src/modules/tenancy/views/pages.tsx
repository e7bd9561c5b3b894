import { formatNumber } from '../../../platform/i18n/index.js';
import { type SectionRenderer, sectionHeads } from '../../../platform/module.js';
import { Card } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { areaPath, localityPath } from '../paths.js';
import type { Area, Locality } from '../queries.js';

type Ctx = { ctx: PageContext };

/** The municipality's start page: its localities, its areas and the organisation register. */
export function StartPage({ ctx, localities, areas, sections }: Ctx & { localities: Locality[]; areas: Area[]; sections: SectionRenderer[] }) {
  const { t } = ctx;
  const service = localities.filter((l) => l.kind === 'service');
  const towns = localities.filter((l) => l.kind === 'town');
  return (
    <Layout ctx={ctx} title={t('tenancy.start.title')} head={sectionHeads(sections, ctx)}>
      <h1>{t('tenancy.start.heading', { tenant: ctx.tenantName })}</h1>
      <p class="lead">{t('tenancy.start.lead', { tenant: ctx.tenantName })}</p>
      <section aria-labelledby="orter">
        <h2 id="orter">{t('tenancy.start.localities')}</h2>
        <p>{t('tenancy.start.localitiesIntro')}</p>
        <ul class="cards">
          {[...towns, ...service].map((l) => (
            <Card key={l.id} href={localityPath(l)} title={l.name}>
              <p>{l.kind === 'town' ? t('tenancy.kind.town') : t('tenancy.kind.service')}</p>
              {l.covers ? <p>{l.covers}</p> : null}
            </Card>
          ))}
        </ul>
      </section>
      <section aria-labelledby="omraden">
        <h2 id="omraden">{t('tenancy.start.areas')}</h2>
        <p>{t('tenancy.start.areasIntro')}</p>
        <ul class="cards">
          {areas.map((a) => (
            <Card key={a.id} href={areaPath(a)} title={a.name}>
              {a.covers ? <p>{a.covers}</p> : null}
              {!a.active ? <p class="tag">{t('tenancy.area.inactive')}</p> : null}
            </Card>
          ))}
        </ul>
      </section>
      {sections.map((render) => render(ctx))}
    </Layout>
  );
}

/** A locality's page: what it covers, its areas, and what other modules add (its councils, its organisations). */
export function LocalityPage({ ctx, locality, areas, sections }: Ctx & { locality: Locality; areas: Area[]; sections: SectionRenderer[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={locality.name} breadcrumbs={[{ label: locality.name }]}>
      <h1>{locality.name}</h1>
      <p class="tag">{locality.kind === 'town' ? t('tenancy.kind.town') : t('tenancy.kind.service')}</p>
      {locality.description ? <p class="lead">{locality.description}</p> : null}
      <dl class="facts">
        {locality.covers ? (
          <>
            <dt>{t('tenancy.locality.covers')}</dt>
            <dd>{locality.covers}</dd>
          </>
        ) : null}
        {locality.population ? (
          <>
            <dt>{t('tenancy.locality.population')}</dt>
            <dd>{t('tenancy.locality.populationValue', { n: formatNumber(ctx.lang, locality.population) })}</dd>
          </>
        ) : null}
      </dl>
      {areas.length > 0 ? (
        <section aria-labelledby="omraden">
          <h2 id="omraden">{t('tenancy.start.areas')}</h2>
          <ul class="cards">
            {areas.map((a) => (
              <Card key={a.id} href={areaPath(a)} title={a.name}>
                {a.covers ? <p>{a.covers}</p> : null}
              </Card>
            ))}
          </ul>
        </section>
      ) : null}
      {sections.map((render) => render(ctx))}
    </Layout>
  );
}

/** An area's page. */
export function AreaPage({ ctx, area, locality, sections }: Ctx & { area: Area; locality: Locality; sections: SectionRenderer[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={area.name} breadcrumbs={[{ href: localityPath(locality), label: locality.name }, { label: area.name }]}>
      <h1>{area.name}</h1>
      {!area.active ? <p class="tag">{t('tenancy.area.inactive')}</p> : null}
      {area.description ? <p class="lead">{area.description}</p> : null}
      <dl class="facts">
        <dt>{t('tenancy.area.locality')}</dt>
        <dd>
          <a href={localityPath(locality)}>{locality.name}</a>
        </dd>
        {area.covers ? (
          <>
            <dt>{t('tenancy.area.covers')}</dt>
            <dd>{area.covers}</dd>
          </>
        ) : null}
      </dl>
      {sections.map((render) => render(ctx))}
    </Layout>
  );
}

import { formatDateTime } from '../../platform/i18n/index.js';
import { SelectField, Submit, Table, withQuery } from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { AWARDED_PAGE, type AwardedGrant } from './awarded.js';
import { awardedCsvPath, awardedGrantPath, awardedPath, grantsPath, programmePath } from './paths.js';
import { kronor, PageLinks } from './views.js';

type Ctx = { ctx: PageContext };
type Query = { program?: string; ar?: number; ort?: string; sida?: number };

/** The public list of grants awarded: filters, totals per programme and locality, a page of grants and the CSV of all that match. */
export function AwardedPage({
  ctx,
  list,
  query,
  programmes,
  localities,
}: Ctx & {
  list: Awaited<ReturnType<typeof import('./awarded.js').listAwarded>>;
  query: Query;
  programmes: { slug: string; name: string }[];
  localities: { slug: string; name: string }[];
}) {
  const { t } = ctx;
  const page = query.sida ?? 1;
  const pages = Math.max(1, Math.ceil(list.total / AWARDED_PAGE));
  const filters = { program: query.program, ar: query.ar, ort: query.ort };
  return (
    <Layout
      ctx={ctx}
      title={t('grants.awarded.title')}
      breadcrumbs={[{ href: grantsPath, label: t('grants.list.title') }, { label: t('grants.awarded.title') }]}
    >
      <h1>{t('grants.awarded.title')}</h1>
      <p class="lead">{t('grants.awarded.lead')}</p>
      <form method="get" action={awardedPath} class="filters">
        <SelectField
          ctx={ctx}
          form={{ values: { program: query.program ?? '' }, errors: {} }}
          name="program"
          label={t('grants.awarded.programme')}
          options={programmes.map((p) => ({ value: p.slug, label: p.name }))}
          empty={t('grants.awarded.all')}
        />
        <SelectField
          ctx={ctx}
          form={{ values: { ar: query.ar ? String(query.ar) : '' }, errors: {} }}
          name="ar"
          label={t('grants.awarded.year')}
          options={list.years.map((y) => ({ value: String(y), label: String(y) }))}
          empty={t('grants.awarded.all')}
        />
        <SelectField
          ctx={ctx}
          form={{ values: { ort: query.ort ?? '' }, errors: {} }}
          name="ort"
          label={t('grants.awarded.locality')}
          options={localities.map((l) => ({ value: l.slug, label: l.name }))}
          empty={t('grants.awarded.all')}
        />
        <Submit secondary>{t('grants.table.filter')}</Submit>
      </form>
      <p>
        {t('grants.awarded.summary', { count: list.total, amount: kronor(ctx, list.sum) })} ·{' '}
        <a href={withQuery(awardedCsvPath, filters)} download>
          {t('grants.awarded.csv')}
        </a>
      </p>
      <div class="columns">
        <Table
          caption={t('grants.awarded.byProgramme')}
          rowKey={(r) => r.name}
          rows={list.byProgramme}
          columns={[
            { header: t('grants.awarded.programme'), cell: (r) => r.name },
            { header: t('grants.awarded.count'), cell: (r) => r.count },
            { header: t('grants.awarded.amount'), cell: (r) => kronor(ctx, r.amount) },
          ]}
        />
        <Table
          caption={t('grants.awarded.byLocality')}
          rowKey={(r) => r.name ?? '-'}
          rows={list.byLocality}
          columns={[
            { header: t('grants.awarded.locality'), cell: (r) => r.name ?? t('grants.awarded.noLocality') },
            { header: t('grants.awarded.count'), cell: (r) => r.count },
            { header: t('grants.awarded.amount'), cell: (r) => kronor(ctx, r.amount) },
          ]}
        />
      </div>
      {list.rows.length ? (
        <Table
          caption={t('grants.awarded.grants')}
          rowKey={(r) => r.id}
          rows={list.rows}
          columns={[
            { header: t('grants.table.organisation'), cell: (r) => r.organisation ?? '' },
            { header: t('grants.awarded.purpose'), cell: (r) => <a href={awardedGrantPath(r)}>{r.title}</a> },
            { header: t('grants.awarded.programme'), cell: (r) => r.programme },
            { header: t('grants.awarded.amount'), cell: (r) => kronor(ctx, r.amount) },
            { header: t('grants.awarded.year'), cell: (r) => r.year },
            { header: t('grants.awarded.locality'), cell: (r) => r.locality ?? '' },
          ]}
        />
      ) : (
        <p>{t('grants.awarded.none')}</p>
      )}
      <PageLinks ctx={ctx} page={page} pages={pages} href={(n) => withQuery(awardedPath, { ...filters, sida: n > 1 ? n : undefined })} />
    </Layout>
  );
}

/** One awarded grant, with schema.org MonetaryGrant data for those who read the page by machine. */
export function AwardedGrantPage({ ctx, g, jsonLd }: Ctx & { g: AwardedGrant & { conditions: string }; jsonLd: string }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={g.title}
      description={g.purpose.slice(0, 200)}
      breadcrumbs={[{ href: grantsPath, label: t('grants.list.title') }, { href: awardedPath, label: t('grants.awarded.title') }, { label: g.reference }]}
      head={
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON built by jsonForScript, which escapes every < so nothing can close the element
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      }
    >
      <h1>{g.title}</h1>
      <dl class="facts">
        <dt>{t('grants.table.organisation')}</dt>
        <dd>{g.organisation}</dd>
        <dt>{t('grants.awarded.programme')}</dt>
        <dd>
          <a href={programmePath({ slug: g.programmeSlug })}>{g.programme}</a>
        </dd>
        <dt>{t('grants.awarded.amount')}</dt>
        <dd>{kronor(ctx, g.amount)}</dd>
        <dt>{t('grants.awarded.decided')}</dt>
        <dd>{formatDateTime(ctx.lang, new Date(g.decidedAt), ctx.timeZone)}</dd>
        {g.locality ? (
          <>
            <dt>{t('grants.awarded.locality')}</dt>
            <dd>{g.locality}</dd>
          </>
        ) : null}
        <dt>{t('grants.table.reference')}</dt>
        <dd>{g.reference}</dd>
      </dl>
      <h2>{t('grants.awarded.purpose')}</h2>
      <p class="prewrap">{g.purpose}</p>
      {g.conditions ? (
        <>
          <h2>{t('grants.decision.conditions')}</h2>
          <p class="prewrap">{g.conditions}</p>
        </>
      ) : null}
    </Layout>
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../platform/authz/index.js';
import { csvHeaders, toCsv } from '../../platform/csv.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { Slug } from '../../platform/http/validation.js';
import type { AppServices } from '../../platform/module.js';
import { jsonForScript } from '../../platform/views/json-ld.js';
import { listPlaces } from '../tenancy/index.js';
import { type AwardedFilter, exportAwarded, getAwarded, listAwarded } from './awarded.js';
import { AwardedGrantPage, AwardedPage } from './awarded-views.js';
import { awardedCsvPath, awardedGrantPath, awardedPath, programmePath } from './paths.js';
import { listProgrammes } from './queries.js';

const AwardedQuery = z.object({
  program: Slug.optional().catch(undefined),
  ar: z.coerce.number().int().min(2000).max(2999).optional().catch(undefined),
  ort: Slug.optional().catch(undefined),
  sida: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
type AwardedQuery = z.infer<typeof AwardedQuery>;

/** The grants awarded, in the open: the list with its totals, the CSV, and each grant's page with schema.org data. */
export function awardedRoutes(app: FastifyInstance, { db, config }: AppServices): void {
  const filterOf = async (
    tenant: { id: string; timeZone: string },
    q: AwardedQuery,
  ): Promise<AwardedFilter & { localities: { slug: string; name: string }[] }> => {
    const places = await listPlaces(db, tenant.id);
    const localityId = q.ort ? (places.localities.find((l) => l.slug === q.ort)?.id ?? '00000000-0000-0000-0000-000000000000') : undefined;
    return { programme: q.program, year: q.ar, localityId, timeZone: tenant.timeZone, localities: places.localities };
  };

  app.get<{ Querystring: AwardedQuery }>(awardedPath, { ...SHARED_PAGE, schema: { querystring: AwardedQuery } }, async (req, reply) => {
    const filter = await filterOf(req.tenant, req.query);
    const [list, programmes] = await Promise.all([listAwarded(db, req.tenant.id, filter, req.query.sida ?? 1), listProgrammes(db, req.tenant.id)]);
    return reply.render((ctx) => <AwardedPage ctx={ctx} list={list} query={req.query} programmes={programmes} localities={filter.localities} />);
  });

  app.get<{ Querystring: AwardedQuery }>(awardedCsvPath, { schema: { querystring: AwardedQuery } }, async (req, reply) => {
    const rows = await exportAwarded(db, req.tenant.id, await filterOf(req.tenant, req.query));
    const t = req.t;
    const header = [
      t('grants.table.reference'),
      t('grants.table.organisation'),
      t('grants.awarded.programme'),
      t('grants.table.title'),
      t('grants.awarded.purpose'),
      `${t('grants.awarded.amount')} (kr)`,
      t('grants.awarded.year'),
      t('grants.awarded.locality'),
      t('grants.awarded.decided'),
    ];
    const body = rows.map((r) => [
      r.reference,
      r.organisation,
      r.programme,
      r.title,
      r.purpose,
      r.amount,
      r.year,
      r.locality,
      new Date(r.decidedAt).toLocaleDateString('sv-SE', { timeZone: req.tenant.timeZone }),
    ]);
    return reply.headers(csvHeaders(req.lang === 'sv' ? 'beviljade-bidrag.csv' : 'grants-awarded.csv')).send(toCsv(req.lang, header, body));
  });

  app.get<{ Params: { id: string } }>('/bidrag/beviljade/:id', SHARED_PAGE, async (req, reply) => {
    const g = await getAwarded(db, req.tenant.id, req.params.id, req.tenant.timeZone);
    if (!g) throw new NotFoundError();
    const jsonLd = jsonForScript({
      '@context': 'https://schema.org',
      '@type': 'MonetaryGrant',
      identifier: g.reference,
      name: g.title,
      description: g.purpose,
      url: `${config.baseUrl}${awardedGrantPath(g)}`,
      amount: { '@type': 'MonetaryAmount', currency: 'SEK', value: g.amount },
      funder: { '@type': 'GovernmentOrganization', name: req.tenant.name },
      fundedItem: g.organisation ? { '@type': 'Organization', name: g.organisation } : undefined,
      isPartOf: { '@type': 'CreativeWork', name: g.programme, url: `${config.baseUrl}${programmePath({ slug: g.programmeSlug })}` },
      startDate: g.decidedAt.slice(0, 10),
    });
    return reply.render((ctx) => <AwardedGrantPage ctx={ctx} g={g} jsonLd={jsonLd} />);
  });
}

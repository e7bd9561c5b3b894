import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { rowsOf } from '../../platform/db/index.js';
import { organisationNameSql } from '../organisations/index.js';
import { localityNameSql, localitySlugSql } from '../tenancy/index.js';

/** A grant awarded, as the public list, its CSV and its page show it: nothing about the people behind it. */
export interface AwardedGrant {
  id: string;
  reference: string;
  organisation: string | null;
  programme: string;
  programmeSlug: string;
  title: string;
  purpose: string;
  amount: number;
  year: number;
  locality: string | null;
  localitySlug: string | null;
  decidedAt: string;
}

/** What the public list is filtered by: a programme (by its address), a year of decision (in the municipality's time), a locality. */
export interface AwardedFilter {
  programme?: string;
  year?: number;
  localityId?: string;
  timeZone: string;
}

export const AWARDED_PAGE = 50;

const where = (tenantId: string, f: AwardedFilter) => sql`a.tenant_id = ${tenantId} and a.status = 'granted'
  ${f.programme ? sql`and p.slug = ${f.programme}` : sql``}
  ${f.year ? sql`and extract(year from a.decided_at at time zone ${f.timeZone})::int = ${f.year}` : sql``}
  ${f.localityId ? sql`and a.locality_id = ${f.localityId}` : sql``}`;

const columns = (
  timeZone: string,
) => sql`a.id, a.reference, ${organisationNameSql(sql`a.organisation_id`)} as organisation, p.name as programme, p.slug as "programmeSlug",
  a.title, a.summary as purpose, a.granted_amount as amount, extract(year from a.decided_at at time zone ${timeZone})::int as year,
  ${localityNameSql(sql`a.locality_id`)} as locality, ${localitySlugSql(sql`a.locality_id`)} as "localitySlug", a.decided_at as "decidedAt"`;

/**
 * The grants awarded in a municipality, newest decision first, a page at a time, with the totals of
 * everything the filter matches per programme and per locality, and the years there are: one statement.
 */
export async function listAwarded(
  db: Db,
  tenantId: string,
  f: AwardedFilter,
  page: number,
): Promise<{
  rows: AwardedGrant[];
  total: number;
  sum: number;
  byProgramme: { name: string; amount: number; count: number }[];
  byLocality: { name: string | null; amount: number; count: number }[];
  years: number[];
}> {
  const result = await db.execute(sql`
    with matching as (
      select a.*, p.name as programme_name, p.slug as programme_slug from grant_applications a join grant_programmes p on p.id = a.programme_id
      where ${where(tenantId, f)}
    )
    select
      (select count(*)::int from matching) as total,
      (select coalesce(sum(granted_amount), 0)::bigint from matching) as sum,
      coalesce((select json_agg(x order by x.amount desc) from (select programme_name as name, sum(granted_amount)::bigint as amount, count(*)::int as count from matching group by programme_name) x), '[]'::json) as "byProgramme",
      coalesce((select json_agg(x order by x.amount desc) from (select ${localityNameSql(sql`locality_id`)} as name, sum(granted_amount)::bigint as amount, count(*)::int as count from matching group by locality_id) x), '[]'::json) as "byLocality",
      coalesce((select json_agg(y order by y desc) from (select distinct extract(year from decided_at at time zone ${f.timeZone})::int as y from grant_applications where tenant_id = ${tenantId} and status = 'granted') ys), '[]'::json) as years,
      coalesce((select json_agg(r) from (
        select ${columns(f.timeZone)} from grant_applications a join grant_programmes p on p.id = a.programme_id where ${where(tenantId, f)}
        order by a.decided_at desc, a.reference limit ${AWARDED_PAGE} offset ${(page - 1) * AWARDED_PAGE}
      ) r), '[]'::json) as rows`);
  const [row] = rowsOf<{
    total: number;
    sum: string | number;
    byProgramme: { name: string; amount: string | number; count: number }[];
    byLocality: { name: string | null; amount: string | number; count: number }[];
    years: number[];
    rows: AwardedGrant[];
  }>(result);
  return {
    total: row?.total ?? 0,
    sum: Number(row?.sum ?? 0),
    byProgramme: (row?.byProgramme ?? []).map((x) => ({ ...x, amount: Number(x.amount) })),
    byLocality: (row?.byLocality ?? []).map((x) => ({ ...x, amount: Number(x.amount) })),
    years: row?.years ?? [],
    rows: row?.rows ?? [],
  };
}

/** Every grant the filter matches, for the CSV export (at most 20 000 rows, newest first). */
export async function exportAwarded(db: Db, tenantId: string, f: AwardedFilter): Promise<AwardedGrant[]> {
  return rowsOf<AwardedGrant>(
    await db.execute(sql`select ${columns(f.timeZone)} from grant_applications a join grant_programmes p on p.id = a.programme_id where ${where(tenantId, f)}
      order by a.decided_at desc, a.reference limit 20000`),
  );
}

/** One awarded grant by its application's id; null if there is none, or it is not granted. */
export async function getAwarded(db: Db, tenantId: string, id: string, timeZone: string): Promise<(AwardedGrant & { conditions: string }) | null> {
  const [row] = rowsOf<AwardedGrant & { conditions: string }>(
    await db.execute(sql`select ${columns(timeZone)}, a.conditions from grant_applications a join grant_programmes p on p.id = a.programme_id
      where a.tenant_id = ${tenantId} and a.id = ${id} and a.status = 'granted'`),
  );
  return row ?? null;
}

/** A grant as another module links to it (a plan's action it funds). */
export interface GrantLink {
  id: string;
  name: string;
  href: string;
}

const linkOf = (r: { id: string; title: string; organisation: string | null; amount: number }, kronor: (n: number) => string): GrantLink => ({
  id: r.id,
  name: `${r.title} (${r.organisation ?? ''}, ${kronor(r.amount)})`,
  href: `/bidrag/beviljade/${r.id}`,
});

const kr = (n: number) => `${n.toLocaleString('sv-SE')} kr`;

/** The grants awarded in a locality (or all, without one), newest first, for a plan's action to name the one that funds it. */
export async function grantChoices(db: Db, tenantId: string, localityId: string | null, limit = 60): Promise<GrantLink[]> {
  const rows = rowsOf<{ id: string; title: string; organisation: string | null; amount: number }>(
    await db.execute(sql`select a.id, a.title, ${organisationNameSql(sql`a.organisation_id`)} as organisation, a.granted_amount as amount
      from grant_applications a where a.tenant_id = ${tenantId} and a.status = 'granted' ${localityId ? sql`and a.locality_id = ${localityId}` : sql``}
      order by a.decided_at desc limit ${limit}`),
  );
  return rows.map((r) => linkOf(r, kr));
}

/** Granted applications by id as links (an id that is not a grant is left out: nothing else is public). */
export async function grantLinks(db: Db, tenantId: string, ids: string[]): Promise<Map<string, GrantLink>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; title: string; organisation: string | null; amount: number }>(
    await db.execute(sql`select a.id, a.title, ${organisationNameSql(sql`a.organisation_id`)} as organisation, a.granted_amount as amount
      from grant_applications a where a.tenant_id = ${tenantId} and a.status = 'granted' and a.id::text = any(${sql.param(ids)}::text[])`),
  );
  return new Map(rows.map((r) => [r.id, linkOf(r, kr)]));
}

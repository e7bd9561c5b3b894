import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { type grantCalls, grantProgrammes } from './schema.js';

export type Programme = typeof grantProgrammes.$inferSelect;
export type Call = typeof grantCalls.$inferSelect;

/** A call as lists show it. */
export interface CallSummary {
  id: string;
  slug: string;
  title: string;
  opensAt: Date;
  closesAt: Date | null;
  budget: number;
  /** What the call has granted so far (lists only). */
  granted?: number;
}

const callsJson = sql<
  { id: string; slug: string; title: string; opensAt: string; closesAt: string | null; budget: number; granted: number }[]
>`coalesce((select json_agg(json_build_object('id', c.id, 'slug', c.slug, 'title', c.title, 'opensAt', c.opens_at, 'closesAt', c.closes_at, 'budget', c.budget,
    'granted', (select coalesce(sum(a.granted_amount), 0) from grant_applications a where a.call_id = c.id and a.status = 'granted'))
    order by c.opens_at desc) from grant_calls c where c.programme_id = "grant_programmes"."id"), '[]'::json)`;

const toCalls = (
  rows: { id: string; slug: string; title: string; opensAt: string; closesAt: string | null; budget: number; granted: number }[],
): CallSummary[] => rows.map((c) => ({ ...c, opensAt: new Date(c.opensAt), closesAt: c.closesAt ? new Date(c.closesAt) : null }));

/** Every programme of the municipality with its calls (newest first), active ones only unless `withInactive`, in one statement. */
export async function listProgrammes(
  db: Db,
  tenantId: string,
  opts: { withInactive?: string[] | 'all' } = {},
): Promise<(Programme & { calls: CallSummary[] })[]> {
  const inactive =
    opts.withInactive === 'all'
      ? sql`true`
      : opts.withInactive?.length
        ? sql`"grant_programmes"."id"::text = any(${sql.param(opts.withInactive)}::text[])`
        : sql`false`;
  const rows = await db
    .select({ programme: grantProgrammes, calls: callsJson })
    .from(grantProgrammes)
    .where(and(eq(grantProgrammes.tenantId, tenantId), sql`(${grantProgrammes.active} or ${inactive})`))
    .orderBy(asc(grantProgrammes.kind), asc(grantProgrammes.name))
    .limit(200);
  return rows.map((r) => ({ ...r.programme, calls: toCalls(r.calls) }));
}

/** A programme by its address with its calls; null if none. */
export async function getProgrammeBySlug(db: Db, tenantId: string, slug: string): Promise<(Programme & { calls: CallSummary[] }) | null> {
  const [row] = await db
    .select({ programme: grantProgrammes, calls: callsJson })
    .from(grantProgrammes)
    .where(and(eq(grantProgrammes.tenantId, tenantId), eq(grantProgrammes.slug, slug)))
    .limit(1);
  return row ? { ...row.programme, calls: toCalls(row.calls) } : null;
}

/** Whether a call takes applications at the moment: opened, and not closed. */
export const isOpen = (c: Pick<CallSummary, 'opensAt' | 'closesAt'>, now: Date): boolean => c.opensAt <= now && (c.closesAt === null || c.closesAt > now);

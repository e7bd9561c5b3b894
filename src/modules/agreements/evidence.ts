import type { Db } from '../../platform/db/index.js';
import { startOfLocalDay } from '../../platform/time.js';
import { meetingsHeld } from '../meetings/index.js';
import { planEvidence } from '../plans/index.js';
import type { Obligation } from './queries.js';
import type { ObligationAnswer, ReportEvidence } from './schema.js';

/** What the platform itself knows of a council's year: the meetings it held, their minutes, and its plan's upkeep (two statements). */
export async function gatherEvidence(db: Db, tenantId: string, councilId: string, year: number, timeZone: string): Promise<ReportEvidence> {
  const from = startOfLocalDay(`${year}-01-01`, timeZone);
  const to = startOfLocalDay(`${year + 1}-01-01`, timeZone);
  const [held, plan] = await Promise.all([meetingsHeld(db, tenantId, councilId, from, to), planEvidence(db, tenantId, councilId, `${year}-12-31`)]);
  return {
    meetings: held.map((m) => ({
      slug: m.slug,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      open: m.open,
      minutesPublishedAt: m.minutesPublishedAt?.toISOString() ?? null,
    })),
    plan: plan ? { ...plan, updatedAt: plan.updatedAt.toISOString() } : null,
  };
}

/** What the evidence says of one obligation: met or not, and the figures behind it; null for an obligation only the association can state. */
export interface Assessment {
  met: 'yes' | 'no';
  key: string;
  vars: Record<string, string>;
}

/** The platform's own reading of an obligation for the year, from the evidence. */
export function assess(o: Pick<Obligation, 'kind' | 'minimum'>, e: ReportEvidence, year: number): Assessment | null {
  const open = e.meetings.filter((m) => m.open);
  if (o.kind === 'open_meetings') {
    const minimum = o.minimum ?? 1;
    return {
      met: open.length >= minimum ? 'yes' : 'no',
      key: 'agreements.evidence.openMeetings',
      vars: { count: String(open.length), minimum: String(minimum) },
    };
  }
  if (o.kind === 'minutes_published') {
    const published = e.meetings.filter((m) => m.minutesPublishedAt !== null).length;
    return {
      met: e.meetings.length > 0 && published === e.meetings.length ? 'yes' : 'no',
      key: 'agreements.evidence.minutes',
      vars: { published: String(published), held: String(e.meetings.length) },
    };
  }
  if (o.kind === 'plan_updated') {
    if (!e.plan) return { met: 'no', key: 'agreements.evidence.noPlan', vars: {} };
    // Kept up to date in the year: an action reported on, or the year's review written.
    const last = e.plan.lastUpdateDay;
    const inYear = (last?.startsWith(String(year)) ?? false) || e.plan.reviewYears.includes(year);
    if (!last) return { met: inYear ? 'yes' : 'no', key: 'agreements.evidence.planNever', vars: { plan: e.plan.title } };
    return { met: inYear ? 'yes' : 'no', key: 'agreements.evidence.plan', vars: { date: last, plan: e.plan.title } };
  }
  return null;
}

/** The answers a report starts with: the platform's reading where it has one, empty where the association must say. */
export function prefilled(
  obligations: Obligation[],
  e: ReportEvidence,
  year: number,
  saved: Record<string, ObligationAnswer>,
): Record<string, ObligationAnswer> {
  const out: Record<string, ObligationAnswer> = {};
  for (const o of obligations) out[o.id] = saved[o.id] ?? { met: assess(o, e, year)?.met ?? '', comment: '' };
  return out;
}

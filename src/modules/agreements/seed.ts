import { and, eq, lt } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { today } from '../../platform/time.js';
import { listCouncilsForSeed } from '../councils/index.js';
import { saveAgreement } from './commands.js';
import { assess, gatherEvidence } from './evidence.js';
import { agreementObligations, agreementPayments, agreementReports, type ReportStatus, type Schedule } from './schema.js';

/** Agreements' part of a data set: an agreement per council (by its key), with the reports of years gone by. */
export interface AgreementsSeedData {
  agreements: {
    council: string;
    title: string;
    startsOn: string;
    endsOn: string;
    yearlyAmount: number;
    schedule?: Schedule;
    reportDue?: string;
    openMeetings?: number;
    minutesPublished?: boolean;
    planUpdated?: boolean;
    other?: string[];
    /** Payments due before the demo's day are marked paid. */
    paidUpToToday?: boolean;
    reports?: { year: number; status: Exclude<ReportStatus, 'draft'> | 'draft'; narrative: string; note?: string }[];
  }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    agreements: AgreementsSeedData;
  }
}

/** Writes each agreement through the command administrators use, then its paid payments and reports (with the evidence the calendar holds). */
async function seedAgreements({ db, tenantId, timeZone, refs }: SeedContext, data: AgreementsSeedData): Promise<void> {
  const system: Actor = { tenantId, user: null, roles: [{ role: 'admin', scopeType: 'tenant', scopeId: '' }] };
  const councils = await listCouncilsForSeed(db, tenantId);
  const day = today(timeZone);
  for (const a of data.agreements) {
    const councilId = refs.get('council', a.council);
    const organisationId = councils.find((c) => c.id === councilId)?.organisationId;
    if (!organisationId) throw new Error(`The council ${a.council} has no association that runs it`);
    const { id } = unwrap(
      await saveAgreement(db, system, {
        councilId,
        organisationId,
        title: a.title,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        yearlyAmount: a.yearlyAmount,
        schedule: a.schedule ?? 'yearly',
        reportDue: a.reportDue ?? '03-31',
        openMeetings: a.openMeetings ?? null,
        minutesPublished: a.minutesPublished ?? false,
        planUpdated: a.planUpdated ?? false,
        otherObligations: (a.other ?? []).join('\n'),
        notes: '',
      }),
    );
    refs.set('agreement', a.council, id);
    if (a.paidUpToToday) {
      await db
        .update(agreementPayments)
        .set({ paidOn: agreementPayments.dueOn })
        .where(and(eq(agreementPayments.agreementId, id), lt(agreementPayments.dueOn, day)));
    }
    const obligations = await db.select().from(agreementObligations).where(eq(agreementObligations.agreementId, id));
    for (const r of a.reports ?? []) {
      const evidence = await gatherEvidence(db, tenantId, councilId, r.year, timeZone);
      const answers = Object.fromEntries(
        obligations.map((o) => {
          const met = assess(o, evidence, r.year)?.met ?? 'yes';
          return [o.id, { met, comment: met === 'yes' ? '' : 'Vi kom inte ända fram i år; se berättelsen.' }];
        }),
      );
      const at = new Date(`${r.year + 1}-03-15T10:00:00Z`);
      const decided = r.status === 'approved' || r.status === 'returned';
      await db.insert(agreementReports).values({
        tenantId,
        agreementId: id,
        year: r.year,
        status: r.status,
        narrative: r.narrative,
        answers,
        evidence: r.status === 'draft' ? null : evidence,
        submittedAt: r.status === 'draft' ? null : at,
        decidedAt: decided ? new Date(at.getTime() + 14 * 86_400_000) : null,
        decisionNote: r.note ?? '',
      });
    }
  }
}

export const agreementsSeed: ModuleSeed = {
  after: ['councils', 'meetings', 'plans'],
  run: (ctx, data) => seedAgreements(ctx, data as AgreementsSeedData),
};

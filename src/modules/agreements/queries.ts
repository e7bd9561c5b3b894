import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { councilIsPublicSql, councilNameSql, councilRefSql, insideCouncilSql } from '../councils/index.js';
import { organisationNameSql, organisationRefSql } from '../organisations/index.js';
import type { AgreementAccess } from './policy.js';
import { agreementObligations, agreementPayments, agreementReports, agreements } from './schema.js';

export type Agreement = typeof agreements.$inferSelect;
export type Obligation = typeof agreementObligations.$inferSelect;
export type Payment = typeof agreementPayments.$inferSelect;
export type Report = typeof agreementReports.$inferSelect;

const organisationSql = organisationRefSql(sql`"agreements"."organisation_id"`);

/** An agreement with its council (the actor's roles in it) and association, its obligations and payments; null if none. */
export async function getAgreement(
  db: Db,
  actor: Actor,
  id: string,
): Promise<(AgreementAccess & { obligations: Obligation[]; payments: Payment[]; reports: Report[] }) | null> {
  const [row] = await db
    .select({ agreement: agreements, council: councilRefSql(sql`"agreements"."council_id"`, actor.user?.id ?? null), organisation: organisationSql })
    .from(agreements)
    .where(and(eq(agreements.tenantId, actor.tenantId), eq(agreements.id, id)))
    .limit(1);
  if (!row?.council || !row.organisation) return null;
  const [obligations, payments, reports] = await Promise.all([
    db.select().from(agreementObligations).where(eq(agreementObligations.agreementId, id)).orderBy(asc(agreementObligations.position)),
    db.select().from(agreementPayments).where(eq(agreementPayments.agreementId, id)).orderBy(asc(agreementPayments.dueOn)),
    db.select().from(agreementReports).where(eq(agreementReports.agreementId, id)).orderBy(desc(agreementReports.year)),
  ]);
  return { ...row, council: row.council, organisation: row.organisation, obligations, payments, reports };
}

/** An agreement as the public list shows it. */
export interface AgreementRow {
  id: string;
  title: string;
  councilName: string;
  organisationName: string;
  startsOn: string;
  endsOn: string;
  yearlyAmount: number;
  schedule: Agreement['schedule'];
  /** Reports submitted and waiting for the municipality (counted for those who may read reports only). */
  waiting: number;
}

/** Every agreement of councils the actor may see, newest period first, in one statement. */
export async function listAgreements(db: Db, actor: Actor): Promise<AgreementRow[]> {
  const councilId = sql`"agreements"."council_id"`;
  const inside = insideCouncilSql(actor, councilId);
  return db
    .select({
      id: agreements.id,
      title: agreements.title,
      councilName: sql<string>`${councilNameSql(sql`"agreements"."council_id"`)}`,
      organisationName: sql<string>`${organisationNameSql(sql`"agreements"."organisation_id"`)}`,
      startsOn: agreements.startsOn,
      endsOn: agreements.endsOn,
      yearlyAmount: agreements.yearlyAmount,
      schedule: agreements.schedule,
      waiting:
        sql<number>`(case when ${inside} then (select count(*) from agreement_reports r where r.agreement_id = "agreements"."id" and r.status = 'submitted') else 0 end)`.mapWith(
          Number,
        ),
    })
    .from(agreements)
    .where(and(eq(agreements.tenantId, actor.tenantId), sql`(${councilIsPublicSql(councilId)} or ${inside})`))
    .orderBy(desc(agreements.endsOn), asc(agreements.title))
    .limit(500);
}

/** What the agreements module holds about a person, for their export: the yearly reports they submitted or decided on, and the payments they marked paid. */
export async function agreementsPersonalData(db: Db, tenantId: string, userId: string) {
  const [reports, payments] = await Promise.all([
    db
      .select({
        id: agreementReports.id,
        year: agreementReports.year,
        status: agreementReports.status,
        submittedAt: agreementReports.submittedAt,
        decidedAt: agreementReports.decidedAt,
      })
      .from(agreementReports)
      .where(and(eq(agreementReports.tenantId, tenantId), sql`(${agreementReports.submittedBy} = ${userId} or ${agreementReports.decidedBy} = ${userId})`)),
    db
      .select({ id: agreementPayments.id, dueOn: agreementPayments.dueOn, amount: agreementPayments.amount, paidOn: agreementPayments.paidOn })
      .from(agreementPayments)
      .where(and(eq(agreementPayments.tenantId, tenantId), eq(agreementPayments.paidBy, userId))),
  ]);
  return { reports, payments };
}

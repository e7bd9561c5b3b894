import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import { rowsOf } from '../../../platform/db/index.js';
import { userNameSql } from '../../accounts/index.js';
import { type CouncilRef, localCouncilSql } from '../../councils/index.js';
import { meetingRefSql } from '../../meetings/index.js';
import {
  isMemberSql,
  membershipRoleSql,
  type OrganisationFacts,
  organisationFactsSql,
  organisationLocalitySql,
  organisationNameSql,
} from '../../organisations/index.js';
import type { CallSummary, Programme } from '../queries.js';
import {
  type ApplicationStatus,
  grantApplications,
  grantAttachments,
  grantCalls,
  grantCoApplicants,
  grantForms,
  grantPayments,
  grantProgrammes,
  grantReviews,
  type Question,
} from '../schema.js';

export type Application = typeof grantApplications.$inferSelect;

/** A file of an application, without its contents. */
export interface AttachmentSummary {
  id: string;
  questionKey: string;
  filename: string;
  sizeBytes: number;
}

/** An application with all a page about it needs: its call, programme, organisation, form version and files, and the reader's membership. */
export interface ApplicationAccess {
  application: Application;
  call: CallSummary & { programmeId: string };
  programme: Programme;
  organisation: OrganisationFacts;
  questions: Question[];
  formVersion: number;
  attachments: AttachmentSummary[];
  fileCounts: Record<string, number>;
  membership: 'representative' | 'member' | null;
  /** The local council of the locality the application is from, with the reader's roles in it. */
  council: CouncilRef | null;
  /** Every reviewer's reading (shown to officers only). */
  reviews: ReviewSummary[];
  decisionMeeting: { title: string; slug: string; startsAt: string } | null;
  payments: { id: string; amount: number; paidOn: string }[];
  /** The organisation's other grants whose follow-up report is overdue (flagged to the officers). */
  overdueReports: number;
  /** The organisations applying together with the applicant, and the reader's role in any of them. */
  coApplicants: { id: string; organisationId: string; name: string | null }[];
  coMembership: 'representative' | 'member' | null;
}

/** A reviewer's scores and comment on an application. */
export interface ReviewSummary {
  reviewerId: string;
  reviewer: string | null;
  scores: Record<string, number>;
  comment: string;
  conflict: boolean;
  updatedAt: string;
}

/** How many of an organisation's grants (other than `except`) have a follow-up report past its due day and not yet in. */
const overdueSql = (organisationId: SQL, except: SQL) => sql<number>`(select count(*)::int from grant_applications o where o.organisation_id = ${organisationId}
  and o.id <> ${except} and o.status = 'granted' and o.report_due_on < current_date and o.report_status not in ('submitted', 'approved'))`;

const reviewsJson = sql<
  ReviewSummary[]
>`coalesce((select json_agg(json_build_object('reviewerId', r.reviewer_id, 'reviewer', ${userNameSql(sql`r.reviewer_id`)},
  'scores', r.scores, 'comment', r.comment, 'conflict', r.conflict, 'updatedAt', r.updated_at) order by r.created_at)
  from grant_reviews r where r.application_id = "grant_applications"."id"), '[]'::json)`;

const attachmentsJson = sql<AttachmentSummary[]>`coalesce((select json_agg(json_build_object('id', f.id, 'questionKey', f.question_key, 'filename', f.filename,
  'sizeBytes', f.size_bytes) order by f.created_at) from grant_attachments f where f.application_id = "grant_applications"."id"), '[]'::json)`;

const callColumns = {
  id: grantCalls.id,
  slug: grantCalls.slug,
  title: grantCalls.title,
  opensAt: grantCalls.opensAt,
  closesAt: grantCalls.closesAt,
  budget: grantCalls.budget,
};

/** An application by id with everything its page shows, in one statement; null if none in the tenant. */
export async function loadApplication(db: Db, tenantId: string, id: string, userId: string | null): Promise<ApplicationAccess | null> {
  const [row] = await db
    .select({
      application: grantApplications,
      call: { ...callColumns, programmeId: grantCalls.programmeId },
      programme: grantProgrammes,
      questions: grantForms.questions,
      formVersion: grantForms.version,
      organisation: organisationFactsSql(sql`${grantApplications.organisationId}`),
      attachments: attachmentsJson,
      membership: membershipRoleSql(sql`${grantApplications.organisationId}`, userId),
      council: localCouncilSql(sql`coalesce(${grantApplications.localityId}, ${organisationLocalitySql(sql`${grantApplications.organisationId}`)})`, userId),
      reviews: reviewsJson,
      decisionMeeting: meetingRefSql(sql`${grantApplications.decisionMeetingId}`),
      payments: sql<
        { id: string; amount: number; paidOn: string }[]
      >`coalesce((select json_agg(json_build_object('id', p.id, 'amount', p.amount, 'paidOn', p.paid_on)
        order by p.paid_on) from grant_payments p where p.application_id = "grant_applications"."id"), '[]'::json)`,
      overdueReports: overdueSql(sql`"grant_applications"."organisation_id"`, sql`"grant_applications"."id"`),
      coApplicants: sql<{ id: string; organisationId: string; name: string | null }[]>`coalesce((select json_agg(json_build_object('id', x.id,
        'organisationId', x.organisation_id, 'name', ${organisationNameSql(sql`x.organisation_id`)}) order by x.created_at)
        from grant_co_applicants x where x.application_id = "grant_applications"."id"), '[]'::json)`,
      coMembership: sql<'representative' | 'member' | null>`(select max(${membershipRoleSql(sql`x.organisation_id`, userId)}) from grant_co_applicants x
        where x.application_id = "grant_applications"."id")`,
    })
    .from(grantApplications)
    .innerJoin(grantCalls, eq(grantCalls.id, grantApplications.callId))
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grantApplications.programmeId))
    .innerJoin(grantForms, eq(grantForms.id, grantApplications.formId))
    .where(and(eq(grantApplications.tenantId, tenantId), eq(grantApplications.id, id)))
    .limit(1);
  if (!row?.organisation) return null;
  const fileCounts: Record<string, number> = {};
  for (const f of row.attachments) fileCounts[f.questionKey] = (fileCounts[f.questionKey] ?? 0) + 1;
  return { ...row, organisation: row.organisation, fileCounts };
}

/** A call of a programme by their addresses, with its programme; null if none. */
export async function loadCall(db: Db, tenantId: string, programmeSlug: string, callSlug: string): Promise<{ call: CallSummary; programme: Programme } | null> {
  const [row] = await db
    .select({
      call: {
        id: grantCalls.id,
        slug: grantCalls.slug,
        title: grantCalls.title,
        opensAt: grantCalls.opensAt,
        closesAt: grantCalls.closesAt,
        budget: grantCalls.budget,
      },
      programme: grantProgrammes,
    })
    .from(grantCalls)
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grantCalls.programmeId))
    .where(and(eq(grantProgrammes.tenantId, tenantId), eq(grantProgrammes.slug, programmeSlug), eq(grantCalls.slug, callSlug)))
    .limit(1);
  return row ?? null;
}

/** An application as lists show it. */
export interface ApplicationRow {
  id: string;
  reference: string;
  title: string;
  amount: number | null;
  status: ApplicationStatus;
  submittedAt: Date | null;
  updatedAt: Date;
  organisation: string | null;
  programme: string;
  call: string;
  /** Other grants of the organisation with an overdue follow-up report (the officers' table only). */
  overdue?: number;
}

const rowColumns = {
  id: grantApplications.id,
  reference: grantApplications.reference,
  title: grantApplications.title,
  amount: grantApplications.amount,
  status: grantApplications.status,
  submittedAt: grantApplications.submittedAt,
  updatedAt: grantApplications.updatedAt,
  organisation: organisationNameSql(sql`${grantApplications.organisationId}`),
  programme: grantProgrammes.name,
  call: grantCalls.title,
};

/** The applications of the organisations a person belongs to, newest first. */
export function listApplicationsOf(db: Db, tenantId: string, userId: string): Promise<ApplicationRow[]> {
  return db
    .select(rowColumns)
    .from(grantApplications)
    .innerJoin(grantCalls, eq(grantCalls.id, grantApplications.callId))
    .innerJoin(grantProgrammes, eq(grantProgrammes.id, grantApplications.programmeId))
    .where(
      and(
        eq(grantApplications.tenantId, tenantId),
        sql`(${isMemberSql(sql`${grantApplications.organisationId}`, userId)} or exists (select 1 from grant_co_applicants x
          where x.application_id = ${grantApplications.id} and ${isMemberSql(sql`x.organisation_id`, userId)}))`,
      ),
    )
    .orderBy(desc(grantApplications.updatedAt))
    .limit(200);
}

export const CALL_TABLE_PAGE = 50;
export const CALL_TABLE_SORTS = ['reference', 'organisation', 'amount', 'submitted'] as const;
export type CallTableSort = (typeof CALL_TABLE_SORTS)[number];

/** What the officer's table of a call shows: the applications on one page, and the call's totals (all pages). */
export interface CallTable {
  rows: ApplicationRow[];
  total: number;
  counts: Partial<Record<ApplicationStatus, number>>;
  /** Applied for by the applications still waiting for a decision. */
  requested: number;
  granted: number;
}

/**
 * The submitted applications of a call (drafts are the applicants' own) for its officers: filtered
 * by status, sorted, a page at a time, with the totals requested against the budget counted in
 * the same statement.
 */
export async function listCallApplications(
  db: Db,
  callId: string,
  opts: { status?: ApplicationStatus; sort: CallTableSort; descending: boolean; page: number },
): Promise<CallTable> {
  const filter = opts.status ? sql`and a.status = ${opts.status}` : sql``;
  const result = await db.execute(sql`
    with visible as (
      select a.* from grant_applications a where a.call_id = ${callId} and a.status <> 'draft' ${filter}
    ), totals as (
      select count(*)::int as total from visible
    ), counts as (
      select coalesce(json_object_agg(status, n), '{}'::json) as counts, coalesce(sum(requested), 0)::bigint as requested,
        coalesce(sum(granted), 0)::bigint as granted from (
        select a.status, count(*)::int as n, sum(case when a.status in ('submitted', 'more_info') then coalesce(a.amount, 0) else 0 end) as requested,
          sum(case when a.status = 'granted' then coalesce(a.granted_amount, 0) else 0 end) as granted
        from grant_applications a where a.call_id = ${callId} and a.status <> 'draft' group by a.status
      ) s
    )
    select (select total from totals) as total, (select counts from counts) as counts, (select requested from counts)::int as requested, (select granted from counts)::int as granted,
      coalesce((select json_agg(r) from (
        select a.id, a.reference, a.title, a.amount, a.status, a.submitted_at as "submittedAt", a.updated_at as "updatedAt",
          ${organisationNameSql(sql`a.organisation_id`)} as organisation, p.name as programme, c.title as call,
          ${overdueSql(sql`a.organisation_id`, sql`a.id`)} as overdue
        from visible a join grant_calls c on c.id = a.call_id join grant_programmes p on p.id = a.programme_id
        order by ${sql.raw(opts.sort === 'organisation' ? '8' : opts.sort === 'amount' ? '4' : opts.sort === 'submitted' ? '6' : '2')} ${sql.raw(opts.descending ? 'desc nulls last' : 'asc nulls last')}, a.reference
        limit ${CALL_TABLE_PAGE} offset ${(opts.page - 1) * CALL_TABLE_PAGE}
      ) r), '[]'::json) as rows`);
  const [row] = rowsOf<{
    total: number;
    counts: Partial<Record<ApplicationStatus, number>>;
    requested: number;
    granted: number;
    rows: (ApplicationRow & { submittedAt: string | null; updatedAt: string })[];
  }>(result);
  return {
    total: row?.total ?? 0,
    counts: row?.counts ?? {},
    requested: Number(row?.requested ?? 0),
    granted: Number(row?.granted ?? 0),
    rows: (row?.rows ?? []).map((r) => ({ ...r, submittedAt: r.submittedAt ? new Date(r.submittedAt) : null, updatedAt: new Date(r.updatedAt) })),
  };
}

/** A file of an application with its contents, for download; null if not one of the application's. */
export async function loadAttachment(db: Db, applicationId: string, id: string) {
  const [row] = await db
    .select({ filename: grantAttachments.filename, contentType: grantAttachments.contentType, data: grantAttachments.data })
    .from(grantAttachments)
    .where(and(eq(grantAttachments.applicationId, applicationId), eq(grantAttachments.id, id)))
    .limit(1);
  return row ?? null;
}

/** The applications of the organisations a person belongs to in one call, for the call's page. */
export function listApplicationsToCall(
  db: Db,
  callId: string,
  userId: string,
): Promise<{ id: string; reference: string; title: string; status: ApplicationStatus; organisationId: string }[]> {
  return db
    .select({
      id: grantApplications.id,
      reference: grantApplications.reference,
      title: grantApplications.title,
      status: grantApplications.status,
      organisationId: grantApplications.organisationId,
    })
    .from(grantApplications)
    .where(and(eq(grantApplications.callId, callId), isMemberSql(sql`${grantApplications.organisationId}`, userId)))
    .orderBy(asc(grantApplications.reference))
    .limit(50);
}

/** How many applications were made on a form version (which go on with it when the officer changes the form). */
export async function formsInUse(db: Db, formId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(grantApplications).where(eq(grantApplications.formId, formId));
  return row?.n ?? 0;
}

/** What is left of a call's budget after what it has granted. */
export async function budgetLeft(db: Db, call: { id: string; budget: number }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${grantApplications.grantedAmount}), 0)::int` })
    .from(grantApplications)
    .where(and(eq(grantApplications.callId, call.id), eq(grantApplications.status, 'granted')));
  return call.budget - (row?.n ?? 0);
}

/**
 * What the grants module holds about a person, for their export: the applications they made,
 * submitted, recommended or decided, their reviews, the documents they attached, the co-applicants
 * they invited, the payments they recorded and the form versions they saved.
 */
export async function grantsPersonalData(db: Db, tenantId: string, userId: string) {
  const [applications, reviews, attachments, coApplicants, payments, forms] = await Promise.all([
    db
      .select({
        id: grantApplications.id,
        reference: grantApplications.reference,
        title: grantApplications.title,
        status: grantApplications.status,
        createdAt: grantApplications.createdAt,
        submittedAt: grantApplications.submittedAt,
        decidedAt: grantApplications.decidedAt,
      })
      .from(grantApplications)
      .where(
        and(
          eq(grantApplications.tenantId, tenantId),
          sql`(${grantApplications.createdBy} = ${userId} or ${grantApplications.submittedBy} = ${userId} or ${grantApplications.decidedBy} = ${userId} or ${grantApplications.recommendedBy} = ${userId})`,
        ),
      )
      .limit(5000),
    db
      .select({
        id: grantReviews.id,
        reference: grantApplications.reference,
        scores: grantReviews.scores,
        comment: grantReviews.comment,
        conflict: grantReviews.conflict,
        at: grantReviews.updatedAt,
      })
      .from(grantReviews)
      .innerJoin(grantApplications, eq(grantApplications.id, grantReviews.applicationId))
      .where(and(eq(grantReviews.tenantId, tenantId), eq(grantReviews.reviewerId, userId)))
      .limit(5000),
    db
      .select({ id: grantAttachments.id, reference: grantApplications.reference, filename: grantAttachments.filename, at: grantAttachments.createdAt })
      .from(grantAttachments)
      .innerJoin(grantApplications, eq(grantApplications.id, grantAttachments.applicationId))
      .where(and(eq(grantAttachments.tenantId, tenantId), eq(grantAttachments.uploadedBy, userId)))
      .limit(5000),
    db
      .select({ id: grantCoApplicants.id, reference: grantApplications.reference, at: grantCoApplicants.createdAt })
      .from(grantCoApplicants)
      .innerJoin(grantApplications, eq(grantApplications.id, grantCoApplicants.applicationId))
      .where(and(eq(grantCoApplicants.tenantId, tenantId), eq(grantCoApplicants.addedBy, userId)))
      .limit(5000),
    db
      .select({ id: grantPayments.id, reference: grantApplications.reference, amount: grantPayments.amount, paidOn: grantPayments.paidOn })
      .from(grantPayments)
      .innerJoin(grantApplications, eq(grantApplications.id, grantPayments.applicationId))
      .where(and(eq(grantPayments.tenantId, tenantId), eq(grantPayments.recordedBy, userId)))
      .limit(5000),
    db
      .select({ id: grantForms.id, version: grantForms.version, at: grantForms.createdAt })
      .from(grantForms)
      .where(and(eq(grantForms.tenantId, tenantId), eq(grantForms.createdBy, userId)))
      .limit(5000),
  ]);
  return { applications, reviews, attachments, coApplicants, payments, formVersions: forms };
}

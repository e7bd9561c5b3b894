import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import { rowsOf } from '../../../platform/db/index.js';
import { isMemberSql, membershipRoleSql, type OrganisationFacts, organisationFactsSql, organisationNameSql } from '../../organisations/index.js';
import type { CallSummary, Programme } from '../queries.js';
import { type ApplicationStatus, grantApplications, grantAttachments, grantCalls, grantForms, grantProgrammes, type Question } from '../schema.js';

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
}

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
    .where(and(eq(grantApplications.tenantId, tenantId), isMemberSql(sql`${grantApplications.organisationId}`, userId)))
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
  requested: number;
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
      select coalesce(json_object_agg(status, n), '{}'::json) as counts, coalesce(sum(requested), 0)::bigint as requested from (
        select a.status, count(*)::int as n, sum(case when a.status in ('submitted', 'more_info', 'granted') then coalesce(a.amount, 0) else 0 end) as requested
        from grant_applications a where a.call_id = ${callId} and a.status <> 'draft' group by a.status
      ) s
    )
    select (select total from totals) as total, (select counts from counts) as counts, (select requested from counts)::int as requested,
      coalesce((select json_agg(r) from (
        select a.id, a.reference, a.title, a.amount, a.status, a.submitted_at as "submittedAt", a.updated_at as "updatedAt",
          ${organisationNameSql(sql`a.organisation_id`)} as organisation, p.name as programme, c.title as call
        from visible a join grant_calls c on c.id = a.call_id join grant_programmes p on p.id = a.programme_id
        order by ${sql.raw(opts.sort === 'organisation' ? '8' : opts.sort === 'amount' ? '4' : opts.sort === 'submitted' ? '6' : '2')} ${sql.raw(opts.descending ? 'desc nulls last' : 'asc nulls last')}, a.reference
        limit ${CALL_TABLE_PAGE} offset ${(opts.page - 1) * CALL_TABLE_PAGE}
      ) r), '[]'::json) as rows`);
  const [row] = rowsOf<{
    total: number;
    counts: Partial<Record<ApplicationStatus, number>>;
    requested: number;
    rows: (ApplicationRow & { submittedAt: string | null; updatedAt: string })[];
  }>(result);
  return {
    total: row?.total ?? 0,
    counts: row?.counts ?? {},
    requested: Number(row?.requested ?? 0),
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

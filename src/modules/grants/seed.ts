import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/index.js';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { seededRandom } from '../../platform/random.js';
import { unwrap } from '../../platform/result.js';
import { today } from '../../platform/time.js';
import { grantRole } from '../accounts/index.js';
import { bodyMeetingChoices } from '../meetings/index.js';
import { listRepresentedOrganisations, organisationLocalitySql } from '../organisations/index.js';
import { currentForm, giveInfo, requestInfo, saveForm, startApplication, withdrawApplication, writeApplication } from './applications/commands.js';
import { decide, recommend, saveReview } from './applications/decisions.js';
import { decideReport, recordPayment, submitReport } from './applications/follow-up.js';
import { loadApplication } from './applications/queries.js';
import { addCall, type CallInput, type ProgrammeInput, saveProgramme } from './commands.js';
import { getProgrammeBySlug } from './queries.js';
import { type Answer, grantApplications, grantCalls, grantPayments, grantProgrammes, grantReviews, type Question, type Recommendation } from './schema.js';

type SeedQuestion = Pick<Question, 'kind' | 'label'> & Partial<Omit<Question, 'key'>>;

/** An application of the data set, written through the commands an applicant and an officer use, at a moment inside its call. */
export interface SeedApplication {
  programme: string;
  call: string;
  organisation: string;
  /** The representative who writes it (by e-mail). */
  by: string;
  title: string;
  summary: string;
  amount: number;
  /** Answers by the question's label. */
  answers?: Record<string, Answer>;
  status: 'draft' | 'submitted' | 'more_info' | 'answered' | 'withdrawn';
  infoRequest?: string;
  infoReply?: string;
  /** Days after the call opened it was written (1 unless given). */
  day?: number;
  /** Files by the question's label. */
  files?: { question: string; filename: string; contentType: string; data: Uint8Array }[];
  /** Reviewers' scores by criterion, and comments. */
  reviews?: { by: string; scores: Record<string, number>; comment: string }[];
  /** The local council's recommendation, by its chair or secretary. */
  recommendation?: { by: string; recommendation: Recommendation; note: string };
  /** The decision, by an officer (by e-mail); `meeting`: the political body whose latest meeting before now decided. */
  decision?: { by: string; outcome: 'grant' | 'reject'; amount?: number; conditions?: string; reasoning: string; meeting?: string; reportDueOn?: string };
  /** Payments of a grant, and its follow-up report. */
  payments?: { amount: number; paidOn: string }[];
  report?: { text: string; participants: number; spent: number; approvedBy?: string };
}

/** Grants' part of a data set: programmes as the form describes them, each with its calls, form and officers, and applications. */
export interface GrantsSeedData {
  programmes: (Partial<ProgrammeInput> &
    Pick<ProgrammeInput, 'name' | 'kind'> & {
      calls: (Partial<CallInput> & Pick<CallInput, 'title' | 'opensOn' | 'budget'>)[];
      questions?: SeedQuestion[];
      officers?: string[];
    })[];
  applications?: SeedApplication[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    grants: GrantsSeedData;
  }
}

const DAY = 86_400_000;

/** Writes each programme, its calls, form and officers, then the applications, through the commands people use. */
async function seedGrants({ db, tenantId, timeZone, refs }: SeedContext, data: GrantsSeedData): Promise<void> {
  const system: Actor = { tenantId, user: null, roles: [{ role: 'admin', scopeType: 'tenant', scopeId: '' }] };
  for (const p of data.programmes) {
    const { slug } = unwrap(
      await saveProgramme(db, system, {
        summary: '',
        description: '',
        whenToApply: '',
        minAmount: null,
        maxAmount: null,
        fastTrackLimit: null,
        registeredAssociation: false,
        minMembers: null,
        annualMeetingDays: null,
        ageMin: null,
        ageMax: null,
        otherRules: '',
        criteria: '',
        active: true,
        ...p,
      }),
    );
    const saved = await getProgrammeBySlug(db, tenantId, slug);
    if (!saved) throw new Error(`programme ${p.name} not written`);
    refs.set('programme', p.name, saved.id);
    for (const c of p.calls) {
      unwrap(await addCall(db, system, saved, { opensTime: '', closesOn: '', closesTime: '', description: '', ...c }, timeZone));
    }
    if (p.questions?.length) {
      const questions = p.questions.map((q, i): Question => ({ key: `q${i + 1}`, help: '', required: false, options: [], prefill: '', ...q }));
      unwrap(await saveForm(db, system, saved, questions, (await currentForm(db, tenantId, saved.id)).version));
    }
    for (const email of p.officers ?? []) await grantRole(db, tenantId, refs.get('user', email), 'grant_officer', { type: 'programme', id: saved.id });
  }
  for (const s of data.applications ?? []) await seedApplication({ db, tenantId, timeZone, refs } as SeedContext, s);
}

async function seedApplication({ db, tenantId, timeZone, refs }: SeedContext, s: SeedApplication): Promise<void> {
  const programmeId = refs.get('programme', s.programme);
  const userId = refs.get('user', s.by);
  const actor: Actor = { tenantId, user: { id: userId, name: s.by, email: s.by, lang: 'sv' }, roles: [] };
  const officer: Actor = { tenantId, user: null, roles: [{ role: 'admin', scopeType: 'tenant', scopeId: '' }] };
  const org = (await listRepresentedOrganisations(db, tenantId, userId)).find((o) => o.name === s.organisation);
  if (!org) throw new Error(`${s.by} does not represent ${s.organisation}`);
  const [call] = await db
    .select()
    .from(grantCalls)
    .where(and(eq(grantCalls.programmeId, programmeId), eq(grantCalls.title, s.call)))
    .limit(1);
  if (!call) throw new Error(`no call ${s.call}`);
  // Written that many days into the call, but never later than the present while the call is open.
  let now = new Date(call.opensAt.getTime() + (s.day ?? 1) * DAY);
  if (now.getTime() > Date.now() && call.opensAt.getTime() < Date.now()) now = new Date(Date.now() - 60_000);
  const { id } = unwrap(
    await startApplication(db, actor, { call, programme: { id: programmeId } }, org, { organisationId: org.id, title: s.title }, { now, key: null }),
  );
  let a = await loadApplication(db, tenantId, id, userId);
  if (!a) throw new Error('application not written');
  const answers: Record<string, Answer> = { ...a.application.answers };
  for (const [label, value] of Object.entries(s.answers ?? {})) {
    const q = a.questions.find((q) => q.label === label);
    if (!q) throw new Error(`no question ${label} in ${s.programme}`);
    answers[q.key] = value;
  }
  const confirmed = new Set(a.programme.eligibility.map((_, i) => i));
  unwrap(
    await writeApplication(
      db,
      actor,
      a,
      {
        core: { title: s.title, summary: s.summary, amount: s.amount },
        answers,
        confirmed,
        files: (s.files ?? []).map((f) => ({ ...f, questionKey: a?.questions.find((q) => q.label === f.question)?.key ?? '' })),
        remove: null,
        submit: s.status !== 'draft',
      },
      { version: a.application.updatedAt, now, today: today(timeZone, now) },
    ),
  );
  if (s.status === 'draft') return;
  a = await loadApplication(db, tenantId, id, userId);
  if (!a) throw new Error('application not written');
  if (s.status === 'withdrawn') unwrap(await withdrawApplication(db, actor, a));
  if (s.status === 'more_info' || s.status === 'answered') {
    unwrap(await requestInfo(db, officer, a, s.infoRequest ?? ''));
    if (s.status === 'answered') unwrap(await giveInfo(db, actor, { ...a, application: { ...a.application, status: 'more_info' } }, s.infoReply ?? ''));
  }
  const person = (email: string): Actor => ({ tenantId, user: { id: refs.get('user', email), name: email, email, lang: 'sv' }, roles: [] });
  const reload = async (email: string) => {
    const fresh = await loadApplication(db, tenantId, id, refs.get('user', email));
    if (!fresh) throw new Error('application not written');
    return fresh;
  };
  for (const r of s.reviews ?? [])
    unwrap(await saveReview(db, person(r.by), await reload(r.by), { scores: r.scores, comment: r.comment, conflict: false }, null));
  if (s.recommendation) unwrap(await recommend(db, person(s.recommendation.by), await reload(s.recommendation.by), s.recommendation));
  if (s.decision) {
    const d = s.decision;
    const meetings = await bodyMeetingChoices(db, tenantId);
    const meeting = d.meeting ? meetings.filter((m) => m.body === d.meeting && m.startsAt.getTime() < Date.now()).pop() : undefined;
    if (d.meeting && !meeting) throw new Error(`no past meeting of ${d.meeting}`);
    const at = meeting ? new Date(meeting.startsAt.getTime() + 3 * 3_600_000) : new Date(Math.min(now.getTime() + 14 * DAY, Date.now()));
    const officerActor = { ...person(d.by), roles: [{ role: 'admin', scopeType: 'tenant', scopeId: '' }] };
    unwrap(
      await decide(
        db,
        officerActor,
        await reload(d.by),
        {
          outcome: d.outcome,
          amount: d.amount ?? null,
          conditions: d.conditions ?? '',
          reasoning: d.reasoning,
          meetingId: meeting?.id ?? null,
          reportDueOn: d.reportDueOn ?? null,
        },
        meetings,
        at,
      ),
    );
    for (const p of s.payments ?? []) unwrap(await recordPayment(db, officerActor, await reload(d.by), p));
    if (s.report) {
      unwrap(
        await submitReport(db, actor, await reload(s.by), {
          reportText: s.report.text,
          reportParticipants: s.report.participants,
          reportSpent: s.report.spent,
        }),
      );
      if (s.report.approvedBy) unwrap(await decideReport(db, officerActor, await reload(s.report.approvedBy), { decision: 'approve', note: '' }));
    }
  }
}

export const grantsSeed: ModuleSeed = {
  after: ['tenancy', 'accounts', 'organisations', 'councils', 'meetings'],
  run: (ctx, data) => seedGrants(ctx, data as GrantsSeedData),
};

/**
 * Fills a call with `n` applications from the given organisations for the benchmark's scale data,
 * in every state past the draft: most waiting for a decision, some granted (within the budget,
 * with a payment), rejected, withdrawn or asked for more; each undecided one with a review. Written
 * in batches straight into the tables: the commands would take minutes for thousands.
 */
export async function growCall(
  db: Db,
  tenantId: string,
  callId: string,
  organisationIds: string[],
  reviewerId: string | null,
  n: number,
  seed: number,
): Promise<void> {
  const [call] = await db.select().from(grantCalls).where(eq(grantCalls.id, callId)).limit(1);
  if (!call || n <= 0 || !organisationIds.length) return;
  const form = await currentForm(db, tenantId, call.programmeId);
  const random = seededRandom(seed);
  const year = new Date().getFullYear();
  const statuses = ['submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'more_info', 'granted', 'rejected', 'withdrawn'] as const;
  let granted = 0;
  const rows = Array.from({ length: n }, (_, k) => {
    const amount = 2_000 + random.int(9) * 1_000;
    let status: (typeof statuses)[number] = random.pick(statuses);
    if (status === 'granted' && granted + amount > call.budget / 2) status = 'submitted';
    if (status === 'granted') granted += amount;
    const submittedAt = new Date(call.opensAt.getTime() + (1 + random.int(200)) * DAY);
    return {
      tenantId,
      callId,
      programmeId: call.programmeId,
      formId: form.id,
      organisationId: organisationIds[k % organisationIds.length] as string,
      reference: `${year - 1}-${String(5000 + seed * 10 + k).padStart(5, '0')}`,
      title: `${WORDS[k % WORDS.length]} ${k + 1}`,
      summary: 'En aktivitet som får fler att vara med.',
      amount,
      status,
      submittedAt,
      grantedAmount: status === 'granted' ? amount : null,
      reasoning: status === 'granted' || status === 'rejected' ? 'Enligt programmets kriterier.' : '',
      decisionBy: status === 'granted' || status === 'rejected' ? ('delegation' as const) : null,
      decidedAt: status === 'granted' || status === 'rejected' ? new Date(submittedAt.getTime() + 14 * DAY) : null,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    };
  });
  const made: { id: string; status: string; amount: number | null }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    made.push(
      ...(await db
        .insert(grantApplications)
        .values(rows.slice(i, i + 500))
        .returning({ id: grantApplications.id, status: grantApplications.status, amount: grantApplications.grantedAmount })),
    );
  }
  // Listed under the organisation's locality, as a submission does.
  await db
    .update(grantApplications)
    .set({ localityId: organisationLocalitySql(sql`${grantApplications.organisationId}`) })
    .where(and(eq(grantApplications.callId, callId), isNull(grantApplications.localityId)));
  const criteria =
    (await db.select({ criteria: grantProgrammes.criteria }).from(grantProgrammes).where(eq(grantProgrammes.id, call.programmeId)))[0]?.criteria ?? [];
  if (reviewerId)
    await insertInBatches(
      db,
      grantReviews,
      made
        .filter((m) => m.status === 'submitted' || m.status === 'more_info')
        .map((m) => ({ tenantId, applicationId: m.id, reviewerId, scores: Object.fromEntries(criteria.map((c) => [c.name, random.int(6)])), comment: '' })),
    );
  await insertInBatches(
    db,
    grantPayments,
    made.filter((m) => m.status === 'granted').map((m) => ({ tenantId, applicationId: m.id, amount: m.amount ?? 0, paidOn: `${year - 1}-12-01` })),
  );
}

const WORDS = ['Prova-på-dag', 'Språkcafé', 'Läxhjälp', 'Sommarläger', 'Öppen träning', 'Kulturkväll', 'Städdag', 'Seniorgympa', 'Familjedag', 'Musikverkstad'];

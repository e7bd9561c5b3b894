import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, sameVersion, slugify } from '../../platform/db/sql-helpers.js';
import { checkbox, optionalInt, optionalKronor, optionalText } from '../../platform/http/fields.js';
import { LocalDate } from '../../platform/http/validation.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { localToUtc } from '../../platform/time.js';
import { type Criterion, type EligibilityRule, grantCalls, grantProgrammes, PROGRAMME_KINDS } from './schema.js';

const Time = z
  .union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'grants.errors.time')])
  .optional()
  .default('');

export const ProgrammeInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(PROGRAMME_KINDS),
    summary: optionalText(300),
    description: optionalText(8000),
    whenToApply: optionalText(500),
    minAmount: optionalKronor,
    maxAmount: optionalKronor,
    fastTrackLimit: optionalKronor,
    registeredAssociation: checkbox,
    minMembers: optionalInt(1, 100_000),
    annualMeetingDays: optionalInt(1, 366),
    ageMin: optionalInt(0, 120),
    ageMax: optionalInt(0, 120),
    otherRules: optionalText(4000),
    criteria: optionalText(4000),
    active: checkbox,
  })
  .refine((p) => p.minAmount === null || p.maxAmount === null || p.maxAmount >= p.minAmount, { path: ['maxAmount'], message: 'grants.errors.amounts' })
  .refine((p) => (p.ageMin === null) === (p.ageMax === null) && (p.ageMin === null || (p.ageMax ?? 0) >= p.ageMin), {
    path: ['ageMax'],
    message: 'grants.errors.ages',
  })
  .refine((p) => criteriaOf(p.criteria) !== null, { path: ['criteria'], message: 'grants.errors.criteria' });
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;

/** Criteria as an officer writes them, one a line: `Name | weight` (the weight a whole number 1–10; 1 when left out). Null when a line is not that. */
export function criteriaOf(text: string): Criterion[] | null {
  const out: Criterion[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(.{1,200}?)\s*(?:\|\s*(\d{1,2}))?$/.exec(line);
    const weight = m?.[2] ? Number(m[2]) : 1;
    if (!m?.[1] || weight < 1 || weight > 10) return null;
    out.push({ name: m[1], weight });
  }
  return out.length <= 20 ? out : null;
}

/** The eligibility rules the form describes, in the order the form asks them. */
export function rulesOf(p: ProgrammeInput): EligibilityRule[] {
  const out: EligibilityRule[] = [];
  if (p.registeredAssociation) out.push({ kind: 'registered_association' });
  if (p.minMembers) out.push({ kind: 'min_members', value: p.minMembers });
  if (p.annualMeetingDays) out.push({ kind: 'after_annual_meeting', days: p.annualMeetingDays });
  if (p.ageMin !== null && p.ageMax !== null) out.push({ kind: 'participant_age', min: p.ageMin, max: p.ageMax });
  for (const line of p.otherRules.split('\n')) if (line.trim()) out.push({ kind: 'text', text: line.trim().slice(0, 500) });
  return out;
}

/** A programme's address: its name as a slug, never `ny`, `ansokningar` or `beviljade` (the pages for a new programme, a person's applications and the grants awarded). */
const programmeSlug = (name: string) => {
  const slug = slugify(name) || 'program';
  return ['ny', 'ansokningar', 'beviljade'].includes(slug) ? `${slug}-program` : slug;
};

/** Starts a programme, or changes one at the version its form was loaded at. */
export async function saveProgramme(db: Db, actor: Actor, input: ProgrammeInput, existing?: { id: string; version: Date }): Promise<Result<{ slug: string }>> {
  const values = {
    name: input.name,
    kind: input.kind,
    summary: input.summary,
    description: input.description,
    whenToApply: input.whenToApply,
    minAmount: input.minAmount,
    maxAmount: input.maxAmount,
    fastTrackLimit: input.fastTrackLimit,
    eligibility: rulesOf(input),
    criteria: criteriaOf(input.criteria) ?? [],
    active: input.active,
  };
  try {
    return await db.transaction(async (tx) => {
      if (existing) {
        const [row] = await tx
          .update(grantProgrammes)
          .set({ ...values, updatedAt: new Date() })
          .where(
            and(eq(grantProgrammes.tenantId, actor.tenantId), eq(grantProgrammes.id, existing.id), sameVersion(grantProgrammes.updatedAt, existing.version)),
          )
          .returning({ slug: grantProgrammes.slug });
        if (!row) return fail('_form', 'platform.errors.stale');
        await audit(tx, actor, 'grants.programme.edit', { type: 'grantProgramme', id: existing.id });
        return ok(row);
      }
      const [row] = await tx
        .insert(grantProgrammes)
        .values({ tenantId: actor.tenantId, slug: programmeSlug(input.name), ...values })
        .returning({ id: grantProgrammes.id, slug: grantProgrammes.slug });
      if (!row) throw new Error('programme not written');
      await audit(tx, actor, 'grants.programme.create', { type: 'grantProgramme', id: row.id }, { name: input.name });
      return ok(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'grant_programmes_slug_key')) return fail('name', 'grants.errors.nameTaken');
    throw err;
  }
}

export const CallInput = z.object({
  title: z.string().trim().min(1).max(200),
  opensOn: LocalDate,
  opensTime: Time,
  closesOn: z
    .union([z.literal(''), LocalDate])
    .optional()
    .default(''),
  closesTime: Time,
  budget: optionalKronor.pipe(z.number({ message: 'platform.errors.required' })),
  description: optionalText(4000),
});
export type CallInput = z.infer<typeof CallInput>;

/**
 * Opens a call of a programme: from a day and time to a day and time in the municipality's zone
 * (a closing time of midnight is the end of that day: 23:59 unless given), or open all year without
 * a closing day.
 */
export async function addCall(db: Db, actor: Actor, programme: { id: string }, input: CallInput, timeZone: string): Promise<Result<{ slug: string }>> {
  const opensAt = localToUtc(input.opensOn, input.opensTime || '00:00', timeZone);
  const closesAt = input.closesOn ? localToUtc(input.closesOn, input.closesTime || '23:59', timeZone) : null;
  if (!opensAt) return fail('opensOn', 'platform.errors.date');
  if (input.closesOn && !closesAt) return fail('closesOn', 'platform.errors.date');
  if (closesAt && closesAt <= opensAt) return fail('closesOn', 'grants.errors.closesBeforeOpens');
  return db.transaction(async (tx) => {
    const base = slugify(input.title) || 'utlysning';
    const taken = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(grantCalls)
      .where(and(eq(grantCalls.programmeId, programme.id), sql`(${grantCalls.slug} = ${base} or ${grantCalls.slug} like ${`${base}-%`})`));
    const slug = (taken[0]?.n ?? 0) > 0 ? `${base}-${(taken[0]?.n ?? 0) + 1}` : base;
    const [row] = await tx
      .insert(grantCalls)
      .values({
        tenantId: actor.tenantId,
        programmeId: programme.id,
        slug,
        title: input.title,
        opensAt,
        closesAt,
        budget: input.budget,
        description: input.description,
      })
      .returning({ id: grantCalls.id, slug: grantCalls.slug });
    if (!row) throw new Error('call not written');
    await audit(tx, actor, 'grants.call.create', { type: 'grantProgramme', id: programme.id }, { call: row.id, title: input.title });
    return ok(row);
  });
}

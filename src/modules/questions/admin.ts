import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import { type Actor, ForbiddenError, isAdmin } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { checkbox, optionalText } from '../../platform/http/fields.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { listFunctions } from '../tenancy/index.js';
import { DEFAULT_PATTERN } from './commands.js';
import { isUsablePattern } from './numbers.js';
import { type QuestionCategory, questionCategories, questionSettings } from './schema.js';

/** The registration rules as the administrator types them: the number's pattern and how long an answer may be reopened. */
export const SettingsInput = z.object({
  numberPattern: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((p) => isUsablePattern(p), 'questions.admin.patternInvalid'),
  reopenDays: z.coerce
    .number()
    .int('questions.admin.reopenDaysInvalid')
    .min(0, 'questions.admin.reopenDaysInvalid')
    .max(365, 'questions.admin.reopenDaysInvalid'),
});
export type SettingsInput = z.infer<typeof SettingsInput>;

/** A category (an Open311 service): its code never changes once clients know it. */
export const CategoryInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'questions.admin.codeInvalid')
    .optional(),
  name: z.string().trim().min(1).max(120),
  groupName: optionalText(80),
  description: optionalText(500),
  functionId: z.string().uuid('platform.errors.choice'),
  dueDays: z.coerce.number().int('questions.admin.dueDaysInvalid').min(1, 'questions.admin.dueDaysInvalid').max(365, 'questions.admin.dueDaysInvalid'),
  active: checkbox,
});
export type CategoryInput = z.infer<typeof CategoryInput>;

/** The tenant's registration rules (the defaults until an administrator sets them). */
export async function questionRules(db: Db, tenantId: string): Promise<SettingsInput> {
  const [row] = await db
    .select({ numberPattern: questionSettings.numberPattern, reopenDays: questionSettings.reopenDays })
    .from(questionSettings)
    .where(eq(questionSettings.tenantId, tenantId));
  return row ?? { numberPattern: DEFAULT_PATTERN, reopenDays: 30 };
}

/** Sets the registration rules; numbers already given never change. */
export async function saveQuestionRules(db: Db, actor: Actor, rules: SettingsInput): Promise<void> {
  if (!isAdmin(actor)) throw new ForbiddenError();
  await db.transaction(async (tx) => {
    await tx
      .insert(questionSettings)
      .values({ tenantId: actor.tenantId, ...rules })
      .onConflictDoUpdate({ target: questionSettings.tenantId, set: { ...rules, updatedAt: new Date() } });
    await audit(tx, actor, 'question.rules', { type: 'tenant', id: actor.tenantId }, rules);
  });
}

/** Every category, active or not, for the administrator. */
export function listAllCategories(db: Db, tenantId: string): Promise<QuestionCategory[]> {
  return db
    .select()
    .from(questionCategories)
    .where(eq(questionCategories.tenantId, tenantId))
    .orderBy(asc(questionCategories.groupName), asc(questionCategories.name));
}

export async function getCategory(db: Db, tenantId: string, id: string): Promise<QuestionCategory | null> {
  const [row] = await db
    .select()
    .from(questionCategories)
    .where(and(eq(questionCategories.tenantId, tenantId), eq(questionCategories.id, id)));
  return row ?? null;
}

/**
 * Creates a category or changes one (not its code): the function it routes to and its due days
 * apply to questions asked from then on. A category is never deleted, only made inactive, since
 * registered questions name it.
 */
export async function saveCategory(db: Db, actor: Actor, id: string | null, input: CategoryInput): Promise<Result<{ id: string }>> {
  if (!isAdmin(actor)) throw new ForbiddenError();
  const fns = await listFunctions(db, actor.tenantId);
  if (!fns.some((f) => f.id === input.functionId)) return fail('functionId', 'platform.errors.choice');
  if (!id && !input.code) return fail('code', 'questions.admin.codeInvalid');
  return db.transaction(async (tx) => {
    const values = {
      name: input.name,
      groupName: input.groupName,
      description: input.description,
      functionId: input.functionId,
      dueDays: input.dueDays,
      active: input.active,
    };
    if (id) {
      const [row] = await tx
        .update(questionCategories)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(questionCategories.tenantId, actor.tenantId), eq(questionCategories.id, id)))
        .returning({ id: questionCategories.id });
      if (!row) return fail<{ id: string }>('_form', 'platform.errors.stale');
      await audit(tx, actor, 'question.category.update', { type: 'question_category', id }, values);
      return ok(row);
    }
    const [row] = await tx
      .insert(questionCategories)
      .values({ tenantId: actor.tenantId, code: input.code as string, ...values })
      .onConflictDoNothing()
      .returning({ id: questionCategories.id });
    if (!row) return fail<{ id: string }>('code', 'questions.admin.codeTaken');
    await audit(tx, actor, 'question.category.create', { type: 'question_category', id: row.id }, { code: input.code, ...values });
    return ok(row);
  });
}

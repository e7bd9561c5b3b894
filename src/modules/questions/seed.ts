import { eq } from 'drizzle-orm';
import { insertInBatches } from '../../platform/db/batch.js';
import type { ModuleSeed, SeedContext } from '../../platform/module.js';
import { seededRandom } from '../../platform/random.js';
import { unwrap } from '../../platform/result.js';
import { localParts, startOfLocalDay } from '../../platform/time.js';
import { loadActor } from '../accounts/index.js';
import { listCouncilsForSeed } from '../councils/index.js';
import { listFunctions, listLocalities } from '../tenancy/index.js';
import { writeQuestions } from './bulk.js';
import { askQuestion } from './commands.js';
import { generateQuestions } from './generate.js';
import { keyHash } from './open311/keys.js';
import { open311Keys, questionCategories, questionEvents, questions } from './schema.js';

/** Questions' part of a data set: the categories (function by name) and questions asked some days ago, some answered. */
export interface QuestionsSeedData {
  /** Generated questions from the previous calendar year, across categories, localities and statuses: the register, the knowledge base and the inboxes look lived in. */
  generated?: { count: number; seed: number; askers: string[]; handlers: Record<string, string> };
  /** Open311 keys issued at once (the demo's is published, so a client can be tried). */
  open311Keys?: { name: string; key: string }[];
  categories: { code: string; name: string; group: string; function: string; dueDays?: number; description?: string }[];
  questions: {
    asker: string;
    category: string;
    locality?: string;
    subject: string;
    body: string;
    address?: string;
    daysAgo: number;
    showName?: boolean;
    answer?: { text: string; daysAfter: number; by: string };
  }[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    questions: QuestionsSeedData;
  }
}

const DAY = 86_400_000;

/** Writes the categories, then each question through the registering command (numbers in order of receipt), then the answers. */
async function seedQuestions({ db, tenantId, timeZone, refs }: SeedContext, data: QuestionsSeedData): Promise<void> {
  for (const c of data.categories) {
    const [row] = await db
      .insert(questionCategories)
      .values({
        tenantId,
        code: c.code,
        name: c.name,
        groupName: c.group,
        description: c.description ?? '',
        functionId: refs.get('function', c.function),
        dueDays: c.dueDays ?? 10,
      })
      .returning({ id: questionCategories.id });
    refs.set('questionCategory', c.code, row?.id as string);
  }
  if (data.generated) await seedGenerated({ db, tenantId, timeZone, refs } as SeedContext, data.generated);
  for (const k of data.open311Keys ?? []) {
    await db.insert(open311Keys).values({ tenantId, name: k.name, prefix: k.key.slice(0, 6), keyHash: keyHash(k.key) });
  }
  const now = Date.now();
  for (const q of [...data.questions].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const actor = await loadActor(db, tenantId, refs.get('user', q.asker));
    if (!actor) throw new Error(`no account ${q.asker}`);
    const asked = unwrap(
      await askQuestion(
        db,
        actor,
        {
          subject: q.subject,
          body: q.body,
          categoryId: refs.get('questionCategory', q.category),
          localityId: q.locality ? refs.get('locality', q.locality) : null,
          address: q.address ?? '',
          showName: q.showName ?? false,
        },
        // Asked long ago: their receipts went out then.
        { timeZone, now: new Date(now - q.daysAgo * DAY), receipt: false },
      ),
    );
    if (q.answer) {
      const at = new Date(now - (q.daysAgo - q.answer.daysAfter) * DAY);
      const [row] = await db
        .update(questions)
        .set({ status: 'answered', answer: q.answer.text, answeredAt: at, updatedAt: at, handlerId: refs.get('user', q.answer.by) })
        .where(eq(questions.slug, asked.slug))
        .returning({ id: questions.id, functionId: questions.functionId });
      if (row) {
        await db.insert(questionEvents).values({
          tenantId,
          questionId: row.id,
          at,
          actorId: refs.get('user', q.answer.by),
          kind: 'answered',
          status: 'answered',
          functionId: row.functionId,
        });
      }
    }
  }
}

/**
 * Last year's questions, written with their histories: numbered in their own year's series, so
 * this year's questions (the hand-written ones) keep their numbers. A tenth came by phone, letter or
 * visit from someone anonymous; a sixth in a council's name.
 */
async function seedGenerated({ db, tenantId, timeZone, refs }: SeedContext, g: NonNullable<QuestionsSeedData['generated']>): Promise<void> {
  const year = localParts(new Date(), timeZone).year - 1;
  const [categories, fns, places, councils] = await Promise.all([
    db.select().from(questionCategories).where(eq(questionCategories.tenantId, tenantId)),
    listFunctions(db, tenantId),
    listLocalities(db, tenantId),
    listCouncilsForSeed(db, tenantId),
  ]);
  const handlers = new Map<string, string | null>(Object.entries(g.handlers).map(([fn, email]) => [refs.get('function', fn), refs.get('user', email)]));
  const rows = generateQuestions({
    random: seededRandom(g.seed),
    count: g.count,
    from: startOfLocalDay(`${year}-01-02`, timeZone),
    to: startOfLocalDay(`${year}-12-20`, timeZone),
    timeZone,
    categories: categories.map((c) => ({ id: c.id, code: c.code, functionId: c.functionId, dueDays: c.dueDays })),
    functions: fns.map((f) => ({ id: f.id, code: f.code })),
    localities: places.map((l) => ({ id: l.id, name: l.name })),
    askers: g.askers.map((email) => refs.get('user', email)),
    handlers,
    councils: councils.filter((c) => c.isPublic).map((c) => ({ id: c.id, localityId: c.localityId })),
  });
  await writeQuestions(db, tenantId, timeZone, rows);
}

export const questionsSeed: ModuleSeed = {
  after: ['tenancy', 'accounts', 'councils'],
  run: (ctx, data) => seedQuestions(ctx, data as QuestionsSeedData),
  // `n` more registered questions (`G{year}-{i}`) in the tenant's first category, for the register's budget.
  async grow({ db, tenantId }, n, offset) {
    const [category] = await db.select().from(questionCategories).where(eq(questionCategories.tenantId, tenantId)).limit(1);
    if (!category) return;
    const year = new Date().getFullYear();
    const range = Array.from({ length: n }, (_, k) => k + offset);
    await insertInBatches(
      db,
      questions,
      range.map((i) => ({
        tenantId,
        number: `G${year}/${i}`,
        slug: `g${year}-${i}`,
        year,
        serial: 100_000 + i,
        registeredFunctionId: category.functionId,
        functionId: category.functionId,
        categoryId: category.id,
        subject: `Fråga ${i}`,
        body: `Text ${i}`,
        receivedAt: new Date(Date.now() - i * 60_000),
      })),
    );
  },
};

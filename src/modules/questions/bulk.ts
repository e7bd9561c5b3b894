import { sql } from 'drizzle-orm';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import { localParts } from '../../platform/time.js';
import { seedConsents } from '../accounts/index.js';
import { DEFAULT_PATTERN } from './commands.js';
import { formatNumber, numberSlug } from './numbers.js';
import { askPath } from './paths.js';
import { questionConsentSubject } from './queries.js';
import { type OnBehalf, type QuestionStatus, questionEvents, questions, type SecretField } from './schema.js';

/** A question written directly, with its whole history: for generated demo data and the scale generator. */
export interface BulkQuestion {
  id: string;
  categoryId: string;
  /** Where it was registered, and (after a referral) where it is now. */
  registeredFunctionId: string;
  functionId: string;
  functionCode: string;
  localityId: string | null;
  subject: string;
  body: string;
  address: string;
  askerId: string | null;
  onBehalf?: OnBehalf | null;
  councilId: string | null;
  showName: boolean;
  receivedAt: Date;
  dueDate: string;
  status: QuestionStatus;
  /** Who took it up (the one who took its last handling step). */
  handlerId: string | null;
  answer: string;
  answeredAt: Date | null;
  secretFields: SecretField[];
  secrecyGround: string;
  events: { at: Date; actorId: string | null; kind: string; status: QuestionStatus | null; functionId: string; note: string }[];
}

/**
 * Writes questions with their histories in batches, numbering them as registration would (a serial
 * per function and year, in order of receipt, after any already given), and leaves the serial
 * counters at the last number given so the next question asked continues without a gap.
 */
export async function writeQuestions(db: Db, tenantId: string, timeZone: string, rows: BulkQuestion[], progress?: (n: number) => void): Promise<void> {
  if (!rows.length) return;
  const last = new Map<string, number>();
  const existing = await db.execute(sql`select function_id, year, last from question_serials where tenant_id = ${tenantId}`);
  for (const r of (existing as unknown as { rows: { function_id: string; year: number; last: number }[] }).rows)
    last.set(`${r.function_id}:${r.year}`, Number(r.last));
  const sorted = [...rows].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const values = sorted.map((q) => {
    const year = localParts(q.receivedAt, timeZone).year;
    const k = `${q.registeredFunctionId}:${year}`;
    const serial = (last.get(k) ?? 0) + 1;
    last.set(k, serial);
    const number = formatNumber(DEFAULT_PATTERN, { year, code: q.functionCode || 'X', serial });
    const updatedAt = q.events.at(-1)?.at ?? q.receivedAt;
    return {
      id: q.id,
      tenantId,
      number,
      slug: numberSlug(number),
      year,
      serial,
      registeredFunctionId: q.registeredFunctionId,
      receivedAt: q.receivedAt,
      functionId: q.functionId,
      categoryId: q.categoryId,
      subject: q.subject,
      body: q.body,
      localityId: q.localityId,
      address: q.address,
      askerId: q.askerId,
      onBehalf: q.onBehalf ?? null,
      councilId: q.councilId,
      status: q.status,
      handlerId: q.handlerId,
      dueDate: q.dueDate,
      answer: q.answer,
      answeredAt: q.answeredAt,
      secretFields: q.secretFields,
      secrecyGround: q.secrecyGround,
      secrecyAt: q.secretFields.length ? (q.events.find((e) => e.kind === 'secrecy')?.at ?? q.receivedAt) : null,
      createdAt: q.receivedAt,
      updatedAt,
    };
  });
  await insertInBatches(db, questions, values, { size: 300, progress });
  await seedConsents(
    db,
    tenantId,
    sorted.flatMap((q, i) =>
      q.showName && q.askerId && !q.onBehalf
        ? [
            {
              userId: q.askerId,
              kind: 'publicName' as const,
              via: askPath,
              about: { subject: questionConsentSubject(q.id), label: values[i]?.number ?? '' },
              givenAt: q.receivedAt,
            },
          ]
        : [],
    ),
  );
  await insertInBatches(
    db,
    questionEvents,
    sorted.flatMap((q) => q.events.map((e) => ({ tenantId, questionId: q.id, ...e, createdAt: e.at, updatedAt: e.at }))),
    { size: 1000 },
  );
  for (const [k, n] of last) {
    const [functionId, year] = k.split(':');
    await db.execute(sql`
      insert into question_serials (tenant_id, function_id, year, last) values (${tenantId}, ${functionId}, ${Number(year)}, ${n})
      on conflict (tenant_id, function_id, year) do update set last = greatest(question_serials.last, excluded.last)`);
  }
}

import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { Uuid } from '../http/validation.js';
import { formSubmissions } from './schema.js';

export { formSubmissions };

/** The form field that carries a form's one-time key. */
export const SUBMISSION_FIELD = '_submission';

/** A fresh key for a form that creates something; it goes in a hidden field. */
export function newSubmissionKey(): string {
  return randomUUID();
}

/** The key a submitted form carries, if it is one of ours. */
export function submissionKeyOf(body: unknown): string | null {
  const v = (body as Record<string, unknown> | undefined)?.[SUBMISSION_FIELD];
  return Uuid.safeParse(v).success ? (v as string).toLowerCase() : null;
}

/**
 * Runs a creating command once per form: inside the command's transaction, the key is claimed
 * before anything is written. A second submission of the same form waits for the first to commit
 * and then gets what the first one made, instead of making it again; if the first failed, its
 * claim went with it and the second goes ahead. Without a key (a client that sends none) the
 * command simply runs.
 */
export async function once(tx: Db, actor: Actor, key: string | null, create: () => Promise<string>): Promise<{ result: string; repeated: boolean }> {
  const userId = actor.user?.id;
  if (!key || !userId) return { result: await create(), repeated: false };
  const claimed = await tx
    .insert(formSubmissions)
    .values({ tenantId: actor.tenantId, key, userId, result: '' })
    .onConflictDoNothing()
    .returning({ key: formSubmissions.key });
  if (!claimed.length) {
    const [earlier] = await tx
      .select({ result: formSubmissions.result })
      .from(formSubmissions)
      .where(and(eq(formSubmissions.tenantId, actor.tenantId), eq(formSubmissions.key, key), eq(formSubmissions.userId, userId)));
    if (earlier?.result) return { result: earlier.result, repeated: true };
    // Someone else's key (it cannot be guessed) or a claim without a result: run as without a key.
    return { result: await create(), repeated: false };
  }
  const result = await create();
  await tx
    .update(formSubmissions)
    .set({ result })
    .where(and(eq(formSubmissions.tenantId, actor.tenantId), eq(formSubmissions.key, key)));
  // A day is long enough to catch any repeat; older keys of this person go.
  await tx.delete(formSubmissions).where(and(eq(formSubmissions.userId, userId), lt(formSubmissions.createdAt, sql`now() - interval '1 day'`)));
  return { result, repeated: false };
}

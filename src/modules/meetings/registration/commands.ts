import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { lockThenCount } from '../../../platform/db/limits.js';
import { optionalId, optionalText } from '../../../platform/http/fields.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { MeetingAccess } from '../core/access.js';
import { meetingRegistrations } from '../core/schema.js';

export const AnswerInput = z.object({
  answer: z.enum(['registered', 'declined']),
  organisationId: optionalId,
  note: optionalText(500),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

/**
 * Registers the person for a meeting, or records that they will not come. The meeting row is
 * locked while seats are counted, so a full meeting refuses the next person even when many
 * answer at the same moment; answering again changes the answer instead of adding one.
 */
export async function answerMeeting(
  db: Db,
  actor: Actor,
  access: MeetingAccess,
  input: AnswerInput,
  allowedOrganisations: string[],
): Promise<Result<{ status: 'registered' | 'declined' }>> {
  const user = actor.user;
  if (!user) throw new Error('answering needs a person');
  if (input.organisationId && !allowedOrganisations.includes(input.organisationId)) return fail('organisationId', 'platform.errors.choice');
  return db.transaction(async (tx) => {
    const { row: seats, n: taken } = await lockThenCount<{ capacity: number | null; status: string; registration_open: boolean }>(
      tx,
      sql`select m.capacity, m.status, m.registration_open from meetings m where m.id = ${access.meeting.id} for update`,
      sql`select count(*)::int as n from meeting_registrations r where r.meeting_id = ${access.meeting.id} and r.status = 'registered' and r.user_id <> ${user.id}`,
    );
    if (seats?.status !== 'published' || !seats.registration_open) return fail<{ status: 'registered' | 'declined' }>('_form', 'meetings.errors.closed');
    if (input.answer === 'registered' && seats.capacity !== null && taken >= seats.capacity) {
      return fail<{ status: 'registered' | 'declined' }>('_form', 'meetings.errors.full', { capacity: seats.capacity });
    }
    const values = { status: input.answer, organisationId: input.organisationId, note: input.note, updatedAt: new Date() };
    await tx
      .insert(meetingRegistrations)
      .values({ ...values, tenantId: actor.tenantId, meetingId: access.meeting.id, userId: user.id })
      .onConflictDoUpdate({ target: [meetingRegistrations.meetingId, meetingRegistrations.userId], set: values });
    await audit(tx, actor, `meeting.${input.answer === 'registered' ? 'register' : 'decline'}`, { type: 'meeting', id: access.meeting.id });
    return ok({ status: input.answer });
  });
}

/** Withdraws the person's answer altogether. */
export async function withdrawAnswer(db: Db, actor: Actor, access: MeetingAccess): Promise<boolean> {
  const user = actor.user;
  if (!user) return false;
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, access.meeting.id), eq(meetingRegistrations.userId, user.id)))
      .returning({ id: meetingRegistrations.id });
    if (gone.length) await audit(tx, actor, 'meeting.withdraw', { type: 'meeting', id: access.meeting.id });
    return gone.length > 0;
  });
}

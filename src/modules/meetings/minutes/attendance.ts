import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { MeetingAccess } from '../core/access.js';
import { meetingAttendance } from '../core/schema.js';

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().uuid('platform.errors.choice')).max(2000));

export const AttendanceInput = z.object({
  people: ids,
  organisations: ids,
  /** One guest a line, as the secretary writes the names. */
  guests: z
    .string()
    .max(10_000)
    .optional()
    .default('')
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(200, 'meetings.errors.guestName')).max(500)),
});
export type AttendanceInput = z.infer<typeof AttendanceInput>;

/**
 * Records who was at a meeting, replacing what was recorded before: people with accounts (from
 * the council and those who registered), member organisations, and named guests.
 */
export async function saveAttendance(
  db: Db,
  actor: Actor,
  access: MeetingAccess,
  input: AttendanceInput,
  allowed: { people: Set<string>; organisations: Set<string> },
): Promise<Result<{ present: number }>> {
  if (access.meeting.startsAt > new Date()) return fail('_form', 'meetings.errors.notYetHeld');
  if (input.people.some((id) => !allowed.people.has(id))) return fail('people', 'platform.errors.choice');
  if (input.organisations.some((id) => !allowed.organisations.has(id))) return fail('organisations', 'platform.errors.choice');
  const rows = [
    ...[...new Set(input.people)].map((userId) => ({ userId })),
    ...[...new Set(input.organisations)].map((organisationId) => ({ organisationId })),
    ...input.guests.map((guestName) => ({ guestName })),
  ].map((r) => ({ ...r, tenantId: actor.tenantId, meetingId: access.meeting.id }));
  return db.transaction(async (tx) => {
    await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, access.meeting.id));
    if (rows.length) await tx.insert(meetingAttendance).values(rows);
    await audit(
      tx,
      actor,
      'meeting.attendance',
      { type: 'meeting', id: access.meeting.id },
      { people: input.people.length, organisations: input.organisations.length, guests: input.guests.length },
    );
    return ok({ present: input.people.length + input.guests.length });
  });
}

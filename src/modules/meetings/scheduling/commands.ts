import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import { type Db, rowsOf } from '../../../platform/db/index.js';
import { isUniqueViolation, sameVersion } from '../../../platform/db/sql-helpers.js';
import { emit } from '../../../platform/events.js';
import { checkbox, optionalId, optionalInt, optionalText, optionalWebAddress } from '../../../platform/http/fields.js';
import { enqueue } from '../../../platform/jobs/index.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import { once } from '../../../platform/submissions/index.js';
import { localToUtc } from '../../../platform/time.js';
import { listCouncilPeople } from '../../councils/index.js';
import { getMeetingPlaces } from '../../places/index.js';
import { placeWaitingProposals } from '../agenda/proposals.js';
import type { MeetingAccess } from '../core/access.js';
import { meetingRegistrations, meetings } from '../core/schema.js';

export const MeetingInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: optionalText(5000),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'meetings.errors.date'),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'meetings.errors.time'),
    endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'meetings.errors.time'),
    placeKind: z.enum(['place', 'address', 'online']),
    meetingPlaceId: optionalId,
    address: optionalText(300),
    onlineUrl: optionalWebAddress,
    accessibility: optionalText(2000),
    capacity: optionalInt(1, 100_000),
    registrationOpen: checkbox,
    visibility: z.enum(['public', 'members']).optional().default('public'),
  })
  .refine((v) => v.endTime > v.startTime, { path: ['endTime'], message: 'meetings.errors.endBeforeStart' })
  .refine((v) => v.placeKind !== 'place' || v.meetingPlaceId !== null, { path: ['meetingPlaceId'], message: 'meetings.errors.placeRequired' })
  .refine((v) => v.placeKind !== 'address' || v.address !== '', { path: ['address'], message: 'meetings.errors.addressRequired' })
  .refine((v) => v.placeKind !== 'online' || v.onlineUrl !== '', { path: ['onlineUrl'], message: 'meetings.errors.urlRequired' });
export type MeetingInput = z.infer<typeof MeetingInput>;

export const CancelInput = z.object({ reason: z.string().trim().min(1).max(1000) });
export type CancelInput = z.infer<typeof CancelInput>;

/** Who holds a new meeting: a council (with the actor's roles) or a municipal body. */
export type Organiser = { council: MeetingAccess['council']; body: MeetingAccess['body'] };

/** The stored columns of a meeting form, or the field that is wrong. */
async function columnsOf(db: Db, actor: Actor, organiser: Organiser, input: MeetingInput, timeZone: string) {
  const startsAt = localToUtc(input.date, input.startTime, timeZone);
  const endsAt = localToUtc(input.date, input.endTime, timeZone);
  if (!startsAt) return fail<never>('date', 'meetings.errors.date');
  if (!endsAt || endsAt <= startsAt) return fail<never>('endTime', 'meetings.errors.endBeforeStart');
  if (input.placeKind === 'place' && input.meetingPlaceId) {
    const found = await getMeetingPlaces(db, actor.tenantId, [input.meetingPlaceId]);
    if (!found.has(input.meetingPlaceId)) return fail<never>('meetingPlaceId', 'platform.errors.choice');
  }
  // A private network's meetings are never public, and a municipal body's always are.
  const visibility = organiser.body ? 'public' : organiser.council && !organiser.council.isPublic ? 'members' : input.visibility;
  return ok({
    title: input.title,
    description: input.description,
    startsAt,
    endsAt,
    placeKind: input.placeKind,
    meetingPlaceId: input.placeKind === 'place' ? input.meetingPlaceId : null,
    address: input.placeKind === 'address' ? input.address : '',
    onlineUrl: input.placeKind === 'online' ? input.onlineUrl : '',
    accessibility: input.accessibility,
    capacity: input.capacity,
    registrationOpen: input.registrationOpen,
    visibility: visibility as 'public' | 'members',
  });
}

/** Schedules a meeting as a draft; its address is its date and organiser (a second one the same day gets -2). */
export async function createMeeting(
  db: Db,
  actor: Actor,
  organiser: Organiser,
  input: MeetingInput,
  timeZone: string,
  submissionKey: string | null = null,
): Promise<Result<{ slug: string }>> {
  const cols = await columnsOf(db, actor, organiser, input, timeZone);
  if (!cols.ok) return cols;
  const base = `${input.date}-${organiser.council?.slug ?? organiser.body?.slug ?? 'mote'}`;
  for (let n = 1; n <= 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    try {
      return await db.transaction(async (tx) => {
        // A second submission of the same form leads to the meeting the first one made.
        const made = await once(tx, actor, submissionKey, async () => {
          const [row] = await tx
            .insert(meetings)
            .values({
              ...cols.value,
              tenantId: actor.tenantId,
              slug,
              councilId: organiser.council?.id ?? null,
              bodyId: organiser.body?.id ?? null,
              createdBy: actor.user?.id ?? null,
            })
            .returning({ id: meetings.id, slug: meetings.slug });
          if (!row) throw new Error('meeting not created');
          // What waits for the council's next meeting (an answer to its question) goes on this one's agenda.
          if (organiser.council && cols.value.startsAt > new Date()) await placeWaitingProposals(tx, actor.tenantId, organiser.council.id, row.id);
          await audit(tx, actor, 'meeting.create', { type: 'meeting', id: row.id }, { title: input.title, startsAt: cols.value.startsAt.toISOString() });
          return row.slug;
        });
        return ok({ slug: made.result });
      });
    } catch (err) {
      if (!isUniqueViolation(err, 'meetings_tenant_slug_key')) throw err;
    }
  }
  return fail('_form', 'meetings.errors.tooManySameDay');
}

/**
 * Changes a meeting. A published meeting's SEQUENCE goes up so calendars that subscribed take the
 * change; a form loaded before someone else's change is refused rather than overwriting it.
 */
export async function updateMeeting(
  db: Db,
  actor: Actor,
  access: MeetingAccess,
  input: MeetingInput,
  timeZone: string,
  version: Date,
): Promise<Result<{ slug: string }>> {
  const cols = await columnsOf(db, actor, access, input, timeZone);
  if (!cols.ok) return cols;
  const m = access.meeting;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ ...cols.value, sequence: m.status === 'draft' ? m.sequence : sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(and(eq(meetings.id, m.id), eq(meetings.tenantId, actor.tenantId), sameVersion(meetings.updatedAt, version)))
      .returning({ slug: meetings.slug });
    if (!row) return fail<{ slug: string }>('_form', 'platform.errors.stale');
    await audit(tx, actor, 'meeting.update', { type: 'meeting', id: m.id }, { title: input.title, startsAt: cols.value.startsAt.toISOString() });
    // A published meeting that moves (another time or place) is news to those who follow it and those coming.
    const c = cols.value;
    const moved =
      m.status === 'published' &&
      (c.startsAt.getTime() !== m.startsAt.getTime() ||
        c.endsAt.getTime() !== m.endsAt.getTime() ||
        c.placeKind !== m.placeKind ||
        c.meetingPlaceId !== m.meetingPlaceId ||
        c.address !== m.address ||
        c.onlineUrl !== m.onlineUrl);
    if (moved) {
      await emit(tx, actor, 'meetings.moved', {
        meetingId: m.id,
        councilId: access.council?.id ?? null,
        bodyId: access.body?.id ?? null,
        startsAt: c.startsAt.toISOString(),
      });
    }
    return ok(row);
  });
}

/** Publishes a draft meeting: it appears in calendars and feeds and people can register. */
export async function publishMeeting(db: Db, actor: Actor, access: MeetingAccess): Promise<Result<null>> {
  if (access.meeting.status === 'cancelled') return fail('_form', 'meetings.errors.cancelled');
  if (access.meeting.status === 'published') return ok(null);
  return db.transaction(async (tx) => {
    const [published] = await tx
      .update(meetings)
      .set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(meetings.id, access.meeting.id), eq(meetings.status, 'draft')))
      .returning({ id: meetings.id });
    if (!published) return ok(null);
    await audit(tx, actor, 'meeting.publish', { type: 'meeting', id: access.meeting.id });
    await emit(tx, actor, 'meetings.published', { meetingId: access.meeting.id, councilId: access.council?.id ?? null, bodyId: access.body?.id ?? null });
    return ok(null);
  });
}

/** Cancels a meeting: calendars get STATUS:CANCELLED, and everyone registered is told why. */
export async function cancelMeeting(db: Db, actor: Actor, access: MeetingAccess, input: CancelInput): Promise<Result<null>> {
  if (access.meeting.status === 'cancelled') return ok(null);
  // A meeting that has begun happened: it gets minutes, not a cancellation (the page offers none either).
  if (access.meeting.startsAt <= new Date()) return fail('_form', 'meetings.errors.alreadyStarted');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ status: 'cancelled', cancelReason: input.reason, sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(and(eq(meetings.id, access.meeting.id), sql`${meetings.status} <> 'cancelled'`, sql`${meetings.startsAt} > now()`))
      .returning({ id: meetings.id, wasPublished: sql<boolean>`${meetings.publishedAt} is not null` });
    if (!row) return ok(null);
    await audit(tx, actor, 'meeting.cancel', { type: 'meeting', id: access.meeting.id }, { reason: input.reason });
    // Those who answered are told by the module's own subscriber, queued in this transaction.
    await emit(tx, actor, 'meetings.cancelled', {
      meetingId: access.meeting.id,
      councilId: access.council?.id ?? null,
      bodyId: access.body?.id ?? null,
      reason: input.reason,
      wasPublished: row.wasPublished,
    });
    return ok(null);
  });
}

/** Invites the council's people who have not answered yet, by e-mail, once the meeting is published. */
export async function inviteMembers(db: Db, actor: Actor, access: MeetingAccess): Promise<Result<{ invited: number }>> {
  if (access.meeting.status !== 'published') return fail('_form', 'meetings.errors.notPublished');
  if (!access.council) return fail('_form', 'meetings.errors.noMembers');
  const people = await listCouncilPeople(db, access.council.id);
  return db.transaction(async (tx) => {
    // The meeting row is locked so two clicks on "invite" do not send two invitations each.
    const [locked] = rowsOf<{ invited_at: string | null }>(await tx.execute(sql`select invited_at from meetings where id = ${access.meeting.id} for update`));
    const answered = new Set(
      (await tx.select({ userId: meetingRegistrations.userId }).from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, access.meeting.id))).map(
        (r) => r.userId,
      ),
    );
    const invitedAt = locked?.invited_at;
    if (invitedAt && Date.now() - new Date(invitedAt).getTime() < 60_000) return ok({ invited: 0 });
    const toInvite = [...new Set(people.map((p) => p.userId))].filter((id) => !answered.has(id));
    for (const userId of toInvite) await enqueue(tx, 'meetings.sendInvitation', { meetingId: access.meeting.id, userId }, { tenantId: actor.tenantId });
    await tx.update(meetings).set({ invitedAt: new Date() }).where(eq(meetings.id, access.meeting.id));
    await audit(tx, actor, 'meeting.invite', { type: 'meeting', id: access.meeting.id }, { invited: toInvite.length });
    return ok({ invited: toInvite.length });
  });
}

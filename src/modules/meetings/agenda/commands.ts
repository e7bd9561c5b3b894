import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import { type Db, rowsOf } from '../../../platform/db/index.js';
import { optionalInt, optionalText } from '../../../platform/http/fields.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import { once } from '../../../platform/submissions/index.js';
import type { MeetingAccess } from '../core/access.js';
import { agendaItems, meetings } from '../core/schema.js';

/** An agenda longer than this is not a meeting's agenda; the limit keeps every meeting page small. */
export const MAX_AGENDA_ITEMS = 40;

export const AgendaItemInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: optionalText(5000),
  presenter: optionalText(200),
  durationMinutes: optionalInt(1, 600),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

/** A changed agenda is a change calendars should see once the meeting is published. */
async function touchMeeting(tx: Db, access: MeetingAccess): Promise<void> {
  await tx
    .update(meetings)
    .set({ updatedAt: new Date(), sequence: access.meeting.status === 'draft' ? access.meeting.sequence : sql`${meetings.sequence} + 1` })
    .where(eq(meetings.id, access.meeting.id));
}

/** Adds an item at the end of the agenda. */
export async function addAgendaItem(
  db: Db,
  actor: Actor,
  access: MeetingAccess,
  input: AgendaItemInput,
  submissionKey: string | null = null,
): Promise<Result<{ id: string }>> {
  const full = Symbol('agenda full');
  try {
    const made = await db.transaction(async (tx) => {
      // Locking the meeting keeps positions unique when two people add items at once.
      await tx.execute(sql`select 1 from meetings where id = ${access.meeting.id} for update`);
      // The same form sent twice adds the item once.
      return once(tx, actor, submissionKey, async () => {
        const [count] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from agenda_items where meeting_id = ${access.meeting.id}`));
        if ((count?.n ?? 0) >= MAX_AGENDA_ITEMS) throw full;
        const [row] = await tx
          .insert(agendaItems)
          .values({
            ...input,
            tenantId: actor.tenantId,
            meetingId: access.meeting.id,
            position: sql`(select coalesce(max(position), 0) + 1 from agenda_items where meeting_id = ${access.meeting.id})`,
          })
          .returning({ id: agendaItems.id });
        if (!row) throw new Error('agenda item not added');
        await touchMeeting(tx, access);
        await audit(tx, actor, 'meeting.agenda.add', { type: 'meeting', id: access.meeting.id }, { title: input.title });
        return row.id;
      });
    });
    return ok({ id: made.result });
  } catch (err) {
    if (err === full) return fail<{ id: string }>('_form', 'meetings.errors.agendaFull', { max: MAX_AGENDA_ITEMS });
    throw err;
  }
}

/** Changes one agenda item. */
export async function updateAgendaItem(db: Db, actor: Actor, access: MeetingAccess, itemId: string, input: AgendaItemInput): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(agendaItems)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, access.meeting.id)))
      .returning({ id: agendaItems.id });
    if (!row) return fail<null>('_form', 'meetings.errors.itemGone');
    await touchMeeting(tx, access);
    await audit(tx, actor, 'meeting.agenda.update', { type: 'meeting', id: access.meeting.id }, { item: itemId, title: input.title });
    return ok(null);
  });
}

/** Moves an agenda item one step up or down. */
export async function moveAgendaItem(db: Db, actor: Actor, access: MeetingAccess, itemId: string, direction: 'up' | 'down'): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from meetings where id = ${access.meeting.id} for update`);
    const items = await tx
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, access.meeting.id))
      .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
    const i = items.findIndex((x) => x.id === itemId);
    if (i < 0) return false;
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= items.length) return true;
    const order = items.map((x) => x.id);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
    // Renumbered 1..n in one statement, so positions stay dense whatever happened before.
    await tx.execute(sql`update agenda_items a set position = o.n, updated_at = now()
      from unnest(${sql.param(order)}::uuid[]) with ordinality as o(id, n) where a.id = o.id`);
    await touchMeeting(tx, access);
    await audit(tx, actor, 'meeting.agenda.move', { type: 'meeting', id: access.meeting.id }, { item: itemId, direction });
    return true;
  });
}

/** Removes an agenda item (and the documents attached to it). */
export async function removeAgendaItem(db: Db, actor: Actor, access: MeetingAccess, itemId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, access.meeting.id)))
      .returning({ title: agendaItems.title });
    if (!gone) return false;
    await touchMeeting(tx, access);
    await audit(tx, actor, 'meeting.agenda.remove', { type: 'meeting', id: access.meeting.id }, { item: itemId, title: gone.title });
    return true;
  });
}

import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../../platform/db/index.js';
import { agendaProposals, meetings } from '../core/schema.js';
import { MAX_AGENDA_ITEMS } from './commands.js';

/** What another module asks to have on a council's next agenda; `source` says what it is, once per source. */
export interface AgendaProposal {
  tenantId: string;
  councilId: string;
  /** `question:<id>`: the same source is put on an agenda once. */
  source: string;
  title: string;
  description: string;
  /** What the minutes say of it unless the secretary writes otherwise. */
  reportedText: string;
}

/** Puts a waiting proposal at the end of a meeting's agenda (unless the agenda is full or has it); true if placed. */
async function place(tx: Db, proposal: { id: string } & AgendaProposal, meetingId: string): Promise<boolean> {
  // Locking the meeting keeps positions unique beside a secretary adding items at the same time.
  await tx.execute(sql`select 1 from meetings where id = ${meetingId} for update`);
  const added = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into agenda_items (tenant_id, meeting_id, position, title, description, source, reported_text)
      select ${proposal.tenantId}::uuid, ${meetingId}::uuid, coalesce(max(position), 0) + 1, ${proposal.title}, ${proposal.description}, ${proposal.source}, ${proposal.reportedText}
      from agenda_items where meeting_id = ${meetingId} having count(*) < ${MAX_AGENDA_ITEMS}
      on conflict do nothing
      returning id`),
  );
  if (!added.length) return false;
  const now = new Date();
  await tx.update(agendaProposals).set({ placedMeetingId: meetingId, placedAt: now, updatedAt: now }).where(eq(agendaProposals.id, proposal.id));
  await tx
    .update(meetings)
    .set({ updatedAt: now, sequence: sql`case when ${meetings.status} = 'draft' then ${meetings.sequence} else ${meetings.sequence} + 1 end` })
    .where(eq(meetings.id, meetingId));
  return true;
}

/**
 * Asks for something on a council's next meeting's agenda: placed now on the council's next meeting
 * that has not begun (planned or published), or kept until the council's next meeting is made.
 * Runs in the caller's transaction; a second call with the same source does nothing.
 */
export async function proposeForNextMeeting(tx: Db, p: AgendaProposal): Promise<{ placedIn: string | null }> {
  const [made] = await tx
    .insert(agendaProposals)
    .values({ tenantId: p.tenantId, councilId: p.councilId, source: p.source, title: p.title, description: p.description, reportedText: p.reportedText })
    .onConflictDoNothing()
    .returning({ id: agendaProposals.id });
  if (!made) return { placedIn: null };
  const [next] = await tx
    .select({ id: meetings.id, slug: meetings.slug })
    .from(meetings)
    .where(
      and(
        eq(meetings.tenantId, p.tenantId),
        eq(meetings.councilId, p.councilId),
        inArray(meetings.status, ['draft', 'published']),
        gt(meetings.startsAt, new Date()),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  if (next && (await place(tx, { ...p, id: made.id }, next.id))) return { placedIn: next.slug };
  return { placedIn: null };
}

/** Puts what waits for a council's next meeting on a meeting just made for it, oldest first. */
export async function placeWaitingProposals(tx: Db, tenantId: string, councilId: string, meetingId: string): Promise<void> {
  const waiting = await tx
    .select()
    .from(agendaProposals)
    .where(and(eq(agendaProposals.tenantId, tenantId), eq(agendaProposals.councilId, councilId), isNull(agendaProposals.placedAt)))
    .orderBy(asc(agendaProposals.createdAt))
    .limit(MAX_AGENDA_ITEMS);
  for (const w of waiting) if (!(await place(tx, w, meetingId))) break;
}

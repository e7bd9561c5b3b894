import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { sameVersion } from '../../../platform/db/sql-helpers.js';
import { emit } from '../../../platform/events.js';
import type { FieldError } from '../../../platform/http/forms.js';
import { UNSAFE_CHARS } from '../../../platform/http/validation.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { AgendaItem, MeetingAccess, Minutes } from '../core/access.js';
import { actionItems, agendaItems, type MinutesAction, type MinutesItem, meetingMinutes } from '../core/schema.js';

/** What the minutes form carries once read and checked. */
export interface MinutesDraft {
  preamble: string;
  items: MinutesItem[];
  checkerIds: string[];
  correctionNote: string;
}

const str = (body: Record<string, unknown>, k: string): string => {
  const v = body[k];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '';
};

/** A fresh key for a new action item: it keeps the item the same across corrected versions. */
export const newActionKey = (): string => randomBytes(6).toString('hex');

/**
 * Reads the minutes form: per item `discussion_i` and `decisions_i`, and action rows
 * `action_i_j_description`, `_owner`, `_due`, `_key`. A row without a description is dropped;
 * a row with an owner or a date but no description is an error, so nothing typed is lost quietly.
 */
export function readMinutesForm(
  body: unknown,
  current: Minutes,
  allowedCheckers: Set<string>,
): { ok: true; draft: MinutesDraft } | { ok: false; errors: Record<string, FieldError> } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: Record<string, FieldError> = {};
  const tooLong = (field: string, value: string, max: number) => {
    if (value.length > max) errors[field] = { key: 'platform.errors.tooLong', vars: { max } };
  };
  const preamble = str(b, 'preamble');
  tooLong('preamble', preamble, 5000);
  const items: MinutesItem[] = current.items.map((item, i) => {
    const discussion = str(b, `discussion_${i}`);
    const decisions = str(b, `decisions_${i}`);
    tooLong(`discussion_${i}`, discussion, 20_000);
    tooLong(`decisions_${i}`, decisions, 10_000);
    const actions: MinutesAction[] = [];
    for (let j = 0; j < 50; j++) {
      const p = `action_${i}_${j}`;
      if (!(`${p}_description` in b)) break;
      const description = str(b, `${p}_description`);
      const owner = str(b, `${p}_owner`);
      const ownerId = str(b, `${p}_ownerId`);
      const due = str(b, `${p}_due`);
      const key = str(b, `${p}_key`);
      if (ownerId && !allowedCheckers.has(ownerId)) errors[`${p}_ownerId`] = { key: 'platform.errors.choice' };
      if (!description) {
        if (owner || due || ownerId) errors[`${p}_description`] = { key: 'meetings.errors.actionDescription' };
        continue;
      }
      tooLong(`${p}_description`, description, 1000);
      tooLong(`${p}_owner`, owner, 200);
      if (due && (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(new Date(`${due}T00:00:00Z`).getTime()))) {
        errors[`${p}_due`] = { key: 'meetings.errors.date' };
      }
      actions.push({ key: /^[0-9a-f]{12}$/.test(key) ? key : newActionKey(), description, owner, ...(ownerId ? { ownerId } : {}), due });
    }
    return { ...item, discussion, decisions, actions };
  });
  const checkerIds = [...new Set([str(b, 'checker1'), str(b, 'checker2')].filter(Boolean))];
  for (const [n, id] of [str(b, 'checker1'), str(b, 'checker2')].entries()) {
    if (id && !allowedCheckers.has(id)) errors[`checker${n + 1}`] = { key: 'platform.errors.choice' };
  }
  const correctionNote = str(b, 'correctionNote');
  tooLong('correctionNote', correctionNote, 2000);
  if (current.version > 1 && !correctionNote) errors.correctionNote = { key: 'meetings.errors.correctionNote' };
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, draft: { preamble, items, checkerIds, correctionNote } };
}

/** The refusal for a change to minutes that are no longer a draft. */
function locked(m: Minutes): Result<never> {
  return fail('_form', m.status === 'published' ? 'meetings.errors.minutesPublished' : 'meetings.errors.minutesLocked');
}

/** Starts the first version of a meeting's minutes from its agenda, once the meeting has begun. */
export async function startMinutes(db: Db, actor: Actor, access: MeetingAccess, agenda: AgendaItem[]): Promise<Result<null>> {
  if (access.meeting.startsAt > new Date()) return fail('_form', 'meetings.errors.notYetHeld');
  if (access.meeting.status === 'cancelled') return fail('_form', 'meetings.errors.cancelled');
  // An item another module put on the agenda (an answer to the council's question) is recorded as reported unless the secretary writes otherwise.
  const items: MinutesItem[] = agenda.map((a) => ({ agendaItemId: a.id, title: a.title, discussion: '', decisions: a.reportedText, actions: [] }));
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(meetingMinutes)
      .values({ tenantId: actor.tenantId, meetingId: access.meeting.id, version: 1, items })
      .onConflictDoNothing()
      .returning({ id: meetingMinutes.id });
    if (created[0]) await audit(tx, actor, 'minutes.start', { type: 'meeting', id: access.meeting.id });
    return ok(null);
  });
}

/** Saves the draft; refused once the minutes are out for checking or published, or if someone saved in between. */
export async function saveMinutes(db: Db, actor: Actor, minutes: Minutes, draft: MinutesDraft, version: Date): Promise<Result<null>> {
  if (minutes.status !== 'draft') return locked(minutes);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetingMinutes)
      .set({ ...draft, updatedAt: new Date() })
      .where(and(eq(meetingMinutes.id, minutes.id), eq(meetingMinutes.status, 'draft'), sameVersion(meetingMinutes.updatedAt, version)))
      .returning({ id: meetingMinutes.id });
    if (!row) return fail<null>('_form', 'platform.errors.stale');
    await audit(tx, actor, 'minutes.save', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version });
    return ok(null);
  });
}

/** Sends the draft to the appointed checkers (justering); it cannot be changed while they read it. */
export async function sendForChecking(db: Db, actor: Actor, minutes: Minutes): Promise<Result<null>> {
  if (minutes.status !== 'draft') return locked(minutes);
  if (minutes.checkerIds.length === 0) return fail('_form', 'meetings.errors.noCheckers');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetingMinutes)
      .set({ status: 'checking', checkedBy: [], returnNote: '', updatedAt: new Date() })
      .where(and(eq(meetingMinutes.id, minutes.id), eq(meetingMinutes.status, 'draft')))
      .returning({ id: meetingMinutes.id });
    if (!row) return locked(minutes);
    await audit(tx, actor, 'minutes.sendForChecking', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version });
    return ok(null);
  });
}

/** A checker approves the minutes; when every appointed checker has, they are checked (justerat). */
export async function approveMinutes(db: Db, actor: Actor, minutes: Minutes): Promise<Result<{ allChecked: boolean }>> {
  const me = actor.user?.id;
  if (!me || !minutes.checkerIds.includes(me)) return fail('_form', 'meetings.errors.notChecker');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetingMinutes)
      .set({
        checkedBy: sql`array(select distinct unnest(${meetingMinutes.checkedBy} || ${sql.param([me])}::uuid[]))`,
        status: sql`case when ${meetingMinutes.checkerIds} <@ (${meetingMinutes.checkedBy} || ${sql.param([me])}::uuid[]) then 'checked' else 'checking' end`,
        updatedAt: new Date(),
      })
      .where(and(eq(meetingMinutes.id, minutes.id), eq(meetingMinutes.status, 'checking')))
      .returning({ status: meetingMinutes.status });
    if (!row) return fail<{ allChecked: boolean }>('_form', 'meetings.errors.notChecking');
    await audit(tx, actor, 'minutes.approve', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version });
    return ok({ allChecked: row.status === 'checked' });
  });
}

/** A checker sends the minutes back to the secretary with what needs changing. */
export async function returnMinutes(db: Db, actor: Actor, minutes: Minutes, note: string): Promise<Result<null>> {
  const me = actor.user?.id;
  if (!me || !minutes.checkerIds.includes(me)) return fail('_form', 'meetings.errors.notChecker');
  if (!note.trim()) return fail('returnNote', 'meetings.errors.returnNote');
  if (note.length > 2000) return fail('returnNote', 'platform.errors.tooLong', { max: 2000 });
  if (UNSAFE_CHARS.test(note)) return fail('returnNote', 'platform.errors.characters');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetingMinutes)
      .set({ status: 'draft', checkedBy: [], returnNote: note.trim(), updatedAt: new Date() })
      .where(and(eq(meetingMinutes.id, minutes.id), eq(meetingMinutes.status, 'checking')))
      .returning({ id: meetingMinutes.id });
    if (!row) return fail<null>('_form', 'meetings.errors.notChecking');
    await audit(tx, actor, 'minutes.return', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version });
    return ok(null);
  });
}

/**
 * Publishes checked minutes. The version before, if any, stays readable as superseded. The
 * action items written in them are brought to the council's list: new ones added, changed ones
 * updated (whether they are done is kept), and ones a correction removed are withdrawn.
 */
export async function publishMinutes(db: Db, actor: Actor, access: MeetingAccess, minutes: Minutes): Promise<Result<null>> {
  if (minutes.status === 'published') return locked(minutes);
  if (minutes.status !== 'checked') return fail('_form', 'meetings.errors.notChecked');
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(meetingMinutes)
      .set({ status: 'published', publishedAt: now, publishedBy: actor.user?.id ?? null, updatedAt: now })
      .where(and(eq(meetingMinutes.id, minutes.id), eq(meetingMinutes.status, 'checked')))
      .returning({ id: meetingMinutes.id });
    if (!row) return fail<null>('_form', 'meetings.errors.notChecked');
    await tx
      .update(meetingMinutes)
      .set({ supersededAt: now, updatedAt: now })
      .where(
        and(
          eq(meetingMinutes.meetingId, minutes.meetingId),
          eq(meetingMinutes.status, 'published'),
          isNull(meetingMinutes.supersededAt),
          sql`${meetingMinutes.version} < ${minutes.version}`,
        ),
      );
    const actions = minutes.items.flatMap((item) => item.actions.map((a) => ({ ...a, agendaTitle: item.title })));
    for (const a of actions) {
      const values = {
        agendaTitle: a.agendaTitle,
        description: a.description,
        owner: a.owner,
        ownerUserId: a.ownerId || null,
        dueDate: a.due || null,
        withdrawnAt: null,
        updatedAt: now,
      };
      await tx
        .insert(actionItems)
        .values({ ...values, tenantId: actor.tenantId, meetingId: minutes.meetingId, councilId: access.council?.id ?? null, key: a.key })
        .onConflictDoUpdate({ target: [actionItems.meetingId, actionItems.key], set: values });
    }
    await tx
      .update(actionItems)
      .set({ withdrawnAt: now, updatedAt: now })
      .where(
        and(
          eq(actionItems.meetingId, minutes.meetingId),
          isNull(actionItems.withdrawnAt),
          actions.length
            ? notInArray(
                actionItems.key,
                actions.map((a) => a.key),
              )
            : undefined,
        ),
      );
    await audit(tx, actor, 'minutes.publish', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version });
    // The items other modules put on the agenda and the minutes kept: they were reported at this meeting.
    const inMinutes = minutes.items.map((i) => i.agendaItemId).filter((id): id is string => !!id);
    const reported = inMinutes.length
      ? await tx
          .select({ source: agendaItems.source })
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, minutes.meetingId), inArray(agendaItems.id, inMinutes), ne(agendaItems.source, '')))
      : [];
    await emit(tx, actor, 'meetings.minutesPublished', {
      meetingId: minutes.meetingId,
      councilId: access.council?.id ?? null,
      minutesId: minutes.id,
      version: minutes.version,
      actionItemKeys: actions.map((a) => a.key),
      reported: reported.map((r) => r.source),
      meeting: { slug: access.meeting.slug, title: access.meeting.title, startsAt: access.meeting.startsAt.toISOString() },
    });
    return ok(null);
  });
}

/** Starts a correction of published minutes: a new draft version, the published one staying as it is until the new one is published. */
export async function startCorrection(db: Db, actor: Actor, minutes: Minutes): Promise<Result<null>> {
  if (minutes.status !== 'published' || minutes.supersededAt) return fail('_form', 'meetings.errors.correctionExists');
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: meetingMinutes.version })
      .from(meetingMinutes)
      .where(eq(meetingMinutes.meetingId, minutes.meetingId))
      .orderBy(desc(meetingMinutes.version))
      .limit(1);
    if (latest && latest.version !== minutes.version) return fail<null>('_form', 'meetings.errors.correctionExists');
    await tx
      .insert(meetingMinutes)
      .values({
        tenantId: actor.tenantId,
        meetingId: minutes.meetingId,
        version: minutes.version + 1,
        items: minutes.items,
        preamble: minutes.preamble,
        checkerIds: minutes.checkerIds,
      })
      .onConflictDoNothing();
    await audit(tx, actor, 'minutes.startCorrection', { type: 'meeting', id: minutes.meetingId }, { version: minutes.version + 1 });
    return ok(null);
  });
}

/** Marks an action item done, or not done again. */
export async function setActionDone(db: Db, actor: Actor, access: MeetingAccess, actionId: string, done: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(actionItems)
      .set({ doneAt: done ? new Date() : null, doneBy: done ? (actor.user?.id ?? null) : null, updatedAt: new Date() })
      .where(and(eq(actionItems.id, actionId), eq(actionItems.meetingId, access.meeting.id)))
      .returning({ id: actionItems.id, description: actionItems.description });
    if (!row) return false;
    await audit(tx, actor, done ? 'action.done' : 'action.reopen', { type: 'meeting', id: access.meeting.id }, { action: actionId });
    await emit(tx, actor, 'meetings.actionItemDone', {
      actionItemId: row.id,
      meetingId: access.meeting.id,
      councilId: access.meeting.councilId,
      done,
      description: row.description,
      meeting: { slug: access.meeting.slug, title: access.meeting.title },
    });
    return true;
  });
}

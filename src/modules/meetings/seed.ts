import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { unwrap } from '../../platform/result.js';
import { localParts } from '../../platform/time.js';
import { saveBody } from './bodies/commands.js';
import {
  actionItems,
  agendaItems,
  type MinutesItem,
  meetingAttendance,
  meetingDocuments,
  meetingMinutes,
  meetingRegistrations,
  meetings,
} from './core/schema.js';
import { newActionKey } from './minutes/commands.js';

/** A meeting as demo data or a test describes it, with its agenda, answers, attendance and minutes. */
export interface SeedMeeting {
  councilId?: string;
  bodyId?: string;
  /** The organiser's slug: the meeting's address is its date and this. */
  slugBase: string;
  title: string;
  description?: string;
  startsAt: Date;
  endsAt: Date;
  place: { kind: 'place'; id: string } | { kind: 'address'; address: string } | { kind: 'online'; url: string };
  accessibility?: string;
  capacity?: number | null;
  registrationOpen?: boolean;
  visibility?: 'public' | 'members';
  status: 'draft' | 'published' | 'cancelled';
  cancelReason?: string;
  sequence?: number;
  agenda?: { title: string; presenter?: string; minutes?: number; description?: string }[];
  registrations?: { userId: string; status: 'registered' | 'declined'; organisationId?: string }[];
  attendance?: { userIds?: string[]; organisationIds?: string[]; guests?: string[] };
  minutes?: {
    status: 'draft' | 'checking' | 'checked' | 'published';
    preamble: string;
    /** Per agenda item, in order. */
    items: { discussion: string; decisions: string; actions?: { description: string; owner: string; due: string; done?: boolean }[] }[];
    checkerIds: string[];
    checkedBy?: string[];
  };
  documents?: { filename: string; contentType: string; data: Uint8Array; isPublic: boolean; agendaIndex?: number }[];
}

/**
 * Writes many meetings at once, rows in bulk (demo data and tests; the pages and forms go through
 * the commands). Each meeting's address is its local date and organiser, made unique.
 */
export async function seedMeetings(db: Db, tenantId: string, timeZone: string, list: SeedMeeting[]): Promise<Map<SeedMeeting, { id: string; slug: string }>> {
  const out = new Map<SeedMeeting, { id: string; slug: string }>();
  const used = new Set<string>();
  const meetingRows: (typeof meetings.$inferInsert)[] = [];
  const agendaRows: (typeof agendaItems.$inferInsert)[] = [];
  const regRows: (typeof meetingRegistrations.$inferInsert)[] = [];
  const attRows: (typeof meetingAttendance.$inferInsert)[] = [];
  const minutesRows: (typeof meetingMinutes.$inferInsert)[] = [];
  const actionRows: (typeof actionItems.$inferInsert)[] = [];
  const docRows: (typeof meetingDocuments.$inferInsert)[] = [];
  for (const s of list) {
    const id = randomUUID();
    const base = `${localParts(s.startsAt, timeZone).date}-${s.slugBase}`;
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    out.set(s, { id, slug });
    const created = new Date(s.startsAt.getTime() - 30 * 24 * 3600_000);
    meetingRows.push({
      id,
      tenantId,
      slug,
      councilId: s.councilId ?? null,
      bodyId: s.bodyId ?? null,
      title: s.title,
      description: s.description ?? '',
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      placeKind: s.place.kind,
      meetingPlaceId: s.place.kind === 'place' ? s.place.id : null,
      address: s.place.kind === 'address' ? s.place.address : '',
      onlineUrl: s.place.kind === 'online' ? s.place.url : '',
      accessibility: s.accessibility ?? '',
      capacity: s.capacity ?? null,
      registrationOpen: s.registrationOpen ?? true,
      visibility: s.visibility ?? 'public',
      status: s.status,
      cancelReason: s.cancelReason ?? '',
      sequence: s.sequence ?? (s.status === 'cancelled' ? 1 : 0),
      publishedAt: s.status === 'draft' ? null : created,
      createdAt: created,
      updatedAt: created,
    });
    const agendaIds = (s.agenda ?? []).map(() => randomUUID());
    (s.agenda ?? []).forEach((a, i) => {
      agendaRows.push({
        id: agendaIds[i],
        tenantId,
        meetingId: id,
        position: i + 1,
        title: a.title,
        presenter: a.presenter ?? '',
        durationMinutes: a.minutes ?? null,
        description: a.description ?? '',
      });
    });
    for (const r of s.registrations ?? [])
      regRows.push({ tenantId, meetingId: id, userId: r.userId, status: r.status, organisationId: r.organisationId ?? null });
    for (const u of s.attendance?.userIds ?? []) attRows.push({ tenantId, meetingId: id, userId: u });
    for (const o of s.attendance?.organisationIds ?? []) attRows.push({ tenantId, meetingId: id, organisationId: o });
    for (const g of s.attendance?.guests ?? []) attRows.push({ tenantId, meetingId: id, guestName: g });
    for (const d of s.documents ?? []) {
      docRows.push({
        tenantId,
        meetingId: id,
        agendaItemId: d.agendaIndex !== undefined ? (agendaIds[d.agendaIndex] ?? null) : null,
        filename: d.filename,
        contentType: d.contentType,
        sizeBytes: d.data.length,
        data: d.data,
        isPublic: d.isPublic,
      });
    }
    if (s.minutes) {
      const published = s.minutes.status === 'published' ? new Date(s.endsAt.getTime() + 7 * 24 * 3600_000) : null;
      const items: MinutesItem[] = (s.agenda ?? []).map((a, i) => {
        const m = s.minutes?.items[i];
        return {
          agendaItemId: agendaIds[i] ?? null,
          title: a.title,
          discussion: m?.discussion ?? '',
          decisions: m?.decisions ?? '',
          actions: (m?.actions ?? []).map((x) => ({ key: newActionKey(), description: x.description, owner: x.owner, due: x.due })),
        };
      });
      minutesRows.push({
        tenantId,
        meetingId: id,
        version: 1,
        status: s.minutes.status,
        items,
        preamble: s.minutes.preamble,
        checkerIds: s.minutes.checkerIds,
        checkedBy: s.minutes.checkedBy ?? (s.minutes.status === 'published' || s.minutes.status === 'checked' ? s.minutes.checkerIds : []),
        publishedAt: published,
        createdAt: s.endsAt,
        updatedAt: published ?? s.endsAt,
      });
      if (published) {
        items.forEach((item, i) => {
          item.actions.forEach((a, j) => {
            const done = s.minutes?.items[i]?.actions?.[j]?.done;
            actionRows.push({
              tenantId,
              meetingId: id,
              councilId: s.councilId ?? null,
              key: a.key,
              agendaTitle: item.title,
              description: a.description,
              owner: a.owner,
              dueDate: a.due || null,
              doneAt: done ? new Date(Math.min(Date.now(), published.getTime() + 21 * 24 * 3600_000)) : null,
            });
          });
        });
      }
    }
  }
  const chunks = <T>(rows: T[], size = 500) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await db.transaction(async (tx) => {
    for (const c of chunks(meetingRows)) await tx.insert(meetings).values(c);
    for (const c of chunks(agendaRows)) await tx.insert(agendaItems).values(c);
    for (const c of chunks(regRows)) await tx.insert(meetingRegistrations).values(c).onConflictDoNothing();
    for (const c of chunks(attRows)) await tx.insert(meetingAttendance).values(c);
    for (const c of chunks(minutesRows, 200)) await tx.insert(meetingMinutes).values(c);
    for (const c of chunks(actionRows)) await tx.insert(actionItems).values(c);
    for (const d of docRows) await tx.insert(meetingDocuments).values(d);
  });
  return out;
}

/** Creates the municipal bodies of the political calendar; returns their ids by name. */
export async function seedMeetingBodies(db: Db, actor: Actor, bodies: { name: string; description: string }[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const b of bodies) ids[b.name] = unwrap(await saveBody(db, actor, { ...b, slug: '' })).id;
  return ids;
}

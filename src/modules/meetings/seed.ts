import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { type Actor, visitor } from '../../platform/authz/index.js';
import { insertInBatches } from '../../platform/db/batch.js';
import type { Db } from '../../platform/db/index.js';
import { slugify } from '../../platform/db/sql-helpers.js';
import type { ModuleSeed, SeedContext, SeedRefs } from '../../platform/module.js';
import { unwrap } from '../../platform/result.js';
import { localParts } from '../../platform/time.js';
import { MAX_AGENDA_ITEMS } from './agenda/commands.js';
import { saveBody } from './bodies/commands.js';
import {
  actionItems,
  agendaItems,
  type MinutesItem,
  meetingAttendance,
  meetingBodies,
  meetingDocuments,
  meetingMinutes,
  meetingRegistrations,
  meetings,
} from './core/schema.js';
import { newActionKey } from './minutes/commands.js';
import { tellFollowers } from './subscribers.js';

/** A meeting as demo data or a test describes it, with its agenda, answers, attendance and minutes. */
export interface SeedMeeting {
  /** A fixed id and address (deterministic scale data); otherwise a new id, and the date and `slugBase` as address. */
  id?: string;
  slug?: string;
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

/** An id made from another and a number, so a meeting with a fixed id gets the same agenda item ids every time. */
function seededId(base: string, n: number): string {
  const h = createHash('sha256').update(`${base}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
    const id = s.id ?? randomUUID();
    const base = s.slug ?? `${localParts(s.startsAt, timeZone).date}-${s.slugBase}`;
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
    const agendaIds = (s.agenda ?? []).map((_, i) => (s.id ? seededId(s.id, i) : randomUUID()));
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
          actions: (m?.actions ?? []).map((x, j) => ({
            key: s.id ? seededId(s.id, 1000 + i * 100 + j).slice(0, 12) : newActionKey(),
            description: x.description,
            owner: x.owner,
            due: x.due,
          })),
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

/** More agenda items on a meeting, after those it has, and more people's answers to it (tests and scale data). */
export async function seedMeetingExtras(
  db: Db,
  tenantId: string,
  meetingId: string,
  extras: { agenda?: { title: string; minutes?: number }[]; registrations?: { userId: string; status: 'registered' | 'declined' }[] },
): Promise<void> {
  const [last] = await db
    .select({ position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(desc(agendaItems.position))
    .limit(1);
  const from = last?.position ?? 0;
  await insertInBatches(
    db,
    agendaItems,
    (extras.agenda ?? []).map((a, i) => ({ tenantId, meetingId, position: from + i + 1, title: a.title, durationMinutes: a.minutes ?? null })),
  );
  await insertInBatches(
    db,
    meetingRegistrations,
    (extras.registrations ?? []).map((r) => ({ tenantId, meetingId, userId: r.userId, status: r.status })),
    { ignoreDuplicates: true },
  );
}

/**
 * More meetings of the focus council (coming ones, and past ones with published minutes holding an
 * open action item each), more bodies, and on the focus meeting a longer agenda (up to its limit)
 * and the grown people's registrations; the focus person registered for every grown meeting.
 */
export const meetingsSeed: ModuleSeed = {
  after: ['councils', 'accounts', 'places'],
  run: (ctx, data) => seedMeetingsPart(ctx, data as MeetingsSeedData),
  async grow({ db, tenantId, timeZone, refs, focus }, n, offset) {
    const range = Array.from({ length: n }, (_, k) => k + offset);
    const DAY = 24 * 3600_000;
    const councilId = refs.get('council', 'focus');
    const me = focus?.user ? refs.get('user', 'focus') : null;
    const registrations = me ? [{ userId: me, status: 'registered' as const }] : [];
    await seedMeetings(
      db,
      tenantId,
      timeZone,
      range.flatMap((i): SeedMeeting[] => [
        {
          councilId,
          slugBase: `vaxt-${i}`,
          title: `Tillväxtmöte ${i}`,
          startsAt: new Date(Date.now() + (2 + i / 10) * DAY),
          endsAt: new Date(Date.now() + (2 + i / 10) * DAY + 3600_000),
          place: { kind: 'address', address: `Gatan ${i}` },
          status: 'published',
          registrations,
        },
        {
          councilId,
          slugBase: `forr-${i}`,
          title: `Tidigare möte ${i}`,
          startsAt: new Date(Date.now() - (2 + i / 10) * DAY),
          endsAt: new Date(Date.now() - (2 + i / 10) * DAY + 3600_000),
          place: { kind: 'address', address: `Gatan ${i}` },
          status: 'published',
          registrations,
          agenda: [{ title: 'Uppföljning' }],
          minutes: {
            status: 'published',
            preamble: '',
            items: [{ discussion: '', decisions: '', actions: [{ description: `Åtgärd ${i}`, owner: 'Någon', due: '' }] }],
            checkerIds: [],
          },
        },
      ]),
    );
    await db.insert(meetingBodies).values(range.map((i) => ({ tenantId, slug: `organ-${i}`, name: `Organ ${i}` })));
    if (focus?.meeting) {
      const [shown] = await db
        .select({ id: meetings.id })
        .from(meetings)
        .where(and(eq(meetings.tenantId, tenantId), eq(meetings.slug, focus.meeting)));
      if (shown) {
        await seedMeetingExtras(db, tenantId, shown.id, {
          // An agenda is bounded: it grows to its limit, not to a hundred.
          agenda: range.filter((i) => i < MAX_AGENDA_ITEMS).map((i) => ({ title: `Punkt ${i}`, minutes: 5 })),
          registrations: range.map((i) => ({ userId: refs.get('user', `person${i}`), status: 'registered' as const })),
        });
      }
    }
  },
};

/** Meetings' part of a data set: the political bodies, and the meetings laid out from what the modules before named. */
export interface MeetingsSeedData {
  bodies: { name: string; description: string }[];
  /** The meetings, from the refs of councils, organisations, people, meeting places and bodies (named `body`, addresses `bodySlug`). */
  meetings: (refs: SeedRefs, timeZone: string) => SeedMeeting[];
}

declare module '../../platform/module.js' {
  interface SeedData {
    meetings: MeetingsSeedData;
  }
}

/** Writes the bodies (through the command) and the meetings (through the seed writer). */
export async function seedMeetingsPart({ db, tenantId, timeZone, refs }: SeedContext, data: MeetingsSeedData): Promise<void> {
  const ids = await seedMeetingBodies(db, visitor(tenantId), data.bodies);
  for (const [name, id] of Object.entries(ids)) {
    refs.set('body', name, id);
    refs.set('bodySlug', name, slugify(name));
  }
  const list = data.meetings(refs, timeZone);
  const made = await seedMeetings(db, tenantId, timeZone, list);
  // The followers of each council hear of its latest minutes and its next meeting, as if they had
  // just been published: the same subscriber the commands' events reach.
  const now = Date.now();
  const byCouncil = new Map<string, { minutes?: SeedMeeting; next?: SeedMeeting }>();
  for (const m of list) {
    if (!m.councilId || m.status !== 'published') continue;
    const c = byCouncil.get(m.councilId) ?? {};
    if (m.minutes?.status === 'published' && m.endsAt.getTime() < now && (!c.minutes || c.minutes.startsAt < m.startsAt)) c.minutes = m;
    if (m.startsAt.getTime() > now && (!c.next || c.next.startsAt > m.startsAt)) c.next = m;
    byCouncil.set(m.councilId, c);
  }
  // Told yesterday: the demo's resident has a digest of it waiting once the worker has run.
  const at = new Date(now - 86_400_000).toISOString();
  for (const [councilId, c] of byCouncil) {
    const minutesId = c.minutes ? made.get(c.minutes)?.id : undefined;
    const nextId = c.next ? made.get(c.next)?.id : undefined;
    if (minutesId) {
      await tellFollowers(
        {
          name: 'meetings.minutesPublished',
          tenantId,
          actorId: null,
          at,
          payload: {
            meetingId: minutesId,
            councilId,
            minutesId,
            version: 1,
            actionItemKeys: [],
            reported: [],
            meeting: { slug: c.minutes?.slug ?? '', title: c.minutes?.title ?? '', startsAt: c.minutes?.startsAt.toISOString() ?? at },
          },
        },
        db,
      );
    }
    if (nextId) await tellFollowers({ name: 'meetings.published', tenantId, actorId: null, at, payload: { meetingId: nextId, councilId, bodyId: null } }, db);
  }
}

/**
 * Deterministic municipal-scale data: the same scale always gives the same rows, ids and times.
 * Scale 1 is a year of a Borås-sized municipality; scale 10 is ten times that. Data of modules
 * that have not landed yet (councils, meetings, questions) is added here as they land.
 */
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/modules/accounts/password.js';
import { users } from '../src/modules/accounts/schema.js';
import { councilMembers, councils } from '../src/modules/councils/schema.js';
import {
  actionItems,
  agendaItems,
  type MinutesItem,
  meetingAttendance,
  meetingBodies,
  meetingMinutes,
  meetingRegistrations,
  meetings,
} from '../src/modules/meetings/core/schema.js';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.js';
import { areas, localities } from '../src/modules/tenancy/schema.js';
import { auditLog } from '../src/platform/audit/schema.js';
import type { Db } from '../src/platform/db/index.js';
import { tenants } from '../src/platform/tenants/schema.js';

export const SCALE_PASSWORD = 'motesplats-bench';
export const SCALE_DOMAIN = 'scale.example';

/** mulberry32: a small, fast, seeded generator; good enough for test data, not for secrets. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    uuid: () => {
      const b = Array.from({ length: 16 }, () => Math.floor(next() * 256));
      b[6] = ((b[6] as number) & 0x0f) | 0x40;
      b[8] = ((b[8] as number) & 0x3f) | 0x80;
      const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Anders',
  'Eva',
  'Per',
  'Lena',
  'Mikael',
  'Emma',
  'Ali',
  'Fatima',
  'Ahmed',
  'Elin',
  'Nils',
  'Sofia',
  'Oskar',
  'Leila',
  'Mohammed',
  'Ingrid',
  'Gustav',
  'Aida',
  'Hanna',
  'Omar',
  'Maja',
  'Olle',
  'Amira',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Hassan',
  'Ali',
  'Lindberg',
  'Holm',
  'Berg',
  'Sandberg',
  'Axelsson',
  'Lund',
];
const ORG_WORDS = [
  'idrottsförening',
  'hembygdsförening',
  'byalag',
  'pensionärsförening',
  'scoutkår',
  'kulturförening',
  'hyresgästförening',
  'företagarförening',
  'musikkår',
  'fotbollsklubb',
  'schackklubb',
  'syförening',
  'motorklubb',
  'naturskyddsförening',
  'föräldraförening',
];
const KINDS = ['association', 'association', 'association', 'association', 'business', 'idea_based', 'municipal_unit', 'religious', 'school'] as const;

/** How much of each kind of record one scale unit holds. */
export const PER_SCALE = { people: 15_000, organisations: 600, membersPerOrganisation: 8, meetings: 2500 };

/** The day the scale data treats as today: meetings before it are past and have minutes. */
export const SCALE_TODAY = Date.UTC(2026, 10, 22);

const AGENDA = [
  'Mötets öppnande och val av justerare',
  'Föregående protokoll och öppna åtgärder',
  'Rapport från kommunens kontaktperson',
  'Lokal utvecklingsplan – uppföljning',
  'Frågor från föreningarna',
  'Övriga frågor och nästa möte',
];

type Progress = (what: string, done: number, total: number) => void;

async function insertBatched<T>(rows: T[], batch: number, insert: (chunk: T[]) => Promise<unknown>, report: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await insert(rows.slice(i, i + batch));
    report(Math.min(i + batch, rows.length));
  }
}

/** Adds scale data to the default tenant (Borås); refuses if it is already there. */
export async function generate(
  db: Db,
  scale: number,
  progress: Progress,
): Promise<{ people: number; organisations: number; memberships: number; councilMembers: number; audit: number; meetings: number; registrations: number }> {
  const r = rng(20261122 + scale);
  const [tenant] = await db.select().from(tenants).where(sql`${tenants.isDefault}`).limit(1);
  if (!tenant) throw new Error('no default tenant: run the demo seed first');
  const existing = await db.execute(sql`select count(*)::int as n from users where email like ${`%@${SCALE_DOMAIN}`}`);
  if (((existing as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) > 0) throw new Error('scale data is already loaded in this database');
  const locs = await db.select().from(localities).where(sql`${localities.tenantId} = ${tenant.id}`).orderBy(localities.slug);
  const ars = await db.select().from(areas).where(sql`${areas.tenantId} = ${tenant.id}`).orderBy(areas.slug);
  const base = Date.UTC(2026, 0, 1);
  const at = (i: number, n: number) => new Date(base + Math.floor((i / n) * 365 * 86_400_000));
  const passwordHash = await hashPassword(SCALE_PASSWORD);

  const nPeople = PER_SCALE.people * scale;
  const people = Array.from({ length: nPeople }, (_, i) => {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const created = at(i, nPeople);
    return {
      id: r.uuid(),
      tenantId: tenant.id,
      email: `person-${i}@${SCALE_DOMAIN}`,
      name: `${first} ${last}`,
      passwordHash,
      lang: (r.next() < 0.9 ? 'sv' : 'en') as 'sv' | 'en',
      emailVerifiedAt: created,
      createdAt: created,
      updatedAt: created,
    };
  });
  await insertBatched(
    people,
    1000,
    (c) => db.insert(users).values(c),
    (n) => progress('people', n, nPeople),
  );

  const nOrgs = PER_SCALE.organisations * scale;
  const orgs = Array.from({ length: nOrgs }, (_, i) => {
    const place = r.next() < 0.5 ? r.pick(ars) : undefined;
    const locality = place ? locs.find((l) => l.id === place.localityId) : r.pick(locs);
    const word = r.pick(ORG_WORDS);
    const name = `${place?.name ?? locality?.name ?? 'Borås'} ${word} ${i + 1}`;
    const created = at(i, nOrgs);
    return {
      id: r.uuid(),
      tenantId: tenant.id,
      slug: `skala-${i + 1}`,
      name,
      kind: r.pick(KINDS),
      description: `${name} samlar medlemmar kring ${word.replace(/förening|klubb|kår|lag$/, '')} och ordnar träffar under året.`,
      localityId: locality?.id ?? null,
      areaId: place?.id ?? null,
      createdAt: created,
      updatedAt: created,
    };
  });
  await insertBatched(
    orgs,
    500,
    (c) => db.insert(organisations).values(c),
    (n) => progress('organisations', n, nOrgs),
  );

  const memberships: (typeof organisationMembers.$inferInsert)[] = [];
  for (const [i, o] of orgs.entries()) {
    const seen = new Set<number>();
    for (let k = 0; k <= PER_SCALE.membersPerOrganisation; k++) {
      const p = r.int(nPeople);
      if (seen.has(p)) continue;
      seen.add(p);
      const created = at(i, nOrgs);
      memberships.push({
        id: r.uuid(),
        tenantId: tenant.id,
        organisationId: o.id,
        userId: people[p]?.id as string,
        role: k === 0 ? 'representative' : 'member',
        createdAt: created,
        updatedAt: created,
      });
    }
  }
  await insertBatched(
    memberships,
    1000,
    (c) => db.insert(organisationMembers).values(c),
    (n) => progress('memberships', n, memberships.length),
  );

  // Organisations join the council or network of their area, else of their locality.
  const councilRows = await db.select().from(councils).where(sql`${councils.tenantId} = ${tenant.id}`).orderBy(councils.slug);
  const councilOf = (o: (typeof orgs)[number]) =>
    councilRows.find((c) => o.areaId && c.areaId === o.areaId) ?? councilRows.find((c) => !o.areaId && o.localityId && c.localityId === o.localityId);
  const councilRowsToAdd = orgs.flatMap((o, i) => {
    const c = councilOf(o);
    const created = at(i, nOrgs);
    return c && r.next() < 0.6
      ? [{ id: r.uuid(), tenantId: tenant.id, councilId: c.id, organisationId: o.id, role: 'member' as const, createdAt: created, updatedAt: created }]
      : [];
  });
  await insertBatched(
    councilRowsToAdd,
    1000,
    (c) => db.insert(councilMembers).values(c),
    (n) => progress('council members', n, councilRowsToAdd.length),
  );

  // Meetings: spread over the councils, networks and bodies, from January 2026 to mid-2027, with
  // agendas, registrations, and for past ones attendance, published minutes and an action item.
  const bodies = await db.select().from(meetingBodies).where(sql`${meetingBodies.tenantId} = ${tenant.id}`).orderBy(meetingBodies.slug);
  const organisers = [
    ...councilRows.map((c) => ({ councilId: c.id, bodyId: null, slug: c.slug, isPublic: c.isPublic })),
    ...bodies.map((b) => ({ councilId: null, bodyId: b.id, slug: b.slug, isPublic: true })),
  ];
  const nMeetings = PER_SCALE.meetings * scale;
  const span = 540 * 86_400_000;
  const meetingRows: (typeof meetings.$inferInsert)[] = [];
  const agendaRows: (typeof agendaItems.$inferInsert)[] = [];
  const regRows: (typeof meetingRegistrations.$inferInsert)[] = [];
  const attRows: (typeof meetingAttendance.$inferInsert)[] = [];
  const minutesRows: (typeof meetingMinutes.$inferInsert)[] = [];
  const actionRows: (typeof actionItems.$inferInsert)[] = [];
  for (let i = 0; i < nMeetings; i++) {
    const o = organisers[i % organisers.length] as (typeof organisers)[number];
    const day = Math.floor((i / nMeetings) * (span / 86_400_000));
    const startsAt = new Date(base + day * 86_400_000 + (16 + (i % 3)) * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const id = r.uuid();
    const past = startsAt.getTime() < SCALE_TODAY;
    meetingRows.push({
      id,
      tenantId: tenant.id,
      slug: `skala-m-${i + 1}`,
      councilId: o.councilId,
      bodyId: o.bodyId,
      title: `Möte ${i + 1}`,
      description: 'Ordinarie möte. Alla är välkomna.',
      startsAt,
      endsAt,
      placeKind: 'address',
      address: `Mötesvägen ${(i % 40) + 1}`,
      capacity: i % 4 === 0 ? 40 : null,
      visibility: o.isPublic ? 'public' : 'members',
      status: i % 50 === 0 ? 'cancelled' : 'published',
      publishedAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      createdAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      updatedAt: new Date(startsAt.getTime() - 30 * 86_400_000),
    });
    const agendaIds = AGENDA.map(() => r.uuid());
    AGENDA.forEach((title, k) => {
      agendaRows.push({ id: agendaIds[k], tenantId: tenant.id, meetingId: id, position: k + 1, title, durationMinutes: 15 });
    });
    const registered = new Set<number>();
    for (let k = 0; k < 8; k++) registered.add(r.int(nPeople));
    for (const p of registered) regRows.push({ tenantId: tenant.id, meetingId: id, userId: people[p]?.id as string, status: 'registered' });
    if (past && o.councilId) {
      for (const p of [...registered].slice(0, 6)) attRows.push({ tenantId: tenant.id, meetingId: id, userId: people[p]?.id as string });
      const actionKey = `a${i}`;
      const items: MinutesItem[] = AGENDA.map((title, k) => ({
        agendaItemId: agendaIds[k] ?? null,
        title,
        discussion: 'Punkten diskuterades.',
        decisions: 'Beslutades enligt förslaget.',
        actions: k === 3 ? [{ key: actionKey, description: `Följa upp punkt ${k + 1} från möte ${i + 1}`, owner: 'Sekreteraren', due: '' }] : [],
      }));
      const published = new Date(endsAt.getTime() + 7 * 86_400_000);
      minutesRows.push({
        tenantId: tenant.id,
        meetingId: id,
        version: 1,
        status: 'published',
        items,
        publishedAt: published,
        createdAt: endsAt,
        updatedAt: published,
      });
      actionRows.push({
        tenantId: tenant.id,
        meetingId: id,
        councilId: o.councilId,
        key: actionKey,
        agendaTitle: AGENDA[3] as string,
        description: `Följa upp punkt 4 från möte ${i + 1}`,
        owner: 'Sekreteraren',
        // Most are done; the last months' stay open.
        doneAt: startsAt.getTime() < SCALE_TODAY - 90 * 86_400_000 ? published : null,
      });
    }
  }
  const put = async <T>(what: string, rows: T[], batch: number, table: Parameters<Db['insert']>[0]) =>
    insertBatched(
      rows,
      batch,
      (c) => db.insert(table).values(c as never),
      (n) => progress(what, n, rows.length),
    );
  await put('meetings', meetingRows, 1000, meetings);
  await put('agenda items', agendaRows, 2000, agendaItems);
  await put('registrations', regRows, 2000, meetingRegistrations);
  await put('attendance', attRows, 2000, meetingAttendance);
  await put('minutes', minutesRows, 200, meetingMinutes);
  await put('action items', actionRows, 2000, actionItems);

  const audit = [
    ...people.map((p) => ({
      tenantId: tenant.id,
      actorId: p.id,
      actorLabel: `${p.name} <${p.email}>`,
      action: 'user.signUp',
      recordType: 'user',
      recordId: p.id,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    })),
    ...orgs.map((o) => ({
      tenantId: tenant.id,
      actorId: null,
      actorLabel: 'system',
      action: 'organisation.create',
      recordType: 'organisation',
      recordId: o.id,
      createdAt: o.createdAt,
      updatedAt: o.createdAt,
    })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await insertBatched(
    audit,
    1000,
    (c) => db.insert(auditLog).values(c),
    (n) => progress('audit log', n, audit.length),
  );
  await db.execute(sql`analyze`);
  return {
    people: nPeople,
    organisations: nOrgs,
    memberships: memberships.length,
    councilMembers: councilRowsToAdd.length,
    audit: audit.length,
    meetings: nMeetings,
    registrations: regRows.length,
  };
}

/**
 * Deterministic municipal-scale data: the same scale always gives the same rows, ids and times.
 * Scale 1 is a year of a Borås-sized municipality; scale 10 is ten times that. Data of modules
 * that have not landed yet (councils, meetings, questions) is added here as they land.
 */
import { eq, sql } from 'drizzle-orm';
import { hashPassword, seedPeople } from '../src/modules/accounts/index.js';
import { listCouncilsForSeed, type SeedCouncilMember, seedCouncilMembers } from '../src/modules/councils/index.js';
import { growCall } from '../src/modules/grants/index.js';
import { listBodies, type SeedMeeting, seedMeetings } from '../src/modules/meetings/index.js';
import { type SeedOrganisationMember, seedOrganisationMembers, seedOrganisations } from '../src/modules/organisations/index.js';
import { growPlan } from '../src/modules/plans/index.js';
import { generateQuestions, listAllCategories, writeQuestions } from '../src/modules/questions/index.js';
import { listFunctions, listPlaces } from '../src/modules/tenancy/index.js';
import { auditLog } from '../src/platform/audit/schema.js';
import { insertInBatches } from '../src/platform/db/batch.js';
import type { Db } from '../src/platform/db/index.js';
import { notifyFollowers } from '../src/platform/notifications/index.js';
import { follows, notifications } from '../src/platform/notifications/schema.js';
import { seededRandom as rng } from '../src/platform/random.js';
import { tenants } from '../src/platform/tenants/schema.js';

export const SCALE_PASSWORD = 'motesplats-bench';
export const SCALE_DOMAIN = 'scale.example';

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
/** How many actions each development plan has in the scale data, at any scale (a long real plan; more plans do not make one plan longer). */
export const PER_PLAN_ACTIONS = 200;
/** Applications in the call the benchmark reads, per scale step. */
export const PER_CALL_APPLICATIONS = 500;

export const PER_SCALE = { people: 15_000, organisations: 600, membersPerOrganisation: 8, meetings: 2500, questions: 20_000 };

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
): Promise<{
  people: number;
  organisations: number;
  memberships: number;
  councilMembers: number;
  audit: number;
  meetings: number;
  registrations: number;
  questions: number;
}> {
  const r = rng(20261122 + scale);
  const [tenant] = await db.select().from(tenants).where(sql`${tenants.isDefault}`).limit(1);
  if (!tenant) throw new Error('no default tenant: run the demo seed first');
  const existing = await db.execute(sql`select count(*)::int as n from users where email like ${`%@${SCALE_DOMAIN}`}`);
  if (((existing as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) > 0) throw new Error('scale data is already loaded in this database');
  const places = await listPlaces(db, tenant.id);
  const bySlug = <T extends { slug: string }>(xs: T[]) => [...xs].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const locs = bySlug(places.localities);
  const ars = bySlug(places.areas);
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
      email: `person-${i}@${SCALE_DOMAIN}`,
      name: `${first} ${last}`,
      passwordHash,
      lang: (r.next() < 0.9 ? 'sv' : 'en') as 'sv' | 'en',
      createdAt: created,
    };
  });
  await seedPeople(db, tenant.id, people, (n) => progress('people', n, nPeople));

  const nOrgs = PER_SCALE.organisations * scale;
  const orgs = Array.from({ length: nOrgs }, (_, i) => {
    const place = r.next() < 0.5 ? r.pick(ars) : undefined;
    const locality = place ? locs.find((l) => l.id === place.localityId) : r.pick(locs);
    const word = r.pick(ORG_WORDS);
    const name = `${place?.name ?? locality?.name ?? 'Borås'} ${word} ${i + 1}`;
    const created = at(i, nOrgs);
    return {
      id: r.uuid(),
      slug: `skala-${i + 1}`,
      name,
      kind: r.pick(KINDS),
      description: `${name} samlar medlemmar kring ${word.replace(/förening|klubb|kår|lag$/, '')} och ordnar träffar under året.`,
      localityId: locality?.id ?? null,
      areaId: place?.id ?? null,
      createdAt: created,
    };
  });
  await seedOrganisations(db, tenant.id, orgs, (n) => progress('organisations', n, nOrgs));

  const memberships: SeedOrganisationMember[] = [];
  for (const [i, o] of orgs.entries()) {
    const seen = new Set<number>();
    for (let k = 0; k <= PER_SCALE.membersPerOrganisation; k++) {
      const p = r.int(nPeople);
      if (seen.has(p)) continue;
      seen.add(p);
      const created = at(i, nOrgs);
      memberships.push({
        id: r.uuid(),
        organisationId: o.id,
        userId: people[p]?.id as string,
        role: k === 0 ? 'representative' : 'member',
        createdAt: created,
      });
    }
  }
  await seedOrganisationMembers(db, tenant.id, memberships, (n) => progress('memberships', n, memberships.length));

  // Organisations join the council or network of their area, else of their locality.
  const councilRows = await listCouncilsForSeed(db, tenant.id);
  const councilOf = (o: (typeof orgs)[number]) =>
    councilRows.find((c) => o.areaId && c.areaId === o.areaId) ?? councilRows.find((c) => !o.areaId && o.localityId && c.localityId === o.localityId);
  const councilRowsToAdd = orgs.flatMap((o, i): SeedCouncilMember[] => {
    const c = councilOf(o);
    const created = at(i, nOrgs);
    return c && r.next() < 0.6 ? [{ id: r.uuid(), councilId: c.id, organisationId: o.id, role: 'member', createdAt: created }] : [];
  });
  await seedCouncilMembers(db, tenant.id, councilRowsToAdd, (n) => progress('council members', n, councilRowsToAdd.length));

  // Meetings: spread over the councils, networks and bodies, from January 2026 to mid-2027, with
  // agendas, registrations, and for past ones attendance, published minutes and an action item.
  const bodies = bySlug(await listBodies(db, tenant.id));
  const organisers = [
    ...councilRows.map((c) => ({ councilId: c.id, bodyId: null, slug: c.slug, name: c.name, isPublic: c.isPublic })),
    ...bodies.map((b) => ({ councilId: null, bodyId: b.id, slug: b.slug, name: b.name, isPublic: true })),
  ];
  const nMeetings = PER_SCALE.meetings * scale;
  const span = 540 * 86_400_000;
  const list: SeedMeeting[] = [];
  let registrations = 0;
  for (let i = 0; i < nMeetings; i++) {
    const o = organisers[i % organisers.length] as (typeof organisers)[number];
    const day = Math.floor((i / nMeetings) * (span / 86_400_000));
    const startsAt = new Date(base + day * 86_400_000 + (16 + (i % 3)) * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const past = startsAt.getTime() < SCALE_TODAY;
    const registered = new Set<number>();
    for (let k = 0; k < 8; k++) registered.add(r.int(nPeople));
    const who = [...registered].map((p) => people[p]?.id as string);
    registrations += who.length;
    const held = past && o.councilId !== null;
    list.push({
      id: r.uuid(),
      slug: `skala-m-${i + 1}`,
      slugBase: '',
      councilId: o.councilId ?? undefined,
      bodyId: o.bodyId ?? undefined,
      title: `Möte ${i + 1}`,
      description: 'Ordinarie möte. Alla är välkomna.',
      startsAt,
      endsAt,
      place: { kind: 'address', address: `Mötesvägen ${(i % 40) + 1}` },
      capacity: i % 4 === 0 ? 40 : null,
      visibility: o.isPublic ? 'public' : 'members',
      status: i % 50 === 0 ? 'cancelled' : 'published',
      agenda: AGENDA.map((title) => ({ title, minutes: 15 })),
      registrations: who.map((userId) => ({ userId, status: 'registered' })),
      attendance: held ? { userIds: who.slice(0, 6) } : undefined,
      minutes: held
        ? {
            status: 'published',
            preamble: '',
            checkerIds: [],
            items: AGENDA.map((_, k) => ({
              discussion: 'Punkten diskuterades.',
              decisions: 'Beslutades enligt förslaget.',
              // One action a meeting; most are done, the last months' stay open.
              actions:
                k === 3
                  ? [
                      {
                        description: `Följa upp punkt 4 från möte ${i + 1}`,
                        owner: 'Sekreteraren',
                        due: '',
                        done: startsAt.getTime() < SCALE_TODAY - 90 * 86_400_000,
                      },
                    ]
                  : [],
            })),
          }
        : undefined,
    });
  }
  // Written in parts so the progress shows; each part is one transaction of the meetings module's seed writer.
  for (let i = 0; i < list.length; i += 500) {
    await seedMeetings(db, tenant.id, tenant.timeZone, list.slice(i, i + 500));
    progress('meetings', Math.min(i + 500, list.length), list.length);
  }

  // A third of the people follow the first council (5,000 at scale 1), and have heard of its last
  // thirty meetings: the notifications page and the header's unread count have something to show.
  const followed = organisers.find((o) => o.councilId && o.isPublic);
  if (followed?.councilId) {
    const followers = people.slice(0, Math.floor(nPeople / 3));
    await insertInBatches(
      db,
      follows,
      followers.map((p) => ({ tenantId: tenant.id, userId: p.id, kind: 'council', subjectId: followed.councilId as string })),
    );
    const theirs = list.filter((m) => m.councilId === followed.councilId && m.startsAt.getTime() < SCALE_TODAY).slice(-30);
    for (const m of theirs) {
      await notifyFollowers(db, {
        tenantId: tenant.id,
        event: 'meetings.followed',
        topic: followed.name,
        source: `scale:${m.id}`,
        messageKey: 'meetings.notify.published',
        vars: { title: m.title, organiser: followed.name },
        link: `/moten/${m.slug}`,
        kind: 'council',
        subjectId: followed.councilId,
      });
    }
    // Counted as mailed long ago: a benchmark's worker must not spend the run composing 5,000 digests.
    await db.update(notifications).set({ mailedAt: new Date() }).where(eq(notifications.tenantId, tenant.id));
    progress('follows and notifications', theirs.length, theirs.length);
  }

  // Questions: the year to "today", from the people, across categories, localities and statuses, with histories.
  const [categories, fns] = await Promise.all([listAllCategories(db, tenant.id), listFunctions(db, tenant.id)]);
  const handler = (await db.execute(sql`select id from users where email = 'handlaggare@boras.example'`)) as unknown as { rows: { id: string }[] };
  const technical = fns.find((f) => f.name === 'Tekniska förvaltningen');
  const nQuestions = PER_SCALE.questions * scale;
  const generated = generateQuestions({
    random: r,
    count: nQuestions,
    from: new Date(base),
    to: new Date(SCALE_TODAY),
    timeZone: tenant.timeZone,
    categories: categories.map((c) => ({ id: c.id, code: c.code, functionId: c.functionId, dueDays: c.dueDays })),
    functions: fns.map((f) => ({ id: f.id, code: f.code })),
    localities: locs.map((l) => ({ id: l.id, name: l.name })),
    askers: people.map((p) => p.id),
    handlers: new Map(technical && handler.rows[0] ? [[technical.id, handler.rows[0].id]] : []),
    councils: councilRows.filter((c) => c.isPublic).map((c) => ({ id: c.id, localityId: c.localityId })),
  });
  await writeQuestions(db, tenant.id, tenant.timeZone, generated, (n) => progress('questions', n, nQuestions));

  // Development plans: every plan as long as a long real one (200 actions, three years of updates each).
  const planRows = (await db.execute(
    sql`select p.id, (select count(*)::int from plan_actions a where a.plan_id = p.id) as n from plans p where p.tenant_id = ${tenant.id}`,
  )) as unknown as {
    rows: { id: string; n: number }[];
  };
  let planActions = 0;
  for (const [i, p] of planRows.rows.entries()) {
    await growPlan(db, tenant.id, p.id, Math.max(0, PER_PLAN_ACTIONS - p.n), 1000 * (i + 1));
    planActions += Math.max(0, PER_PLAN_ACTIONS - p.n);
  }
  progress('plan actions', planActions, planActions);

  // Grants: the call open all year for activation and inclusion with 500 applications per scale step.
  const [inclusion] = (
    (await db.execute(
      sql`select c.id from grant_calls c join grant_programmes p on p.id = c.programme_id where p.tenant_id = ${tenant.id} and p.slug = 'aktiverings-och-inkluderingsbidrag' limit 1`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  const officer = (await db.execute(sql`select id from users where email = 'bidrag@boras.example'`)) as unknown as { rows: { id: string }[] };
  if (inclusion) {
    await growCall(
      db,
      tenant.id,
      inclusion.id,
      orgs.map((o) => o.id),
      officer.rows[0]?.id ?? null,
      PER_CALL_APPLICATIONS * scale,
      7,
    );
    progress('grant applications', PER_CALL_APPLICATIONS * scale, PER_CALL_APPLICATIONS * scale);
  }

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
  // Vacuumed as well, so counts read from the indexes alone (index-only scans need the visibility map).
  await db.execute(sql`vacuum analyze`);
  return {
    people: nPeople,
    organisations: nOrgs,
    memberships: memberships.length,
    councilMembers: councilRowsToAdd.length,
    audit: audit.length,
    meetings: nMeetings,
    registrations,
    questions: nQuestions,
  };
}

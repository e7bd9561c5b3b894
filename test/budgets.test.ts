import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/modules/accounts/schema.js';
import { councilMembers, councils } from '../src/modules/councils/schema.js';
import { MAX_AGENDA_ITEMS } from '../src/modules/meetings/agenda/commands.js';
import { actionItems, agendaItems, meetingBodies, meetingRegistrations, meetings } from '../src/modules/meetings/core/schema.js';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.js';
import { meetingPlaces } from '../src/modules/places/schema.js';
import { forgetPlaces } from '../src/modules/tenancy/queries.js';
import { areas, functions, localities } from '../src/modules/tenancy/schema.js';
import { auditLog } from '../src/platform/audit/schema.js';
import { tenants } from '../src/platform/tenants/schema.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { engines } from './helpers/db.js';

/** Adds `n` more rows to every list the pages below show, all in Borås. */
async function grow(ta: TestApp, n: number, offset: number): Promise<void> {
  const db = ta.database.db;
  const [boras] = await db.select().from(tenants).where(eq(tenants.slug, 'boras'));
  const tenantId = boras?.id as string;
  const [town] = await db.select().from(localities).where(eq(localities.slug, 'boras'));
  const [fristad] = await db.select().from(organisations).where(eq(organisations.slug, 'framtid-fristad'));
  const range = Array.from({ length: n }, (_, i) => i + offset);
  const people = await db
    .insert(users)
    .values(range.map((i) => ({ tenantId, email: `person${i}@example.se`, name: `Person ${String(i).padStart(4, '0')}`, emailVerifiedAt: new Date() })))
    .returning({ id: users.id });
  await db
    .insert(organisations)
    .values(
      range.map((i) => ({ tenantId, slug: `forening-${i}`, name: `Förening ${i}`, kind: 'association' as const, description: 'idrott', localityId: town?.id })),
    );
  await db.insert(localities).values(range.map((i) => ({ tenantId, slug: `ort-${i}`, name: `Ort ${i}`, kind: 'service' as const })));
  await db.insert(areas).values(range.map((i) => ({ tenantId, slug: `omrade-${i}`, name: `Område ${i}`, localityId: town?.id as string })));
  await db.insert(functions).values(range.map((i) => ({ tenantId, slug: `funktion-${i}`, name: `Funktion ${i}`, kind: 'department' as const })));
  await db.insert(auditLog).values(range.map((i) => ({ tenantId, actorLabel: `Person ${i}`, action: 'test.grow', recordType: 'test', recordId: String(i) })));
  await db.insert(organisationMembers).values(people.map((p) => ({ tenantId, organisationId: fristad?.id as string, userId: p.id, role: 'member' as const })));
  const [fristadCouncil] = await db.select().from(councils).where(eq(councils.slug, 'fristad'));
  const newOrgs = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`${organisations.slug} like 'forening-%' and ${organisations.slug} >= ${`forening-${offset}`}`);
  await db.insert(councilMembers).values(people.map((p) => ({ tenantId, councilId: fristadCouncil?.id as string, userId: p.id, role: 'member' as const })));
  await db
    .insert(councilMembers)
    .values(newOrgs.slice(0, n).map((o) => ({ tenantId, councilId: fristadCouncil?.id as string, organisationId: o.id })))
    .onConflictDoNothing();
  await db
    .insert(councils)
    .values(range.map((i) => ({ tenantId, slug: `natverk-${i}`, name: `Nätverk ${i}`, kind: 'area_network' as const, organisationId: fristad?.id })));
  // Meetings: more of them in the calendar and on the council's page, a longer agenda, more
  // registrations and open action items on the meeting every page below shows, more places and bodies.
  const council = fristadCouncil?.id as string;
  const DAY = 24 * 3600_000;
  const grown = await db
    .insert(meetings)
    .values(
      range.flatMap((i) => [
        {
          tenantId,
          slug: `vaxt-${i}`,
          councilId: council,
          title: `Tillväxtmöte ${i}`,
          startsAt: new Date(Date.now() + (2 + i / 10) * DAY),
          endsAt: new Date(Date.now() + (2 + i / 10) * DAY + 3600_000),
          placeKind: 'address' as const,
          address: `Gatan ${i}`,
          status: 'published' as const,
        },
        {
          tenantId,
          slug: `forr-${i}`,
          councilId: council,
          title: `Tidigare möte ${i}`,
          startsAt: new Date(Date.now() - (2 + i / 10) * DAY),
          endsAt: new Date(Date.now() - (2 + i / 10) * DAY + 3600_000),
          placeKind: 'address' as const,
          address: `Gatan ${i}`,
          status: 'published' as const,
        },
      ]),
    )
    .returning({ id: meetings.id });
  const [shown] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.slug, 'budgetmote'));
  // An agenda is bounded (MAX_AGENDA_ITEMS): it grows to its limit, not to a hundred.
  const agendaRange = range.filter((i) => i < MAX_AGENDA_ITEMS);
  if (agendaRange.length) {
    await db
      .insert(agendaItems)
      .values(agendaRange.map((i) => ({ tenantId, meetingId: shown?.id as string, position: 100 + i, title: `Punkt ${i}`, durationMinutes: 5 })));
  }
  await db.insert(meetingRegistrations).values(people.map((p) => ({ tenantId, meetingId: shown?.id as string, userId: p.id, status: 'registered' as const })));
  await db.insert(actionItems).values(
    range.map((i, j) => ({
      tenantId,
      meetingId: grown[j * 2 + 1]?.id as string,
      councilId: council,
      key: `k${i}`,
      description: `Åtgärd ${i}`,
      owner: 'Någon',
    })),
  );
  await db.insert(meetingPlaces).values(range.map((i) => ({ tenantId, slug: `plats-${i}`, name: `Plats ${i}`, address: `Vägen ${i}` })));
  await db.insert(meetingBodies).values(range.map((i) => ({ tenantId, slug: `organ-${i}`, name: `Organ ${i}` })));
  const foretradare = await db.select({ id: users.id }).from(users).where(eq(users.email, 'foretradare@boras.example'));
  await db
    .insert(meetingRegistrations)
    .values(grown.map((m) => ({ tenantId, meetingId: m.id, userId: foretradare[0]?.id as string, status: 'registered' as const })));
  // Rows were written behind the commands' back, so the cached places are cleared by hand.
  forgetPlaces(tenantId);
}

const PAGES = [
  { path: '/', as: 'visitor' },
  { path: '/orter/boras', as: 'visitor' },
  { path: '/organisationer', as: 'visitor' },
  { path: '/organisationer?q=idrott', as: 'visitor' },
  { path: '/organisationer?ort=boras', as: 'visitor' },
  { path: '/organisationer/framtid-fristad', as: 'visitor' },
  { path: '/organisationer/framtid-fristad/medlemmar', as: 'representative' },
  { path: '/ortsrad', as: 'visitor' },
  { path: '/ortsrad/fristad', as: 'visitor' },
  { path: '/ortsrad/fristad', as: 'representative' },
  { path: '/ortsrad/fristad/medlemmar', as: 'representative' },
  { path: '/admin/ortsrad', as: 'admin' },
  { path: '/admin/anvandare', as: 'admin' },
  { path: '/admin/orter', as: 'admin' },
  { path: '/admin/omraden', as: 'admin' },
  { path: '/admin/funktioner', as: 'admin' },
  { path: '/admin/organisationer', as: 'admin' },
  { path: '/admin/logg', as: 'admin' },
  { path: '/ortsrad/fristad/organisationer', as: 'visitor' },
  { path: '/ortsrad/fristad/atgarder', as: 'visitor' },
  { path: '/kalender', as: 'visitor' },
  { path: '/kalender?ortsrad=fristad&fran=2000-01-01', as: 'representative' },
  { path: '/kalender.ics', as: 'visitor' },
  { path: '/ortsrad/fristad/kalender.ics', as: 'visitor' },
  { path: '/moten/budgetmote', as: 'visitor' },
  { path: '/moten/budgetmote', as: 'representative' },
  { path: '/moten/budgetmote/dagordning', as: 'representative' },
  { path: '/mina-moten', as: 'representative' },
  { path: '/motesplatser', as: 'visitor' },
  { path: '/admin/motesplatser', as: 'admin' },
  { path: '/admin/organ', as: 'admin' },
] as const;

async function measure(clients: Record<string, Client>): Promise<Map<string, { statements: number; bytes: number }>> {
  const out = new Map<string, { statements: number; bytes: number }>();
  for (const p of PAGES) {
    const c = clients[p.as] as Client;
    await c.get(p.path); // warms the tenant cache
    // no-cache: a feed kept from an earlier request would hide its statements.
    const res = await c.get(p.path, { 'cache-control': 'no-cache' });
    assert.equal(res.statusCode, 200, p.path);
    out.set(`${p.as} ${p.path}`, { statements: Number(res.headers['x-sql-statements']), bytes: Buffer.byteLength(res.body) });
  }
  return out;
}

for (const engine of engines) {
  describe(`page budgets on ${engine}`, () => {
    test('every list page issues the same number of SQL statements for 10 items as for 100, at most 10, and stays under 60 KB', async (t) => {
      const ta = await createTestApp(t, engine);
      const clients = {
        visitor: ta.client(),
        admin: await ta.client().signIn('admin@boras.example'),
        representative: await ta.client().signIn('foretradare@boras.example'),
      };
      const { addMeeting } = await import('./helpers/meetings.js');
      await addMeeting(ta, 'fristad', {
        slugBase: 'x',
        title: 'Budgetmöte',
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: new Date(Date.now() + 90_000_000),
      }).then((slug) => ta.database.db.update(meetings).set({ slug: 'budgetmote' }).where(eq(meetings.slug, slug)));
      await grow(ta, 10, 0);
      const small = await measure(clients);
      await grow(ta, 90, 10);
      const large = await measure(clients);
      for (const p of PAGES) {
        const a = small.get(`${p.as} ${p.path}`);
        const b = large.get(`${p.as} ${p.path}`);
        assert.ok(a && b);
        assert.equal(b.statements, a.statements, `${p.path}: ${a.statements} statements with 10 items, ${b.statements} with 100 (N+1?)`);
        assert.ok(b.statements <= 10, `${p.path}: ${b.statements} statements`);
        // A calendar feed is not a page: it holds a year of meetings by design, in one statement.
        if (!p.path.endsWith('.ics')) assert.ok(b.bytes < 60 * 1024, `${p.path}: ${b.bytes} bytes of HTML`);
      }
    });
  });
}

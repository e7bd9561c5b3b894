import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { users } from '../src/modules/accounts/schema.js';
import { councilMembers, councils } from '../src/modules/councils/schema.js';
import { organisationMembers, organisations } from '../src/modules/organisations/schema.js';
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
] as const;

async function measure(clients: Record<string, Client>): Promise<Map<string, { statements: number; bytes: number }>> {
  const out = new Map<string, { statements: number; bytes: number }>();
  for (const p of PAGES) {
    const c = clients[p.as] as Client;
    await c.get(p.path); // warms the tenant cache
    const res = await c.get(p.path);
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
        assert.ok(b.bytes < 60 * 1024, `${p.path}: ${b.bytes} bytes of HTML`);
      }
    });
  });
}

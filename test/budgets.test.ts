import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { modules } from '../src/app.js';
import { auditLog } from '../src/platform/audit/schema.js';
import { growModules, SeedRefs } from '../src/platform/module.js';
import { tenants } from '../src/platform/tenants/schema.js';
import { type Client, createTestApp, type TestApp } from './helpers/app.js';
import { engines } from './helpers/db.js';

/** The records the pages below look at: grown rows gather around them. */
const FOCUS = { user: 'foretradare@boras.example', locality: 'boras', organisation: 'framtid-fristad', council: 'fristad', meeting: 'budgetmote' };

/** Adds `n` more rows to every list the pages below show, all in Borås: each module grows its own (its manifest's `seed.grow`). */
async function grow(ta: TestApp, n: number, offset: number): Promise<void> {
  const db = ta.database.db;
  const [boras] = await db.select().from(tenants).where(eq(tenants.slug, 'boras'));
  const tenantId = boras?.id as string;
  await growModules(modules, { db, tenantId, timeZone: 'Europe/Stockholm', refs: new SeedRefs(), focus: FOCUS }, n, offset);
  // The platform's own lists: the focus person's notifications and what they follow (the grown networks).
  await db.execute(sql`insert into notifications (tenant_id, user_id, event, source, message_key, vars, link)
    select ${tenantId}::uuid, u.id, 'meetings.followed', 'grow:' || g::text, 'meetings.notify.published', '{"title": "Möte", "organiser": "Ortsråd Fristad"}'::jsonb, '/kalender'
    from users u, generate_series(${offset}::int, ${offset + n - 1}::int) g where u.email = ${FOCUS.user}`);
  await db.execute(sql`insert into follows (tenant_id, user_id, kind, subject_id)
    select ${tenantId}::uuid, u.id, 'council', c.id from users u, councils c
    where u.email = ${FOCUS.user} and c.tenant_id = ${tenantId}::uuid and c.slug like 'natverk-%' on conflict do nothing`);
  // The audit log is the platform's.
  await db.insert(auditLog).values(
    Array.from({ length: n }, (_, k) => k + offset).map((i) => ({
      tenantId,
      actorLabel: `Person ${i}`,
      action: 'test.grow',
      recordType: 'test',
      recordId: String(i),
    })),
  );
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
  { path: '/admin/e-legitimation', as: 'admin' },
  { path: '/personuppgifter', as: 'visitor' },
  { path: '/logga-in', as: 'visitor' },
  { path: '/profil', as: 'admin' },
  { path: '/profil/avsluta', as: 'representative' },
  { path: '/admin/gallring', as: 'admin' },
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
  { path: '/notiser', as: 'representative' },
  { path: '/mina-bevakningar', as: 'representative' },
  { path: '/profil/epost', as: 'representative' },
  { path: '/nyheter', as: 'visitor' },
  { path: '/nyheter?fran=fristad', as: 'representative' },
  { path: '/nyheter.atom', as: 'visitor' },
  { path: '/nyheter/fristad-ny-lekplats', as: 'visitor' },
  { path: '/diarium', as: 'visitor' },
  { path: '/diarium?q=fr%C3%A5ga', as: 'visitor' },
  { path: '/fragor/ny', as: 'representative' },
  { path: '/handlaggning', as: 'admin' },
  { path: '/kunskapsbank?q=fr%C3%A5ga', as: 'visitor' },
  { path: `/fragor/${new Date().getFullYear()}-tf0001`, as: 'admin' },
  { path: `/fragor/${new Date().getFullYear()}-tf0001`, as: 'visitor' },
  { path: '/admin/fragor', as: 'admin' },
  { path: '/motesplatser', as: 'visitor' },
  { path: '/admin/motesplatser', as: 'admin' },
  { path: '/admin/organ', as: 'admin' },
  { path: '/planer', as: 'visitor' },
  { path: '/planer', as: 'admin' },
  { path: '/planer/fristad', as: 'visitor' },
  { path: '/planer/fristad', as: 'representative' },
  { path: '/planer/fristad/redigera', as: 'representative' },
  { path: '/planer/fristad/historik', as: 'visitor' },
  { path: '/planer/fristad/uppfoljning', as: 'representative' },
  { path: '/planer/kommunen', as: 'visitor' },
  { path: '/planer/kommunen?funktion=tekniska-forvaltningen', as: 'admin' },
  { path: '/overenskommelser', as: 'visitor' },
  { path: '/overenskommelser', as: 'admin' },
  { path: '/admin/overenskommelser/ny', as: 'admin' },
  { path: '/bidrag', as: 'visitor' },
  { path: '/bidrag/medel-for-lokal-utveckling', as: 'visitor' },
  { path: '/admin/bidrag', as: 'admin' },
  { path: '/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande', as: 'representative' },
  { path: '/bidrag/ansokningar', as: 'representative' },
  { path: '/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande', as: 'admin' },
  {
    path: '/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande?status=submitted&sortera=amount',
    as: 'admin',
  },
  { path: '/admin/bidrag/medel-for-lokal-utveckling/formular', as: 'admin' },
  { path: '/bidrag/beviljade', as: 'visitor' },
  { path: '/bidrag/beviljade?ort=dalsjofors&ar=2026', as: 'visitor' },
] as const;

async function measure(clients: Record<string, Client>): Promise<Map<string, { statements: number; bytes: number; sections: string }>> {
  const out = new Map<string, { statements: number; bytes: number; sections: string }>();
  for (const p of PAGES) {
    const c = clients[p.as] as Client;
    await c.get(p.path); // warms the tenant cache
    // no-cache: a feed kept from an earlier request would hide its statements.
    const res = await c.get(p.path, { 'cache-control': 'no-cache' });
    assert.equal(res.statusCode, 200, p.path);
    out.set(`${p.as} ${p.path}`, {
      statements: Number(res.headers['x-sql-statements']),
      bytes: Buffer.byteLength(res.body),
      sections: String(res.headers['x-sql-sections'] ?? ''),
    });
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
        slug: 'budgetmote',
        title: 'Budgetmöte',
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: new Date(Date.now() + 90_000_000),
      });
      await grow(ta, 10, 0);
      const small = await measure(clients);
      // Sections are counted: the council page has the meetings module's two.
      const councilSections = small.get('visitor /ortsrad/fristad')?.sections ?? '';
      assert.match(councilSections, /meetings:council:meetings=1/);
      assert.match(councilSections, /meetings:council:action-items=1/);
      await grow(ta, 90, 10);
      const large = await measure(clients);
      for (const p of PAGES) {
        const a = small.get(`${p.as} ${p.path}`);
        const b = large.get(`${p.as} ${p.path}`);
        assert.ok(a && b);
        assert.equal(b.statements, a.statements, `${p.path}: ${a.statements} statements with 10 items, ${b.statements} with 100 (N+1?)`);
        assert.ok(b.statements <= 10, `${p.path}: ${b.statements} statements`);
        // A section another module adds to a page may use one statement, so a page's cost stays
        // bounded as modules add theirs (the council page will carry questions, plans, grants).
        for (const part of b.sections.split(', ').filter(Boolean)) {
          const [name, n] = part.split('=');
          assert.ok(Number(n) <= 1, `${p.path}: the section ${name} uses ${n} statements; one is its budget`);
        }
        // A calendar feed is not a page: it holds a year of meetings by design, in one statement.
        if (!p.path.endsWith('.ics')) assert.ok(b.bytes < 60 * 1024, `${p.path}: ${b.bytes} bytes of HTML`);
      }
    });
  });
}

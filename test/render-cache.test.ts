import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { h, type VNode } from 'preact';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { rowsOf } from '../src/platform/db/index.js';
import { SHARED_PAGE, TABLES_WITHOUT_DATA_VERSION } from '../src/platform/http/render-cache.js';
import { Client, createTestApp, formValues, TESTBY_HOST, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

/** Whether the answer was a kept page: it read the tenant's data version at most (PGlite may know it already), and nothing else. */
const kept = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-sql-statements']) <= 1;

for (const engine of engines) {
  describe(`render cache on ${engine}`, () => {
    test('a visitor gets a kept page until the tenant’s data changes, by any write in it', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const first = await visitor.get('/ortsrad/fristad');
      assert.equal(first.statusCode, 200);
      assert.ok(!kept(first), 'the first visit makes the page');
      const second = await visitor.get('/ortsrad/fristad');
      assert.ok(kept(second), `the second is the kept page (${second.headers['x-sql-statements']} statements)`);
      assert.equal(second.body, first.body);
      assert.equal(second.headers['content-type'], first.headers['content-type']);
      assert.equal(second.headers['content-security-policy'], first.headers['content-security-policy'], 'with the same security headers');
      if (engine === 'pglite') {
        // The embedded database is this process's alone: until any other statement runs, the version it read holds.
        assert.equal((await visitor.get('/ortsrad/fristad')).headers['x-sql-statements'], '0');
      }

      // A write made outside this process (a script, another instance): the very next visit shows it.
      await ta.database.db.execute(sql`update councils set name = 'Ortsråd Fristad med omnejd' where slug = 'fristad'`);
      const third = await visitor.get('/ortsrad/fristad');
      assert.ok(!kept(third));
      assert.match(text(third.body), /Ortsråd Fristad med omnejd/);
      assert.ok(kept(await visitor.get('/ortsrad/fristad')));

      // A write in a section's table (a plan) and in the tenant's own row show at once too.
      await ta.database.db.execute(sql`update tenants set name = 'Borås Stad' where slug = 'boras'`);
      assert.match(text((await visitor.get('/ortsrad/fristad')).body), /Borås Stad/);

      // A write in another municipality leaves Borås's kept pages as they are; a rolled-back one too.
      await ta.database.db.execute(sql`update councils set name = name || ' ' where tenant_id = (select id from tenants where slug = 'testby')`);
      await ta.database.db
        .transaction(async (tx) => {
          await tx.execute(sql`update councils set name = 'Aldrig' where slug = 'fristad'`);
          tx.rollback();
        })
        .catch(() => {});
      const after = await visitor.get('/ortsrad/fristad');
      assert.ok(kept(after), 'no write in Borås: still the kept page');
      assert.doesNotMatch(after.body, /Aldrig/);

      // A change through the service's own forms shows on the next visit.
      const admin = await ta.client().signIn('admin@boras.example');
      const list = (await admin.get('/admin/orter')).body;
      const edit = /href="(\/admin\/orter\/[0-9a-f-]{36})"[^>]*>Fristad</.exec(list)?.[1];
      assert.ok(edit);
      const before = await visitor.get('/');
      assert.match(text(before.body), /Fristad/);
      assert.ok(kept(await visitor.get('/')));
      const form = (await admin.get(edit)).body;
      const values = formValues(form, edit);
      const saved = await admin.post(edit, { ...values, name: 'Fristad by' });
      assert.equal(saved.statusCode, 303);
      assert.match(text((await visitor.get('/')).body), /Fristad by/);
    });

    test('a kept page is never given to a signed-in person, another municipality or another language, and no one’s own page is kept', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      const visitor = ta.client();
      // The administrator's page first: it names them, and is not kept for the visitor.
      const own = await admin.get('/ortsrad/fristad');
      assert.match(own.body, /Anna Administratör/);
      for (let i = 0; i < 2; i++) {
        const seen = await visitor.get('/ortsrad/fristad');
        assert.doesNotMatch(seen.body, /Anna Administratör|\/logga-ut/);
      }
      // Then the visitor's kept page is not given to the signed-in person.
      const again = await admin.get('/ortsrad/fristad');
      assert.ok(!kept(again));
      assert.match(again.body, /Anna Administratör/);

      // Another municipality at the same address gets its own page.
      const testby = ta.client(TESTBY_HOST);
      await visitor.get('/');
      const home = await testby.get('/');
      assert.match(text(home.body), /Testby/);
      assert.doesNotMatch(text(home.body), /Fristad|Dalsjöfors/);
      assert.match(text((await visitor.get('/')).body), /Fristad/);

      // Another language gets its own page, and the Swedish one stays Swedish.
      const english = ta.client();
      english.setCookie('lang', 'en');
      assert.match((await english.get('/ortsrad')).body, /<html lang="en"/);
      assert.match((await english.get('/ortsrad')).body, /<html lang="en"/);
      assert.match((await visitor.get('/ortsrad')).body, /<html lang="sv"/);

      // A one-time message is shown to its reader alone, and the page with it is not kept.
      await visitor.get('/ortsrad/fristad');
      const flashed = ta.client();
      flashed.setCookie('flash', encodeURIComponent(ta.app.signCookie(JSON.stringify({ key: 'platform.errors.invalid', kind: 'error' }))));
      const withFlash = await flashed.get('/ortsrad/fristad');
      assert.ok(!kept(withFlash), 'a page with a message is made for its reader');
      assert.match(text(withFlash.body), /Värdet är inte giltigt/);
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), /Värdet är inte giltigt/);
    });

    test('a page that shows a visitor a form holds that visitor’s own token: it is never kept', async (t) => {
      const ta = await createTestApp(t, engine);
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost', WORKER: 'off' });
      const built = await buildApp(config, ta.database);
      built.app.get('/prov', SHARED_PAGE, async (_req, reply) => reply.render((ctx) => h('p', { id: 'token' }, ctx.csrf) as VNode));
      await built.app.ready();
      t.after(() => built.app.close());
      const holder = new Client(built.app, 'localhost');
      const tokens = new Set<string>();
      for (const c of [holder, holder, new Client(built.app, 'localhost'), holder]) {
        const page = await c.get('/prov');
        assert.equal(page.statusCode, 200);
        tokens.add(/<p id="token">([^<]+)</.exec(page.body)?.[1] ?? '');
      }
      assert.equal(tokens.size, 4, 'every answer has its own token');
    });

    test('every instance sees the same data version: a write through one is shown by the other’s kept pages at once', async (t) => {
      const ta = await createTestApp(t, engine);
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost', WORKER: 'off' });
      const other = await buildApp(config, ta.database);
      await other.app.ready();
      t.after(() => other.app.close());
      const there = new Client(other.app, 'localhost');
      await there.get('/');
      assert.ok(kept(await there.get('/')));
      const admin = await ta.client().signIn('admin@boras.example');
      const list = (await admin.get('/admin/orter')).body;
      const edit = /href="(\/admin\/orter\/[0-9a-f-]{36})"[^>]*>Sandared</.exec(list)?.[1];
      assert.ok(edit, 'the locality list links Sandared');
      const saved = await admin.post(edit, { ...formValues((await admin.get(edit)).body, edit), name: 'Sandared och Sjömarken' });
      assert.equal(saved.statusCode, 303);
      // No message between the instances was waited for: the other one reads the version.
      assert.match(text((await there.get('/')).body), /Sandared och Sjömarken/);
    });

    test('every table a visitor’s page can be made from advances the data version; the rest are named', async (t) => {
      const ta = await createTestApp(t, engine);
      const rows = rowsOf<{ table: string; versioned: boolean }>(
        await ta.database.db.execute(sql`
          select t.tablename as table, exists (
            select 1 from pg_trigger g where g.tgrelid = format('%I', t.tablename)::regclass and g.tgname = 'data_version'
          ) as versioned
          from pg_tables t where t.schemaname = 'public' order by 1`),
      );
      const without = new Set<string>(TABLES_WITHOUT_DATA_VERSION);
      for (const r of rows) {
        assert.equal(r.versioned, !without.has(r.table), `${r.table}: ${r.versioned ? 'has' : 'lacks'} the data_version trigger`);
      }
      assert.ok(rows.length > 50);
    });
  });
}

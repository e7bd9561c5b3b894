import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import pg from 'pg';
import { migrationsFolder } from '../src/platform/db/index.js';
import { formValues } from './helpers/app.js';
import { exited, HttpClient, type Started, startService } from './helpers/process.js';

test('three instances on one PostgreSQL: one migration and one demo load, a shared rate limit, kept pages and caches fresh everywhere', {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set',
  timeout: 240_000,
}, async () => {
  const name = `motesplats_instances_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  const started: Started[] = [];
  try {
    // A rolling start: all three at once on an empty database.
    const env = { DATABASE_URL: url.toString(), RATE_LIMIT_AUTH_PER_MINUTE: '5' };
    started.push(...(await Promise.all([startService(env), startService(env), startService(env)])));
    const [a, b, c] = started as [Started, Started, Started];
    assert.equal(started.filter((s) => /Borås demo data loaded now/.test(s.output())).length, 1, 'the demo is loaded by one instance');

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const journal = JSON.parse(fs.readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
      const applied = await db.query('select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash');
      assert.equal(applied.rows.length, journal.entries.length, 'every migration applied');
      assert.ok(
        applied.rows.every((r) => r.n === 1),
        'and each once',
      );
      assert.equal((await db.query('select count(*)::int as n from tenants')).rows[0].n, 1);
      assert.equal((await db.query("select count(*)::int as n from users where email = 'admin@boras.example'")).rows[0].n, 1);
    } finally {
      await db.end();
    }

    // Health for a load balancer, without a tenant.
    for (const s of started) {
      assert.equal((await fetch(`${s.url}/healthz`, { headers: { host: 'no-tenant.example' } })).status, 200);
      const ready = await fetch(`${s.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(await ready.text(), 'ready');
    }

    // Five password-reset requests a minute from one address, wherever they land: the sixth is refused.
    const attempt = (s: Started) =>
      fetch(`${s.url}/glomt-losenord`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=admin%40boras.example',
        redirect: 'manual',
      }).then((r) => r.status);
    const statuses = [await attempt(a), await attempt(b), await attempt(c), await attempt(a), await attempt(b)];
    assert.ok(
      statuses.every((s) => s !== 429),
      `five attempts pass the limit: ${statuses}`,
    );
    assert.equal(await attempt(c), 429, 'the sixth, on a third instance, is refused');

    // A change through one instance shows on another at once, though it keeps localities in memory.
    const home = await (await fetch(`${b.url}/`)).text();
    assert.match(home, /Fristad/);
    assert.equal((await fetch(`${b.url}/`)).headers.get('x-sql-statements'), '1', 'the other instance keeps the page for visitors');
    const adminClient = new HttpClient(a.url);
    const token = await adminClient.csrf('/logga-in');
    const signedIn = await adminClient.post('/logga-in', { email: 'admin@boras.example', password: 'motesplats-demo', next: '/', _csrf: token });
    assert.equal(signedIn.status, 303);
    const list = (await adminClient.get('/admin/orter')).body;
    const edit = /href="(\/admin\/orter\/[0-9a-f-]{36})"[^>]*>Fristad</.exec(list)?.[1];
    assert.ok(edit, 'the locality list links Fristad');
    const page = (await adminClient.get(edit)).body;
    const values = formValues(page, edit);
    const saved = await adminClient.post(edit, { ...values, name: 'Fristad med omnejd' });
    assert.equal(saved.status, 303);
    // At once: the other instance reads the data version the write advanced, before any message arrives.
    assert.match(await (await fetch(`${b.url}/`)).text(), /Fristad med omnejd/, 'the other instance shows the new name on the next visit');

    // SIGTERM: the instance finishes and closes the database.
    c.child.kill('SIGTERM');
    assert.equal(await exited(c.child), 0);
  } finally {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all(started.map((s) => exited(s.child)));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

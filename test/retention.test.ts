import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, TESTBY_HOST, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

const DAY = 86_400_000;
const count = async (ta: TestApp, query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await ta.database.db.execute(query))[0]?.n);

for (const engine of engines) {
  describe(`retention on ${engine}`, () => {
    test('an administrator sets the municipality’s periods; bad input is kept and explained; others may not; the register of processing shows them', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      assert.match(text((await admin.get('/admin')).body), /Gallring/);
      const page = text((await admin.get('/admin/gallring')).body);
      assert.match(page, /Konton vars e-postadress aldrig bekräftades \(dagar\)/);
      assert.match(page, /Standard: 30 dagar/);

      const bad = await admin.post('/admin/gallring', { 'accounts.unverified': 'tio', 'platform.notifications': '0', 'platform.auditLog': '99999' });
      assert.equal(bad.statusCode, 422);
      const said = text(bad.body);
      assert.match(said, /Ange ett helt antal dagar/);
      assert.match(said, /Ange minst 1 dag/);
      assert.match(said, /Ange högst 36500 dagar/);
      assert.match(bad.body, /value="tio"/, 'what was typed is kept');

      assert.equal((await admin.post('/admin/gallring', { 'accounts.unverified': '10', 'platform.notifications': '' })).statusCode, 303);
      assert.match((await admin.get('/admin/gallring')).body, /name="accounts.unverified" type="text" value="10"/);
      assert.match(
        text((await ta.client().get('/personuppgifter')).body),
        /Konton vars e-postadress aldrig bekräftades: tas bort 10 dagar efter när kontot skapades/,
      );
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where action = 'retention.update'`), 1);

      // Another municipality keeps the defaults; residents may not change them.
      assert.match(text((await ta.client(TESTBY_HOST).get('/personuppgifter')).body), /aldrig bekräftades: tas bort 30 dagar/);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/admin/gallring')).statusCode, 403);
      assert.equal((await resident.post('/admin/gallring', { 'accounts.unverified': '1' }, { from: '/profil' })).statusCode, 403);
      assert.equal(await count(ta, sql`select count(*)::int as n from retention_settings`), 1);

      await admin.get('/sprak/en?next=/admin/gallring');
      assert.match(text((await admin.get('/admin/gallring')).body), /Accounts whose e-mail address was never confirmed \(days\)/);
    });

    test('the hourly job removes and anonymises what is due by the service clock, at the boundary, in batches, once, and says so in the audit log', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const admin = await ta.client().signIn('admin@boras.example');
      assert.equal((await admin.post('/admin/gallring', { 'accounts.unverified': '10' })).statusCode, 303);
      const now = new Date(Date.now() + 3 * DAY);
      const tenant = sql`(select id from tenants where is_default)`;
      const at = (ms: number) => new Date(now.getTime() + ms);

      // Unverified accounts: a second inside the period stays, a second past it goes, and 1,200 long past go in batches.
      await db.execute(sql`insert into users (tenant_id, email, name, created_at) values
        (${tenant}, 'stays@example.se', 'Stannar', ${at(-10 * DAY + 1000)}), (${tenant}, 'goes@example.se', 'Går', ${at(-10 * DAY - 1000)})`);
      await db.execute(sql`insert into users (tenant_id, email, name, created_at)
        select ${tenant}, 'old' || i || '@example.se', 'Gammal ' || i, ${at(-40 * DAY)}::timestamptz from generate_series(1, 1200) i`);
      // The other municipality keeps its default (30 days): twenty days old stays.
      await db.execute(sql`insert into users (tenant_id, email, name, created_at)
        select id, 'testby@example.se', 'Testby', ${at(-20 * DAY)}::timestamptz from tenants where not is_default limit 1`);

      // A finished question's asker: two years and a second after the answer, anonymous; a second short of it, kept.
      const answered = rowsOf<{ id: string }>(
        await db.execute(sql`select id from questions where tenant_id = ${tenant} and status = 'answered' and asker_id is not null order by id limit 2`),
      );
      assert.equal(answered.length, 2);
      const [old, recent] = answered as [{ id: string }, { id: string }];
      await db.execute(sql`update questions set answered_at = ${at(-730 * DAY - 1000)} where id = ${old.id}`);
      await db.execute(sql`update questions set answered_at = ${at(-730 * DAY + 1000)} where id = ${recent.id}`);
      // Answers to a meeting long past go; the people present stay in the minutes.
      const [meeting] = rowsOf<{ id: string }>(
        await db.execute(
          sql`select m.id from meetings m where m.tenant_id = ${tenant} and exists (select 1 from meeting_registrations r where r.meeting_id = m.id) order by m.starts_at limit 1`,
        ),
      );
      assert.ok(meeting, 'the demo has registrations');
      await db.execute(sql`update meetings set starts_at = ${at(-400 * DAY)}, ends_at = ${at(-400 * DAY + 3_600_000)} where id = ${meeting.id}`);
      const attendance = await count(ta, sql`select count(*)::int as n from meeting_attendance where meeting_id = ${meeting.id}`);

      ta.services.clock = () => now;
      const ran = await ta.services.jobs.upkeep(now.getTime() + DAY);
      assert.ok(ran.includes('platform.retention'));

      const users = async (email: string) => count(ta, sql`select count(*)::int as n from users where email = ${email}`);
      assert.equal(await users('stays@example.se'), 1);
      assert.equal(await users('goes@example.se'), 0);
      assert.equal(await users('testby@example.se'), 1);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where email like 'old%@example.se'`), 0);
      assert.equal((await count(ta, sql`select count(*)::int as n from users where email_verified_at is not null`)) > 10, true, 'confirmed accounts stay');
      assert.deepEqual(
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select (details->>'count')::int as n from audit_log where action = 'retention.delete' and record_id = 'accounts.unverified' order by id`,
          ),
        ).map((r) => r.n),
        [500, 500, 201],
        'three batches, each its own audit row',
      );

      const asker = async (id: string) => rowsOf<{ asker_id: string | null }>(await db.execute(sql`select asker_id from questions where id = ${id}`))[0];
      assert.deepEqual(await asker(old.id), { asker_id: null });
      assert.notEqual((await asker(recent.id))?.asker_id, null);
      assert.equal(await count(ta, sql`select count(*)::int as n from questions where id = ${old.id}`), 1, 'the register entry stays');
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where action = 'retention.anonymise' and record_id = 'questions.askers'`), 1);
      assert.equal(await count(ta, sql`select count(*)::int as n from meeting_registrations where meeting_id = ${meeting.id}`), 0);
      assert.equal(await count(ta, sql`select count(*)::int as n from meeting_attendance where meeting_id = ${meeting.id}`), attendance);

      // Again: nothing more is due, nothing more is said.
      const rows = await count(ta, sql`select count(*)::int as n from audit_log where action like 'retention.%'`);
      await ta.services.jobs.upkeep(now.getTime() + 3 * DAY);
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where action like 'retention.%'`), rows);
    });
  });
}

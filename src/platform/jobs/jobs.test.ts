import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';
import { rowsOf } from '../db/index.js';

for (const engine of engines) {
  describe(`worker upkeep on ${engine}`, () => {
    test('the worker removes expired sessions, old finished jobs and spent rate-limit counters, and keeps the rest', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const gone = await ta.client().signIn('admin@boras.example');
      const kept = await ta.client().signIn('sekreterare@boras.example');
      // The first person's session ran out two days ago.
      await db.execute(sql`update sessions set expires_at = now() - interval '2 days'
        where user_id = (select id from users where email = 'admin@boras.example')`);
      // Three jobs: one sent long ago, one sent today, one that failed a month ago.
      await db.execute(sql`insert into jobs (name, payload, done_at) values ('old', '{}', now() - interval '8 days'), ('today', '{}', now())`);
      await db.execute(sql`insert into jobs (name, payload, failed_at, last_error) values ('failed', '{}', now() - interval '30 days', 'SMTP down')`);
      // Two rate-limit counters: one whose window ended an hour ago, one still counting.
      await db.execute(
        sql`insert into rate_limits (key, hits, resets_at) values ('spent', 3, now() - interval '1 hour'), ('live', 2, now() + interval '1 minute')`,
      );
      const count = async (q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await db.execute(q))[0]?.n ?? -1;
      const sessionsBefore = await count(sql`select count(*)::int as n from sessions`);

      const ran = await ta.services.jobs.upkeep();
      assert.deepEqual(ran.sort(), [
        'accounts.purgeOidcFlows',
        'agreements.reminders',
        'grants.reportReminders',
        'meetings.overdueActionItems',
        'notifications.composeDigests',
        'platform.purgeExpiredSessions',
        'platform.purgeOldJobs',
        'platform.purgeRateLimits',
        'platform.retention',
        'questions.overdueReminders',
      ]);
      const counters = rowsOf<{ key: string }>(await db.execute(sql`select key from rate_limits where key in ('spent', 'live')`)).map((r) => r.key);
      assert.deepEqual(counters, ['live']);
      assert.equal(await count(sql`select count(*)::int as n from sessions`), sessionsBefore - 1);
      assert.equal(await count(sql`select count(*)::int as n from sessions where expires_at < now()`), 0);
      const names = rowsOf<{ name: string }>(await db.execute(sql`select name from jobs where name in ('old', 'today', 'failed') order by name`)).map(
        (r) => r.name,
      );
      assert.deepEqual(names, ['failed', 'today']);

      // The other person is still signed in; the first one is asked to sign in.
      assert.equal((await kept.get('/profil')).statusCode, 200);
      const again = await gone.get('/profil');
      assert.equal(again.statusCode, 303);
      assert.match(String(again.headers.location), /logga-in/);

      // Not again within the minute (digests) or the hour (the rest); all again after it.
      assert.deepEqual(await ta.services.jobs.upkeep(), []);
      assert.equal((await ta.services.jobs.upkeep(Date.now() + 60 * 60 * 1000)).length, 10);
    });
  });
}

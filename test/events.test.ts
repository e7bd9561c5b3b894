import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { users } from '../src/modules/accounts/schema.js';
import { meetingRegistrations } from '../src/modules/meetings/core/schema.js';
import { loadConfig } from '../src/platform/config.js';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, lastMailTo, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { addMeeting } from './helpers/meetings.js';

const DAY = 24 * 3600_000;

for (const engine of engines) {
  describe(`modules acting on each other's events on ${engine}`, () => {
    test('a disabled account’s places at coming meetings go to others, even when the process stops before the worker runs', async (t) => {
      const ta = await createTestApp(t, engine);
      const full = await addMeeting(ta, 'fristad', {
        startsAt: new Date(Date.now() + 7 * DAY),
        endsAt: new Date(Date.now() + 7 * DAY + 7200_000),
        capacity: 1,
      });
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.post(`/moten/${full}/anmalan`, { answer: 'registered', note: '' }, { from: `/moten/${full}` })).statusCode, 303);
      const other = await ta.client().signIn('foretradare@boras.example');
      const refused = await other.post(`/moten/${full}/anmalan`, { answer: 'registered', note: '' }, { from: `/moten/${full}` });
      assert.equal(refused.statusCode, 409, 'the only place is taken');

      const [ingrid] = await ta.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'invanare@boras.example'));
      const admin = await ta.client().signIn('admin@boras.example');
      const disabled = await admin.post(`/admin/anvandare/${ingrid?.id}/sparr`, { disabled: 'true' }, { from: `/admin/anvandare/${ingrid?.id}` });
      assert.equal(disabled.statusCode, 303);
      const queued = rowsOf<{ name: string }>(await ta.database.db.execute(sql`select name from jobs where done_at is null and name like '%.on.%'`));
      assert.deepEqual(
        queued.map((j) => j.name),
        ['meetings.on.accounts.userDisabled'],
        'the effect is queued with the change',
      );

      // This process stops before its worker ran; another one, started on the same database, does the work.
      await ta.app.close();
      const { app, services } = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost' }), ta.database);
      t.after(() => app.close());
      assert.ok((await services.jobs.drain()) >= 1);
      const left = await ta.database.db
        .select()
        .from(meetingRegistrations)
        .where(and(eq(meetingRegistrations.userId, ingrid?.id as string), sql`meeting_id in (select id from meetings where starts_at > now())`));
      assert.equal(left.length, 0, 'the disabled account holds no place at a coming meeting');
      const page = await app.inject({ method: 'GET', url: `/moten/${full}`, headers: { host: 'localhost' } });
      assert.match(text(page.body), /1 plats kvar av 1|platser kvar av 1/, 'the place is free again');
      const log = rowsOf<{ actor_label: string }>(
        await ta.database.db.execute(
          sql`select actor_label from audit_log where action = 'meeting.withdraw' and details->>'because' = 'accounts.userDisabled'`,
        ),
      );
      assert.deepEqual(
        log.map((l) => l.actor_label),
        ['system'],
      );
    });

    test('those who said they were coming hear of a cancellation, in their own language, through the meetings module’s own subscriber', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = await addMeeting(ta, 'fristad', {
        startsAt: new Date(Date.now() + 9 * DAY),
        endsAt: new Date(Date.now() + 9 * DAY + 7200_000),
        title: 'Vårmöte',
      });
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.post(`/moten/${slug}/anmalan`, { answer: 'registered', note: '' }, { from: `/moten/${slug}` })).statusCode, 303);
      const s = await ta.client().signIn('sekreterare@boras.example');
      assert.equal((await s.post(`/moten/${slug}/stall-in`, { reason: 'Lokalen är upptagen.' }, { from: `/moten/${slug}` })).statusCode, 303);
      const mail = await lastMailTo(ta, 'invanare@boras.example');
      assert.match(mail?.subject ?? '', /^Inställt: Vårmöte/);
      assert.match(mail?.text ?? '', /Lokalen är upptagen\./);
      assert.equal(await lastMailTo(ta, 'sekreterare@boras.example').then((m) => m?.subject.startsWith('Inställt')), undefined);
    });
  });
}

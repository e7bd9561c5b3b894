import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rowsOf } from '../src/platform/db/index.js';
import { exited, HttpClient, startService } from './helpers/process.js';

const WRITERS = 8;
const ORGANISERS = 4;
const APPS = 4;

/**
 * Clients sign up, and a council secretary schedules meetings, continuously; the server is killed
 * with SIGKILL mid-stream and restarted. Every write the server acknowledged (303) must be there
 * afterwards with everything its transaction wrote: a sign-up with its audit row and queued mail,
 * a meeting with its audit row and its form's one-time key, a question filed through Open311 with
 * its number, first step and audit row. Nothing may be half written, and registration numbers
 * stay without gaps.
 */
async function crashAndCheck(env: Record<string, string>, open: () => ReturnType<typeof openDatabase>): Promise<void> {
  const first = await startService({ ...env, RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  const acknowledged: string[] = [];
  let stop = false;
  const writer = async (w: number) => {
    const c = new HttpClient(first.url);
    const token = await c.csrf('/registrera');
    for (let i = 0; !stop; i++) {
      const email = `krasch-${w}-${i}@example.se`;
      try {
        const res = await c.post('/registrera', {
          _csrf: token,
          name: `Krasch ${w} ${i}`,
          email,
          password: 'krasch-lösenord',
          passwordConfirm: 'krasch-lösenord',
        });
        if (res.status === 303 && res.location === '/registrera/skickat') acknowledged.push(email);
      } catch {
        return; // the server is gone
      }
    }
  };
  const meetingsMade: { title: string; slug: string }[] = [];
  const organiser = async (w: number) => {
    const c = new HttpClient(first.url);
    try {
      const token = await c.csrf('/logga-in');
      await c.post('/logga-in', { _csrf: token, email: 'sekreterare@boras.example', password: 'motesplats-demo', next: '/' });
      const csrf = await c.csrf('/moten/ny?ortsrad=fristad');
      for (let i = 0; !stop; i++) {
        const title = `Kraschmöte ${w}-${i}`;
        // Each meeting on its own day, so no day runs out of addresses.
        const date = new Date(Date.now() + (10 + w * 2000 + i) * 86_400_000).toISOString().slice(0, 10);
        const res = await c.post('/moten/ny?ortsrad=fristad', {
          _csrf: csrf,
          _submission: randomUUID(),
          title,
          description: '',
          date,
          startTime: '18:00',
          endTime: '20:00',
          placeKind: 'address',
          meetingPlaceId: '',
          address: 'Fristads folkets hus',
          onlineUrl: '',
          accessibility: '',
          capacity: '',
          registrationOpen: 'on',
          visibility: 'public',
        });
        if (res.status === 303 && res.location?.startsWith('/moten/')) meetingsMade.push({ title, slug: res.location.slice('/moten/'.length) });
      }
    } catch {
      // the server is gone
    }
  };
  const filed: string[] = [];
  const app = async (w: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await fetch(`${first.url}/open311/v2/requests.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            api_key: 'boras-open311-demo',
            service_code: w % 2 ? 'belysning' : 'fritid',
            address_string: `Kraschgatan ${i}, Fristad`,
            description: `Kraschfråga ${w}-${i}`,
          }).toString(),
        });
        if (res.status === 200) filed.push(((await res.json()) as { service_request_id: string }[])[0]?.service_request_id as string);
      } catch {
        return; // the server is gone
      }
    }
  };
  const writers = [
    ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
    ...Array.from({ length: ORGANISERS }, (_, w) => organiser(w)),
    ...Array.from({ length: APPS }, (_, w) => app(w)),
  ];
  // Kill once a good number of writes have been acknowledged, while more are in flight.
  for (let i = 0; i < 400 && (acknowledged.length < 40 || meetingsMade.length < 20 || filed.length < 20); i++) await new Promise((r) => setTimeout(r, 50));
  first.child.kill('SIGKILL');
  await exited(first.child);
  stop = true;
  await Promise.all(writers);
  assert.ok(acknowledged.length >= 20, `only ${acknowledged.length} sign-ups were acknowledged before the kill`);
  assert.ok(meetingsMade.length >= 10, `only ${meetingsMade.length} meetings were acknowledged before the kill`);
  assert.ok(filed.length >= 10, `only ${filed.length} Open311 requests were acknowledged before the kill`);

  // The service starts again on the same data (the stale lock of the killed process is taken over).
  const second = await startService(env);
  const res = await fetch(`${second.url}/`);
  assert.equal(res.status, 200);
  second.child.kill('SIGTERM');
  assert.equal(await exited(second.child), 0);

  const database = await open();
  try {
    const rows = rowsOf<{ email: string; audits: number; jobs: number }>(
      await database.db.execute(sql`
        select u.email,
          (select count(*)::int from audit_log a where a.record_id = u.id::text and a.action = 'user.signUp') as audits,
          (select count(*)::int from jobs j where j.name = 'accounts.sendVerification' and j.payload->>'userId' = u.id::text) as jobs
        from users u where u.email like 'krasch-%'`),
    );
    const stored = new Map(rows.map((r) => [r.email, r]));
    const lost = acknowledged.filter((e) => !stored.has(e));
    assert.deepEqual(lost, [], 'every acknowledged sign-up survived the crash');
    const partial = rows.filter((r) => r.audits !== 1 || r.jobs !== 1);
    assert.deepEqual(partial, [], 'no sign-up is half written');

    const made = rowsOf<{ title: string; slug: string; audits: number; keys: number }>(
      await database.db.execute(sql`
        select m.title, m.slug,
          (select count(*)::int from audit_log a where a.record_id = m.id::text and a.action = 'meeting.create') as audits,
          (select count(*)::int from form_submissions f where f.result = m.slug) as keys
        from meetings m where m.title like 'Kraschmöte %'`),
    );
    const byTitle = new Map(made.map((m) => [m.title, m]));
    const lostMeetings = meetingsMade.filter((m) => byTitle.get(m.title)?.slug !== m.slug);
    assert.deepEqual(lostMeetings, [], 'every acknowledged meeting survived the crash, at the address it was given');
    assert.deepEqual(
      made.filter((m) => m.audits !== 1 || m.keys !== 1),
      [],
      'no meeting is half written',
    );
    const keysWithoutMeeting = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from form_submissions f where not exists (select 1 from meetings m where m.slug = f.result)`),
    );
    assert.equal(keysWithoutMeeting[0]?.n, 0, 'no one-time key outlived its meeting');

    const questions = rowsOf<{ slug: string; events: number; audits: number }>(
      await database.db.execute(sql`
        select q.slug,
          (select count(*)::int from question_events e where e.question_id = q.id) as events,
          (select count(*)::int from audit_log a where a.record_id = q.id::text and a.action = 'question.register') as audits
        from questions q where q.body like 'Kraschfråga %'`),
    );
    const kept = new Set(questions.map((q) => q.slug));
    assert.deepEqual(
      filed.filter((id) => !kept.has(id)),
      [],
      'every acknowledged service_request_id survived the crash',
    );
    assert.deepEqual(
      questions.filter((q) => q.events !== 1 || q.audits !== 1),
      [],
      'no question is half written',
    );
    // Numbers without gaps or repeats: each function's serials this year run 1, 2, 3 … up to its counter.
    const series = rowsOf<{ fn: string; n: number; max: number; last: number }>(
      await database.db.execute(sql`
        select q.registered_function_id as fn, count(distinct q.serial)::int as n, max(q.serial)::int as max,
          (select s.last from question_serials s where s.function_id = q.registered_function_id and s.year = q.year) as last
        from questions q where q.year = extract(year from now())::int group by q.registered_function_id, q.year`),
    );
    assert.deepEqual(
      series.filter((x) => x.n !== x.max || x.max !== x.last),
      [],
      'registration numbers have no gaps and the counters agree',
    );
  } finally {
    await database.close();
  }
}

test('SIGKILL during writes on PGlite loses no acknowledged write and leaves nothing half written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-crash-'));
  try {
    await crashAndCheck({ DATA_DIR: dir }, () => openDatabase({ dataDir: dir }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGKILL during writes on PostgreSQL loses no acknowledged write and leaves nothing half written', {
  skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set',
}, async () => {
  const name = `motesplats_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  try {
    await crashAndCheck({ DATABASE_URL: url.toString() }, () => openDatabase({ databaseUrl: url.toString(), poolSize: 1 }));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

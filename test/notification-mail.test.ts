import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { rowsOf } from '../src/platform/db/index.js';
import { devOutbox } from '../src/platform/mail/schema.js';
import { notifyFollowers } from '../src/platform/notifications/index.js';
import { digestPeriod } from '../src/platform/notifications/mail.js';
import { addDays, localToUtc } from '../src/platform/time.js';
import { createTestApp, TESTBY_HOST, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { addMeeting, borasId, councilId } from './helpers/meetings.js';

const DAY = 24 * 3600_000;
const RESIDENT = 'invanare@boras.example';

async function mailsTo(ta: TestApp, to: string, since = new Date(0)) {
  return ta.database.db
    .select()
    .from(devOutbox)
    .where(and(eq(devOutbox.to, to), gt(devOutbox.createdAt, since)))
    .orderBy(asc(devOutbox.createdAt));
}

/** The instant of the next 07:00 in Stockholm after the current digest period's. */
function nextSeven(now: Date): Date {
  const { period } = digestPeriod(now, 'Europe/Stockholm', 'daily');
  return localToUtc(addDays(period, 1), '07:00', 'Europe/Stockholm') as Date;
}

/** Posts as a mail program's one-click button does (RFC 8058): no cookie, no CSRF token, only the address. */
function oneClick(ta: TestApp, href: string, host = 'localhost') {
  return ta.app.inject({
    method: 'POST',
    url: new URL(href).pathname,
    headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
}

async function publishMeeting(ta: TestApp, title: string, days = 12) {
  const secretary = await ta.client().signIn('sekreterare@boras.example');
  const slug = await addMeeting(ta, 'fristad', {
    startsAt: new Date(Date.now() + days * DAY),
    endsAt: new Date(Date.now() + days * DAY + 3600_000),
    status: 'draft',
    title,
    slugBase: title.toLowerCase().replace(/[^a-z]/g, ''),
  });
  assert.equal((await secretary.post(`/moten/${slug}/publicera`, {}, { from: `/moten/${slug}` })).statusCode, 303);
  await ta.drain();
  return slug;
}

for (const engine of engines) {
  describe(`notification mail on ${engine}`, () => {
    test('a daily digest at 07:00 Stockholm time, grouped by council, once per person and period across two workers, with one-click unsubscribe', async (t) => {
      const ta = await createTestApp(t, engine);
      const now = new Date();
      // The demo resident heard yesterday of Fristad's minutes and next meeting: today's digest holds them.
      ta.services.clock = () => now;
      await ta.services.jobs.upkeep();
      await ta.drain();
      const [digest, ...none] = await mailsTo(ta, RESIDENT);
      assert.ok(digest, 'the digest waiting for the demo resident');
      assert.equal(none.length, 0);
      assert.match(digest.subject, /Dagens sammanfattning från Mötesplats Borås: 2 nyheter/);
      assert.match(digest.text, /^Hej Ingrid Invånare!/);
      assert.match(digest.text, /Ortsråd Fristad\n-+\n\* /, 'grouped under the council');
      assert.match(digest.text, /\* Protokollet från .* \(Ortsråd Fristad\) är publicerat .*\n {2}http:\/\/localhost\/moten\/.*\/protokoll\n/);
      assert.match(digest.text, /\* Nytt möte i Ortsråd Fristad: .*\n {2}http:\/\/localhost\/moten\//);
      assert.match(digest.html ?? '', /<h2[^>]*>Ortsråd Fristad<\/h2>/, 'an HTML part, grouped the same way');
      assert.match(digest.html ?? '', /<html lang="sv">/);
      const unsubscribe = /^<(http:\/\/localhost\/avregistrera\/[^>]+)>$/.exec(digest.headers['List-Unsubscribe'] ?? '')?.[1];
      assert.ok(unsubscribe, 'a List-Unsubscribe address');
      assert.equal(digest.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
      assert.ok(digest.text.includes(unsubscribe), 'the same link in the text, for those without a one-click button');

      // Something new after today's 07:00 waits for tomorrow's; the same period composed again sends nothing.
      await publishMeeting(ta, 'Höstmöte');
      const tomorrow = nextSeven(now);
      ta.services.clock = () => new Date(tomorrow.getTime() - 60_000);
      await ta.services.jobs.upkeep(Date.now() + DAY);
      await ta.drain();
      assert.equal((await mailsTo(ta, RESIDENT)).length, 1, 'nothing before 07:00');

      // At 07:00 two workers compose and send at once: one digest, with only the new item.
      const second = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost' }), ta.database);
      t.after(() => second.app.close());
      for (const s of [ta.services, second.services]) s.clock = () => tomorrow;
      await Promise.all([ta.services.jobs.upkeep(Date.now() + 2 * DAY), second.services.jobs.upkeep(Date.now() + 2 * DAY)]);
      await Promise.all([ta.services.jobs.drain(), second.services.jobs.drain()]);
      await Promise.all([ta.services.jobs.upkeep(Date.now() + 3 * DAY), second.services.jobs.upkeep(Date.now() + 3 * DAY)]);
      await Promise.all([ta.services.jobs.drain(), second.services.jobs.drain()]);
      const mails = await mailsTo(ta, RESIDENT);
      assert.equal(mails.length, 2, 'one more digest, however many workers and runs');
      assert.match(mails[1]?.subject ?? '', /1 nyheter/);
      assert.match(mails[1]?.text ?? '', /Nytt möte i Ortsråd Fristad: Höstmöte/);
      assert.doesNotMatch(mails[1]?.text ?? '', /Protokollet från/, 'what one digest told, the next does not');
      const [periods] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from digests where cadence = 'daily'`));
      assert.equal(periods?.n, 2);

      // The link asks first (a scanner following links stops nothing); the one-click POST stops it, without signing in.
      const visitor = ta.client();
      const asked = await visitor.get(new URL(unsubscribe).pathname);
      assert.equal(asked.statusCode, 200);
      assert.match(text(asked.body), /Vill du sluta få e-post om "den dagliga sammanfattningen"\?/);
      assert.equal((await oneClick(ta, unsubscribe, TESTBY_HOST)).statusCode, 404, 'the token is bound to its municipality');
      assert.equal((await oneClick(ta, `${unsubscribe.slice(0, -3)}abc`)).statusCode, 404, 'a tampered token');
      const stopped = await oneClick(ta, unsubscribe);
      assert.equal(stopped.statusCode, 200);
      assert.match(text(stopped.body), /Du får inte längre e-post om "den dagliga sammanfattningen"/);
      const resident = await ta.client().signIn(RESIDENT);
      assert.match((await resident.get('/profil/epost')).body, /name="meetings.followed" value="never" checked/);
      // Nothing more comes by mail; the notifications are still in the service.
      await publishMeeting(ta, 'Vintermöte', 14);
      for (const s of [ta.services]) s.clock = () => new Date(tomorrow.getTime() + DAY);
      await ta.services.jobs.upkeep(Date.now() + 4 * DAY);
      await ta.drain();
      assert.equal((await mailsTo(ta, RESIDENT)).length, 2);
      assert.match(text((await resident.get('/notiser')).body), /Vintermöte/);
    });

    test('mail at once when chosen, in the person’s language, never twice after a crash half-way through a fan-out', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn(RESIDENT);
      const before = new Date();

      // A choice that is not one of the four is said on its group, and the form keeps the rest.
      const bad = await resident.post('/profil/epost', { 'meetings.followed': 'sometimes' }, { from: '/profil/epost' });
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Välj ett av alternativen/);
      assert.equal((await resident.post('/profil/epost', { 'meetings.followed': 'immediate' }, { from: '/profil/epost' })).statusCode, 303);
      await resident.get('/sprak/en');
      await resident.post('/profil', { name: 'Ingrid Invånare', lang: 'en' }, { from: '/profil' });

      const slug = await publishMeeting(ta, 'Extramöte');
      const [mail, ...more] = await mailsTo(ta, RESIDENT, before);
      assert.ok(mail, 'mailed at once');
      assert.equal(more.length, 0);
      assert.equal(mail.subject, 'New meeting in Ortsråd Fristad: Extramöte');
      assert.match(mail.text, new RegExp(`http://localhost/moten/${slug}`));
      assert.match(mail.text, /Stop e-mail about "Meetings and minutes in what you follow"/);
      assert.match(mail.html ?? '', /<html lang="en">/);
      assert.match(mail.headers['List-Unsubscribe'] ?? '', /^<http:\/\/localhost\/avregistrera\//);

      // A fan-out of 7 followers in batches of 2 dies after its second batch; run again, it finishes and nobody hears twice.
      const fristad = await councilId(ta, 'fristad');
      const tenantId = await borasId(ta);
      await ta.database.db.execute(sql`
        insert into follows (tenant_id, user_id, kind, subject_id) select ${tenantId}, gen_random_uuid(), 'council', ${fristad}::uuid from generate_series(1, 6)`);
      await ta.database.db.execute(sql`
        insert into notification_settings (tenant_id, user_id, kind, delivery)
        select tenant_id, user_id, 'meetings.followed', 'immediate' from follows where subject_id = ${fristad}::uuid
        on conflict do nothing`);
      const n = {
        tenantId,
        event: 'meetings.followed',
        source: 'test:crash',
        messageKey: 'meetings.notify.published',
        vars: { title: 'Krasch', organiser: 'Ortsråd Fristad' },
        link: '/ortsrad/fristad',
        topic: 'Ortsråd Fristad',
        kind: 'council',
        subjectId: fristad,
      };
      await assert.rejects(
        notifyFollowers(ta.database.db, n, {
          batch: 2,
          afterBatch: (b) => {
            if (b === 2) throw new Error('the worker died');
          },
        }),
      );
      const count = async (q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await ta.database.db.execute(q))[0]?.n;
      assert.equal(await count(sql`select count(*)::int as n from notifications where source = 'test:crash'`), 4, 'two batches landed');
      assert.equal(await notifyFollowers(ta.database.db, n, { batch: 2 }), 7);
      assert.equal(await count(sql`select count(*)::int as n from notifications where source = 'test:crash'`), 7, 'each follower once');
      assert.equal(
        await count(sql`select count(*)::int as n from jobs j join notifications x on x.id::text = j.payload->>'id' where x.source = 'test:crash'`),
        7,
        'one mail each, none twice',
      );
      await ta.drain();
      assert.equal((await mailsTo(ta, RESIDENT, before)).length, 2, 'the resident got the first and the crashed one, once');
    });
  });
}

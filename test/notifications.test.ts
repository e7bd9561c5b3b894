import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { addDays } from '../src/platform/time.js';
import { createTestApp, formValues, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { addMeeting, councilId } from './helpers/meetings.js';

const DAY = 24 * 3600_000;
const header = (html: string) => text(/<div class="site-header__tools">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '');

for (const engine of engines) {
  describe(`follows and notifications on ${engine}`, () => {
    test('a person follows a council with one button and stops the same way; only what they may see can be followed', async (t) => {
      const ta = await createTestApp(t, engine);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const page = await chair.get('/ortsrad/dalsjofors-toarp');
      assert.match(text(page.body), /Bevaka/);
      const id = await councilId(ta, 'dalsjofors-toarp');
      const followed = await chair.post(
        '/bevakningar',
        { kind: 'council', id, action: 'follow', back: '/ortsrad/dalsjofors-toarp' },
        { from: '/ortsrad/dalsjofors-toarp' },
      );
      assert.equal(followed.statusCode, 303);
      assert.equal(followed.headers.location, '/ortsrad/dalsjofors-toarp');
      assert.match(text((await chair.get('/ortsrad/dalsjofors-toarp')).body), /Du bevakar Ortsråd Dalsjöfors\/Toarp\. Sluta bevaka/);
      assert.match(text((await chair.get('/mina-bevakningar')).body), /Ortsråd och nätverk Ortsråd Dalsjöfors\/Toarp Sluta bevaka/);
      await chair.post('/bevakningar', { kind: 'council', id, action: 'unfollow', back: '/mina-bevakningar' }, { from: '/mina-bevakningar' });
      assert.match(text((await chair.get('/mina-bevakningar')).body), /Du bevakar ingenting ännu/);

      // The contact persons' network is private: to anyone outside it, it does not exist.
      const hidden = await councilId(ta, 'kontaktpersoner');
      assert.equal((await chair.post('/bevakningar', { kind: 'council', id: hidden, action: 'follow' }, { from: '/mina-bevakningar' })).statusCode, 404);
      assert.equal((await chair.post('/bevakningar', { kind: 'nothing', id, action: 'follow' }, { from: '/mina-bevakningar' })).statusCode, 404);
      assert.equal((await chair.post('/bevakningar', { kind: 'council', id: 'not-an-id', action: 'follow' }, { from: '/mina-bevakningar' })).statusCode, 404);
      // A meeting place is followed the same way.
      const place = await chair.get('/motesplatser/fristads-bibliotek');
      assert.match(text(place.body), /Bevaka/);
      const placeId = /name="id" value="([0-9a-f-]{36})"/.exec(place.body)?.[1] as string;
      await chair.post(
        '/bevakningar',
        { kind: 'meetingPlace', id: placeId, action: 'follow', back: '/motesplatser/fristads-bibliotek' },
        { from: '/motesplatser/fristads-bibliotek' },
      );
      assert.match(text((await chair.get('/mina-bevakningar')).body), /Mötesplatser Fristads bibliotek Sluta bevaka/);
      // And an organisation.
      const org = await chair.get('/organisationer/dalsjofors-goif');
      const orgId = /name="kind" value="organisation"\/><input type="hidden" name="id" value="([0-9a-f-]{36})"/.exec(org.body)?.[1] as string;
      assert.ok(orgId, 'the organisation page has a follow button');
      await chair.post(
        '/bevakningar',
        { kind: 'organisation', id: orgId, action: 'follow', back: '/organisationer/dalsjofors-goif' },
        { from: '/organisationer/dalsjofors-goif' },
      );
      assert.match(text((await chair.get('/mina-bevakningar')).body), /Organisationer Dalsjöfors GoIF Sluta bevaka/);
      const visitor = ta.client();
      assert.doesNotMatch(text((await visitor.get('/ortsrad/fristad')).body), /Bevaka/, 'a visitor has nothing to follow with');
      assert.equal((await visitor.get('/mina-bevakningar')).statusCode, 303);
      assert.equal((await visitor.get('/notiser')).statusCode, 303);
    });

    test('followers hear of a publication, never the one who did it, and a members-only meeting reaches members only; told once', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example'); // a member who follows Fristad (demo data)
      const editor = await ta.client().signIn('redaktor@boras.example'); // follows Fristad, is not a member
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const fristad = await councilId(ta, 'fristad');
      for (const c of [editor, secretary]) {
        assert.equal((await c.post('/bevakningar', { kind: 'council', id: fristad, action: 'follow' }, { from: '/ortsrad/fristad' })).statusCode, 303);
      }
      // The demo resident follows Fristad and has heard of its latest minutes and its next meeting.
      assert.match(header((await resident.get('/')).body), /Notiser \(2 olästa\)/);
      assert.match(text((await resident.get('/notiser')).body), /Protokollet från .* \(Ortsråd Fristad\) är publicerat/);

      // At ten in the morning (UTC), so the meeting's two hours never cross midnight in Borås, whatever time the test runs.
      const morning = (days: number) => new Date(new Date(Date.now() + days * DAY).setUTCHours(10, 0, 0, 0));
      const open = await addMeeting(ta, 'fristad', {
        startsAt: morning(9),
        endsAt: new Date(morning(9).getTime() + 7200_000),
        status: 'draft',
        title: 'Vårmöte',
      });
      const closed = await addMeeting(ta, 'fristad', {
        startsAt: morning(10),
        endsAt: new Date(morning(10).getTime() + 7200_000),
        status: 'draft',
        title: 'Styrelsens budgetmöte',
        visibility: 'members',
        slugBase: 'styrelse',
      });
      for (const slug of [open, closed]) assert.equal((await secretary.post(`/moten/${slug}/publicera`, {}, { from: `/moten/${slug}` })).statusCode, 303);
      await ta.drain();

      const mine = text((await resident.get('/notiser')).body);
      assert.match(mine, /Nytt möte i Ortsråd Fristad: Vårmöte/);
      assert.match(mine, /Nytt möte i Ortsråd Fristad: Styrelsens budgetmöte/, 'a member hears of the members-only meeting');
      assert.match(header((await resident.get('/')).body), /Notiser \(4 olästa\)/);
      const theirs = text((await editor.get('/notiser')).body);
      assert.match(theirs, /Vårmöte/);
      assert.doesNotMatch(theirs, /Styrelsens budgetmöte/, 'a follower outside the council never hears of its members-only meeting');
      assert.match(text((await secretary.get('/notiser')).body), /inga notiser/, 'nobody is told of their own action');

      // The same event carried again (a worker that died before marking its job done) tells nobody twice.
      await ta.database.db.execute(
        sql`insert into jobs (name, payload, tenant_id) select name, payload, tenant_id from jobs where name = 'meetings.on.meetings.published'`,
      );
      await ta.drain();
      const [count] = rowsOf<{ n: number }>(
        await ta.database.db.execute(
          sql`select count(*)::int as n from notifications where event = 'meetings.followed' and link in (${`/moten/${open}`}, ${`/moten/${closed}`})`,
        ),
      );
      assert.equal(count?.n, 3);

      // The open meeting moves a day later (same hours, whatever the time of day the test runs):
      // its followers hear of it, the one who moved it does not.
      const edit = await secretary.get(`/moten/${open}/redigera`);
      const values = formValues(edit.body, `/moten/${open}/redigera`);
      const moved = await secretary.post(`/moten/${open}/redigera`, { ...values, date: addDays(values.date ?? '', 1) });
      assert.equal(moved.statusCode, 303);
      await ta.drain();
      assert.match(text((await resident.get('/notiser')).body), /Ny tid eller plats för Vårmöte \(Ortsråd Fristad\)/);
      assert.doesNotMatch(text((await secretary.get('/notiser')).body), /Ny tid/);
      // A change that moves nothing (the description) tells nobody.
      const again = formValues((await secretary.get(`/moten/${open}/redigera`)).body, `/moten/${open}/redigera`);
      await secretary.post(`/moten/${open}/redigera`, { ...again, description: 'Välkomna!' });
      await ta.drain();
      assert.equal((text((await resident.get('/notiser')).body).match(/Ny tid eller plats/g) ?? []).length, 1);

      const english = await ta.client().signIn('invanare@boras.example');
      await english.get('/sprak/en');
      assert.match(text((await english.get('/notiser')).body), /New meeting in Ortsråd Fristad: Vårmöte/);
      // Follows and notifications are the person's data: in their export, and nobody else's.
      const exported = JSON.parse((await resident.get('/profil/export')).body);
      assert.deepEqual(
        exported.notifications.follows.map((f: { kind: string; subjectId: string }) => [f.kind, f.subjectId]),
        [['council', fristad]],
      );
      assert.equal(exported.notifications.notifications.length, 5);
      assert.equal(JSON.parse((await editor.get('/profil/export')).body).notifications.notifications.length, 2);
      assert.equal((await resident.post('/notiser/las-alla', {}, { from: '/notiser' })).statusCode, 303);
      assert.match(header((await resident.get('/')).body), /Notiser(?! \()/);
      assert.match((await resident.get('/notiser')).body, new RegExp(`href="/moten/${open}"`), 'each notification leads to what it is about');
    });
    test('publishing to 5,000 followers answers the secretary as a publication to five does; the fan-out is one job', async (t) => {
      const ta = await createTestApp(t, engine);
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const fristad = await councilId(ta, 'fristad');
      const publish = async (title: string) => {
        const slug = await addMeeting(ta, 'fristad', {
          startsAt: new Date(Date.now() + 20 * DAY),
          endsAt: new Date(Date.now() + 20 * DAY + 3600_000),
          status: 'draft',
          title,
          slugBase: title,
        });
        const res = await secretary.post(`/moten/${slug}/publicera`, {}, { from: `/moten/${slug}` });
        assert.equal(res.statusCode, 303);
        return Number(res.headers['x-sql-statements']);
      };
      const few = await publish('fa');
      await ta.database.db.execute(
        sql`insert into follows (tenant_id, user_id, kind, subject_id) select tenant_id, gen_random_uuid(), 'council', id from councils, generate_series(1, 5000) where id = ${fristad}`,
      );
      const many = await publish('manga');
      assert.equal(many, few, 'the request does the same work however many follow');
      await ta.drain();
      const [count] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from notifications where link like '%manga%'`));
      assert.ok((count?.n ?? 0) >= 5000, `${count?.n} told`);
    });
  });
}

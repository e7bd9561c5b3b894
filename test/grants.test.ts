import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, formValues, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

const year = new Date().getFullYear();

for (const engine of engines) {
  describe(`grant programmes and calls on ${engine}`, () => {
    test('a visitor reads the programmes, who may apply, how applications are judged, and when each call opens and closes in Swedish time', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const list = text((await visitor.get('/bidrag')).body);
      assert.match(list, /Föreningsbidrag/);
      assert.match(list, /Medel för lokal utveckling/);
      assert.match(list, /Aktiverings- och inkluderingsbidrag[\s\S]*Öppen för ansökningar hela året/);
      const page = text((await visitor.get('/bidrag/socialt-riktat-stod')).body);
      assert.match(page, /10 000–250 000 kr/);
      assert.match(page, /En registrerad förening/);
      assert.match(page, /Verksamhet i utsatta områden \(vikt 3\)/);
      assert.match(page, new RegExp(`15 nov. ${year} 23:59`), 'the deadline is the end of the day in Borås');
      const local = text((await visitor.get('/bidrag/medel-for-lokal-utveckling')).body);
      assert.match(local, /Ansökningar upp till 100 000 kr beslutas av handläggare på delegation/);
      assert.equal((await visitor.get('/bidrag/finns-inte')).statusCode, 404);
      // The deadline is stored as the instant it is in Stockholm: 23:59 in November is 22:59 UTC.
      const [call] = rowsOf<{ closes: string }>(
        await ta.database.db.execute(
          sql`select to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as closes from grant_calls where title = ${`Socialt riktat stöd ${year + 1}`}`,
        ),
      );
      assert.equal(call?.closes, `${year}-11-15 22:59`);
    });

    test('administrators start programmes; a grant officer keeps only the programmes given to them; a paused programme is not found by others', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      const form = formValues((await admin.get('/admin/bidrag/ny')).body, '/admin/bidrag/ny');
      const bad = await admin.post('/admin/bidrag/ny', {
        ...form,
        name: 'Kulturbidrag <b>',
        minAmount: '5 000',
        maxAmount: '1 000',
        ageMin: '10',
        criteria: 'Kvalitet | 99',
      });
      assert.equal(bad.statusCode, 422);
      const said = text(bad.body);
      assert.match(said, /Högsta beloppet kan inte vara lägre än det lägsta/);
      assert.match(said, /Ange både lägsta och högsta ålder/);
      assert.match(said, /Skriv ett kriterium per rad/);
      assert.match(bad.body, /value="Kulturbidrag &lt;b>"/);
      const made = await admin.post('/admin/bidrag/ny', {
        ...form,
        name: 'Kulturbidrag',
        summary: 'För kulturföreningar.',
        maxAmount: '20 000',
        criteria: 'Kvalitet | 2\nBredd',
        active: '',
      });
      assert.equal(made.statusCode, 303);
      assert.equal(String(made.headers.location), '/bidrag/kulturbidrag');
      assert.equal((await ta.client().get('/bidrag/kulturbidrag')).statusCode, 404, 'a paused programme does not exist for a visitor');
      assert.doesNotMatch(text((await ta.client().get('/bidrag')).body), /Kulturbidrag/);
      assert.match(text((await admin.get('/bidrag/kulturbidrag')).body), /Kvalitet \(vikt 2\)[\s\S]*Bredd \(vikt 1\)/);

      // A grant officer of the local development funds.
      const [ids] = rowsOf<{ user: string; programme: string; tenant: string }>(
        await ta.database.db.execute(sql`select u.id as user, p.id as programme, p.tenant_id as tenant from users u, grant_programmes p
          where u.email = 'handlaggare@boras.example' and p.slug = 'medel-for-lokal-utveckling'`),
      );
      await ta.database.db.execute(
        sql`insert into role_assignments (tenant_id, user_id, role, scope_type, scope_id) values (${ids?.tenant}, ${ids?.user}, 'grant_officer', 'programme', ${ids?.programme})`,
      );
      const officer = await ta.client().signIn('handlaggare@boras.example');
      assert.equal((await officer.get('/admin/bidrag/medel-for-lokal-utveckling')).statusCode, 200);
      assert.equal((await officer.get('/admin/bidrag/grundbidrag')).statusCode, 403);
      assert.equal((await officer.get('/admin/bidrag/ny')).statusCode, 403, 'only administrators start programmes');
      assert.equal((await officer.get('/admin/bidrag/kulturbidrag')).statusCode, 404, 'a paused programme of someone else');
      const adminList = text((await officer.get('/admin/bidrag')).body);
      assert.match(adminList, /Medel för lokal utveckling/);
      assert.doesNotMatch(adminList, /Grundbidrag/);
      assert.equal(
        (
          await ta
            .client()
            .signIn('invanare@boras.example')
            .then((c) => c.get('/admin/bidrag'))
        ).statusCode,
        403,
      );

      // The officer opens a call: its end may not come before its start; times are HH:MM.
      const callUrl = '/admin/bidrag/medel-for-lokal-utveckling/utlysningar/ny';
      const callForm = formValues((await officer.get(callUrl)).body, callUrl);
      const backwards = await officer.post(callUrl, {
        ...callForm,
        title: 'Extra utlysning',
        opensOn: `${year + 1}-06-01`,
        closesOn: `${year + 1}-05-01`,
        budget: '200 000',
      });
      assert.equal(backwards.statusCode, 422);
      assert.match(text(backwards.body), /kan inte stänga innan den öppnar/);
      const badTime = await officer.post(callUrl, {
        ...callForm,
        title: 'Extra utlysning',
        closesOn: `${year + 1}-05-01`,
        closesTime: '25:00',
        budget: '200 000',
      });
      assert.equal(badTime.statusCode, 422);
      assert.match(text(badTime.body), /Skriv en tid som TT:MM/);
      const summer = await officer.post(callUrl, {
        ...callForm,
        title: 'Extra utlysning',
        opensOn: `${year + 1}-06-01`,
        closesOn: `${year + 1}-07-01`,
        closesTime: '12:00',
        budget: '200 000',
      });
      assert.equal(summer.statusCode, 303);
      const [call] = rowsOf<{ closes: string }>(
        await ta.database.db.execute(
          sql`select to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as closes from grant_calls where title = 'Extra utlysning'`,
        ),
      );
      assert.equal(call?.closes, `${year + 1}-07-01 10:00`, 'noon in Stockholm summer time is 10:00 UTC');
      assert.match(text((await ta.client().get('/bidrag/medel-for-lokal-utveckling')).body), /Extra utlysning[\s\S]*Öppnar snart/);
    });
  });
}

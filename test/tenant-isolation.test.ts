import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, TESTBY_HOST, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { councilId } from './helpers/meetings.js';

const BORAS_WORDS = /Borås|Fristad|Dalsjöfors|Attraktiva Toarp|Tekniska förvaltningen|boras\.example|Anna Administratör|Karl Kontaktperson|Norrby/;
const TESTBY_WORDS = /Testby|testby\.example|Norrgården|Tova/;

/** The id of a Borås council's agreement, for addresses another municipality must not reach. */
async function agreementId(ta: Awaited<ReturnType<typeof createTestApp>>, council: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await ta.database.db.execute(sql`select a.id from agreements a join councils c on c.id = a.council_id where c.slug = ${council}`),
  );
  return row?.id as string;
}

async function grantApplicationId(ta: Awaited<ReturnType<typeof createTestApp>>, title: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from grant_applications where title = ${title}`));
  return row?.id as string;
}

for (const engine of engines) {
  describe(`tenant isolation on ${engine}`, () => {
    test('a second municipality sees nothing of Borås on any page, list, search or export', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client(TESTBY_HOST);
      for (const path of [
        '/',
        '/organisationer',
        '/organisationer?q=fristad',
        '/organisationer?q=idrottsförening',
        '/orter/testby-centrum',
        '/tillganglighet',
        '/planer',
        '/planer/kommunen',
      ]) {
        const res = await visitor.get(path);
        assert.equal(res.statusCode, 200, path);
        assert.doesNotMatch(text(res.body), BORAS_WORDS, path);
      }
      for (const path of [
        '/orter/fristad',
        '/omraden/norrby',
        '/organisationer/framtid-fristad',
        '/organisationer/framtid-fristad/redigera',
        '/ortsrad/fristad',
        '/ortsrad/kontaktpersoner',
        '/ortsrad/fristad/kalender.ics',
        '/planer/fristad',
        '/planer/fristad/plan.csv',
        '/planer/fristad/historik',
        '/planer/viskans-park',
      ]) {
        assert.equal((await visitor.get(path)).statusCode, 404, path);
      }
      const admin = await ta.client(TESTBY_HOST).signIn('admin@testby.example');
      // Not even the other municipality's administrator reaches Borås's records, to read or to edit.
      const borasCouncil = await councilId(ta, 'fristad');
      for (const path of [
        '/organisationer/framtid-fristad/redigera',
        '/ortsrad/fristad/medlemmar',
        `/admin/ortsrad/${borasCouncil}`,
        '/moten/ny?ortsrad=fristad',
        '/planer/fristad/redigera',
        '/planer/viskafors',
        `/overenskommelser/${await agreementId(ta, 'fristad')}`,
        `/admin/overenskommelser/${await agreementId(ta, 'fristad')}`,
        `/overenskommelser/${await agreementId(ta, 'fristad')}/rapporter/${new Date().getFullYear() - 1}`,
        '/bidrag/medel-for-lokal-utveckling',
        '/admin/bidrag/medel-for-lokal-utveckling',
        '/admin/bidrag/medel-for-lokal-utveckling/formular',
        '/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande',
        '/admin/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande',
        `/bidrag/ansokningar/${await grantApplicationId(ta, 'Fotboll för alla')}`,
        `/bidrag/beviljade/${await grantApplicationId(ta, 'Rastplats vid Viskan')}`,
      ]) {
        assert.equal((await admin.get(path)).statusCode, 404, path);
      }
      for (const path of [
        '/admin/anvandare',
        '/admin/anvandare?q=a',
        '/admin/orter',
        '/admin/omraden',
        '/admin/funktioner',
        '/admin/organisationer',
        '/admin/ortsrad',
        '/motesplatser',
        '/kalender',
        '/admin/logg',
        '/dev/outbox',
        '/planer',
        '/planer/kommunen',
        '/planer/ny',
        '/overenskommelser',
        '/admin/overenskommelser/ny',
        '/bidrag',
        '/admin/bidrag',
        '/bidrag/ansokningar',
        '/bidrag/beviljade',
        '/bidrag/beviljade.csv',
      ]) {
        const res = await admin.get(path);
        assert.equal(res.statusCode, 200, path);
        assert.doesNotMatch(text(res.body), BORAS_WORDS, path);
      }
      const exported = await admin.get('/profil/export');
      assert.equal(exported.statusCode, 200);
      assert.doesNotMatch(exported.body, BORAS_WORDS);
    });

    test('Borås sees nothing of the second municipality, and its accounts do not cross over', async (t) => {
      const ta = await createTestApp(t, engine);
      const boras = await ta.client().signIn('admin@boras.example');
      for (const path of [
        '/',
        '/organisationer',
        '/organisationer?q=testby',
        '/admin/anvandare',
        '/admin/anvandare?q=testby',
        '/admin/logg',
        '/admin/funktioner',
      ]) {
        const res = await boras.get(path);
        assert.equal(res.statusCode, 200, path);
        assert.doesNotMatch(text(res.body), TESTBY_WORDS, path);
      }
      assert.equal((await boras.get('/organisationer/testby-idrottsforening')).statusCode, 404);
      // A Testby account cannot sign in to Borås, and a Borås session is worthless in Testby.
      assert.equal((await ta.client().post('/logga-in', { email: 'admin@testby.example', password: 'motesplats-demo' })).statusCode, 422);
      const sid = boras.cookie('sid') as string;
      const res = await ta.app.inject({ method: 'GET', url: '/admin/anvandare', headers: { host: TESTBY_HOST, cookie: `sid=${sid}` } });
      assert.equal(res.statusCode, 303, 'the Borås session is not a Testby session');
      // An administrator of Borås cannot reach a Testby user by id.
      const testbyAdmin = await ta.client(TESTBY_HOST).signIn('admin@testby.example');
      const list = await testbyAdmin.get('/admin/anvandare');
      const testbyUserId = /\/admin\/anvandare\/([0-9a-f-]{36})/.exec(list.body)?.[1] as string;
      assert.equal((await boras.get(`/admin/anvandare/${testbyUserId}`)).statusCode, 404);
      assert.equal((await boras.post(`/admin/anvandare/${testbyUserId}/roller`, { role: 'admin' }, { from: '/admin' })).statusCode, 404);
    });
  });
}

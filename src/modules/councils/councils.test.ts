import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, TESTBY_HOST, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';

for (const engine of engines) {
  describe(`councils on ${engine}`, () => {
    test('a visitor sees the four ortsråd and the seven area networks, but not the contact persons’ network', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const list = text((await c.get('/ortsrad')).body);
      for (const name of [
        'Ortsråd Dalsjöfors/Toarp',
        'Ortsråd Fristad',
        'Ortsråd Sandared',
        'Viskaforsbygdens ortsråd',
        'Områdesnätverk Norrby',
        'Områdesnätverk Trandared',
      ]) {
        assert.match(list, new RegExp(name));
      }
      assert.match(list, /Drivs av Attraktiva Toarp/);
      assert.doesNotMatch(list, /Kontaktpersonernas nätverk/);
      assert.equal((await c.get('/ortsrad/kontaktpersoner')).statusCode, 404, 'a private network answers 404');

      const page = await c.get('/ortsrad/fristad');
      const body = text(page.body);
      assert.match(body, /Framtid Fristad/);
      assert.match(body, /Fredrik Företrädare, ordförande/);
      assert.match(body, /Sofia Sekreterare, sekreterare/);
      assert.match(body, /Fristads folkhögskola/);
      assert.match(body, /Karl Kontaktperson/);
      assert.match(body, /Dessutom deltar 1 enskild person/);
      assert.doesNotMatch(body, /Ingrid Invånare/, 'individual members are named only to the council’s own people');
      assert.doesNotMatch(page.body, /\/ortsrad\/fristad\/medlemmar/);
      assert.match((await c.get('/orter/fristad')).body, /<a href="\/ortsrad\/fristad">Ortsråd Fristad<\/a>/, 'a locality links to its council');
      assert.match((await c.get('/omraden/norrby')).body, /<a href="\/ortsrad\/omradesnatverk-norrby">Områdesnätverk Norrby<\/a>/);
    });

    test('the contact person and members see the private network; others get 404', async (t) => {
      const ta = await createTestApp(t, engine);
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      assert.match(text((await contact.get('/ortsrad')).body), /Kontaktpersonernas nätverk/);
      assert.equal((await contact.get('/ortsrad/kontaktpersoner')).statusCode, 200);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/ortsrad/kontaktpersoner')).statusCode, 404);
      assert.match(text((await resident.get('/ortsrad/fristad')).body), /Ingrid Invånare/, 'a member sees the other members');
      const admin = await ta.client().signIn('admin@boras.example');
      assert.equal((await admin.get('/ortsrad/kontaktpersoner')).statusCode, 200);
      assert.equal((await ta.client(TESTBY_HOST).get('/ortsrad/fristad')).statusCode, 404, 'another municipality does not see it');
    });

    test('only the chair, the secretary and administrators manage members', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/ortsrad/fristad/medlemmar')).statusCode, 303);
      const member = await ta.client().signIn('invanare@boras.example');
      assert.equal((await member.get('/ortsrad/fristad/medlemmar')).statusCode, 403);
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      assert.equal((await contact.post('/ortsrad/fristad/medlemmar', { organisation: 'Fristads GoIF', role: 'member' }, { from: '/ortsrad' })).statusCode, 403);
      const otherChair = await ta.client().signIn('foretradare@boras.example');
      assert.equal((await otherChair.get('/ortsrad/dalsjofors-toarp/medlemmar')).statusCode, 403, 'the chair of one council does not run another');

      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const empty = await secretary.post('/ortsrad/fristad/medlemmar', { organisation: '', email: '', role: 'member' });
      assert.equal(empty.statusCode, 422);
      assert.match(text(empty.body), /Ange en organisation, en person eller båda/);
      const chairNoPerson = await secretary.post('/ortsrad/fristad/medlemmar', { organisation: 'Fristads GoIF', email: '', role: 'chair' });
      assert.equal(chairNoPerson.statusCode, 422);
      const unknown = await secretary.post('/ortsrad/fristad/medlemmar', { organisation: 'Finns <inte>', email: '', role: 'member' });
      assert.equal(unknown.statusCode, 409);
      assert.match(unknown.body, /value="Finns &lt;inte>"/);
      const dup = await secretary.post('/ortsrad/fristad/medlemmar', { organisation: 'fristads-goif', email: '', role: 'member' });
      assert.equal(dup.statusCode, 409);
      assert.match(text(dup.body), /redan medlem/);
      const ok = await secretary
        .post('/ortsrad/fristad/medlemmar', { organisation: 'Fristads goif', email: '', role: 'member' })
        .then(() => secretary.post('/ortsrad/fristad/medlemmar', { organisation: 'Viskafors IF', email: '', role: 'member' }));
      assert.equal(ok.statusCode, 303);
      const page = await secretary.get('/ortsrad/fristad/medlemmar');
      assert.match(text(page.body), /Viskafors IF/);
      const id = /medlemmar\/([0-9a-f-]{36})\/ta-bort"[^>]*>(?:(?!<\/form>)[\s\S])*Ta bort Viskafors IF/.exec(page.body)?.[1];
      assert.ok(id);
      assert.equal((await secretary.post(`/ortsrad/fristad/medlemmar/${id}/ta-bort`, {}, { from: '/ortsrad/fristad/medlemmar' })).statusCode, 303);
      const after = text((await ta.client().get('/ortsrad/fristad')).body);
      assert.doesNotMatch(after, /Viskafors IF/);
      assert.match(after, /Fredrik Företrädare, ordförande/, 'only the chosen member was removed');
    });

    test('an administrator creates a council and appoints a contact person to it', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/admin/ortsrad/ny')).statusCode, 403);
      const admin = await ta.client().signIn('admin@boras.example');
      const bad = await admin.post('/admin/ortsrad/ny', { name: '', kind: 'local_council', organisation: 'Ingen sådan förening' });
      assert.equal(bad.statusCode, 422);
      const missingOrg = await admin.post('/admin/ortsrad/ny', {
        name: 'Ortsråd Rångedala',
        kind: 'local_council',
        organisation: 'Ingen sådan förening',
        isPublic: 'on',
        active: 'on',
      });
      assert.equal(missingOrg.statusCode, 409);
      assert.match(text(missingOrg.body), /Ingen organisation/);
      const ok = await admin.post('/admin/ortsrad/ny', {
        name: 'Ortsråd Rångedala',
        kind: 'local_council',
        organisation: 'rangedala-hembygdsforening',
        isPublic: 'on',
        active: 'on',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/ortsrad/ortsrad-rangedala');
      assert.match(text((await ta.client().get('/ortsrad/ortsrad-rangedala')).body), /Rångedala hembygdsförening/);

      const users = await admin.get('/admin/anvandare?q=ingrid');
      const userId = /\/admin\/anvandare\/([0-9a-f-]{36})/.exec(users.body)?.[1] as string;
      const form = await admin.get(`/admin/anvandare/${userId}`);
      const scope = /<option value="(council:[0-9a-f-]{36})">Ortsråd eller nätverk: Ortsråd Rångedala/.exec(form.body)?.[1] as string;
      assert.ok(scope);
      assert.equal((await admin.post(`/admin/anvandare/${userId}/roller`, { role: 'contact_person', scope })).statusCode, 303);
      assert.match(text((await ta.client().get('/ortsrad/ortsrad-rangedala')).body), /Ingrid Invånare, invanare@boras\.example/);
    });
  });
}

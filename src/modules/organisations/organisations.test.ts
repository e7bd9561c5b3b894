import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, lastMailTo, linkIn, text } from '../../../test/helpers/app.js';
import { engines } from '../../../test/helpers/db.js';

for (const engine of engines) {
  describe(`organisations on ${engine}`, () => {
    test('a visitor browses, searches and filters the register', async (t) => {
      const ta = await createTestApp(t, engine);
      const c = ta.client();
      const all = text((await c.get('/organisationer')).body);
      assert.match(all, /Attraktiva Toarp/);
      assert.match(all, /Framtid Fristad/);
      const search = text((await c.get('/organisationer?q=bygdeg%C3%A5rden')).body);
      assert.match(search, /Borgstena bygdegårdsförening/, 'Swedish stemming finds "bygdegården" from "bygdegården"');
      assert.doesNotMatch(search, /Framtid Fristad/);
      const fristad = text((await c.get('/organisationer?ort=fristad')).body);
      assert.match(fristad, /Fristads folkhögskola/);
      assert.doesNotMatch(fristad, /Viskafors IF/);
      const schools = text((await c.get('/organisationer?typ=school')).body);
      assert.match(schools, /Fristads folkhögskola/);
      assert.doesNotMatch(schools, /Attraktiva Toarp/);
      const odd = await c.get('/organisationer?typ=<script>&ort=%27;drop&q=%22%27()');
      assert.equal(odd.statusCode, 200, 'hostile filters are ignored, not errors');
      const page = await c.get('/organisationer/framtid-fristad');
      assert.match(text(page.body), /Intresseförening som driver ortsrådet i Fristad/);
      assert.doesNotMatch(page.body, /redigera/, 'a visitor gets no edit link');
    });

    test('the register pages with a keyset cursor, 25 at a time', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      for (let i = 0; i < 10; i++) {
        assert.equal((await admin.post('/admin/organisationer/ny', { name: `Förening ${String(i).padStart(2, '0')}`, kind: 'association' })).statusCode, 303);
      }
      const first = await ta.client().get('/organisationer');
      const names = [...first.body.matchAll(/card__title"><a href="\/organisationer\/[^"]+">([^<]+)/g)].map((m) => m[1]);
      assert.equal(names.length, 25);
      const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(next);
      const second = await ta.client().get(next);
      const more = [...second.body.matchAll(/card__title"><a href="\/organisationer\/[^"]+">([^<]+)/g)].map((m) => m[1]);
      assert.equal(more.length, 32 - 25);
      assert.equal(new Set([...names, ...more]).size, 32, 'no organisation twice, none missing');
    });

    test('a representative edits the profile; a member, another person and a visitor may not', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/organisationer/framtid-fristad/redigera')).statusCode, 303);
      const member = await ta.client().signIn('invanare@boras.example');
      assert.equal((await member.get('/organisationer/framtid-fristad/redigera')).statusCode, 403);
      assert.equal((await member.post('/organisationer/framtid-fristad/redigera', { name: 'Kapad', kind: 'business' }, { from: '/' })).statusCode, 403);
      const other = await ta.client().signIn('handlaggare@boras.example');
      assert.equal((await other.get('/organisationer/framtid-fristad/medlemmar')).statusCode, 403);

      const rep = await ta.client().signIn('foretradare@boras.example');
      const page = await rep.get('/organisationer/framtid-fristad');
      assert.match(page.body, /\/organisationer\/framtid-fristad\/redigera/);
      const form = await rep.get('/organisationer/framtid-fristad/redigera');
      const version = /name="version" value="([^"]+)"/.exec(form.body)?.[1] as string;
      const bad = await rep.post('/organisationer/framtid-fristad/redigera', {
        version,
        name: 'Framtid Fristad',
        kind: 'association',
        website: 'javascript:alert(1)',
        orgNumber: '12',
        email: 'x',
      });
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /https:\/\//);
      assert.match(text(bad.body), /tio siffror/);
      const ok = await rep.post('/organisationer/framtid-fristad/redigera', {
        version,
        name: 'Framtid Fristad',
        kind: 'association',
        website: 'https://framtidfristad.example',
        orgNumber: '802000-1234',
        email: 'info@framtidfristad.example',
        description: 'Ny beskrivning <b>med</b> tecken',
      });
      assert.equal(ok.statusCode, 303);
      const after = await ta.client().get('/organisationer/framtid-fristad');
      assert.match(after.body, /Ny beskrivning &lt;b>med&lt;\/b> tecken/);
      assert.match(after.body, /href="https:\/\/framtidfristad.example"/);
    });

    test('a representative invites a member by e-mail, who accepts after signing up', async (t) => {
      const ta = await createTestApp(t, engine);
      const rep = await ta.client().signIn('foretradare@boras.example');
      const bad = await rep.post('/organisationer/framtid-fristad/medlemmar', { email: 'inte en adress', role: 'member' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="inte en adress"/);
      const ok = await rep.post('/organisationer/framtid-fristad/medlemmar', { email: 'ny.medlem@example.se', role: 'representative' });
      assert.equal(ok.statusCode, 303);
      const twice = await rep.post('/organisationer/framtid-fristad/medlemmar', { email: 'NY.MEDLEM@example.se', role: 'member' });
      assert.equal(twice.statusCode, 409);
      const link = linkIn(await lastMailTo(ta, 'ny.medlem@example.se'));

      const newcomer = ta.client();
      const view = await newcomer.get(link);
      assert.match(text(view.body), /Framtid Fristad som Företrädare/);
      assert.equal(
        (await newcomer.post('/inbjudan', { token: link.split('token=')[1] ?? '' }, { from: '/registrera' })).statusCode,
        403,
        'a visitor cannot accept',
      );

      const wrong = await ta.client().signIn('invanare@boras.example');
      const refused = await wrong.post('/inbjudan', { token: link.split('token=')[1] ?? '' }, { from: link });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /skickades till en annan e-postadress/);

      await newcomer.post('/registrera', { name: 'Nina Ny', email: 'ny.medlem@example.se', password: 'nina-lösenord', passwordConfirm: 'nina-lösenord' });
      await newcomer.get(linkIn(await lastMailTo(ta, 'ny.medlem@example.se')));
      await newcomer.signIn('ny.medlem@example.se', 'nina-lösenord');
      const accept = await newcomer.post('/inbjudan', { token: link.split('token=')[1] ?? '' }, { from: link });
      assert.equal(accept.statusCode, 303);
      assert.equal((await newcomer.get('/organisationer/framtid-fristad/redigera')).statusCode, 200, 'the new representative may edit');
      const members = text((await rep.get('/organisationer/framtid-fristad/medlemmar')).body);
      assert.match(members, /Nina Ny/);
    });

    test('fifty identical invitations submitted at once send exactly one', async (t) => {
      const ta = await createTestApp(t, engine);
      const rep = await ta.client().signIn('foretradare@boras.example');
      const page = await rep.get('/organisationer/framtid-fristad/medlemmar');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const cookie = ['_csrf', 'sid'].map((k) => `${k}=${rep.cookie(k)}`).join('; ');
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          ta.app.inject({
            method: 'POST',
            url: '/organisationer/framtid-fristad/medlemmar',
            headers: { host: 'localhost', cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ _csrf: token, email: 'samma@example.se', role: 'member' }).toString(),
          }),
        ),
      );
      const counts: Record<number, number> = {};
      for (const a of answers) counts[a.statusCode] = (counts[a.statusCode] ?? 0) + 1;
      // One is sent; the rest are refused as duplicates, or by the rate limit on invitations.
      assert.equal(counts[303], 1);
      assert.equal((counts[409] ?? 0) + (counts[429] ?? 0), 49);
      const { organisationInvitations } = await import('./schema.js');
      const { eq } = await import('drizzle-orm');
      assert.equal((await ta.database.db.select().from(organisationInvitations).where(eq(organisationInvitations.email, 'samma@example.se'))).length, 1);
    });
  });
}

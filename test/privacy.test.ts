import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

for (const engine of engines) {
  describe(`who is named in public on ${engine}`, () => {
    test('a private resident present at a meeting, or asking a question, is not named in public (the minutes count them) until they choose to be named, and again after they withdraw', async (t) => {
      const ta = await createTestApp(t, engine);
      // The latest Fristad meeting whose minutes are published (the very latest waits for its checkers).
      const [row] = rowsOf<{ slug: string }>(
        await ta.database.db.execute(sql`select m.slug from meetings m join councils c on c.id = m.council_id
          join meeting_minutes mm on mm.meeting_id = m.id and mm.status = 'published' and mm.superseded_at is null
          where c.slug = 'fristad' order by m.starts_at desc limit 1`),
      );
      const last = String(row?.slug);
      const minutes = `/moten/${last}/protokoll`;
      // Bo Boende (boende1) was there: a resident with no public role in Ortsråd Fristad.
      await ta.database.db.execute(sql`insert into meeting_attendance (tenant_id, meeting_id, user_id)
        select m.tenant_id, m.id, u.id from meetings m, users u where m.slug = ${last} and u.email = 'boende1@boras.example'`);
      await ta.database.db.execute(sql`insert into meeting_attendance (tenant_id, meeting_id, guest_name)
        select m.tenant_id, m.id, 'Gustav Gäst' from meetings m where m.slug = ${last}`);
      const [name] = rowsOf<{ name: string }>(await ta.database.db.execute(sql`select name from users where email = 'boende1@boras.example'`));
      const resident = String(name?.name);

      const visitor = ta.client();
      const shown = text((await visitor.get(minutes)).body);
      // The chair, the secretary and the checkers are named by their roles; the resident and the guest are counted.
      assert.match(shown, /Fredrik Företrädare/);
      assert.match(shown, /Sofia Sekreterare/);
      assert.doesNotMatch(shown, new RegExp(resident));
      assert.doesNotMatch(shown, /Gustav Gäst/);
      assert.match(shown, /1 invånare/);
      assert.match(shown, /1 gäst/);
      await visitor.get(`/sprak/en?next=${minutes}`);
      assert.match(text((await visitor.get(minutes)).body), /1 resident\b/);
      // Those who run the meeting still see every name.
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const inside = text((await secretary.get(minutes)).body);
      assert.match(inside, new RegExp(resident));
      assert.match(inside, /Gustav Gäst/);

      // The resident chooses to be named: at once on the public page; withdrawn: gone again, the history kept.
      // One of the resident's questions, asked without choosing to be named: "a resident" in public.
      const [asked] = rowsOf<{ slug: string }>(
        await ta.database.db.execute(sql`select q.slug from questions q join users u on u.id = q.asker_id
          where u.email = 'boende1@boras.example' and not exists (select 1 from consents c where c.subject = 'question:' || q.id) and q.on_behalf is null and q.council_id is null
          and cardinality(q.secret_fields) = 0 and q.status <> 'withdrawn' order by q.received_at desc limit 1`),
      );
      const question = `/fragor/${asked?.slug}`;
      const publicQuestion = text((await ta.client().get(question)).body);
      assert.match(publicQuestion, /En invånare/);
      assert.doesNotMatch(publicQuestion, new RegExp(resident));

      const bo = await ta.client().signIn('boende1@boras.example');
      assert.equal((await bo.post('/profil/samtycken', { publicName: 'on' }, { from: '/profil' })).statusCode, 303);
      assert.equal((await bo.post('/profil/samtycken', { publicName: 'on' }, { from: '/profil' })).statusCode, 303);
      assert.match(text((await ta.client().get(minutes)).body), new RegExp(resident));
      assert.match(text((await ta.client().get(question)).body), new RegExp(resident));
      assert.equal((await bo.post('/profil/samtycken', {}, { from: '/profil' })).statusCode, 303);
      assert.doesNotMatch(text((await ta.client().get(question)).body), new RegExp(resident));
      const after = text((await ta.client().get(minutes)).body);
      assert.doesNotMatch(after, new RegExp(resident));
      assert.match(after, /1 invånare/);
      const profile = text((await bo.get('/profil')).body);
      assert.match(profile, /Samtycke givet .* \(på din profil\)\. Återkallat .* \(på din profil\)\./);
      assert.equal((profile.match(/Samtycke givet/g) ?? []).length, 1, 'a double submit gives once');
      const exported = JSON.parse((await bo.get('/profil/export')).body);
      const general = exported.consents.filter((c: { about: string | null }) => !c.about);
      assert.equal(general.length, 1);
      assert.equal(general[0].kind, 'publicName');
      assert.ok(general[0].withdrawnAt);
    });
  });
}

for (const engine of engines) {
  describe(`a name shown on one question on ${engine}`, () => {
    test('the choice made on the question form is a consent of its own: listed on the profile, withdrawn there with one action, at once on the public page', async (t) => {
      const ta = await createTestApp(t, engine);
      const bo = await ta.client().signIn('boende2@boras.example');
      const [category] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from question_categories where code = 'belysning' limit 1`));
      const [person] = rowsOf<{ name: string }>(await ta.database.db.execute(sql`select name from users where email = 'boende2@boras.example'`));
      const name = String(person?.name);
      const form = {
        subject: 'Mörk gångväg',
        body: 'Gångvägen vid skolan är mörk.',
        categoryId: String(category?.id),
        localityId: '',
        address: '',
        showName: 'on',
      };
      const sent = await bo.post('/fragor/ny', form, { from: '/fragor/ny' });
      assert.equal(sent.statusCode, 303);
      const question = String(sent.headers.location);
      assert.match(text((await ta.client().get(question)).body), new RegExp(`Frågeställare ${name}`));

      const profile = text((await bo.get('/profil')).body);
      const number = /Ditt namn visas på (\d{4}\/[A-Z]+\d+)/.exec(profile)?.[1];
      assert.ok(number, 'the profile lists the question the name is shown on');
      assert.match(profile, /i formuläret \/fragor\/ny/);
      // The general choice is untouched by it.
      assert.doesNotMatch(profile, /Samtycke givet .* \(på din profil\)/);
      const [consent] = rowsOf<{ id: string }>(
        await ta.database.db.execute(
          sql`select c.id from consents c join users u on u.id = c.user_id where u.email = 'boende2@boras.example' and c.subject_label = ${number}`,
        ),
      );
      // Someone else cannot withdraw it; the owner can, and a second withdrawal changes nothing.
      const other = await ta.client().signIn('boende3@boras.example');
      assert.equal((await other.post(`/profil/samtycken/${consent?.id}/aterkalla`, {}, { from: '/profil' })).statusCode, 303);
      assert.match(text((await ta.client().get(question)).body), new RegExp(`Frågeställare ${name}`));
      assert.equal((await bo.post(`/profil/samtycken/${consent?.id}/aterkalla`, {}, { from: '/profil' })).statusCode, 303);
      assert.equal((await bo.post(`/profil/samtycken/${consent?.id}/aterkalla`, {}, { from: '/profil' })).statusCode, 303);
      const after = text((await ta.client().get(question)).body);
      assert.match(after, /Frågeställare En invånare/);
      assert.doesNotMatch(after, new RegExp(name));
      assert.match(text((await bo.get('/profil')).body), new RegExp(`Ditt namn visas på ${number.replace('/', '\\/')}: .* Återkallat`));
      assert.equal((await bo.post('/profil/samtycken/not-a-uuid/aterkalla', {}, { from: '/profil' })).statusCode, 404);
      const exported = JSON.parse((await bo.get('/profil/export')).body);
      assert.ok(exported.consents.find((c: { about: string | null }) => c.about === number)?.withdrawnAt);
      assert.equal(exported.questions.asked.find((q: { number: string }) => q.number === number)?.nameShownInPublic, false);
      assert.equal(
        rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'consent.withdraw'`))[0]?.n,
        1,
      );
    });
  });
}

for (const engine of engines) {
  describe(`mail about what one follows, as a consent, on ${engine}`, () => {
    test('each choice to get or stop it is kept with when and how: in the mail settings, with the profile’s one button, with a letter’s link', async (t) => {
      const ta = await createTestApp(t, engine);
      const { unsubscribeToken } = await import('../src/platform/notifications/mail.js');
      const resident = await ta.client().signIn('invanare@boras.example');
      const consents = async () =>
        rowsOf<{ given_via: string; withdrawn_via: string | null }>(
          await ta.database.db.execute(sql`select c.given_via, c.withdrawn_via from consents c join users u on u.id = c.user_id
            where u.email = 'invanare@boras.example' and c.kind = 'followedMail' order by c.given_at, c.id`),
        );
      assert.equal((await resident.post('/profil/epost', { 'meetings.followed': 'weekly' }, { from: '/profil/epost' })).statusCode, 303);
      assert.deepEqual(await consents(), [{ given_via: 'mailSettings', withdrawn_via: null }]);
      // Saving again with mail still on gives nothing more.
      assert.equal((await resident.post('/profil/epost', { 'news.followed': 'daily' }, { from: '/profil/epost' })).statusCode, 303);
      assert.equal((await consents()).length, 1);

      // One action on the profile stops it all; the history stays.
      assert.equal((await resident.post('/profil/epost/stoppa', {}, { from: '/profil' })).statusCode, 303);
      assert.deepEqual(await consents(), [{ given_via: 'mailSettings', withdrawn_via: 'profile' }]);
      const settings = (await resident.get('/profil/epost')).body;
      assert.match(settings, /name="meetings.followed" value="never" checked/);
      assert.match(settings, /name="news.followed" value="never" checked/);
      const profile = text((await resident.get('/profil')).body);
      assert.match(profile, /E-post om det du bevakar .* Samtycke givet .* \(i dina e-postinställningar\)\. Återkallat .* \(på din profil\)\./);

      // On again, then off with the link in a digest, which needs no sign-in.
      assert.equal((await resident.post('/profil/epost', { 'news.followed': 'daily' }, { from: '/profil/epost' })).statusCode, 303);
      const [ids] = rowsOf<{ tenant: string; user: string }>(
        await ta.database.db.execute(sql`select tenant_id as tenant, id as user from users where email = 'invanare@boras.example'`),
      );
      const token = unsubscribeToken(ta.services.config.sessionSecret, String(ids?.tenant), String(ids?.user), 'digest.daily');
      assert.equal((await ta.client().post(`/avregistrera/${token}`, {}, { csrf: false })).statusCode, 200);
      assert.deepEqual((await consents()).at(-1), { given_via: 'mailSettings', withdrawn_via: 'unsubscribe' });
      assert.match(text((await resident.get('/profil')).body), /Återkallat .* \(med länken i ett brev\)/);
      const exported = JSON.parse((await resident.get('/profil/export')).body);
      assert.equal(exported.consents.filter((c: { kind: string }) => c.kind === 'followedMail').length, 2);
    });
  });
}

describe('the register of processing', () => {
  test('is generated from what the modules declare, linked from every page’s footer, in Swedish and English, with the rights and the cookies', async (t) => {
    const ta = await createTestApp(t, 'pglite');
    const visitor = ta.client();
    const start = (await visitor.get('/')).body;
    assert.match(start, /href="\/personuppgifter"/);
    const page = await visitor.get('/personuppgifter');
    assert.equal(page.statusCode, 200);
    const shown = text(page.body);
    assert.match(shown, /Så behandlar vi personuppgifter/);
    for (const m of ta.services.registry.processing) assert.ok(shown.includes(ta.services.translator.t('sv')(m.data)), m.data);
    assert.match(shown, /Frågor till kommunen med den som frågar/);
    assert.match(shown, /Rättslig förpliktelse/);
    assert.match(shown, /Integritetsskyddsmyndigheten \(IMY\)/);
    assert.match(shown, /Inga kakor för statistik eller marknadsföring/);
    await visitor.get('/sprak/en?next=/personuppgifter');
    const english = text((await visitor.get('/personuppgifter')).body);
    assert.match(english, /How we handle personal data/);
    assert.match(english, /Legal obligation/);
    // The cookies the page promises are the only ones a visitor and a signed-in person are given.
    const names = new Set<string>();
    const person = ta.client();
    for (const res of [
      await person.get('/'),
      await person.get('/logga-in'),
      await person.post('/logga-in', { email: 'boende1@boras.example', password: 'motesplats-demo', next: '/' }, { from: '/logga-in' }),
    ]) {
      for (const c of res.cookies as { name: string }[]) names.add(c.name);
    }
    for (const n of names) assert.ok(['sid', 'lang', 'flash', '_csrf', 'csrf'].includes(n) || n.startsWith('oidc_'), `an unexpected cookie: ${n}`);
  });
});

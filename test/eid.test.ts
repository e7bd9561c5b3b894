import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { type Client, createTestApp, TESTBY_HOST, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { LOA2, LOA3, ProviderBrowser, startTestProvider, type TestProvider } from './helpers/oidc-provider.js';
import { TEST_PASSWORD } from './helpers/testby.js';

const PNR = '197901012389';
const CALLBACK = 'http://localhost/logga-in/oidc/callback';

/** Starts a sign-in with e-ID on the service and returns the provider's address it sends the browser to. */
async function begin(client: Client, next = '/', address = '/logga-in/oidc'): Promise<string> {
  const res = await client.get(address === '/logga-in/oidc' ? `${address}?next=${encodeURIComponent(next)}` : address);
  assert.equal(res.statusCode, 303, text(res.body).slice(0, 300));
  return res.headers.location as string;
}

/** A whole trip: the service, the provider as `sub`, and back to the service's callback. */
async function viaEid(client: Client, sub: string, opts: { next?: string; address?: string } = {}) {
  const auth = await begin(client, opts.next, opts.address);
  const back = await new ProviderBrowser().authorize(auth, sub);
  return client.get(back.pathname + back.search);
}

async function count(ta: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: number }>(await ta.database.db.execute(query))[0]?.n ?? 0);
}

for (const engine of engines) {
  describe(`sign-in with e-ID on ${engine}`, () => {
    let op: TestProvider;
    before(async () => {
      op = await startTestProvider({
        redirectUris: [CALLBACK],
        postLogoutUris: ['http://localhost/logga-ut/klar'],
        people: [
          { sub: 'anna', given_name: 'Anna', family_name: 'Ek', email: 'anna.ek@example.se', email_verified: true, personalIdentityNumber: PNR },
          { sub: 'nils', given_name: 'Nils', family_name: 'Björk', email: 'invanare@boras.example', email_verified: false },
          { sub: 'saga', given_name: 'Saga', family_name: 'Lind', email: 'invanare@boras.example', email_verified: true },
          { sub: 'bo', given_name: 'Bo', family_name: 'Boende' },
          { sub: 'ada', given_name: 'Ada', family_name: 'Admin', acr: LOA3 },
          { sub: 'hans', given_name: 'Hans', family_name: 'Handläggare', acr: LOA2 },
        ],
      });
    });
    after(() => op.close());

    test('a first e-ID sign-in creates the account from the claims, keeps only a keyed hash of the personal number, and knows the person next time', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const visitor = ta.client();
      const signInPage = text((await visitor.get('/logga-in')).body);
      assert.match(signInPage, /Test-e-legitimation/);
      const back = await viaEid(visitor, 'anna', { next: '/motesplatser' });
      assert.equal(back.statusCode, 303);
      assert.match(back.headers.location as string, /^\/logga-in\/oidc\/nytt-konto/);
      // Asked for what is missing, with what the provider said filled in; no account yet.
      const form = await visitor.get(back.headers.location as string);
      assert.match(form.body, /value="Anna Ek"/);
      assert.match(form.body, /value="anna\.ek@example\.se"/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where email = 'anna.ek@example.se'`), 0);
      const bad = await visitor.post(
        '/logga-in/oidc/nytt-konto',
        { name: '', email: 'anna.ek@example.se', lang: 'sv', next: '/motesplatser' },
        { from: back.headers.location as string },
      );
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Det finns problem att rätta till/);
      const made = await visitor.post(
        '/logga-in/oidc/nytt-konto',
        { name: 'Anna Ek', email: 'anna.ek@example.se', lang: 'sv', next: '/motesplatser' },
        { from: back.headers.location as string },
      );
      assert.equal(made.statusCode, 303);
      assert.equal(made.headers.location, '/motesplatser');
      const profile = text((await visitor.get('/profil')).body);
      assert.match(profile, /anna\.ek@example\.se/);
      assert.match(profile, /E-legitimation kopplad/);
      assert.equal(
        await count(
          ta,
          sql`select count(*)::int as n from users where email = 'anna.ek@example.se' and email_verified_at is not null and password_hash is null`,
        ),
        1,
      );
      // The number is nowhere: not in a table, not in the export, not on a page.
      for (const table of ['users', 'user_identities', 'sessions', 'oidc_flows', 'audit_log', 'jobs']) {
        assert.equal(await count(ta, sql`select count(*)::int as n from ${sql.identifier(table)} x where row_to_json(x)::text like ${`%${PNR}%`}`), 0, table);
      }
      assert.equal(await count(ta, sql`select count(*)::int as n from user_identities where personal_number_hash ~ '^[0-9a-f]{64}$'`), 1);
      const exported = (await visitor.get('/profil/export')).body;
      assert.doesNotMatch(exported, new RegExp(PNR));
      assert.deepEqual(
        JSON.parse(exported).eid.map((e: { issuer: string }) => e.issuer),
        [op.issuer],
      );
      assert.doesNotMatch(profile, new RegExp(PNR));

      // Signing out ends the session here and sends the browser to the provider's sign-out, with the way back.
      const out = await visitor.post('/logga-ut', {}, { from: '/profil' });
      assert.equal(out.statusCode, 200);
      assert.match(text(out.body), /Du är utloggad från Mötesplats/);
      const end = new URL((/<a class="button" href="([^"]+)"/.exec(out.body)?.[1] ?? '').replace(/&amp;/g, '&'));
      assert.equal(end.origin, op.issuer);
      assert.equal(end.searchParams.get('post_logout_redirect_uri'), 'http://localhost/logga-ut/klar');
      assert.ok(end.searchParams.get('id_token_hint'));
      assert.equal((await visitor.get('/profil')).statusCode, 303);
      // Next time the same person is signed straight in, to the same account.
      const again = await viaEid(visitor, 'anna', { next: '/kalender' });
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, '/kalender');
      assert.match(text((await visitor.get('/profil')).body), /anna\.ek@example\.se/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where name = 'Anna Ek'`), 1);
    });

    test('a wrong or missing state, a replayed answer or code, a refusal and a provider error each end on a clear page and make no account', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const users = () => count(ta, sql`select count(*)::int as n from users`);
      const before = await users();
      const visitor = ta.client();
      const missing = await visitor.get('/logga-in/oidc/callback');
      assert.equal(missing.statusCode, 400);
      assert.match(text(missing.body), /Inloggningen kunde inte slutföras/);
      assert.match(text(missing.body), /Logga in med e-post och lösenord i stället/);

      // An answer meant for another browser (no cookie, or another state) is refused.
      const auth = await begin(visitor);
      const back = await new ProviderBrowser().authorize(auth, 'bo');
      const stranger = ta.client();
      assert.equal((await stranger.get(back.pathname + back.search)).statusCode, 400);
      const wrong = new URL(back.href);
      wrong.searchParams.set('state', 'not-the-state');
      assert.equal((await visitor.get(wrong.pathname + wrong.search)).statusCode, 400);

      // The right answer works once; the same address again is refused.
      const auth2 = await begin(visitor);
      const back2 = await new ProviderBrowser().authorize(auth2, 'bo');
      assert.equal((await visitor.get(back2.pathname + back2.search)).statusCode, 303);
      visitor.setCookie('oidc_state', back2.searchParams.get('state') ?? '');
      const replay = await visitor.get(back2.pathname + back2.search);
      assert.equal(replay.statusCode, 400);
      assert.match(text(replay.body), /kunde inte slutföras/);

      // A used code with a fresh state: the provider refuses it, and the person is told so.
      const fresh = ta.client();
      const auth3 = new URL(await begin(fresh));
      const replayed = new URL(back2.href);
      replayed.searchParams.set('state', auth3.searchParams.get('state') ?? '');
      const used = await fresh.get(replayed.pathname + replayed.search);
      assert.equal(used.statusCode, 400);
      assert.match(text(used.body), /Inloggningen har redan använts/);

      // The person cancels at the provider: its error is shown only as a short code.
      const cancel = ta.client();
      const auth4 = await begin(cancel);
      const back4 = await new ProviderBrowser().authorize(auth4, '');
      const cancelled = await cancel.get(back4.pathname + back4.search);
      assert.equal(cancelled.statusCode, 400);
      assert.match(text(cancelled.body), /Inloggningen avbröts/);
      assert.match(cancelled.body, /<code>access_denied<\/code>/);
      const main = cancelled.body.slice(cancelled.body.indexOf('<main'));
      assert.doesNotMatch(cancelled.body, /<script>alert/);
      assert.doesNotMatch(main, /cancelled/);
      assert.equal(await users(), before);
    });

    test('a token for another audience, an expired or wrongly signed one, a slow or dead provider: a clear page each, and no half-made account', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const before = await count(ta, sql`select count(*)::int as n from users`);
      const cases: [TestProvider['mode'], number, RegExp][] = [
        ['wrongAudience', 400, /Inloggningen kunde inte godkännas/],
        ['expired', 400, /Inloggningen kunde inte godkännas/],
        ['badSignature', 400, /Inloggningen kunde inte godkännas/],
        ['slow', 503, /E-legitimationstjänsten svarar inte/],
        ['down', 503, /E-legitimationstjänsten svarar inte/],
      ];
      try {
        for (const [mode, status, message] of cases) {
          const visitor = ta.client();
          const auth = await begin(visitor);
          const back = await new ProviderBrowser().authorize(auth, 'bo');
          op.mode = mode;
          const res = await visitor.get(back.pathname + back.search);
          op.mode = 'pass';
          assert.equal(res.statusCode, status, mode);
          assert.match(text(res.body), message, mode);
          assert.doesNotMatch(res.body, /Error|at [A-Za-z]+ \(/, mode);
        }
      } finally {
        op.mode = 'pass';
      }
      assert.equal(await count(ta, sql`select count(*)::int as n from users`), before);
      assert.equal(await count(ta, sql`select count(*)::int as n from oidc_flows where kind = 'signUp'`), 0);
      assert.equal(await count(ta, sql`select count(*)::int as n from user_identities`), 0);
    });

    test('a provider that does not answer at all is said so at the start, in English too', async (t) => {
      const dead = `http://127.0.0.1:9`;
      const ta = await createTestApp(t, engine, { ...op.env, OIDC_ISSUER: dead });
      const visitor = ta.client();
      await visitor.get('/sprak/en?next=/logga-in');
      const res = await visitor.get('/logga-in/oidc?next=/');
      assert.equal(res.statusCode, 503);
      assert.match(text(res.body), /The e-ID service is not answering/);
      assert.match(text(res.body), /Sign in with e-mail and password instead/);
    });

    test('accounts are never merged on an unverified e-mail; a verified one links the e-ID to the account that confirmed it', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const visitor = ta.client();
      const back = await viaEid(visitor, 'nils');
      assert.match(back.headers.location as string, /nytt-konto/);
      const page = await visitor.get(back.headers.location as string);
      assert.doesNotMatch(page.body, /value="invanare@boras\.example"/);
      const taken = await visitor.post(
        '/logga-in/oidc/nytt-konto',
        { name: 'Nils Björk', email: 'invanare@boras.example', lang: 'sv' },
        { from: back.headers.location as string },
      );
      assert.equal(taken.statusCode, 422);
      assert.match(text(taken.body), /Det finns redan ett konto med den e-postadressen/);
      assert.equal(await count(ta, sql`select count(*)::int as n from users where lower(email) = 'invanare@boras.example'`), 1);
      assert.equal(await count(ta, sql`select count(*)::int as n from user_identities`), 0);

      const saga = ta.client();
      const linked = await viaEid(saga, 'saga');
      assert.equal(linked.statusCode, 303);
      assert.equal(linked.headers.location, '/');
      const profile = text((await saga.get('/profil')).body);
      assert.match(profile, /invanare@boras\.example/);
      assert.match(profile, /E-legitimation kopplad/);
    });

    test('a signed-in person links e-ID from the profile and unlinks it while a password remains; an e-ID-only account keeps its only way in', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const boende = await ta.client().signIn('boende1@boras.example');
      assert.match(text((await boende.get('/profil')).body), /Koppla e-legitimation/);
      const linked = await viaEid(boende, 'bo', { address: '/profil/e-legitimation' });
      assert.equal(linked.statusCode, 303);
      assert.equal(linked.headers.location, '/profil');
      assert.match(text((await boende.get('/profil')).body), /Din e-legitimation är kopplad/);
      // Another browser signs in with that e-ID as the same person.
      const other = ta.client();
      assert.equal((await viaEid(other, 'bo')).statusCode, 303);
      assert.match(text((await other.get('/profil')).body), /boende1@boras\.example/);
      // The e-ID cannot be linked to a second account.
      const someoneElse = await ta.client().signIn('boende2@boras.example');
      const refused = await viaEid(someoneElse, 'bo', { address: '/profil/e-legitimation' });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /E-legitimationen hör till ett annat konto/);
      // Unlinking: the password remains, so it is allowed.
      const [identity] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from user_identities`));
      const unlinked = await boende.post(`/profil/e-legitimation/${identity?.id}/ta-bort`, {}, { from: '/profil' });
      assert.equal(unlinked.statusCode, 303);
      assert.match(text((await boende.get('/profil')).body), /Kopplingen till e-legitimationen är borttagen/);

      // An account made with e-ID has no password: its only e-ID stays.
      const anna = ta.client();
      const back = await viaEid(anna, 'anna');
      await anna.post('/logga-in/oidc/nytt-konto', { name: 'Anna Ek', email: 'anna.ek@example.se', lang: 'sv' }, { from: back.headers.location as string });
      const [mine] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from user_identities`));
      const kept = await anna.post(`/profil/e-legitimation/${mine?.id}/ta-bort`, {}, { from: '/profil' });
      assert.equal(kept.statusCode, 303);
      assert.match(text((await anna.get('/profil')).body), /Kopplingen kan inte tas bort/);
      assert.equal(await count(ta, sql`select count(*)::int as n from user_identities`), 1);
      // Someone else's e-ID is not found.
      assert.equal((await boende.post(`/profil/e-legitimation/${mine?.id}/ta-bort`, {}, { from: '/profil' })).statusCode, 404);
    });

    test('an administrator requires e-ID at level 3 for staff: password sign-in is refused with the e-ID button, a level-2 e-ID too, level 3 works', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const admin = await ta.client().signIn('admin@boras.example');
      const staleAdmin = await ta.client().signIn('admin@boras.example');
      const handler = await ta.client().signIn('handlaggare@boras.example');
      assert.equal((await viaEid(handler, 'hans', { address: '/profil/e-legitimation' })).statusCode, 303);
      // Setting the requirement with a password session would lock the administrator out: refused.
      const self = await admin.post(
        '/admin/e-legitimation',
        { issuer: '', clientId: '', label: '', scope: '', staffLevel: '3' },
        { from: '/admin/e-legitimation' },
      );
      assert.equal(self.statusCode, 422);
      assert.match(text(self.body), /Logga först in med e-legitimation på den nivån själv/);
      assert.equal((await viaEid(admin, 'ada', { address: '/profil/e-legitimation' })).statusCode, 303);
      const saved = await admin.post(
        '/admin/e-legitimation',
        { issuer: '', clientId: '', label: '', scope: '', staffLevel: '3' },
        { from: '/admin/e-legitimation' },
      );
      assert.equal(saved.statusCode, 303, text(saved.body).slice(600, 2000));
      // The administrator's e-ID session keeps its powers; the older password session loses them at once.
      assert.equal((await admin.get('/admin/anvandare')).statusCode, 200);
      const stale = await staleAdmin.get('/admin/anvandare');
      assert.notEqual(stale.statusCode, 200);
      assert.match(text((await staleAdmin.get('/')).body), /Dina roller som tjänsteperson kräver inloggning med e-legitimation/);

      const password = await ta
        .client()
        .post('/logga-in', { email: 'handlaggare@boras.example', password: 'motesplats-demo', next: '/' }, { from: '/logga-in' });
      assert.equal(password.statusCode, 422);
      assert.match(text(password.body), /Dina roller som tjänsteperson kräver inloggning med e-legitimation/);
      assert.match(password.body, /href="\/logga-in\/oidc\?next=/);
      // A resident still signs in with a password.
      await ta.client().signIn('boende1@boras.example');

      const low = await viaEid(ta.client(), 'hans');
      assert.equal(low.statusCode, 403);
      assert.match(text(low.body), /Din e-legitimation räcker inte för dina roller/);
      const hans = op.people.get('hans');
      if (hans) hans.acr = LOA3;
      const high = ta.client();
      assert.equal((await viaEid(high, 'hans')).statusCode, 303);
      assert.match(text((await high.get('/profil')).body), /handlaggare@boras\.example/);
      assert.doesNotMatch(text((await high.get('/')).body), /kräver inloggning med e-legitimation/);
      if (hans) hans.acr = LOA2;
    });

    test('tenants never see each other’s providers or accounts', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const boras = ta.client();
      await viaEid(boras, 'bo');
      const testby = ta.client(TESTBY_HOST);
      assert.doesNotMatch((await testby.get('/logga-in')).body, /logga-in\/oidc/);
      const admin = await ta.client(TESTBY_HOST).signIn('admin@testby.example', TEST_PASSWORD);
      const page = text((await admin.get('/admin/e-legitimation')).body);
      assert.match(page, /Ingen tjänst är inställd/);
      assert.doesNotMatch(page, new RegExp(op.issuer.replace(/[.:/]/g, '.')));
      // A Borås answer brought to Testby is not Testby's.
      const auth = await begin(ta.client());
      const back = await new ProviderBrowser().authorize(auth, 'bo');
      const foreign = ta.client(TESTBY_HOST);
      foreign.setCookie('oidc_state', back.searchParams.get('state') ?? '');
      assert.equal((await foreign.get(back.pathname + back.search)).statusCode, 404);
    });

    test('an administrator sets their own municipality’s provider: the secret is sealed, a dead issuer is refused, and the other municipality is untouched', async (t) => {
      const ta = await createTestApp(t, engine, op.env);
      const admin = await ta.client(TESTBY_HOST).signIn('admin@testby.example', TEST_PASSWORD);
      const dead = await admin.post(
        '/admin/e-legitimation',
        { issuer: 'http://127.0.0.1:9', clientId: op.clientId, clientSecret: op.clientSecret, label: 'Testby-ID', scope: '', staffLevel: '' },
        { from: '/admin/e-legitimation' },
      );
      assert.equal(dead.statusCode, 422);
      assert.match(text(dead.body), /svarade inte med en OpenID Connect-konfiguration/);
      assert.match(dead.body, /value="Testby-ID"/);
      assert.doesNotMatch(dead.body, new RegExp(op.clientSecret));
      const saved = await admin.post(
        '/admin/e-legitimation',
        { issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, label: 'Testby-ID', scope: '', staffLevel: '' },
        { from: '/admin/e-legitimation' },
      );
      assert.equal(saved.statusCode, 303);
      const page = (await admin.get('/admin/e-legitimation')).body;
      assert.match(text(page), /En hemlighet är sparad/);
      assert.doesNotMatch(page, new RegExp(op.clientSecret));
      assert.equal(await count(ta, sql`select count(*)::int as n from oidc_settings where client_secret_sealed like ${`%${op.clientSecret}%`}`), 0);
      assert.equal(await count(ta, sql`select count(*)::int as n from audit_log where details::text like ${`%${op.clientSecret}%`}`), 0);

      // Testby's visitors now sign in with it, into Testby's accounts; Borås keeps the environment's.
      const visitor = ta.client(TESTBY_HOST);
      assert.match(text((await visitor.get('/logga-in')).body), /Testby-ID/);
      assert.match(text((await ta.client().get('/logga-in')).body), /Test-e-legitimation/);
      const back = await viaEid(visitor, 'bo');
      assert.match(back.headers.location as string, /nytt-konto/);
      const made = await visitor.post(
        '/logga-in/oidc/nytt-konto',
        { name: 'Bo Boende', email: 'bo@testby.example', lang: 'sv' },
        { from: back.headers.location as string },
      );
      assert.equal(made.statusCode, 303);
      assert.equal(await count(ta, sql`select count(*)::int as n from user_identities i join tenants t on t.id = i.tenant_id where t.slug = 'testby'`), 1);
      // The same e-ID in Borås is a stranger there: a new account is asked for, not Testby's.
      const boras = await viaEid(ta.client(), 'bo');
      assert.match(boras.headers.location as string, /nytt-konto/);
    });
  });
}

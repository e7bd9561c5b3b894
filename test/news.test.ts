import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { postFile } from './helpers/meetings.js';

// The smallest real PNG: a 1×1 transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
/** The feed as an independent parser reads it: its entries' titles and links. */
function readFeed(xml: string) {
  const feed = parser.parse(xml).feed;
  const entries = [feed.entry ?? []].flat() as { title: string; id: string; content: string; link: { '@href': string } }[];
  return { title: feed.title as string, self: [feed.link].flat().find((l: { '@rel': string }) => l['@rel'] === 'self')?.['@href'], entries };
}

const write = (
  ta: TestApp,
  client: Awaited<ReturnType<ReturnType<TestApp['client']>['signIn']>>,
  url: string,
  fields: Record<string, string>,
  file: Parameters<typeof postFile>[5] = null,
) => postFile(ta, client, url, url, fields, file);

for (const engine of engines) {
  describe(`news on ${engine}`, () => {
    test('a visitor reads the news: the start page, a council page, the list filtered by source, a news page with NewsArticle data, and Atom feeds', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const start = await visitor.get('/');
      assert.match(text(start.body), /Nyheter från Borås kommun Ny digital hjälp dygnet runt på boras\.se/);
      assert.match(start.body, /<link rel="alternate" type="application\/atom\+xml" href="\/nyheter\.atom\?fran=kommunen"/);
      const fristad = await visitor.get('/ortsrad/fristad');
      assert.match(text(fristad.body), /Nyheter från Ortsråd Fristad Ny lekplats vid Fristad torg i sommar/);
      assert.match(fristad.body, /href="\/nyheter\.atom\?fran=fristad"/);
      assert.doesNotMatch(text(fristad.body), /Skriv en nyhet/);

      const all = text((await visitor.get('/nyheter')).body);
      for (const title of ['Ny lekplats vid Fristad torg', 'Ny digital hjälp', 'Trygghetsvandring i Dalsjöfors', 'Anta cykelutmaningen'])
        assert.match(all, new RegExp(title));
      assert.ok(all.indexOf('Ny lekplats') < all.indexOf('Ny digital hjälp'), 'newest first');
      const onlyFristad = text((await visitor.get('/nyheter?fran=fristad')).body);
      assert.match(onlyFristad, /Ny lekplats/);
      assert.doesNotMatch(onlyFristad, /Trygghetsvandring|digital hjälp/);
      assert.equal((await visitor.get('/nyheter?fran=kontaktpersoner')).statusCode, 404, 'a private network is not a source anyone outside it can name');
      assert.equal((await visitor.get('/nyheter?fran=%3Cscript%3E')).statusCode, 200, 'a malformed filter shows all');

      const page = await visitor.get('/nyheter/digital-medarbetare-dygnet-runt');
      assert.equal(page.statusCode, 200);
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.body)?.[1] ?? '{}');
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.headline, 'Ny digital hjälp dygnet runt på boras.se');
      assert.equal(ld.url, 'http://localhost/nyheter/digital-medarbetare-dygnet-runt');
      assert.match(page.body, /<h2>Så fungerar det<\/h2>/);
      assert.match(page.body, /<a href="https:\/\/www\.boras\.se" rel="nofollow noopener">boras\.se<\/a>/);

      const feed = await visitor.get('/nyheter.atom');
      assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
      const read = readFeed(feed.body);
      assert.equal(read.title, 'Nyheter i Mötesplats Borås');
      assert.equal(read.self, 'http://localhost/nyheter.atom');
      assert.equal(read.entries.length, 6);
      assert.equal(read.entries[0]?.link['@href'], 'http://localhost/nyheter/fristad-ny-lekplats');
      const ofFristad = readFeed((await visitor.get('/nyheter.atom?fran=fristad')).body);
      assert.deepEqual(
        ofFristad.entries.map((e) => e.title),
        ['Ny lekplats vid Fristad torg i sommar'],
      );
    });

    test('a secretary writes council news: hostile formatting is dropped, the image needs a real picture and a text, followers are told and the writer is not', async (t) => {
      const ta = await createTestApp(t, engine);
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      assert.match(text((await secretary.get('/ortsrad/fristad')).body), /Skriv en nyhet/);
      const url = '/nyheter/ny?fran=fristad';
      const fields = {
        title: 'Höstmarknad på torget',
        lead: 'Välkommen till höstmarknaden.',
        body: '## Program\n\n<script>alert(1)</script>\n\n<p onclick="alert(2)">Loppis</p>\n\n[klicka](javascript:alert(3)) <iframe src="https://evil.example"></iframe> <span style="color:red">röd</span>',
        status: 'published',
        publishDate: '',
        publishTime: '',
        imageAlt: '',
      };
      // An image without alternative text, a text file called .png, and one too large: each refused on the form, what was typed kept.
      const noAlt = await write(ta, secretary, url, fields, { name: 'torg.png', type: 'image/png', data: PNG });
      assert.equal(noAlt.statusCode, 422);
      assert.match(text(noAlt.body), /Skriv en alternativtext som beskriver bilden/);
      assert.match(noAlt.body, /value="Höstmarknad på torget"/);
      const fake = await write(
        ta,
        secretary,
        url,
        { ...fields, imageAlt: 'Torget' },
        { name: 'torg.png', type: 'image/png', data: Buffer.from('not a picture') },
      );
      assert.equal(fake.statusCode, 422);
      assert.match(text(fake.body), /PNG-, JPEG- eller WebP-bild/);
      const big = await write(
        ta,
        secretary,
        url,
        { ...fields, imageAlt: 'Torget' },
        { name: 'torg.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]) },
      );
      assert.equal(big.statusCode, 422);
      assert.match(text(big.body), /högst 2 MB/);

      const saved = await write(
        ta,
        secretary,
        url,
        { ...fields, imageAlt: 'Marknadsstånd på Fristad torg' },
        { name: 'torg.png', type: 'image/png', data: PNG },
      );
      assert.equal(saved.statusCode, 303);
      const href = String(saved.headers.location);
      const page = await ta.client().get(href);
      assert.equal(page.statusCode, 200);
      const body = /<div class="news__body">([\s\S]*?)<\/div>/.exec(page.body)?.[1] ?? '';
      assert.match(body, /<h2>Program<\/h2>/);
      assert.match(body, /klicka/, 'a refused link keeps its text');
      assert.match(body, /röd/);
      for (const bad of [/script/i, /onclick/i, /javascript/i, /iframe/i, /style=/i]) assert.doesNotMatch(body, bad);
      const [stored] = rowsOf<{ body_html: string }>(await ta.database.db.execute(sql`select body_html from news_items where title = 'Höstmarknad på torget'`));
      assert.doesNotMatch(stored?.body_html ?? '', /script|onclick|javascript|iframe|style=/i, 'stored without them');
      assert.match(page.body, /<img class="news__image" src="\/nyheter\/[^"]+\/bild\?v=\d+" alt="Marknadsstånd på Fristad torg"/);
      const image = await ta.client().get(`${href}/bild`);
      assert.equal(image.statusCode, 200);
      assert.equal(image.headers['content-type'], 'image/png');

      await ta.drain();
      const resident = await ta.client().signIn('invanare@boras.example'); // follows Fristad
      assert.match(text((await resident.get('/notiser')).body), /Nyhet från Ortsråd Fristad: Höstmarknad på torget/);
      assert.match(text((await secretary.get('/notiser')).body), /inga notiser/, 'the writer is not told of their own news');
    });

    test('who writes what: the editor the municipality’s news, a council’s chair and secretary its own; nobody else', async (t) => {
      const ta = await createTestApp(t, engine);
      const fields = { title: 'Test', lead: 'Ingress', body: '', status: 'published', publishDate: '', publishTime: '', imageAlt: '' };
      const editor = await ta.client().signIn('redaktor@boras.example');
      assert.equal((await editor.get('/nyheter/ny')).statusCode, 200);
      assert.equal((await write(ta, editor, '/nyheter/ny', fields)).statusCode, 303);
      assert.equal((await editor.get('/nyheter/ny?fran=fristad')).statusCode, 403, 'the editor does not write for a council');
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.equal((await resident.get('/nyheter/ny')).statusCode, 403);
      assert.equal((await resident.get('/nyheter/ny?fran=fristad')).statusCode, 403, 'a member who does not run the council');
      assert.equal((await resident.get('/nyheter/digital-medarbetare-dygnet-runt/redigera')).statusCode, 403);
      const visitor = ta.client();
      assert.equal((await visitor.get('/nyheter/ny')).statusCode, 303, 'a visitor is asked to sign in');
      const chair = await ta.client().signIn('foretradare@boras.example');
      assert.equal((await chair.get('/nyheter/ny?fran=fristad')).statusCode, 200);
      assert.equal((await chair.get('/nyheter/ny?fran=dalsjofors-toarp')).statusCode, 403, 'not another council');
    });

    test('a scheduled item and a private network’s news exist for nobody who may not see them: pages, lists, feeds, notifications', async (t) => {
      const ta = await createTestApp(t, engine);
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const saved = await write(ta, secretary, '/nyheter/ny?fran=fristad', {
        title: 'Julmarknad',
        lead: 'Snart.',
        body: '',
        status: 'published',
        publishDate: later,
        publishTime: '09:00',
        imageAlt: '',
      });
      assert.equal(saved.statusCode, 303);
      const href = String(saved.headers.location);
      assert.match(text((await secretary.get(href)).body), /Schemalagd: publiceras/);
      const visitor = ta.client();
      const resident = await ta.client().signIn('invanare@boras.example');
      await ta.drain();
      const nowhere = async () => {
        assert.equal((await visitor.get(href)).statusCode, 404);
        assert.equal((await resident.get(href)).statusCode, 404);
        assert.doesNotMatch((await visitor.get('/nyheter')).body, /Julmarknad/);
        assert.doesNotMatch((await visitor.get('/ortsrad/fristad')).body, /Julmarknad/);
        assert.doesNotMatch((await visitor.get('/nyheter.atom')).body, /Julmarknad/);
        assert.doesNotMatch((await resident.get('/notiser')).body, /Julmarknad/);
      };
      await nowhere();
      // Its time comes (the clock moved on): it is out everywhere, and the followers are told once.
      await ta.database.db.execute(sql`
        with moved as (update news_items set publish_at = now() - interval '1 minute' where title = 'Julmarknad' returning publish_at)
        update jobs set run_at = now(), payload = jsonb_set(payload, '{publishAt}', to_jsonb(to_char((select publish_at from moved) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        where name = 'news.announce' and done_at is null`);
      await ta.drain();
      assert.equal((await visitor.get(href)).statusCode, 200);
      assert.match((await visitor.get('/nyheter.atom')).body, /Julmarknad/);
      assert.match(text((await resident.get('/notiser')).body), /Nyhet från Ortsråd Fristad: Julmarknad/);

      // The contact persons' network is private: its news is for those inside it only.
      const admin = await ta.client().signIn('admin@boras.example');
      const inside = await write(ta, admin, '/nyheter/ny?fran=kontaktpersoner', {
        title: 'Internt: nya rutiner',
        lead: 'För kontaktpersonerna.',
        body: '',
        status: 'published',
        publishDate: '',
        publishTime: '',
        imageAlt: '',
      });
      assert.equal(inside.statusCode, 303);
      const internal = String(inside.headers.location);
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      assert.equal((await contact.get(internal)).statusCode, 200);
      assert.match((await contact.get('/nyheter')).body, /Internt: nya rutiner/);
      for (const c of [visitor, resident]) {
        assert.equal((await c.get(internal)).statusCode, 404);
        assert.doesNotMatch((await c.get('/nyheter')).body, /Internt/);
      }
      assert.doesNotMatch((await contact.get('/nyheter.atom')).body, /Internt/, 'feeds are what a visitor sees, whoever asks');
    });
  });
}

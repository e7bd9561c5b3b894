import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { DEMO_OPEN311_KEY } from '../src/demo/boras.js';
import { rowsOf } from '../src/platform/db/index.js';
import { BORAS_HOST, createTestApp, type TestApp, text } from './helpers/app.js';
import { engines } from './helpers/db.js';

const year = new Date().getFullYear();
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'request_update', 'error', 'attribute', 'endpoint', 'format'].includes(name) });

/** A client of the API, as a third-party app would be: no cookies, no CSRF token, form-encoded posts. */
function api(ta: TestApp) {
  return {
    async get(path: string) {
      const res = await ta.app.inject({ method: 'GET', url: `/open311/v2/${path}`, headers: { host: BORAS_HOST } });
      return {
        status: res.statusCode,
        type: String(res.headers['content-type']),
        body: res.body,
        json: () => JSON.parse(res.body),
        xml: () => xml.parse(res.body),
      };
    },
    async post(path: string, form: Record<string, string>) {
      const res = await ta.app.inject({
        method: 'POST',
        url: `/open311/v2/${path}`,
        headers: { host: BORAS_HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        payload: new URLSearchParams(form).toString(),
      });
      return { status: res.statusCode, body: res.body, json: () => JSON.parse(res.body), xml: () => xml.parse(res.body) };
    },
  };
}

const report = {
  api_key: DEMO_OPEN311_KEY,
  service_code: 'belysning',
  lat: '57.7702',
  long: '13.0151',
  address_string: 'Järnvägsgatan 3, Sandared',
  first_name: 'Olle',
  last_name: 'Appsson',
  email: 'olle@example.org',
  description: 'Gatlampan utanför stationen blinkar hela natten.\nDen har gjort det i en vecka.',
};

for (const engine of engines) {
  describe(`Open311 GeoReport v2 on ${engine}`, () => {
    test('discovery, services and service definitions answer in XML and JSON with the standard root elements; unknown codes are 404 in the error format', async (t) => {
      const ta = await createTestApp(t, engine);
      const client = api(ta);
      const dx = await client.get('discovery.xml');
      assert.equal(dx.status, 200);
      assert.match(dx.type, /^text\/xml; charset=utf-8/);
      assert.equal(dx.xml().discovery.endpoints.endpoint[0].url, 'http://localhost/open311/v2');
      assert.deepEqual(dx.xml().discovery.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
      const dj = await client.get('discovery.json');
      assert.match(dj.type, /^application\/json/);
      assert.equal(dj.json().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');

      const sj = (await client.get('services.json')).json() as { service_code: string; group: string; type: string; metadata: boolean }[];
      const lighting = sj.find((s) => s.service_code === 'belysning');
      assert.equal(lighting?.group, 'Gata och trafik');
      assert.equal(lighting?.type, 'realtime');
      const sx = (await client.get('services.xml')).xml().services.service as { service_code: string; service_name: string }[];
      assert.equal(sx.length, sj.length, 'the same services in both formats');
      assert.ok(sx.some((s) => s.service_name === 'Hinder för personer med funktionsnedsättning'));

      const def = (await client.get('services/belysning.json')).json();
      assert.equal(def.service_code, 'belysning');
      assert.equal(def.attributes[0].code, 'title');
      assert.equal((await client.get('services/belysning.xml')).xml().service_definition.attributes.attribute[0].datatype, 'string');
      const missing = await client.get('services/finns-inte.json');
      assert.equal(missing.status, 404);
      assert.equal(missing.json()[0].code, 404);
      const missingXml = await client.get('services/finns-inte.xml');
      assert.equal(missingXml.status, 404);
      assert.equal(missingXml.xml().errors.error[0].code, 404);
      assert.equal((await client.get('requests/2026-tf9999.xml')).status, 404);
      assert.equal((await client.get('requests/..%2F..%2Fetc.json')).status, 404);
      assert.equal((await client.get('nothing-here.json')).json()[0].code, 404);
    });

    test('a client files a request with the demo key and reads it back; bad keys, codes, places and descriptions get the standard error with the right status', async (t) => {
      const ta = await createTestApp(t, engine);
      const client = api(ta);
      const refused = async (form: Record<string, string>, status: number, pattern: RegExp) => {
        const res = await client.post('requests.json', form);
        assert.equal(res.status, status, JSON.stringify(form).slice(0, 80));
        assert.match(res.json()[0].description, pattern);
        assert.equal(res.json()[0].code, status);
      };
      await refused({ ...report, api_key: '' }, 403, /api_key/);
      await refused({ ...report, api_key: 'gissad-nyckel' }, 403, /api_key/);
      await refused({ ...report, service_code: 'finns-inte' }, 400, /service_code/);
      await refused({ ...report, service_code: '' }, 400, /service_code/);
      await refused({ ...report, lat: '', long: '', address_string: '' }, 400, /location/i);
      await refused({ ...report, lat: '91' }, 400, /lat/);
      await refused({ ...report, description: 'x'.repeat(4001) }, 400, /4000/);
      const xmlRefusal = await client.post('requests.xml', { ...report, api_key: 'nej' });
      assert.equal(xmlRefusal.status, 403);
      assert.equal(xmlRefusal.xml().errors.error[0].code, 403);

      const filed = await client.post('requests.json', report);
      assert.equal(filed.status, 200);
      const [ack] = filed.json();
      // Tekniska förvaltningen had three of the demo's questions this year: this is its fourth.
      assert.equal(ack.service_request_id, `${year}-tf0004`);
      assert.match(ack.service_notice, new RegExp(`${year}/TF0004`));
      const filedXml = await client.post('requests.xml', { ...report, description: 'Ännu en lampa.' });
      assert.equal(filedXml.xml().service_requests.request[0].service_request_id, `${year}-tf0005`);

      const [read] = (await client.get(`requests/${ack.service_request_id}.json`)).json();
      assert.equal(read.status, 'open');
      assert.match(read.status_notes, /Mottagen/);
      assert.equal(read.service_code, 'belysning');
      assert.equal(read.agency_responsible, 'Tekniska förvaltningen');
      assert.match(read.description, /blinkar hela natten/);
      assert.equal(read.lat, 57.7702);
      assert.equal(read.long, 13.0151);
      assert.equal(read.address, 'Järnvägsgatan 3, Sandared');
      assert.ok(Date.parse(read.requested_datetime) > Date.now() - 60_000);
      const readXml = (await client.get(`requests/${ack.service_request_id}.xml`)).xml().service_requests.request[0];
      assert.equal(readXml.service_request_id, ack.service_request_id);
      assert.equal(readXml.status, 'open');

      // In the register as any question, registered on the asker's behalf, in the locality the address names.
      const page = text((await ta.client().get(`/fragor/${ack.service_request_id}`)).body);
      assert.match(page, /Frågan kom in via en app \(Open311\)/);
      assert.match(page, /Ort Sandared/);
      assert.match(page, /Gatlampan utanför stationen blinkar hela natten/);
      assert.doesNotMatch(page, /Appsson|olle@example/, 'the asker is not named in public');

      const [row] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from questions where slug = ${ack.service_request_id}`));
      const token = (await client.get(`tokens/${row?.id}.json`)).json();
      assert.equal(token[0].service_request_id, ack.service_request_id);
      assert.equal((await client.get('tokens/00000000-0000-0000-0000-000000000000.json')).status, 404);

      const list = (await client.get('requests.json?service_code=belysning&status=open')).json() as { service_request_id: string }[];
      assert.deepEqual(
        list.map((r) => r.service_request_id),
        [`${year}-tf0005`, `${year}-tf0004`],
        'newest first; the answered lighting question is closed',
      );
      const closed = (await client.get('requests.json?status=closed')).json() as { service_request_id: string; status: string }[];
      assert.ok(closed.some((r) => r.service_request_id === `${year}-tf0001`));
      assert.ok(closed.every((r) => r.status === 'closed'));
      const some = (await client.get(`requests.json?service_request_id=${year}-tf0001,${year}-ff0001`)).json() as { service_request_id: string }[];
      assert.equal(some.length, 2);
      assert.equal((await client.get('requests.json?start_date=igår')).status, 400);
      assert.equal((await client.get('requests.json?status=kanske')).status, 400);
      assert.equal((await client.get('requests.json?limit=5000')).status, 400);
      assert.equal(((await client.get('requests.json?limit=2')).json() as unknown[]).length, 2);
      assert.equal(((await client.get('requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z')).json() as unknown[]).length, 0);
      // Hostile values in every field, and in the query: a clear 4xx or a registered request, never a 500.
      for (const value of ['\u0000', '<script>alert(1)</script>', "' or 1=1 --", 'x'.repeat(20_000), '\ud800', '1e999', '-0', '{{number}}']) {
        const fields = Object.fromEntries(Object.keys(report).map((k) => [k, value]));
        for (const form of [fields, { ...report, description: value }, { ...report, lat: value, long: value }, { ...report, 'attribute[title]': value }]) {
          const res = await client.post('requests.xml', form);
          assert.ok(res.status < 500, `${JSON.stringify(value).slice(0, 20)} -> ${res.status}`);
        }
        for (const q of ['start_date', 'end_date', 'status', 'service_code', 'service_request_id', 'limit']) {
          const res = await client.get(`requests.json?${q}=${value === '\ud800' ? '%ED%A0%80' : encodeURIComponent(value.slice(0, 1000))}`);
          assert.ok(res.status < 500, `${q}=${JSON.stringify(value).slice(0, 20)} -> ${res.status}`);
        }
      }
    });

    test('status changes reach a FixMyStreet-style client through servicerequestupdates; what is confidential never leaves through the API', async (t) => {
      const ta = await createTestApp(t, engine);
      const client = api(ta);
      const [ack] = (await client.post('requests.json', report)).json();
      const slug = ack.service_request_id as string;
      const handler = await ta.client().signIn('handlaggare@boras.example');
      const page = await handler.get(`/fragor/${slug}`);
      const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const ground = '26 kap. 1 § offentlighets- och sekretesslagen';
      await handler.post(`/fragor/${slug}/sekretess`, { version, secretBody: 'on', secretPlace: 'on', secretNotes: 'on', ground }, { from: `/fragor/${slug}` });
      const v2 = /name="version" value="([^"]+)"/.exec((await handler.get(`/fragor/${slug}`)).body)?.[1] as string;
      await handler.post(`/fragor/${slug}/handlagg`, { version: v2, action: 'answered', answer: 'Lampan är bytt.' }, { from: `/fragor/${slug}` });

      const updates = (await client.get('servicerequestupdates.json')).json() as {
        service_request_id: string;
        status: string;
        description: string;
        update_id: string;
      }[];
      const mine = updates.filter((u) => u.service_request_id === slug);
      assert.deepEqual(
        mine.map((u) => u.status),
        ['open', 'fixed'],
        'received, then answered (the marking itself is not a status change)',
      );
      assert.match(mine[1]?.description ?? '', /Lampan är bytt/);
      assert.equal(new Set(updates.map((u) => u.update_id)).size, updates.length, 'each update has its own id');
      const updatesXml = (await client.get('servicerequestupdates.xml')).xml().service_request_updates.request_update as { status: string }[];
      assert.equal(updatesXml.length, updates.length);

      const [read] = (await client.get(`requests/${slug}.json`)).json();
      assert.equal(read.status, 'closed');
      assert.match(read.status_notes, /Besvarad: Lampan är bytt/);
      const everything = [
        (await client.get(`requests/${slug}.json`)).body,
        (await client.get(`requests/${slug}.xml`)).body,
        (await client.get('requests.json')).body,
        (await client.get('requests.xml')).body,
        (await client.get('servicerequestupdates.json')).body,
        (await client.get('servicerequestupdates.xml')).body,
      ].join('\n');
      assert.doesNotMatch(everything, /blinkar hela natten|Järnvägsgatan|57\.7702/, 'the question, the address and the point are confidential');
    });

    test('an administrator issues a key (shown once), a client files with it, and once revoked it is refused; the pattern and the categories are the administrator’s', async (t) => {
      const ta = await createTestApp(t, engine);
      const client = api(ta);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      assert.equal((await handler.get('/admin/fragor')).statusCode, 403);
      const admin = await ta.client().signIn('admin@boras.example');
      assert.match(text((await admin.get('/admin')).body), /Frågor och Open311/);
      const noName = await admin.post('/admin/fragor/nycklar', { name: '' }, { from: '/admin/fragor' });
      assert.equal(noName.statusCode, 422);
      const issued = await admin.post('/admin/fragor/nycklar', { name: 'FixaMinGata' }, { from: '/admin/fragor' });
      assert.equal(issued.statusCode, 201);
      assert.match(String(issued.headers['cache-control']), /no-store/);
      const key = /<code>([A-Za-z0-9_-]{32})<\/code>/.exec(issued.body)?.[1] as string;
      assert.ok(key, 'the new key is shown');
      assert.doesNotMatch((await admin.get('/admin/fragor')).body, new RegExp(key), 'and never again');
      assert.equal((await client.post('requests.json', { ...report, api_key: key })).status, 200);

      // A new pattern applies to the next number; the numbers given stay.
      const badPattern = await admin.post('/admin/fragor/nummer', { numberPattern: '{code}', reopenDays: '30' }, { from: '/admin/fragor' });
      assert.equal(badPattern.statusCode, 422);
      assert.match(text(badPattern.body), /måste innehålla året/);
      assert.equal(
        (await admin.post('/admin/fragor/nummer', { numberPattern: 'BKS-{YY}-{code}-{serial:3}', reopenDays: '14' }, { from: '/admin/fragor' })).statusCode,
        303,
      );
      const [next] = (await client.post('requests.json', report)).json();
      assert.equal(next.service_request_id, `bks-${String(year % 100).padStart(2, '0')}-tf-005`);
      assert.equal((await client.get(`requests/${year}-tf0004.json`)).status, 200);

      const page = (await admin.get('/admin/fragor')).body;
      const fixaRow = [...page.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1] as string).find((r) => r.includes('FixaMinGata'));
      const action = /action="([^"]+aterkalla)"/.exec(fixaRow ?? '')?.[1] as string;
      assert.ok(action, 'a revoke button on the key’s row');
      assert.equal((await admin.post(action, {}, { from: '/admin/fragor' })).statusCode, 303);
      assert.equal((await client.post('requests.json', { ...report, api_key: key })).status, 403, 'a revoked key is refused');
      assert.equal((await client.post('requests.json', report)).status, 200, 'the other key still works');

      // A new category is a new service at once; its code is fixed once made.
      const form = await admin.get('/admin/fragor/kategorier/ny');
      const fn = /<option value="([0-9a-f-]{36})">Tekniska förvaltningen<\/option>/.exec(form.body)?.[1] as string;
      const bad = await admin.post('/admin/fragor/kategorier/ny', { code: 'Snö Röjning', name: 'Snöröjning', functionId: fn, dueDays: '0', active: 'on' });
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Koden får ha små bokstäver/);
      assert.match(text(bad.body), /heltal från 1 till 365/);
      assert.match(bad.body, /value="Snöröjning"/, 'what was typed is kept');
      const made = await admin.post('/admin/fragor/kategorier/ny', {
        code: 'snorojning',
        name: 'Snöröjning',
        groupName: 'Gata och trafik',
        functionId: fn,
        dueDays: '2',
        active: 'on',
      });
      assert.equal(made.statusCode, 303);
      assert.equal(
        (await admin.post('/admin/fragor/kategorier/ny', { code: 'snorojning', name: 'Igen', functionId: fn, dueDays: '2', active: 'on' })).statusCode,
        422,
        'a code is used once',
      );
      const services = (await client.get('services.json')).json() as { service_code: string }[];
      assert.ok(services.some((s) => s.service_code === 'snorojning'));
    });
  });
}

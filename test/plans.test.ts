import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/platform/db/index.js';
import { createTestApp, formValues, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { postFile } from './helpers/meetings.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const year = new Date().getFullYear();

/** The figures of each focus area as its SVG draws them and as its table says them: status → count. */
function chartsAndTables(html: string): { chart: Record<string, number>; table: Record<string, number> }[] {
  const out: { chart: Record<string, number>; table: Record<string, number> }[] = [];
  for (const block of html.split('<div class="plan-progress">').slice(1)) {
    const svg = block.slice(0, block.indexOf('</svg>'));
    const table = block.slice(block.indexOf('<table'), block.indexOf('</table>'));
    const chart: Record<string, number> = {};
    for (const m of svg.matchAll(/data-status="([a-z_]+)" data-count="(\d+)"/g)) chart[m[1] as string] = Number(m[2]);
    const rows: Record<string, number> = {};
    for (const m of table.matchAll(/<tr data-status="([a-z_]+)">[\s\S]*?<td>(\d+)<\/td>/g)) rows[m[1] as string] = Number(m[2]);
    out.push({ chart, table: rows });
  }
  return out;
}

async function actionId(ta: Awaited<ReturnType<typeof createTestApp>>, title: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from plan_actions where title = ${title}`));
  assert.ok(row, title);
  return row.id;
}

for (const engine of engines) {
  describe(`local development plans on ${engine}`, () => {
    test('a visitor reads a plan: areas, actions in priority order, late ones, and per area a chart whose figures are the table beside it', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      const overview = await visitor.get('/planer');
      assert.equal(overview.statusCode, 200);
      assert.match(text(overview.body), /Lokal utvecklingsplan för Fristad/);
      assert.match(text(overview.body), /Viskans park/);
      assert.doesNotMatch(text(overview.body), /Viskaforsbygdens utvecklingsplan/, 'a draft never adopted is the council’s own');
      const page = await visitor.get('/planer/fristad');
      assert.equal(page.statusCode, 200);
      const body = text(page.body);
      assert.match(body, /Mötesplatser/);
      assert.match(body, /Trafik och trygghet/);
      assert.ok(body.indexOf('Säkrare skolväg vid Fristadskolan') < body.indexOf('Gång- och cykelväg mot Borgstena'), 'priority order');
      assert.match(body, /Försenad/, 'the school road, due last year and not done, is late');
      const figures = chartsAndTables(page.body);
      assert.equal(figures.length, 4, 'one chart per focus area');
      for (const f of figures) {
        for (const [status, n] of Object.entries(f.chart)) assert.equal(f.table[status], n, `${status}: the chart and the table agree`);
        const drawn = Object.values(f.chart).reduce((a, b) => a + b, 0);
        assert.equal(f.table.total, drawn, 'the chart draws every action the table counts');
      }
      // The late badges (the rule in code) and the late figure (the rule in SQL) agree, area by area.
      for (const [i, section] of page.body.split('<section aria-labelledby="area-').slice(1).entries()) {
        const badges = (section.match(/badge--late/g) ?? []).length;
        assert.equal(badges, figures[i]?.table.late, `area ${i + 1}: late badges and the late figure`);
      }
      const traffic = figures[1];
      assert.deepEqual(traffic?.chart, { done: 1, in_progress: 1, idea: 1, paused: 1 });
      assert.equal(traffic?.table.late, 1);
      assert.equal((await visitor.get('/planer/viskafors')).statusCode, 404, 'a draft plan is not found by a visitor');
      assert.equal((await visitor.get('/planer/finns-inte')).statusCode, 404);
      await visitor.get('/sprak/en?next=/planer/fristad');
      const en = text((await visitor.get('/planer/fristad')).body);
      assert.match(en, /Plan period \d{4}–\d{4}/);
      assert.match(en, /Actions per status: Traffic|Actions per status: Trafik och trygghet/);
      assert.match(en, /Responsible: Tekniska förvaltningen/);
    });

    test('a draft adopted at the council’s meeting becomes public with the meeting named; a revision keeps the adopted version readable', async (t) => {
      const ta = await createTestApp(t, engine);
      const admin = await ta.client().signIn('admin@boras.example');
      const edit = await admin.get('/planer/viskafors/redigera');
      assert.equal(edit.statusCode, 200);
      const adopt = formValues(edit.body, '/planer/viskafors/redigera/anta');
      const meeting = /<select id="adopt-meetingId"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"[^>]*>([^<]+)<\/option>/.exec(edit.body);
      assert.ok(meeting, 'the council’s meetings are offered');
      const forged = await admin.post(
        '/planer/viskafors/redigera/anta',
        { ...adopt, meetingId: '00000000-0000-4000-8000-000000000000' },
        { from: '/planer/viskafors/redigera' },
      );
      assert.equal(forged.statusCode, 422, 'only one of the council’s meetings');
      const done = await admin.post('/planer/viskafors/redigera/anta', { ...adopt, meetingId: meeting[1] as string }, { from: '/planer/viskafors/redigera' });
      assert.equal(done.statusCode, 303);
      const page = text((await ta.client().get('/planer/viskafors')).body);
      assert.match(page, /Version 1, antagen/);
      assert.match(page, /Antagen på/);
      assert.match(text((await ta.client().get('/planer')).body), /Viskaforsbygdens utvecklingsplan/);
      assert.equal((await admin.post('/planer/viskafors/redigera/revidera', {}, { from: '/planer/viskafors/redigera' })).statusCode, 303);
      assert.match(text((await ta.client().get('/planer/viskafors')).body), /Version 2 arbetas fram\. Version 1 gäller/);
      const v1 = await ta.client().get('/planer/viskafors/versioner/1');
      assert.equal(v1.statusCode, 200);
      assert.match(text(v1.body), /Aktivitetshus i gamla stationen/);
      assert.equal((await ta.client().get('/planer/viskafors/versioner/2')).statusCode, 404, 'a version not yet adopted is not a document yet');
    });

    test('the plan downloads as CSV that a spreadsheet opens: a byte-order mark, a header row, one row per action, hostile text defused', async (t) => {
      const ta = await createTestApp(t, engine);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const edit = await chair.get('/planer/fristad/redigera');
      assert.equal(edit.statusCode, 200);
      const key = /name="_submission" value="([^"]+)"/.exec(edit.body)?.[1] as string;
      const areaId = formValues(edit.body, '/planer/fristad/redigera/atgarder').areaId as string;
      const added = await chair.post(
        '/planer/fristad/redigera/atgarder',
        { _submission: key, areaId, title: '=HYPERLINK("http://evil")', responsibleKind: 'council', status: 'idea', costEstimate: '12 500 kr' },
        { from: '/planer/fristad/redigera' },
      );
      assert.equal(added.statusCode, 303, added.body.slice(0, 300));
      const csv = await ta.client().get('/planer/fristad/plan.csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv; charset=utf-8/);
      assert.ok(csv.body.startsWith('\ufeff'), 'a byte-order mark');
      const lines = csv.body.slice(1).trimEnd().split('\r\n');
      assert.equal(lines[0]?.split(';')[0], 'Fokusområde');
      const [{ n }] = rowsOf<{ n: number }>(
        await ta.database.db.execute(sql`select count(*)::int as n from plan_actions a join plans p on p.id = a.plan_id where p.slug = 'fristad'`),
      ) as [{ n: number }];
      assert.equal(lines.length, Number(n) + 1, 'one row per action');
      const hostile = lines.find((l) => l.includes('HYPERLINK')) as string;
      assert.match(hostile, /;"'=HYPERLINK\(""http:\/\/evil""\)";/, 'a formula is led by an apostrophe and quoted');
      assert.match(hostile, /;12500;/, 'the amount in whole kronor');
    });

    test('only the chair and the secretary keep a council’s plan; a member, a resident, a visitor and another council’s chair cannot', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/planer/fristad/redigera')).statusCode, 303, 'a visitor is asked to sign in');
      const member = await ta.client().signIn('invanare@boras.example');
      assert.equal((await member.get('/planer/fristad/redigera')).statusCode, 403);
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      assert.equal((await contact.get('/planer/fristad/redigera')).statusCode, 403, 'a contact person sees, but does not keep, the plan');
      assert.equal((await contact.get('/planer/viskafors')).statusCode, 200, 'the municipality’s contact persons see every plan, drafts too');
      assert.equal((await contact.get('/planer/viskafors/redigera')).statusCode, 403);
      // The council page keeps its plan section a minute: what a contact person saw is never what a visitor gets.
      assert.match(text((await contact.get('/ortsrad/viskafors')).body), /Viskaforsbygdens utvecklingsplan/);
      assert.doesNotMatch(text((await ta.client().get('/ortsrad/viskafors')).body), /Viskaforsbygdens utvecklingsplan/);
      assert.doesNotMatch(text((await member.get('/ortsrad/viskafors')).body), /Viskaforsbygdens utvecklingsplan/);
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      assert.equal((await secretary.get('/planer/fristad/redigera')).statusCode, 200);
      assert.equal((await secretary.get('/planer/sandared/redigera')).statusCode, 403);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      // A project called "Ny" gets an address of its own, not the page for starting a plan.
      const start = await handler.get('/planer/ny');
      const fn = /<option value="([0-9a-f-]{36})"[^>]*>Tekniska förvaltningen<\/option>/.exec(start.body)?.[1] as string;
      const key = /name="_submission" value="([^"]+)"/.exec(start.body)?.[1] as string;
      const ny = await handler.post('/planer/ny', { _submission: key, functionId: fn, councilId: '', title: 'Ny', startYear: '2027', endYear: '2030' });
      assert.equal(ny.statusCode, 303);
      assert.equal(String(ny.headers.location), '/planer/ny-plan/redigera');
      assert.equal((await handler.get('/planer/viskans-park/redigera')).statusCode, 200, 'the owning function keeps its project');
      assert.equal((await handler.get('/planer/fristad/redigera')).statusCode, 403);
      // A forged post from someone who may not keep the plan changes nothing.
      const forged = await member.post('/planer/fristad/redigera/omraden', { title: 'Kapat' }, { from: '/planer/fristad' });
      assert.equal(forged.statusCode, 403);
      const [{ n }] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from plan_areas where title = 'Kapat'`)) as [
        { n: number },
      ];
      assert.equal(n, 0);
    });

    test('two people reorder at once: the second is told and shown the order as it is now, and nothing is lost', async (t) => {
      const ta = await createTestApp(t, engine);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const first = await chair.get('/planer/fristad/redigera');
      const second = await secretary.get('/planer/fristad/redigera');
      const revision = /name="revision" value="(\d+)"/.exec(first.body)?.[1] as string;
      assert.equal(/name="revision" value="(\d+)"/.exec(second.body)?.[1], revision);
      const [{ id: area }] = rowsOf<{ id: string }>(await ta.database.db.execute(sql`select id from plan_areas where title = 'Trafik och trygghet'`)) as [
        { id: string },
      ];
      // The road (second) one place up; then, on the order as it was, the lighting (third) one place up.
      const moved = await chair.post('/planer/fristad/redigera/flytta', { area, move: '1u', revision }, { from: '/planer/fristad/redigera' });
      assert.equal(moved.statusCode, 303);
      const refused = await secretary.post('/planer/fristad/redigera/flytta', { area, move: '2u', revision }, { from: '/planer/fristad/redigera' });
      assert.equal(refused.statusCode, 409);
      assert.match(text(refused.body), /Någon annan ändrade ordningen samtidigt/);
      const shown = text(refused.body);
      assert.ok(shown.indexOf('Gång- och cykelväg mot Borgstena') < shown.indexOf('Säkrare skolväg vid Fristadskolan'), 'the order as it is now');
      const newRevision = /name="revision" value="(\d+)"/.exec(refused.body)?.[1] as string;
      assert.notEqual(newRevision, revision);
      const again = await secretary.post('/planer/fristad/redigera/flytta', { area, move: '2u', revision: newRevision }, { from: '/planer/fristad/redigera' });
      assert.equal(again.statusCode, 303);
      const order = rowsOf<{ title: string }>(
        await ta.database.db.execute(
          sql`select a.title from plan_actions a join plan_areas r on r.id = a.area_id where r.title = 'Trafik och trygghet' order by a.position`,
        ),
      ).map((r) => r.title);
      assert.deepEqual(order, [
        'Gång- och cykelväg mot Borgstena',
        'Belysning längs Skolgatan',
        'Säkrare skolväg vid Fristadskolan',
        'Grannsamverkan i alla bostadsområden',
      ]);
      // Concurrent moves at the same revision: exactly one wins.
      const r2 = /name="revision" value="(\d+)"/.exec((await chair.get('/planer/fristad/redigera')).body)?.[1] as string;
      const results = await Promise.all(
        ['0d', '2d', '0d', '2d'].map((move, i) =>
          (i % 2 ? chair : secretary).post('/planer/fristad/redigera/flytta', { area, move, revision: r2 }, { from: '/planer/fristad/redigera' }),
        ),
      );
      assert.equal(results.filter((r) => r.statusCode === 303).length, 1);
      const positions = rowsOf<{ position: number }>(
        await ta.database.db.execute(
          sql`select a.position from plan_actions a join plan_areas r on r.id = a.area_id where r.title = 'Trafik och trygghet' order by a.position`,
        ),
      ).map((r) => r.position);
      assert.equal(new Set(positions).size, 4, 'no two actions share a place');
    });

    test('bad input is said field by field with what was typed kept; amounts are whole kronor, a review is never dated before the plan starts', async (t) => {
      const ta = await createTestApp(t, engine);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const edit = await chair.get('/planer/fristad/redigera');
      const areaId = formValues(edit.body, '/planer/fristad/redigera/atgarder').areaId as string;
      const bad = await chair.post(
        '/planer/fristad/redigera/atgarder',
        { areaId, title: 'Ny <skylt>', responsibleKind: 'function', status: 'idea', costEstimate: '-500', targetDate: '2026-02-31' },
        { from: '/planer/fristad/redigera' },
      );
      assert.equal(bad.statusCode, 422);
      const said = text(bad.body);
      assert.match(said, /Skriv ett belopp i hela kronor/);
      assert.match(said, /Välj vilken förvaltning eller vilket bolag som ansvarar/);
      assert.match(said, /Skriv ett datum som ÅÅÅÅ-MM-DD/);
      assert.match(bad.body, /value="Ny &lt;skylt>"/);
      const decimals = await chair.post(
        '/planer/fristad/redigera/atgarder',
        { areaId, title: 'Skylt', responsibleKind: 'council', status: 'idea', costEstimate: '12,50' },
        { from: '/planer/fristad/redigera' },
      );
      assert.equal(decimals.statusCode, 422);
      const early = await chair.post(
        '/planer/fristad/uppfoljning',
        { year: String(year - 10), reviewedOn: `${year - 10}-05-01`, body: 'För tidigt.' },
        { from: '/planer/fristad/uppfoljning' },
      );
      assert.equal(early.statusCode, 422);
      assert.match(text(early.body), /kan inte dateras före planens start/);
      const twice = await chair.post(
        '/planer/fristad/uppfoljning',
        { year: String(year - 1), reviewedOn: `${year}-01-10`, body: 'Igen.' },
        { from: '/planer/fristad/uppfoljning' },
      );
      assert.equal(twice.statusCode, 422);
      assert.match(text(twice.body), /Det finns redan en uppföljning/);
      const period = await chair.post('/planer/fristad/redigera', { title: 'X', startYear: '2030', endYear: '2020', version: '2020-01-01T00:00:00.000Z' });
      assert.equal(period.statusCode, 422);
      assert.match(text(period.body), /Sista året kan inte vara före första året/);
      for (const path of ['/planer/fristad/versioner/0', '/planer/fristad/versioner/abc', '/planer/fristad/atgarder/nej', '/planer/fristad/versioner/99']) {
        assert.equal((await chair.get(path)).statusCode, 404, path);
      }
      assert.equal((await chair.get('/planer/kommunen?funktion=%00&efter=x&obesvarade=ja')).statusCode, 200, 'a malformed filter shows the whole list');
    });

    test('an update with a photo needs its description; followers are told; the history and the action show it', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      const plan = await resident.get('/planer/fristad');
      const follow = formValues(plan.body, '/bevakningar');
      assert.equal((await resident.post('/bevakningar', { ...follow, action: 'follow' }, { from: '/planer/fristad' })).statusCode, 303);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const id = await actionId(ta, 'Motionsspår med belysning');
      const page = await chair.get(`/planer/fristad/atgarder/${id}`);
      assert.equal(page.statusCode, 200);
      const values = formValues(page.body, `/planer/fristad/atgarder/${id}/uppdateringar`);
      const res = await chair.post(
        `/planer/fristad/atgarder/${id}/uppdateringar`,
        { ...values, body: 'Spåret är röjt.', percent: '30' },
        { from: `/planer/fristad/atgarder/${id}` },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const again = await chair.post(
        `/planer/fristad/atgarder/${id}/uppdateringar`,
        { ...values, body: 'Spåret är röjt.', percent: '30' },
        { from: `/planer/fristad/atgarder/${id}` },
      );
      assert.equal(again.statusCode, 303, 'a second submission of the same form');
      const [{ n }] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from plan_updates where action_id = ${id}`)) as [
        { n: number },
      ];
      assert.equal(n, 1, 'makes nothing new');
      // A photo without its description is refused with what was typed kept; a text file called .png is no photo.
      const from = `/planer/fristad/atgarder/${id}`;
      const url = `${from}/uppdateringar`;
      const fresh = formValues((await chair.get(from)).body, url);
      const noAlt = await postFile(ta, chair, url, from, { ...fresh, body: 'Ny belysning.' }, { name: 'spar.png', type: 'image/png', data: PNG });
      assert.equal(noAlt.statusCode, 422);
      assert.match(text(noAlt.body), /Beskriv vad fotot visar/);
      assert.match(noAlt.body, /Ny belysning\./);
      const fake = await postFile(
        ta,
        chair,
        url,
        from,
        { ...fresh, body: 'Ny belysning.', photoAlt: 'Spåret' },
        { name: 'spar.png', type: 'image/png', data: Buffer.from('no picture') },
      );
      assert.equal(fake.statusCode, 422);
      assert.match(text(fake.body), /Välj ett foto i JPEG, PNG eller WebP/);
      const withPhoto = await postFile(
        ta,
        chair,
        url,
        from,
        { ...fresh, body: 'Ny belysning.', photoAlt: 'Belysta stolpar längs spåret i skymning' },
        { name: 'spar.png', type: 'image/png', data: PNG },
      );
      assert.equal(withPhoto.statusCode, 303);
      const action = await ta.client().get(from);
      const src = /<img src="([^"]+)" alt="Belysta stolpar längs spåret i skymning"/.exec(action.body)?.[1];
      assert.ok(src, 'the photo with its description');
      const img = await ta.client().get(src);
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['content-type'], 'image/png');
      // Another plan's address does not serve it.
      assert.equal((await ta.client().get(src.replace('/planer/fristad/', '/planer/sandared/'))).statusCode, 404);
      await ta.drain();
      const notices = await resident.get('/notiser');
      assert.match(text(notices.body), /Ny uppdatering i Lokal utvecklingsplan för Fristad: Motionsspår med belysning/);
      const shown = text((await ta.client().get(`/planer/fristad/atgarder/${id}`)).body);
      assert.match(shown, /Spåret är röjt\./);
      assert.match(shown, /30 % klart/);
      assert.match(text((await ta.client().get('/planer/fristad/historik')).body), /Uppdatering om Motionsspår med belysning/);
    });

    test('a function answers the actions that name it, and sees them in its list across councils; others cannot answer', async (t) => {
      const ta = await createTestApp(t, engine);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      const list = await handler.get('/planer/kommunen?funktion=tekniska-forvaltningen&obesvarade=1');
      assert.equal(list.statusCode, 200);
      const body = text(list.body);
      assert.match(body, /Gång- och cykelväg mot Borgstena/);
      assert.match(body, /Pendelparkering vid busshållplatsen/, 'from another council too');
      assert.doesNotMatch(body, /Belysning längs Skolgatan/, 'answered ones are left out when asked');
      const id = await actionId(ta, 'Gång- och cykelväg mot Borgstena');
      const answer = { answerStatus: 'accepted', status: 'planned', answer: 'Vi tar med vägen i nästa budget.' };
      const chair = await ta.client().signIn('foretradare@boras.example');
      assert.equal(
        (await chair.post(`/planer/fristad/atgarder/${id}/svar`, answer, { from: `/planer/fristad/atgarder/${id}` })).statusCode,
        403,
        'the council does not answer for the municipality',
      );
      const res = await handler.post(`/planer/fristad/atgarder/${id}/svar`, answer, { from: `/planer/fristad/atgarder/${id}` });
      assert.equal(res.statusCode, 303);
      const shown = text((await ta.client().get(`/planer/fristad/atgarder/${id}`)).body);
      assert.match(shown, /Vi tar med vägen i nästa budget\./);
      assert.match(shown, /Godtagen/);
      const dalsjo = await actionId(ta, 'Konstgräsplan vid idrottsplatsen');
      assert.equal(
        (await handler.post(`/planer/dalsjofors-toarp/atgarder/${dalsjo}/svar`, answer, { from: `/planer/dalsjofors-toarp/atgarder/${dalsjo}` })).statusCode,
        403,
        'not an action that names it',
      );
    });

    test('a linked question answered and a linked action item done show on the action by themselves', async (t) => {
      const ta = await createTestApp(t, engine);
      const chair = await ta.client().signIn('foretradare@boras.example');
      const id = await actionId(ta, 'Motionsspår med belysning');
      const [open] = rowsOf<{ id: string }>(
        await ta.database.db.execute(sql`select q.id from questions q join localities l on l.id = q.locality_id
          where l.name = 'Fristad' and q.status <> 'answered' and q.tenant_id = l.tenant_id order by q.received_at desc limit 1`),
      );
      assert.ok(open, 'an open question about Fristad');
      const page = await chair.get(`/planer/fristad/atgarder/${id}`);
      const question = `question:${open.id}`;
      assert.ok(page.body.includes(`value="${question}"`), 'the locality’s questions are offered');
      assert.equal(
        (await chair.post(`/planer/fristad/atgarder/${id}/lankar`, { target: question }, { from: `/planer/fristad/atgarder/${id}` })).statusCode,
        303,
      );
      const forged = await chair.post(
        `/planer/fristad/atgarder/${id}/lankar`,
        { target: 'question:00000000-0000-4000-8000-000000000000' },
        { from: `/planer/fristad/atgarder/${id}` },
      );
      assert.equal(forged.statusCode, 422, 'only what is offered can be linked');
      assert.match(text((await ta.client().get(`/planer/fristad/atgarder/${id}`)).body), /Fråga:/, 'the link shows to a visitor');
      // The question is answered by the municipality through the question's own command.
      const { loadActor } = await import('../src/modules/accounts/index.js');
      const { handleQuestion } = await import('../src/modules/questions/commands.js');
      const [q] = rowsOf<{ slug: string; tenant_id: string; admin: string }>(
        await ta.database.db.execute(
          sql`select q.slug, q.tenant_id, (select id from users where email = 'admin@boras.example') as admin from questions q where q.id = ${open.id}`,
        ),
      );
      const admin = await loadActor(ta.database.db, q?.tenant_id as string, q?.admin as string);
      assert.ok(admin);
      const { getQuestionBySlug } = await import('../src/modules/questions/queries.js');
      const found = await getQuestionBySlug(ta.database.db, q?.tenant_id as string, q?.slug as string, null);
      assert.ok(found);
      const r = await handleQuestion(ta.database.db, admin, found.question, { action: 'answered', answer: 'Belysningen kommer.' }, found.question.updatedAt);
      assert.ok(r.ok, JSON.stringify(r));
      await ta.drain();
      const shown = text((await ta.client().get(`/planer/fristad/atgarder/${id}`)).body);
      assert.match(shown, /har besvarats/);
      // An open action item of the council's minutes, linked, then marked done from its meeting.
      const [item] = rowsOf<{ id: string; slug: string }>(
        await ta.database.db.execute(sql`select a.id, m.slug from action_items a join meetings m on m.id = a.meeting_id join councils c on c.id = a.council_id
          where c.slug = 'fristad' and a.done_at is null and a.withdrawn_at is null order by m.starts_at desc limit 1`),
      );
      assert.ok(item, 'an open action item');
      const offered = await chair.get(`/planer/fristad/atgarder/${id}`);
      assert.ok(offered.body.includes(`value="action_item:${item.id}"`), 'the council’s action items are offered');
      assert.equal(
        (await chair.post(`/planer/fristad/atgarder/${id}/lankar`, { target: `action_item:${item.id}` }, { from: `/planer/fristad/atgarder/${id}` }))
          .statusCode,
        303,
      );
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const done = await secretary.post(`/moten/${item.slug}/atgarder/${item.id}`, { done: 'true' }, { from: `/moten/${item.slug}/protokoll` });
      assert.equal(done.statusCode, 303);
      await ta.drain();
      const after = text((await ta.client().get(`/planer/fristad/atgarder/${id}`)).body);
      assert.match(after, /Åtgärdspunkten ”.+” från .+ är klar\./);
      assert.match(text((await ta.client().get('/planer/fristad/historik')).body), /Åtgärdspunkten/);
    });
  });
}

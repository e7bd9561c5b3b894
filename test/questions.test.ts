import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/modules/accounts/index.js';
import { askQuestion } from '../src/modules/questions/commands.js';
import { type Db, rowsOf } from '../src/platform/db/index.js';
import { createTestApp, formValues, lastMailTo, text } from './helpers/app.js';
import { engines } from './helpers/db.js';
import { borasId, demoMeeting, postFile, userId } from './helpers/meetings.js';

const year = new Date().getFullYear();

async function categoryId(db: Db, code: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from question_categories where code = ${code} and tenant_id = (select id from tenants where slug = 'boras')`),
  );
  return row?.id as string;
}

for (const engine of engines) {
  describe(`questions on ${engine}`, () => {
    test('a resident asks; the question is registered with the next number of its function, a receipt is mailed, and the public register shows it', async (t) => {
      const ta = await createTestApp(t, engine);
      assert.equal((await ta.client().get('/fragor/ny')).statusCode, 303, 'a visitor is asked to sign in first');
      const resident = await ta.client().signIn('invanare@boras.example');
      const form = await resident.get('/fragor/ny');
      assert.equal(form.statusCode, 200);
      const key = /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] as string;
      const lighting = await categoryId(ta.database.db, 'belysning');
      const bad = await resident.post(
        '/fragor/ny',
        { _submission: key, subject: '', body: 'Lampan vid <busshållplatsen> är trasig.', categoryId: 'nej' },
        { from: '/fragor/ny' },
      );
      assert.equal(bad.statusCode, 422);
      assert.match(text(bad.body), /Fyll i fältet/);
      assert.match(text(bad.body), /Välj ett av alternativen/);
      assert.match(bad.body, /Lampan vid &lt;busshållplatsen> är trasig\./, 'what was typed is kept');
      const answer = {
        _submission: key,
        subject: 'Släckt lampa vid busshållplatsen',
        body: 'Lampan vid busshållplatsen på Storgatan är trasig.',
        categoryId: lighting,
        localityId: '',
        address: 'Storgatan',
        showName: '',
      };
      const sent = await resident.post('/fragor/ny', answer, { from: '/fragor/ny' });
      assert.equal(sent.statusCode, 303);
      // Tekniska förvaltningen had three of the demo's questions this year: this is its fourth.
      assert.equal(sent.headers.location, `/fragor/${year}-tf0004`);
      const again = await resident.post('/fragor/ny', answer, { from: '/fragor/ny' });
      assert.equal(again.headers.location, `/fragor/${year}-tf0004`, 'the same form sent twice registers one question');

      const page = text((await ta.client().get(`/fragor/${year}-tf0004`)).body);
      assert.match(page, new RegExp(`Diarienummer ${year}/TF0004`));
      assert.match(page, /Ansvarig Tekniska förvaltningen/);
      assert.match(page, /Frågeställare En invånare/, 'not named: she did not choose it');
      assert.match(page, /Frågan kom in och registrerades hos Tekniska förvaltningen/);
      const receipt = await lastMailTo(ta, 'invanare@boras.example');
      assert.equal(receipt?.subject, `Din fråga är registrerad: ${year}/TF0004`);
      assert.match(receipt?.text ?? '', new RegExp(`http://localhost/fragor/${year}-tf0004`));

      const register = text((await ta.client().get('/diarium')).body);
      assert.match(register, new RegExp(`${year}/TF0004 Tekniska förvaltningen Släckt lampa vid busshållplatsen Mottagen`));
      assert.match(text((await ta.client().get(`/diarium?q=${year}/TF0004`)).body), /Släckt lampa/);
      const found = text((await ta.client().get('/diarium?q=badplatsen')).body);
      assert.match(found, /Fler bänkar vid badplatsen/);
      assert.doesNotMatch(found, /Släckt lampa/);
      assert.match(text((await ta.client().get(`/fragor/${year}-tf0001`)).body), /Svar .*Tack för att du hörde av dig/, 'an answered demo question');
      assert.match(text((await ta.client().get(`/fragor/${year}-tf0001`)).body), /Frågeställare Ingrid Invånare/, 'named: she chose it');
      assert.equal((await ta.client().get('/fragor/finns-inte')).statusCode, 404);
      // Her questions are in her data export, and only hers.
      const mine = JSON.parse((await resident.get('/profil/export')).body).questions.asked as { number: string }[];
      assert.ok(mine.some((q) => q.number === `${year}/TF0004`));
      assert.ok(!mine.some((q) => q.number === `${year}/TF0003`), 'not a question someone else asked');
    });

    test('a handler of the function hands a question on with a reason; the other function answers; the asker is told; each step is in the history', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = `${year}-tf0003`; // the demo's bench question at the bathing place in Viskafors
      const handler = await ta.client().signIn('handlaggare@boras.example');
      const resident = await ta.client().signIn('foretradare@boras.example'); // who asked it
      const page = await handler.get(`/fragor/${slug}`);
      assert.match(text(page.body), /Handläggning/);
      assert.doesNotMatch(text((await resident.get(`/fragor/${slug}`)).body), /Handläggning/, 'the asker does not handle it');
      assert.doesNotMatch(text((await ta.client().get(`/fragor/${slug}`)).body), /Handläggning/);

      const inbox = text((await handler.get('/handlaggning')).body);
      assert.match(inbox, new RegExp(`${year}/TF0003 Fler bänkar vid badplatsen`));
      // Filters: category, locality, and who handles it (nobody yet: she has not taken it up).
      const ids = async (name: string) => {
        const page = (await handler.get('/handlaggning')).body;
        return new RegExp(`<select id="f-${name}"[\\s\\S]*?</select>`).exec(page)?.[0] ?? '';
      };
      const park = /<option value="([0-9a-f-]{36})">Parker, lekplatser och natur<\/option>/.exec(await ids('kategori'))?.[1] as string;
      const viskafors = /<option value="([0-9a-f-]{36})">Viskafors<\/option>/.exec(await ids('ort'))?.[1] as string;
      const fristadPlace = /<option value="([0-9a-f-]{36})">Fristad<\/option>/.exec(await ids('ort'))?.[1] as string;
      assert.match(text((await handler.get(`/handlaggning?kategori=${park}&ort=${viskafors}&handlaggare=ingen`)).body), /TF0003 Fler bänkar/);
      assert.doesNotMatch(text((await handler.get(`/handlaggning?ort=${fristadPlace}`)).body), /TF0003 Fler bänkar/);
      assert.equal((await handler.get('/handlaggning?kategori=nej&ort=%00&handlaggare=%3Cx%3E')).statusCode, 200, 'bad filters show everything, never a 500');
      assert.match(inbox, /Mottagen \(\d+\)/);
      assert.equal((await resident.get('/handlaggning')).statusCode, 403);
      assert.equal((await ta.client().get('/handlaggning')).statusCode, 303);

      const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const ff = /<option value="([0-9a-f-]{36})">Fritids- och folkhälsoförvaltningen<\/option>/.exec(page.body)?.[1] as string;
      const noReason = await handler.post(`/fragor/${slug}/handlagg`, { version, action: 'forward', functionId: ff, note: '' }, { from: `/fragor/${slug}` });
      assert.equal(noReason.statusCode, 422, 'a referral says why');
      assert.equal(
        (
          await handler.post(
            `/fragor/${slug}/handlagg`,
            { version, action: 'forward', functionId: ff, note: 'Badplatsens bänkar sköts av fritidsförvaltningen.' },
            { from: `/fragor/${slug}` },
          )
        ).statusCode,
        303,
      );
      const stale = await handler.post(`/fragor/${slug}/handlagg`, { version, action: 'in_progress', note: '' }, { from: `/fragor/${slug}` });
      assert.equal(stale.statusCode, 403, 'no longer theirs to handle');
      // Anyone signed in can follow the question, from its page.
      const follower = await ta.client().signIn('redaktor@boras.example');
      const qid = /name="kind" value="question"\/><input type="hidden" name="id" value="([0-9a-f-]{36})"/.exec(
        (await follower.get(`/fragor/${slug}`)).body,
      )?.[1] as string;
      assert.ok(qid, 'a follow button on the question');
      assert.equal(
        (await follower.post('/bevakningar', { kind: 'question', id: qid, action: 'follow', back: `/fragor/${slug}` }, { from: `/fragor/${slug}` })).statusCode,
        303,
      );
      const admin = await ta.client().signIn('admin@boras.example');
      const later = await admin.get(`/fragor/${slug}`);
      const v2 = /name="version" value="([^"]+)"/.exec(later.body)?.[1] as string;
      assert.equal(
        (await admin.post(`/fragor/${slug}/handlagg`, { version, action: 'answered', answer: 'x' }, { from: `/fragor/${slug}` })).statusCode,
        409,
        'a form loaded before the last step',
      );
      assert.equal(
        (
          await admin.post(
            `/fragor/${slug}/handlagg`,
            { version: v2, action: 'answered', answer: 'Två nya bänkar ställs ut före sommaren.' },
            { from: `/fragor/${slug}` },
          )
        ).statusCode,
        303,
      );
      const read = text((await ta.client().get(`/fragor/${slug}`)).body);
      assert.match(read, /Läge Besvarad/);
      assert.match(read, /Ansvarig Fritids- och folkhälsoförvaltningen/);
      assert.match(read, /Svar .*Två nya bänkar ställs ut före sommaren/);
      assert.match(read, /Frågan lämnades över till Fritids- och folkhälsoförvaltningen\. Badplatsens bänkar sköts av fritidsförvaltningen\./);
      assert.match(read, /Fritids- och folkhälsoförvaltningen besvarade frågan/);
      await ta.drain();
      assert.match(text((await resident.get('/notiser')).body), new RegExp(`Din fråga ${year}/TF0003 är besvarad: Fler bänkar vid badplatsen`));
      assert.match(text((await follower.get('/notiser')).body), new RegExp(`Frågan ${year}/TF0003 är besvarad: Fler bänkar vid badplatsen`));
      assert.match(text((await follower.get('/mina-bevakningar')).body), new RegExp(`Frågor ${year}/TF0003: Fler bänkar`));
      const mail = await lastMailTo(ta, 'foretradare@boras.example');
      assert.equal(mail?.subject, `Din fråga ${year}/TF0003 är besvarad: Fler bänkar vid badplatsen i Viskafors`, 'what concerns the asker is mailed at once');
    });

    test('a contact person registers a phoned-in question on someone’s behalf; a secretary asks in the council’s name; the contact person sees the council’s questions', async (t) => {
      const ta = await createTestApp(t, engine);
      const park = await categoryId(ta.database.db, 'park');
      const base = {
        subject: 'Nedfallna grenar på gångvägen',
        body: 'Efter stormen ligger stora grenar över gångvägen vid ån.',
        categoryId: park,
        localityId: '',
        address: '',
      };
      const contact = await ta.client().signIn('kontaktperson@boras.example');
      const form = await contact.get('/fragor/ny');
      assert.match(text(form.body), /Registrera åt någon annan/);
      const byPhone = await contact.post(
        '/fragor/ny',
        { ...base, onBehalf: 'on', behalfName: 'Greta Grensson', behalfContact: '033-12 34 56', behalfChannel: 'phone' },
        { from: '/fragor/ny' },
      );
      assert.equal(byPhone.statusCode, 303);
      const phoned = String(byPhone.headers.location);
      const seen = text((await ta.client().get(phoned)).body);
      assert.match(seen, /Frågeställare Registrerad åt en invånare/);
      assert.doesNotMatch(seen, /Greta|033-12/, 'the caller is not named in public');
      assert.match(seen, /registrerades hos Tekniska förvaltningen åt en invånare som hörde av sig/);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      assert.match(text((await handler.get(phoned)).body), /Frågeställare \(syns bara för handläggare\): Greta Grensson, 033-12 34 56 \(kom via Telefon\)/);
      await ta.drain();
      assert.equal(await lastMailTo(ta, '033-12 34 56'), undefined, 'no address, no receipt');
      // A letter with an e-mail address in it: the receipt goes there.
      const byLetter = await contact.post(
        '/fragor/ny',
        {
          ...base,
          _submission: 'brev-1234567890',
          onBehalf: 'on',
          behalfName: 'Bo Brevsson',
          behalfContact: 'Storgatan 2, Fristad; bo@example.org',
          behalfChannel: 'letter',
        },
        { from: '/fragor/ny' },
      );
      assert.equal(byLetter.statusCode, 303);
      await ta.drain();
      const receipt = await lastMailTo(ta, 'bo@example.org');
      assert.match(receipt?.text ?? '', /Hej Bo Brevsson!/);
      assert.match(receipt?.text ?? '', new RegExp(String(byLetter.headers.location)));

      // A resident may not speak for others: the fields are not there, and what is sent anyway is her own question.
      const resident = await ta.client().signIn('invanare@boras.example');
      assert.doesNotMatch(text((await resident.get('/fragor/ny')).body), /Registrera åt någon annan|Ställ frågan för/);
      const own = await resident.post('/fragor/ny', { ...base, onBehalf: 'on', behalfName: 'Någon annan' }, { from: '/fragor/ny' });
      assert.match(text((await handler.get(String(own.headers.location))).body), /Frågeställare \(syns bara för handläggare\): Ingrid Invånare/);
      const fristad = /<option value="([0-9a-f-]{36})">Ortsråd Fristad<\/option>/;
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const councilForm = await secretary.get('/fragor/ny');
      const fristadId = fristad.exec(councilForm.body)?.[1] as string;
      assert.ok(fristadId, 'the secretary may ask for her council');
      assert.equal(
        (await resident.post('/fragor/ny', { ...base, councilId: fristadId }, { from: '/fragor/ny' })).statusCode,
        422,
        'not for a council she does not run',
      );
      const forCouncil = await secretary.post('/fragor/ny', { ...base, subject: 'Trafiken vid skolan', councilId: fristadId }, { from: '/fragor/ny' });
      assert.equal(forCouncil.statusCode, 303);
      assert.match(text((await ta.client().get(String(forCouncil.headers.location))).body), /Frågeställare Ortsråd Fristad/);
      // The contact person for Fristad sees it in her inbox, though it is routed to Tekniska förvaltningen.
      assert.match(text((await contact.get('/handlaggning')).body), /Trafiken vid skolan/);
      assert.doesNotMatch(text((await contact.get('/handlaggning')).body), /Fler bänkar vid badplatsen/, 'not the questions of other councils or residents');
      // She triages it: assessed, or routed on with a reason; answering stays with the function's handlers.
      const councilQuestion = String(forCouncil.headers.location);
      const triagePage = await contact.get(councilQuestion);
      assert.match(text(triagePage.body), /Bedöm och skicka vidare/);
      assert.doesNotMatch(text(triagePage.body), /Besvara frågan/);
      const cv = /name="version" value="([^"]+)"/.exec(triagePage.body)?.[1] as string;
      const ffId = /<option value="([0-9a-f-]{36})">Fritids- och folkhälsoförvaltningen<\/option>/.exec(triagePage.body)?.[1] as string;
      assert.equal(
        (await contact.post(`${councilQuestion}/handlagg`, { version: cv, action: 'answered', answer: 'Nej.' }, { from: councilQuestion })).statusCode,
        403,
      );
      assert.equal(
        (
          await contact.post(
            `${councilQuestion}/handlagg`,
            { version: cv, action: 'forward', functionId: ffId, note: 'Trafiken vid skolan gäller skolskjutsarna.' },
            { from: councilQuestion },
          )
        ).statusCode,
        303,
      );
      assert.match(
        text((await ta.client().get(councilQuestion)).body),
        /Frågan lämnades över till Fritids- och folkhälsoförvaltningen\. Trafiken vid skolan gäller skolskjutsarna\./,
      );
      const cv2 = /name="version" value="([^"]+)"/.exec((await contact.get(councilQuestion)).body)?.[1] as string;
      assert.equal((await contact.post(`${councilQuestion}/handlagg`, { version: cv2, action: 'triaged' }, { from: councilQuestion })).statusCode, 303);
      assert.match(text((await ta.client().get(councilQuestion)).body), /Läge Bedömd/);
      assert.doesNotMatch(text((await contact.get(phoned)).body), /Bedöm och skicka vidare/, 'not a question outside her councils');
    });

    test('answered questions make a knowledge base: searched in Swedish, shown on the locality’s page', async (t) => {
      const ta = await createTestApp(t, engine);
      const visitor = ta.client();
      // "lampa" finds "lamporna" and "lampor": the Swedish stemmer.
      const found = text((await visitor.get('/kunskapsbank?q=lampa')).body);
      assert.match(found, /Trasig gatubelysning på Skolgatan i Fristad/);
      assert.doesNotMatch(found, /Hål i cykelvägen/);
      assert.match(text((await visitor.get('/kunskapsbank?q=cykelv%C3%A4gen')).body), /Hål i cykelvägen mot Gånghester/);
      const unanswered = text((await visitor.get('/kunskapsbank?q=b%C3%A4nkar')).body);
      assert.match(unanswered, /Inga besvarade frågor hittades/, 'only answered questions are in it');
      const inDalsjofors = text((await visitor.get('/kunskapsbank?ort=dalsjofors')).body);
      assert.match(inDalsjofors, /Hål i cykelvägen/);
      assert.doesNotMatch(inDalsjofors, /Skolgatan/);
      assert.match(text((await visitor.get('/orter/fristad')).body), /Frågor som kommunen har besvarat Trasig gatubelysning på Skolgatan/);
      assert.match(
        text((await visitor.get('/ortsrad/fristad')).body),
        /Frågor som kommunen har besvarat Trasig gatubelysning på Skolgatan/,
        'and on its council’s page',
      );
      assert.equal((await visitor.get('/kunskapsbank?q=%00&ort=%3Cx%3E')).statusCode, 200, 'bad input shows everything, never a 500');
    });

    test('a handler marks a question confidential with its legal ground: the public sees that it exists, never what it says, on every surface', async (t) => {
      const ta = await createTestApp(t, engine);
      const slug = `${year}-tf0002`; // the demo's answered question about the cycle path in Dalsjöfors
      const handler = await ta.client().signIn('handlaggare@boras.example');
      const asker = await ta.client().signIn('invanare@boras.example');
      const follower = await ta.client().signIn('redaktor@boras.example');
      const visitor = ta.client();
      const qid = /name="kind" value="question"\/><input type="hidden" name="id" value="([0-9a-f-]{36})"/.exec(
        (await follower.get(`/fragor/${slug}`)).body,
      )?.[1] as string;
      await follower.post('/bevakningar', { kind: 'question', id: qid, action: 'follow', back: `/fragor/${slug}` }, { from: `/fragor/${slug}` });
      await follower.get(`/fragor/${slug}`); // reads the flash that says what she now follows
      const page = await handler.get(`/fragor/${slug}`);
      const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] as string;
      assert.equal(
        (await asker.post(`/fragor/${slug}/sekretess`, { version, secretBody: 'on', ground: 'x' }, { from: `/fragor/${slug}` })).statusCode,
        403,
        'the asker does not mark her own question',
      );
      const noGround = await handler.post(`/fragor/${slug}/sekretess`, { version, secretSubject: 'on', ground: '' }, { from: `/fragor/${slug}` });
      assert.equal(noGround.statusCode, 422);
      assert.match(text(noGround.body), /Ange bestämmelsen som sekretessen grundas på/);
      assert.match(noGround.body, /name="secretSubject" checked/, 'what was ticked stays ticked');
      const ground = '21 kap. 1 § offentlighets- och sekretesslagen';
      const marked = await handler.post(
        `/fragor/${slug}/sekretess`,
        { version, secretSubject: 'on', secretBody: 'on', secretAnswer: 'on', secretPlace: 'on', ground },
        { from: `/fragor/${slug}` },
      );
      assert.equal(marked.statusCode, 303);
      // A step after the marking: the follower is told, without the subject.
      const later = await handler.get(`/fragor/${slug}`);
      const v2 = /name="version" value="([^"]+)"/.exec(later.body)?.[1] as string;
      await handler.post(`/fragor/${slug}/handlagg`, { version: v2, action: 'closed', note: '' }, { from: `/fragor/${slug}` });
      await ta.drain();

      const secretWords = /Hål i cykelvägen|lagat hålen|Cykelvägen Dalsjöfors|djupa hål/i;
      const publicPage = await visitor.get(`/fragor/${slug}`);
      assert.equal(publicPage.statusCode, 200, 'the question still exists in public');
      assert.match(text(publicPage.body), new RegExp(`Sekretessmarkerad .*${ground}`));
      assert.match(text(publicPage.body), new RegExp(`Diarienummer ${year}/TF0002`));
      assert.doesNotMatch(publicPage.body, secretWords);
      assert.doesNotMatch((await follower.get(`/fragor/${slug}`)).body, secretWords, 'nor to someone signed in who does not handle it');
      assert.match(text((await handler.get(`/fragor/${slug}`)).body), /Hål i cykelvägen mot Gånghester/, 'the handler reads it');
      assert.match(text((await asker.get(`/fragor/${slug}`)).body), /Hål i cykelvägen mot Gånghester/, 'the asker reads her own question');

      const register = text((await visitor.get('/diarium')).body);
      assert.match(register, new RegExp(`${year}/TF0002 Tekniska förvaltningen Sekretessmarkerad`));
      assert.doesNotMatch(register, secretWords);
      assert.doesNotMatch(text((await visitor.get('/diarium?q=cykelv%C3%A4gen')).body), /TF0002/, 'its words do not find it');
      assert.match(text((await visitor.get(`/diarium?q=TF0002`)).body), /TF0002/, 'its number does');
      assert.match(text((await visitor.get('/kunskapsbank?q=cykelv%C3%A4gen')).body), /Inga besvarade frågor hittades/, 'not in the knowledge base');
      assert.doesNotMatch((await visitor.get('/kunskapsbank?ort=dalsjofors')).body, secretWords);
      assert.doesNotMatch((await visitor.get('/orter/dalsjofors')).body, secretWords);
      assert.doesNotMatch((await follower.get('/notiser')).body, secretWords, 'a notice to a follower');
      assert.match(text((await follower.get('/notiser')).body), new RegExp(`${year}/TF0002`));
      assert.doesNotMatch((await follower.get('/bevakningar')).body, secretWords, 'the list of what they follow');
      assert.match(text((await asker.get('/notiser')).body), /Hål i cykelvägen|TF0002/);
    });

    test('a secretary turns a point of the minutes into a question in one step, linked both ways; its answer goes on the council’s next agenda and the minutes record it as reported', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const last = await demoMeeting(ta, 'fristad', 'last');
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const resident = await ta.client().signIn('invanare@boras.example');
      const minutes = await secretary.get(`/moten/${last}/protokoll`);
      const link = /href="(\/fragor\/ny\?mote=[0-9a-f-]{36}&amp;punkt=1)"/.exec(minutes.body)?.[1]?.replace(/&amp;/g, '&') as string;
      assert.ok(link, 'each point has a link to ask it as a question, for the secretary');
      assert.doesNotMatch((await resident.get(`/moten/${last}/protokoll`)).body, /fragor\/ny\?mote=/, 'not for a member who does not run the meeting');
      assert.doesNotMatch((await ta.client().get(`/moten/${last}/protokoll`)).body, /fragor\/ny\?mote=/, 'nor for a visitor');

      const form = await secretary.get(link);
      assert.equal(form.statusCode, 200);
      assert.match(text(form.body), /Från protokollet: Ortsråd Fristad .*§ 2/);
      const point = /<h2 id="item-1">§ 2 ([^<]+)<\/h2>/.exec(minutes.body)?.[1] as string;
      assert.ok(point);
      assert.ok(form.body.includes(`value="${point.replace(/&amp;/g, '&amp;')}"`), 'the point’s title is the subject');
      assert.match(form.body, /<option value="[0-9a-f-]{36}" selected>Ortsråd Fristad<\/option>/, 'asked in the council’s name');
      const values = formValues(form.body, '/fragor/ny');
      const sent = await secretary.post(
        '/fragor/ny',
        { ...values, body: values.body || 'Frågan från mötet.', categoryId: await categoryId(db, 'gata') },
        { from: link },
      );
      assert.equal(sent.statusCode, 303);
      const slug = String(sent.headers.location).replace('/fragor/', '');
      const page = text((await ta.client().get(`/fragor/${slug}`)).body);
      assert.match(page, /Väckt på mötet Ortsråd Fristad .*§ 2/);
      assert.match(page, /Frågeställare Ortsråd Fristad/);
      assert.match((await ta.client().get(`/fragor/${slug}`)).body, new RegExp(`href="/moten/${last}/protokoll#item-1"`));
      const number = /Diarienummer (\S+)/.exec(page)?.[1] as string;
      assert.match(
        text((await resident.get(`/moten/${last}/protokoll`)).body),
        new RegExp(`Fråga till kommunen: ${number.replace('/', '\\/')}`),
        'the minutes link to the question (read by a checker: they are not yet published)',
      );

      // Someone who does not run the meeting cannot borrow its point.
      const plain = await resident.get(link);
      assert.doesNotMatch(plain.body, /Från protokollet/);
      const borrowed = await resident.post(
        '/fragor/ny',
        { ...values, categoryId: await categoryId(db, 'gata'), _submission: 'x'.repeat(20) },
        { from: '/fragor/ny' },
      );
      assert.equal(borrowed.statusCode, 422);
      assert.match(text(borrowed.body), /inte du som håller i mötet/);

      // The handler answers; the answer is on the agenda of Fristad's next meeting.
      const handler = await ta.client().signIn('handlaggare@boras.example');
      const version = /name="version" value="([^"]+)"/.exec((await handler.get(`/fragor/${slug}`)).body)?.[1] as string;
      await handler.post(`/fragor/${slug}/handlagg`, { version, action: 'answered', answer: 'Gatan lagas i april.' }, { from: `/fragor/${slug}` });
      await ta.drain();
      const [placed] = rowsOf<{ slug: string; starts: string; title: string }>(
        await db.execute(
          sql`select m.slug, m.starts_at::text as starts, a.title from agenda_items a join meetings m on m.id = a.meeting_id where a.source like 'question:%'`,
        ),
      );
      const [soonest] = rowsOf<{ slug: string }>(
        await db.execute(
          sql`select slug from meetings where council_id = (select id from councils where slug = 'fristad') and status <> 'cancelled' and starts_at > now() order by starts_at limit 1`,
        ),
      );
      assert.equal(placed?.slug, soonest?.slug, 'the council’s next meeting');
      assert.equal(placed?.title, `Svar på fråga ${number}: ${point.replace(/&amp;/g, '&')}`.slice(0, 300));
      assert.match(text((await ta.client().get(`/moten/${placed?.slug}`)).body), new RegExp(`Svar på fråga ${number.replace('/', '\\/')}`));
      await handler.get(`/fragor/${slug}`);
      // Asked again (a retried job): on the agenda once.
      await ta.drain();
      const [count] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from agenda_items where source like 'question:%'`));
      assert.equal(count?.n, 1);

      // The meeting is held: its minutes begin with the answer recorded as reported, and once published the question's history says so.
      await db.execute(sql`update meetings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where slug = ${placed?.slug}`);
      assert.equal((await secretary.post(`/moten/${placed?.slug}/protokoll`, {}, { from: `/moten/${placed?.slug}` })).statusCode, 303);
      assert.match(
        text((await secretary.get(`/moten/${placed?.slug}/protokoll/redigera`)).body),
        new RegExp(`Svaret på fråga ${number.replace('/', '\\/')} redovisades`),
      );
      await db.execute(sql`update meeting_minutes set status = 'checked' where meeting_id = (select id from meetings where slug = ${placed?.slug})`);
      assert.equal((await secretary.post(`/moten/${placed?.slug}/protokoll/publicera`, {}, { from: `/moten/${placed?.slug}/protokoll` })).statusCode, 303);
      await ta.drain();
      assert.match(text((await ta.client().get(`/fragor/${slug}`)).body), /Svaret redovisades på mötet:/);
    });

    test('an answer to a council with no meeting planned waits for the next meeting made', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const { proposeForNextMeeting } = await import('../src/modules/meetings/index.js');
      const tenantId = await borasId(ta);
      const [council] = rowsOf<{ id: string }>(await db.execute(sql`select id from councils where slug = 'fristad'`));
      await db.execute(sql`update meetings set status = 'cancelled' where council_id = ${council?.id} and starts_at > now()`);
      const proposal = {
        tenantId,
        councilId: council?.id as string,
        source: 'question:test',
        title: 'Svar på fråga X',
        description: '',
        reportedText: 'Redovisades.',
      };
      assert.deepEqual(await db.transaction((tx) => proposeForNextMeeting(tx, proposal)), { placedIn: null });
      const secretary = await ta.client().signIn('sekreterare@boras.example');
      const form = await secretary.get('/moten/ny?ortsrad=fristad');
      const values = formValues(form.body, '/moten/ny?ortsrad=fristad');
      const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      const made = await secretary.post(
        '/moten/ny?ortsrad=fristad',
        { ...values, title: 'Extra möte', date, startTime: '18:00', endTime: '20:00', placeKind: 'address', address: 'Fristad folkets hus' },
        { from: '/moten/ny?ortsrad=fristad' },
      );
      assert.equal(made.statusCode, 303, text(made.body).slice(0, 300));
      assert.match(text((await secretary.get(String(made.headers.location))).body), /Svar på fråga X/);
    });

    test('the asker adds information while the question is open, and opens an answered one again within the set days, with a reason', async (t) => {
      const ta = await createTestApp(t, engine);
      const asker = await ta.client().signIn('invanare@boras.example');
      const other = await ta.client().signIn('foretradare@boras.example');
      const versionOf = async (c: typeof asker, slug: string) => /name="version" value="([^"]+)"/.exec((await c.get(`/fragor/${slug}`)).body)?.[1] as string;
      // TF0002 was answered eight days ago; TF0001 thirty-four days ago, past the default thirty.
      const recent = `${year}-tf0002`;
      assert.match(text((await asker.get(`/fragor/${recent}`)).body), /Öppna frågan igen/);
      assert.doesNotMatch(text((await other.get(`/fragor/${recent}`)).body), /Öppna frågan igen/, 'only for the asker');
      assert.equal(
        (await other.post(`/fragor/${recent}/fraga`, { version: await versionOf(other, recent), action: 'reopen', note: 'x' }, { from: `/fragor/${recent}` }))
          .statusCode,
        403,
      );
      const empty = await asker.post(
        `/fragor/${recent}/fraga`,
        { version: await versionOf(asker, recent), action: 'reopen', note: '' },
        { from: `/fragor/${recent}` },
      );
      assert.equal(empty.statusCode, 422);
      const reopened = await asker.post(
        `/fragor/${recent}/fraga`,
        { version: await versionOf(asker, recent), action: 'reopen', note: 'Hålen är tillbaka efter frosten.' },
        { from: `/fragor/${recent}` },
      );
      assert.equal(reopened.statusCode, 303);
      const page = text((await ta.client().get(`/fragor/${recent}`)).body);
      assert.match(page, /Läge Under handläggning/);
      assert.match(page, /Frågeställaren öppnade frågan igen: Hålen är tillbaka efter frosten\./);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      assert.match(text((await handler.get('/handlaggning')).body), new RegExp(`${year}/TF0002`), 'back in the inbox');
      await ta.drain();
      assert.match(
        text((await handler.get('/notiser')).body),
        new RegExp(`Frågeställaren har hört av sig i fråga ${year}/TF0002`),
        'the one who answered it is told',
      );
      // More information while it is open.
      const info = await asker.post(
        `/fragor/${recent}/fraga`,
        { version: await versionOf(asker, recent), action: 'info', note: 'Det gäller särskilt sträckan vid skolan.' },
        { from: `/fragor/${recent}` },
      );
      assert.equal(info.statusCode, 303);
      assert.match(text((await ta.client().get(`/fragor/${recent}`)).body), /Frågeställaren lade till information: Det gäller särskilt sträckan vid skolan\./);

      // Her own question, still open: withdrawn, it keeps its number and says so.
      const own = `${year}-ff0001`;
      const mine = await other.post(`/fragor/${own}/fraga`, { version: await versionOf(other, own), action: 'withdraw', note: '' }, { from: `/fragor/${own}` });
      assert.equal(mine.statusCode, 303);
      assert.match(text((await ta.client().get(`/fragor/${own}`)).body), /Läge Avslutad.*Frågeställaren tog tillbaka frågan\./);
      assert.match(
        text((await ta.client().get('/diarium')).body),
        new RegExp(`${year}/FF0001 Fritids- och folkhälsoförvaltningen Lokal för föreningarnas gemensamma möten Avslutad`),
      );

      const old = `${year}-tf0001`;
      assert.match(
        text((await ta.client().get(`/fragor/${old}`)).body),
        /Tekniska förvaltningen besvarade frågan\. \(Hanna Handläggare\)/,
        'the handler is named in the history',
      );
      assert.doesNotMatch(text((await asker.get(`/fragor/${old}`)).body), /Öppna frågan igen/, 'past the days set');
      const late = await asker.post(
        `/fragor/${old}/fraga`,
        { version: await versionOf(asker, old), action: 'reopen', note: 'Igen.' },
        { from: `/fragor/${old}` },
      );
      assert.equal(late.statusCode, 422);
      assert.match(text(late.body), /inom 30 dagar/);
    });

    test('a question takes an image or a PDF, known by its contents; a disguised or oversized file is refused with what was typed kept; a confidential question’s file is hidden with its text', async (t) => {
      const ta = await createTestApp(t, engine);
      const resident = await ta.client().signIn('invanare@boras.example');
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
      const form = async () => {
        const page = await resident.get('/fragor/ny');
        return {
          ...formValues(page.body, '/fragor/ny'),
          subject: 'Klotter på tunneln',
          body: 'Tunneln under järnvägen är full av klotter. Se bilden.',
          categoryId: await categoryId(ta.database.db, 'park'),
        };
      };
      const disguised = await postFile(ta, resident, '/fragor/ny', '/fragor/ny', await form(), {
        name: 'bild.png',
        type: 'image/png',
        data: Buffer.from('<script>alert(1)</script>'),
      });
      assert.equal(disguised.statusCode, 422);
      assert.match(text(disguised.body), /Filen måste vara en bild \(JPEG, PNG eller WebP\) eller en PDF/);
      assert.match(disguised.body, /Tunneln under järnvägen är full av klotter/, 'what was typed is kept');
      const renamed = await postFile(ta, resident, '/fragor/ny', '/fragor/ny', await form(), { name: 'bild.pdf', type: 'application/pdf', data: png });
      assert.equal(renamed.statusCode, 422, 'a name that does not agree with the contents');
      const huge = await postFile(ta, resident, '/fragor/ny', '/fragor/ny', await form(), {
        name: 'stor.png',
        type: 'image/png',
        data: Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]),
      });
      assert.ok(huge.statusCode === 413 || huge.statusCode === 422, String(huge.statusCode));
      assert.match(text(huge.body), /Filen är för stor\. Den får vara högst 5 MB/);
      const [before] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from questions`));

      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      const four = await postFile(
        ta,
        resident,
        '/fragor/ny',
        '/fragor/ny',
        await form(),
        [1, 2, 3, 4].map((i) => ({ name: `bild${i}.png`, type: 'image/png', data: png })),
      );
      assert.equal(four.statusCode, 422);
      assert.match(text(four.body), /Skicka högst 3 filer/);
      const sent = await postFile(ta, resident, '/fragor/ny', '/fragor/ny', await form(), [
        { name: 'klotter.png', type: 'image/png', data: png },
        { name: 'karta.pdf', type: 'application/pdf', data: pdf },
      ]);
      assert.equal(sent.statusCode, 303);
      const [after] = rowsOf<{ n: number }>(await ta.database.db.execute(sql`select count(*)::int as n from questions`));
      assert.equal(Number(after?.n) - Number(before?.n), 1, 'the refused tries registered nothing');
      const slug = String(sent.headers.location).replace('/fragor/', '');
      const page = await ta.client().get(`/fragor/${slug}`);
      const href = new RegExp(`href="(/fragor/${slug}/bilagor/[0-9a-f-]{36})">klotter\\.png</a>`).exec(page.body)?.[1] as string;
      assert.ok(href, 'the attachment is listed on the question');
      const pdfHref = new RegExp(`href="(/fragor/${slug}/bilagor/[0-9a-f-]{36})">karta\\.pdf</a>`).exec(page.body)?.[1] as string;
      assert.ok(pdfHref, 'and the second one');
      const pdfFile = await ta.client().get(pdfHref);
      assert.equal(pdfFile.headers['content-type'], 'application/pdf');
      assert.match(String(pdfFile.headers['content-disposition']), /^attachment; filename\*=UTF-8''karta\.pdf/);
      const file = await ta.client().get(href);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'image/png');
      assert.match(String(file.headers['content-security-policy']), /sandbox/);
      assert.equal(file.rawPayload.length, png.length);
      const [req] = JSON.parse((await ta.app.inject({ url: `/open311/v2/requests/${slug}.json`, headers: { host: 'localhost' } })).body);
      assert.equal(req.media_url, `http://localhost${href}`, 'the image is the request’s media_url');

      const handler = await ta.client().signIn('handlaggare@boras.example');
      const version = /name="version" value="([^"]+)"/.exec((await handler.get(`/fragor/${slug}`)).body)?.[1] as string;
      await handler.post(
        `/fragor/${slug}/sekretess`,
        { version, secretBody: 'on', ground: '21 kap. 1 § offentlighets- och sekretesslagen' },
        { from: `/fragor/${slug}` },
      );
      assert.equal((await ta.client().get(href)).statusCode, 404, 'hidden with the question’s text');
      assert.doesNotMatch((await ta.client().get(`/fragor/${slug}`)).body, /klotter\.png/);
      assert.equal((await handler.get(href)).statusCode, 200, 'the handler still opens it');
      const [masked] = JSON.parse((await ta.app.inject({ url: `/open311/v2/requests/${slug}.json`, headers: { host: 'localhost' } })).body);
      assert.equal(masked.media_url, '');
    });

    test('with a tile server configured the form takes a point on the map, checked as a pair within range; without one it is not offered', async (t) => {
      const plain = await createTestApp(t, engine);
      const resident0 = await plain.client().signIn('invanare@boras.example');
      assert.doesNotMatch(text((await resident0.get('/fragor/ny')).body), /Plats på kartan/);
      const ta = await createTestApp(t, engine, { MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' });
      const resident = await ta.client().signIn('invanare@boras.example');
      const form = await resident.get('/fragor/ny');
      assert.match(text(form.body), /Plats på kartan \(valfri\)/);
      assert.match(String(form.headers['content-security-policy']), /img-src 'self' data: https:\/\/tiles\.example\.org/);
      const base = {
        ...formValues(form.body, '/fragor/ny'),
        subject: 'Trasig skylt',
        body: 'Skylten har blåst ner.',
        categoryId: await categoryId(ta.database.db, 'gata'),
      };
      const half = await resident.post('/fragor/ny', { ...base, lat: '57.72', lng: '' }, { from: '/fragor/ny' });
      assert.equal(half.statusCode, 422);
      assert.match(text(half.body), /Ange både latitud och longitud/);
      const wrong = await resident.post('/fragor/ny', { ...base, lat: '157', lng: 'öster' }, { from: '/fragor/ny' });
      assert.equal(wrong.statusCode, 422);
      assert.match(text(wrong.body), /Ange ett decimaltal/);
      const sent = await resident.post('/fragor/ny', { ...base, lat: '57,7702', lng: '13.0151' }, { from: '/fragor/ny' });
      assert.equal(sent.statusCode, 303);
      assert.match(text((await ta.client().get(String(sent.headers.location))).body), /Plats på kartan 57\.77020, 13\.01510/);
    });

    test('a handler with overdue questions gets one reminder a day saying how many, however often the worker looks', async (t) => {
      const ta = await createTestApp(t, engine);
      await ta.database.db.execute(sql`update questions set due_date = current_date - 3 where number like ${`${year}/TF%`} and status <> 'answered'`);
      await ta.services.jobs.upkeep(Date.now() + 2 * 3600_000);
      await ta.services.jobs.upkeep(Date.now() + 4 * 3600_000);
      const handler = await ta.client().signIn('handlaggare@boras.example');
      // Her function's open questions past their due date: this year's one, and last year's still open.
      const [late] = rowsOf<{ n: number }>(
        await ta.database.db.execute(
          sql`select count(*)::int as n from questions where function_id = (select id from functions where name = 'Tekniska förvaltningen') and status in ('received', 'triaged', 'forwarded', 'in_progress', 'waiting') and due_date < (now() at time zone 'Europe/Stockholm')::date`,
        ),
      );
      assert.ok(Number(late?.n) > 1);
      const told = text((await handler.get('/notiser')).body).match(/Försenade frågor att handlägga: \d+/g) ?? [];
      assert.deepEqual(told, [`Försenade frågor att handlägga: ${late?.n}`]);
      assert.match(text((await handler.get('/handlaggning')).body), /Försenad/);
      const mail = await lastMailTo(ta, 'handlaggare@boras.example');
      assert.equal(mail?.subject, `Försenade frågor att handlägga: ${late?.n}`, 'one mail, at once');
    });

    test('fifty questions registered at once to one function get fifty numbers in a row; a number and its time of receipt never change, and nothing is deleted', async (t) => {
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const actor = await loadActor(db, await borasId(ta), await userId(ta, 'invanare@boras.example'));
      assert.ok(actor);
      const park = await categoryId(db, 'park');
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          askQuestion(
            db,
            actor,
            { subject: `Fråga ${i}`, body: 'Text', categoryId: park, localityId: null, address: '', showName: false },
            { timeZone: 'Europe/Stockholm' },
          ),
        ),
      );
      assert.ok(results.every((r) => r.ok));
      const serials = rowsOf<{ serial: number }>(
        await db.execute(
          sql`select serial from questions where registered_function_id = (select function_id from question_categories where code = 'park' and tenant_id = ${actor.tenantId}) and year = ${year} order by serial`,
        ),
      ).map((r) => r.serial);
      assert.deepEqual(
        serials,
        Array.from({ length: serials.length }, (_, i) => i + 1),
        'gapless, no duplicates',
      );
      assert.ok(serials.length >= 50);
      const refused = (why: RegExp) => (err: unknown) => why.test(String((err as { cause?: Error }).cause?.message ?? err));
      await assert.rejects(db.execute(sql`update questions set number = 'x' where serial = 1`), refused(/keeps its number/));
      await assert.rejects(db.execute(sql`update questions set received_at = now() where serial = 1`), refused(/keeps its number/));
      await assert.rejects(db.execute(sql`delete from questions where serial = 1`), refused(/never deleted/));
    });
  });
}

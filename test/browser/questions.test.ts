import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/index.js';
import { checkA11y, openBrowser, signIn, startServer, startServerWithDatabase } from '../helpers/browser.js';

test('a resident asks the municipality a question and finds it in the public register', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await signIn(page, base, 'invanare@boras.example', '/diarium');
  await checkA11y(page);
  await page.getByRole('link', { name: 'Ställ en fråga till kommunen' }).click();
  await checkA11y(page);
  // Sent empty: each field says what is missing.
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByRole('alert').waitFor();
  await checkA11y(page);
  await page.getByLabel('Ämne').fill('Trasig parkbänk i Stadsparken');
  await page.getByLabel('Din fråga').fill('Bänken vid dammen är trasig sedan en vecka.');
  await page.getByLabel('Vad gäller frågan?').selectOption({ label: 'Park och natur: Parker, lekplatser och natur' });
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByText(/Din fråga är registrerad med nummer \d{4}\/TF\d{4}/).waitFor();
  await page.getByRole('heading', { name: 'Trasig parkbänk i Stadsparken', level: 1 }).waitFor();
  await checkA11y(page);
  const number = (await page.locator('dl.facts dd').first().textContent()) ?? '';
  const visitor = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await visitor.goto(`${base}/diarium`);
  await visitor.getByRole('searchbox', { name: 'Sök i diariet' }).fill(number);
  await visitor.getByRole('button', { name: 'Sök' }).click();
  await visitor.getByRole('link', { name: number }).click();
  assert.equal(await visitor.getByText('En invånare').isVisible(), true, 'the asker is not named unless she chose it');
});

test('the loop in a browser: a point of the minutes becomes a question, the contact person routes it, it is answered, and the answer is on the council’s next agenda', async (t) => {
  const { url: base, database } = await startServerWithDatabase(t);
  const [last] = rowsOf<{ slug: string }>(
    await database.db.execute(
      sql`select slug from meetings where council_id = (select id from councils where slug = 'fristad') and status = 'published' and ends_at < now() order by starts_at desc limit 1`,
    ),
  );
  const secretary = await (await openBrowser(t)).newPage();
  secretary.setDefaultTimeout(20_000);
  await signIn(secretary, base, 'sekreterare@boras.example', `/moten/${last?.slug}/protokoll`);
  await checkA11y(secretary);
  await secretary.getByRole('link', { name: 'Ställ punkt 5 som fråga till kommunen' }).click();
  await secretary.getByText(/Från protokollet: Ortsråd Fristad/).waitFor();
  await checkA11y(secretary);
  await secretary.getByLabel('Vad gäller frågan?').selectOption({ label: 'Gata och trafik: Gator, trottoarer och cykelvägar' });
  await secretary.getByRole('button', { name: 'Skicka frågan' }).click();
  await secretary.getByText(/Din fråga är registrerad med nummer/).waitFor();
  await secretary.getByText('Väckt på mötet').waitFor();
  await checkA11y(secretary);
  const questionUrl = secretary.url();
  const number = (await secretary.locator('dl.facts dd').first().textContent()) ?? '';

  // The contact person, without JavaScript, hands it to the right function with a reason.
  const contact = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  contact.setDefaultTimeout(20_000);
  await signIn(contact, base, 'kontaktperson@boras.example', new URL(questionUrl).pathname);
  await contact.getByRole('heading', { name: 'Bedöm och skicka vidare' }).waitFor();
  await contact.getByLabel('Lämna över till').selectOption({ label: 'Fritids- och folkhälsoförvaltningen' });
  await contact.getByLabel('Varför').fill('Punkten gäller föreningarnas lokaler.');
  await contact.getByRole('button', { name: 'Lämna över' }).click();
  await contact.getByText('Frågan lämnades över till Fritids- och folkhälsoförvaltningen. Punkten gäller föreningarnas lokaler.').waitFor();

  // The administrator answers it; the worker puts the answer on Fristad's next agenda.
  const admin = await (await openBrowser(t)).newPage();
  admin.setDefaultTimeout(20_000);
  await signIn(admin, base, 'admin@boras.example', new URL(questionUrl).pathname);
  await admin.getByRole('textbox', { name: /^Svar/ }).fill('Föreningarna kan låna skolans matsal kvällstid.');
  await admin.getByRole('button', { name: 'Besvara frågan' }).click();
  await admin.getByText('Steget är sparat och syns i frågans historik.').waitFor();
  await checkA11y(admin);
  const [next] = rowsOf<{ slug: string }>(
    await database.db.execute(
      sql`select slug from meetings where council_id = (select id from councils where slug = 'fristad') and status <> 'cancelled' and starts_at > now() order by starts_at limit 1`,
    ),
  );
  for (let i = 0; i < 50; i++) {
    await secretary.goto(`${base}/moten/${next?.slug}`);
    if ((await secretary.getByText(`Svar på fråga ${number}`).count()) > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await secretary.getByText(`Svar på fråga ${number}`).first().waitFor();
  await checkA11y(secretary);
});

test('a handler marks a question confidential; the administrator keeps the number pattern, the categories and the Open311 keys', async (t) => {
  const base = await startServer(t);
  const year = new Date().getFullYear();
  const handler = await (await openBrowser(t)).newPage();
  handler.setDefaultTimeout(20_000);
  await signIn(handler, base, 'handlaggare@boras.example', `/fragor/${year}-tf0002`);
  await handler.getByRole('group', { name: 'Sekretess' }).getByLabel('Frågan', { exact: true }).check();
  await handler.getByRole('button', { name: 'Spara sekretessmarkeringen' }).click();
  await handler.getByText('Ange bestämmelsen som sekretessen grundas på.').first().waitFor();
  await checkA11y(handler);
  await handler.getByLabel('Stöd för sekretessen').fill('21 kap. 1 § offentlighets- och sekretesslagen');
  await handler.getByRole('button', { name: 'Spara sekretessmarkeringen' }).click();
  await handler.getByText('Sekretessmarkeringen är sparad.').waitFor();
  const visitor = await (await openBrowser(t)).newPage();
  visitor.setDefaultTimeout(20_000);
  await visitor.goto(`${base}/fragor/${year}-tf0002`);
  await visitor
    .getByText(/Uppgiften omfattas av sekretess/)
    .first()
    .waitFor();
  assert.equal(await visitor.getByText('Det finns flera djupa hål').count(), 0);
  await checkA11y(visitor);

  const admin = await (await openBrowser(t)).newPage();
  admin.setDefaultTimeout(20_000);
  await signIn(admin, base, 'admin@boras.example', '/admin/fragor');
  await checkA11y(admin);
  await admin.getByLabel('Vem nyckeln är till').fill('FixaMinGata');
  await admin.getByRole('button', { name: 'Utfärda en nyckel' }).click();
  await admin.getByText('Nyckeln till FixaMinGata är utfärdad.', { exact: false }).waitFor();
  await checkA11y(admin);
  await admin.getByRole('link', { name: 'Ny kategori' }).click();
  await checkA11y(admin);
  await admin.getByLabel('Kod').fill('snorojning');
  await admin.getByLabel('Namn', { exact: true }).fill('Snöröjning');
  await admin.getByLabel('Går till').selectOption({ label: 'Tekniska förvaltningen' });
  await admin.getByLabel('Arbetsdagar till svar').fill('2');
  await admin.getByRole('button', { name: 'Spara kategorin' }).click();
  await admin.getByRole('cell', { name: 'snorojning' }).waitFor();
});

test('a resident attaches a photograph to a question, without JavaScript', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, base, 'invanare@boras.example', '/fragor/ny');
  await page.getByLabel('Ämne').fill('Klotter på tunneln');
  await page.getByLabel('Din fråga').fill('Tunneln under järnvägen är full av klotter.');
  await page.getByLabel('Vad gäller frågan?').selectOption({ label: 'Park och natur: Parker, lekplatser och natur' });
  await page.getByLabel('Bilder eller dokument').setInputFiles({ name: 'fel.png', mimeType: 'image/png', buffer: Buffer.from('inte en bild') });
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page
    .getByText(/Filen måste vara en bild/)
    .first()
    .waitFor();
  assert.equal(await page.getByLabel('Ämne').inputValue(), 'Klotter på tunneln', 'what was typed is kept');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Bilder eller dokument').setInputFiles({ name: 'klotter.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByRole('link', { name: 'klotter.png' }).waitFor();
});

test('where a tile server is configured, a resident picks the place on a map; the coordinates can be typed instead', async (t) => {
  const base = await startServer(t, { MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' });
  const context = await openBrowser(t);
  // No network here: the tiles answer as empty images, as a tile server would answer quickly.
  await context.route('https://tiles.example.org/**', (route) => route.fulfill({ status: 204, body: '' }));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, base, 'invanare@boras.example', '/fragor/ny');
  await page.locator('.map-picker__view').click({ position: { x: 100, y: 80 } });
  const lat = await page.getByLabel('Latitud').inputValue();
  const lng = await page.getByLabel('Longitud').inputValue();
  assert.match(lat, /^57\.\d+$/, 'a latitude near Borås');
  assert.match(lng, /^1[23]\.\d+$/, 'a longitude near Borås');
  await checkA11y(page);
  await page.getByLabel('Ämne').fill('Trasig skylt');
  await page.getByLabel('Din fråga').fill('Skylten har blåst ner.');
  await page.getByLabel('Vad gäller frågan?').selectOption({ label: 'Gata och trafik: Gator, trottoarer och cykelvägar' });
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByText(`${Number(lat).toFixed(5)}, ${Number(lng).toFixed(5)}`).waitFor();
});

test('a contact person registers a question that came by phone, on the caller’s behalf, without JavaScript', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, base, 'kontaktperson@boras.example', '/fragor/ny');
  await page.getByLabel('Ämne').fill('Buskar skymmer sikten vid korsningen');
  await page.getByLabel('Din fråga').fill('En boende ringde: buskarna vid korsningen Storgatan–Kyrkvägen skymmer sikten.');
  await page.getByLabel('Vad gäller frågan?').selectOption({ label: 'Park och natur: Parker, lekplatser och natur' });
  await page.getByLabel('Frågan kom per telefon, brev eller besök').check();
  await page.getByLabel('Personens namn').fill('Greta Grensson');
  await page.getByLabel('Hur personen nås (telefon, adress eller e-post)').fill('033-12 34 56');
  await page.getByLabel('Hur frågan kom').selectOption({ label: 'Telefon' });
  await page.getByRole('button', { name: 'Skicka frågan' }).click();
  await page.getByText(/Din fråga är registrerad med nummer/).waitFor();
  const path = new URL(page.url()).pathname;
  const visitor = await (await openBrowser(t)).newPage();
  visitor.setDefaultTimeout(20_000);
  await visitor.goto(`${base}${path}`);
  await visitor.getByText('Registrerad åt en invånare').waitFor();
  assert.equal(await visitor.getByText('Greta Grensson').count(), 0, 'the caller is not named in public');
  await checkA11y(visitor);
});

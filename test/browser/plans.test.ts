import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer, visit } from '../helpers/browser.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

test('a function builds a project plan in stages: areas, actions, a move up, adoption; then a visitor reads it', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await signIn(page, base, 'handlaggare@boras.example', '/planer');
  await checkA11y(page);
  await page.getByRole('link', { name: 'Ny utvecklingsplan' }).click();
  await checkA11y(page);
  // Sent without an owner or a name: said field by field.
  await page.getByRole('button', { name: 'Skapa planen' }).click();
  await page.getByRole('alert').waitFor();
  await checkA11y(page);
  await page.getByLabel('Eller: kommunens projekt, ägt av').selectOption({ label: 'Tekniska förvaltningen' });
  await page.getByLabel('Planens namn').fill('Cykelstråket längs Viskan');
  await page.getByLabel('Vision').fill('Ett sammanhängande cykelstråk genom staden.');
  await page.getByRole('button', { name: 'Skapa planen' }).click();
  await page.getByText('Planen är skapad.').waitFor();
  await checkA11y(page);
  await page.getByLabel('Fokusområdets namn').fill('Etapp 1: Norr');
  await page.getByRole('button', { name: 'Lägg till fokusområdet' }).click();
  await page.getByText('Fokusområdet är tillagt.').waitFor();
  for (const title of ['Gångbro vid Rya', 'Belysning längs stråket']) {
    await page.getByLabel('Åtgärd', { exact: true }).fill(title);
    await page.getByLabel('Kostnadsuppskattning').fill('1 200 000');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Planerad' });
    await page.getByRole('button', { name: 'Lägg till åtgärden' }).click();
    await page.getByText('Åtgärden är tillagd sist i sitt fokusområde.').waitFor();
    await checkA11y(page);
    await page.goto(`${base}/planer/cykelstraket-langs-viskan/redigera`);
  }
  await page.getByRole('button', { name: 'Upp: Belysning längs stråket' }).click();
  await page.getByText('Åtgärden är flyttad.').waitFor();
  await checkA11y(page);
  const order = await page.locator('.plan-order li').allTextContents();
  assert.match(order[0] ?? '', /Belysning längs stråket/);
  await page.getByRole('button', { name: 'Anta version 1' }).click();
  await page.getByText('Planen är antagen.').waitFor();
  await checkA11y(page);

  const visitor = await (await openBrowser(t)).newPage();
  await visit(visitor, `${base}/planer`);
  await visitor.getByRole('link', { name: 'Cykelstråket längs Viskan' }).click();
  await visitor.getByRole('heading', { name: 'Cykelstråket längs Viskan', level: 1 }).waitFor();
  await checkA11y(visitor);
  const titles = await visitor.locator('.plan-actions h3').allTextContents();
  assert.deepEqual(titles, ['Belysning längs stråket', 'Gångbro vid Rya'], 'in the priority set');
  assert.equal(await visitor.getByRole('img', { name: /0 av 2 klara/ }).count(), 1, 'the chart says its figures');
  await visitor.getByRole('link', { name: 'Ändringshistorik' }).click();
  await visitor.getByText('Version 1 antogs').waitFor();
  await checkA11y(visitor);
});

test('the chair, without JavaScript, moves an action and reports progress with a photo; a visitor reads it in English', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(page, base, 'foretradare@boras.example', '/planer/fristad/redigera');
  await page.getByRole('button', { name: 'Upp: Belysning längs Skolgatan' }).click();
  await page.getByText('Åtgärden är flyttad.').waitFor();
  const traffic = page.locator('.plan-edit-area', { has: page.getByRole('heading', { name: 'Trafik och trygghet' }) });
  const order = await traffic.locator('.plan-order li').allTextContents();
  assert.match(order[1] ?? '', /Belysning längs Skolgatan/);
  assert.match(order[2] ?? '', /Gång- och cykelväg mot Borgstena/);
  await page.goto(`${base}/planer/fristad`);
  await page.getByRole('link', { name: 'Motionsspår med belysning' }).click();
  await page.getByLabel('Vad har hänt').fill('Spåret är röjt och stolparna är beställda.');
  await page.getByLabel('Procent klart').fill('40');
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'spar.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Lägg till uppdateringen' }).click();
  // A photo needs its description: said, and the text kept.
  await page.getByText('Beskriv vad fotot visar.').first().waitFor();
  assert.equal(await page.getByLabel('Vad har hänt').inputValue(), 'Spåret är röjt och stolparna är beställda.');
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'spar.png', mimeType: 'image/png', buffer: PNG });
  await page.getByLabel('Beskrivning av fotot').fill('Röjt motionsspår genom skogen');
  await page.getByRole('button', { name: 'Lägg till uppdateringen' }).click();
  await page.getByText('Uppdateringen är publicerad.').waitFor();

  const visitor = await (await openBrowser(t)).newPage();
  await visit(visitor, `${base}/sprak/en?next=/planer/fristad`);
  await visitor.getByRole('heading', { name: 'Lokal utvecklingsplan för Fristad', level: 1 }).waitFor();
  await visitor.getByText('Version 1, adopted').waitFor();
  await visitor.getByRole('link', { name: 'Motionsspår med belysning' }).click();
  await visitor.getByText('Spåret är röjt och stolparna är beställda.').waitFor();
  await visitor.getByText('40% done').first().waitFor();
  assert.equal(await visitor.getByRole('img', { name: 'Röjt motionsspår genom skogen' }).count(), 1);
  await checkA11y(visitor);
});

test('a visitor reads the plans side by side, one council’s plan with its charts, and what the localities ask of the municipality', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await visit(page, `${base}/planer`);
  await page.getByRole('table', { name: 'Ortsrådens utvecklingsplaner' }).waitFor();
  await page.getByRole('link', { name: 'Lokal utvecklingsplan för Sandared 2012–2025' }).click();
  await page.getByText('Version 2 arbetas fram.').waitFor();
  await checkA11y(page);
  await page.getByRole('table', { name: 'Åtgärder per status: Kommunikationer' }).waitFor();
  await page.getByRole('link', { name: 'Uppföljning och versioner' }).click();
  await page.getByRole('link', { name: /Version 1, antagen/ }).click();
  await page.getByText('Så här löd planen när versionen antogs.').waitFor();
  await checkA11y(page);
  await visit(page, `${base}/planer/kommunen`);
  await page.getByLabel('Förvaltning eller bolag').selectOption({ label: 'Tekniska förvaltningen' });
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByRole('link', { name: 'Pendelparkering vid busshållplatsen' }).waitFor();
  await checkA11y(page);
});

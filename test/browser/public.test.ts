import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBrowser, startServer, visit } from '../helpers/browser.js';

const PAGES = [
  '/',
  '/orter/boras',
  '/orter/dalsjofors',
  '/omraden/hassleholmen-boda',
  '/omraden/trandared',
  '/organisationer',
  '/organisationer?q=idrott&typ=association',
  '/organisationer/attraktiva-toarp',
  '/tillganglighet',
  '/personuppgifter',
  '/om',
  '/logga-in',
  '/registrera',
  '/glomt-losenord',
  '/aterstall-losenord?token=x',
  '/inbjudan?token=x',
  '/finns-inte',
];

test('every public page passes axe-core in Swedish and in English', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  for (const lang of ['sv', 'en']) {
    await page.goto(`${base}/sprak/${lang}?next=/`);
    for (const p of PAGES) {
      const expected = p === '/finns-inte' || p.startsWith('/inbjudan') ? 404 : 200;
      await visit(page, `${base}${p}`, expected);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
    }
  }
});

test('without JavaScript a visitor browses, searches and signs in', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Fristad' }).first().click();
  await page.getByRole('heading', { name: 'Fristad', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Organisationer i Fristad' }).click();
  await page.getByText('Fristads folkhögskola').waitFor();
  await page.getByLabel('Sök på namn eller beskrivning').fill('hembygdsförening');
  await page.getByLabel('Ort').selectOption({ label: 'Dalsjöfors' });
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.getByRole('link', { name: 'Rångedala hembygdsförening' }).waitFor();
  await page.goto(`${base}/logga-in`);
  await page.getByLabel('E-postadress').fill('foretradare@boras.example');
  await page.getByLabel('Lösenord').fill('motesplats-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.goto(`${base}/organisationer/framtid-fristad`);
  await page.getByRole('link', { name: 'Redigera profilen' }).click();
  await page.getByLabel('Telefon').fill('033-12 34 56');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Profilen är sparad.').waitFor();
  assert.equal(await page.getByText('033-12 34 56').isVisible(), true);
});

test('a council secretary adds an organisation to the council, checked with axe-core', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await page.goto(`${base}/logga-in?next=/ortsrad/fristad`);
  await page.getByLabel('E-postadress').fill('sekreterare@boras.example');
  await page.getByLabel('Lösenord').fill('motesplats-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('link', { name: 'Hantera medlemmar' }).click();
  await page.getByRole('heading', { name: 'Medlemmar i Ortsråd Fristad' }).waitFor();
  const { checkA11y } = await import('../helpers/browser.js');
  await checkA11y(page);
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.getByText('Ange en organisation, en person eller båda.').first().waitFor();
  await checkA11y(page);
  await page.getByLabel('Organisation').fill('Sparsörs byalag');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  assert.equal(await page.getByLabel('Organisation').inputValue(), 'Sparsörs byalag', 'what was typed is kept');
  await page.getByLabel('Organisation').fill('Fristads GoIF');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.getByText('Den organisationen eller personen är redan medlem.').first().waitFor();
  await page.getByLabel('Organisation').fill('Toarps företagarförening');
  await page.getByRole('button', { name: 'Lägg till' }).click();
  await page.getByText('Medlemmen är tillagd.').waitFor();
  await visit(page, `${base}/ortsrad/fristad`);
  assert.equal(await page.getByRole('link', { name: 'Toarps företagarförening' }).isVisible(), true);
});

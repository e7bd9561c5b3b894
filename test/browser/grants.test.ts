import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer, visit } from '../helpers/browser.js';

const year = new Date().getFullYear();

test('a visitor finds what can be applied for; an administrator opens a call without JavaScript and it shows with its deadline', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await visit(page, `${base}/bidrag`);
  await page.getByRole('heading', { name: 'Medel för lokal utveckling', level: 2 }).waitFor();
  await page.getByRole('link', { name: 'Socialt riktat stöd' }).click();
  await page.getByRole('heading', { name: 'Vem kan söka' }).waitFor();
  await checkA11y(page);

  const admin = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(admin, base, 'admin@boras.example', '/admin/bidrag');
  await admin.locator('li', { hasText: 'Grundbidrag' }).getByRole('link', { name: 'Ny utlysning' }).click();
  await admin.getByLabel('Utlysningens namn').fill('Sommarlovsaktiviteter');
  await admin.getByLabel('Stänger').fill(`${year + 1}-05-15`);
  await admin.getByLabel('Budget för utlysningen').fill('-100');
  await admin.getByRole('button', { name: 'Öppna utlysningen' }).click();
  await admin.getByText('Skriv ett belopp i hela kronor').first().waitFor();
  assert.equal(await admin.getByLabel('Utlysningens namn').inputValue(), 'Sommarlovsaktiviteter', 'what was typed is kept');
  await admin.getByLabel('Budget för utlysningen').fill('150 000');
  await admin.getByRole('button', { name: 'Öppna utlysningen' }).click();
  await admin.getByText('Utlysningen är sparad.').waitFor();

  await page.goto(`${base}/bidrag/grundbidrag`);
  await page.getByText('Sommarlovsaktiviteter').waitFor();
  await page
    .getByText(`15 maj ${year + 1} 23:59`)
    .first()
    .waitFor();
  await checkA11y(page);
});

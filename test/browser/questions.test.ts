import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer } from '../helpers/browser.js';

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

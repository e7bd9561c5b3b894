import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer, visit } from '../helpers/browser.js';

const year = new Date().getFullYear();

test('an agreement’s yearly report from submission to approval: the secretary fills it in from what the service knows, the contact person approves it without JavaScript', async (t) => {
  const base = await startServer(t);
  const visitor = await (await openBrowser(t)).newPage();
  await visit(visitor, `${base}/ortsrad/fristad`);
  await visitor.getByRole('link', { name: 'Överenskommelse om lokal utveckling i Fristad' }).click();
  await visitor.getByText('50 000 kr').first().waitFor();
  await checkA11y(visitor);
  assert.equal(await visitor.getByRole('heading', { name: 'Årsredovisningar' }).count(), 0, 'the reports are not the public’s');

  const page = await (await openBrowser(t)).newPage();
  await signIn(page, base, 'sekreterare@boras.example', '/overenskommelser');
  await checkA11y(page);
  await page.getByRole('link', { name: 'Överenskommelse om lokal utveckling i Fristad' }).click();
  await page.getByRole('link', { name: `Redovisning ${year}` }).click();
  await page.getByText(`Det tjänsten vet om ${year}`).waitFor();
  await checkA11y(page);
  // Sent as it stands: the association's own obligations are not answered yet.
  await page.getByRole('button', { name: 'Skicka in redovisningen' }).click();
  await page.getByRole('alert').waitFor();
  await checkA11y(page);
  for (const select of await page.getByLabel('Har åtagandet uppfyllts?').all()) {
    if ((await select.inputValue()) === '') await select.selectOption('yes');
    if ((await select.inputValue()) !== 'yes') {
      const comment = page.locator(`#${(await select.getAttribute('id'))?.replace('met_', 'comment_')}`);
      await comment.fill('Ett möte saknar protokoll; det publiceras i januari.');
    }
  }
  await page.getByLabel('Verksamhetsberättelse').fill('Öppna möten varje månad, en trygghetsvandring och arbete med utvecklingsplanen.');
  await page.getByRole('button', { name: 'Skicka in redovisningen' }).click();
  await page.getByText('Redovisningen är inskickad.').waitFor();
  await page.getByText('Inskickad, väntar på kommunen').first().waitFor();
  await checkA11y(page);

  const contact = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(contact, base, 'kontaktperson@boras.example', new URL(page.url()).pathname);
  await contact.getByRole('heading', { name: 'Kommunens beslut' }).waitFor();
  await contact.getByRole('button', { name: 'Godkänn redovisningen' }).click();
  await contact.getByText('Redovisningen är godkänd.').waitFor();

  await page.reload();
  await page.getByText(/Godkänd av kommunen/).waitFor();
  await checkA11y(page);
});

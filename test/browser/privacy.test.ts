import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer, visit } from '../helpers/browser.js';

test('a resident chooses to be named in public records, withdraws it, and closes the account (with and without JavaScript)', async (t) => {
  const base = await startServer(t);
  const context = await openBrowser(t);
  const page = await context.newPage();
  await signIn(page, base, 'boende6@boras.example', '/profil');
  await page.getByRole('heading', { name: 'Min profil' }).waitFor();
  await checkA11y(page);

  // Chosen, then withdrawn: the history keeps both.
  const choice = page.getByLabel('Visa mitt namn i offentliga handlingar', { exact: false });
  await choice.check();
  await page.getByRole('button', { name: 'Spara valet' }).click();
  await page.getByText('Ditt val är sparat.').waitFor();
  assert.equal(await choice.isChecked(), true);
  assert.match(await page.locator('#consents-heading ~ ul').first().innerText(), /Samtycke givet .* Gäller nu\./);
  await checkA11y(page);
  await choice.uncheck();
  await page.getByRole('button', { name: 'Spara valet' }).click();
  await page.getByText('Ditt val är sparat.').waitFor();
  assert.equal(await choice.isChecked(), false);
  assert.match(await page.locator('#consents-heading ~ ul').first().innerText(), /Återkallat .* \(på din profil\)/);

  // Closing the account: what goes and what stays is said first; the confirmation is asked for.
  await page.getByRole('link', { name: 'Avsluta kontot' }).click();
  await page.getByRole('heading', { name: 'Avsluta ditt konto' }).waitFor();
  assert.equal(await page.getByText('Frågor du ställt finns kvar i diariet med avsändaren dold.').isVisible(), true);
  await checkA11y(page);
  await page.getByRole('button', { name: 'Avsluta mitt konto' }).click();
  await page.getByRole('heading', { name: 'Det finns problem att rätta till' }).waitFor();
  await checkA11y(page);
  await page.getByLabel('Jag förstår att kontot inte kan återställas').check();
  await page.getByRole('button', { name: 'Avsluta mitt konto' }).click();
  await page.getByRole('heading', { name: 'Ditt konto är avslutat' }).waitFor();
  await checkA11y(page);
  assert.equal(await page.getByRole('link', { name: 'Logga in' }).first().isVisible(), true, 'signed out');

  // The receipt is in the outbox, to the address the account had.
  await visit(page, `${base}/dev/outbox`);
  assert.equal(await page.getByText('Ditt konto är avslutat – Mötesplats').first().isVisible(), true);

  // Without JavaScript, in English: the only administrator is asked to hand over first.
  const plain = await openBrowser(t, { javaScriptEnabled: false });
  const admin = await plain.newPage();
  await signIn(admin, base, 'admin@boras.example', '/profil/avsluta');
  await admin.getByRole('link', { name: 'English' }).click();
  await admin.getByRole('heading', { name: 'Close your account' }).waitFor();
  assert.equal(await admin.getByText("You are the municipality's only administrator.", { exact: false }).isVisible(), true);
  assert.equal(await admin.getByRole('button', { name: 'Close my account' }).count(), 0);
  // And a resident closes theirs with no script at all.
  const resident = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(resident, base, 'boende7@boras.example', '/profil/avsluta');
  await resident.getByLabel('Jag förstår att kontot inte kan återställas').check();
  await resident.getByRole('button', { name: 'Avsluta mitt konto' }).click();
  await resident.getByRole('heading', { name: 'Ditt konto är avslutat' }).waitFor();
  await resident.goto(`${base}/logga-in`);
  await resident.getByLabel('E-postadress').fill('boende7@boras.example');
  await resident.getByLabel('Lösenord').fill('motesplats-demo');
  await resident.getByRole('button', { name: 'Logga in' }).click();
  await resident.getByRole('heading', { name: 'Det finns problem att rätta till' }).waitFor();
});

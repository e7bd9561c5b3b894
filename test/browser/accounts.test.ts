import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, startServer, visit } from '../helpers/browser.js';

test('a resident signs up, verifies through the outbox, signs in, switches language and edits the profile', async (t) => {
  const base = await startServer(t);
  const context = await openBrowser(t);
  const page = await context.newPage();

  await visit(page, `${base}/`);
  await page.getByRole('link', { name: 'Skapa konto' }).first().click();
  await checkA11y(page);
  // A failed form: the error summary and inline errors are accessible too.
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  assert.equal(await page.getByRole('heading', { name: 'Det finns problem att rätta till' }).isVisible(), true);
  await checkA11y(page);
  await page.getByLabel('Namn').fill('Maja Målsryd');
  await page.getByLabel('E-postadress').fill('maja@example.se');
  await page.getByLabel('Lösenord', { exact: true }).fill('maja har ett långt lösenord');
  await page.getByLabel('Upprepa lösenordet').fill('maja har ett långt lösenord');
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.getByRole('heading', { name: 'Kontrollera din e-post' }).waitFor();
  await checkA11y(page);

  // The worker delivers the mail to the development outbox.
  let found = false;
  for (let i = 0; i < 50 && !found; i++) {
    await page.goto(`${base}/dev/outbox`);
    found = await page.getByText('maja@example.se').isVisible();
    if (!found) await page.waitForTimeout(200);
  }
  assert.ok(found, 'the verification mail arrived');
  await checkA11y(page);
  await page
    .getByRole('link', { name: /\/verifiera\?token=/ })
    .first()
    .click();
  await page.getByText('Din e-postadress är bekräftad').waitFor();
  await checkA11y(page);

  await page.getByLabel('E-postadress').fill('maja@example.se');
  await page.getByLabel('Lösenord').fill('maja har ett långt lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('link', { name: 'Maja Målsryd' }).click();
  await page.getByRole('heading', { name: 'Min profil' }).waitFor();
  await checkA11y(page);

  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'My profile' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await checkA11y(page);
  await visit(page, `${base}/`);
  assert.equal(await page.getByRole('heading', { name: 'Localities' }).isVisible(), true, 'the language is kept for the session');

  await page.goto(`${base}/profil`);
  await page.getByLabel('Name', { exact: true }).fill('Maja M');
  await page.getByLabel('Language').selectOption('sv');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Din profil är sparad.').waitFor();
  assert.equal(await page.getByLabel('Namn', { exact: true }).inputValue(), 'Maja M');
  await checkA11y(page);

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
});

test('an administrator gives a role, and the person can then do what the role allows', async (t) => {
  const base = await startServer(t);
  const adminCtx = await openBrowser(t);
  const admin = await adminCtx.newPage();
  await admin.goto(`${base}/logga-in`);
  await admin.getByLabel('E-postadress').fill('admin@boras.example');
  await admin.getByLabel('Lösenord').fill('motesplats-demo');
  await admin.getByRole('button', { name: 'Logga in' }).click();
  await admin.getByRole('link', { name: 'Administration' }).click();
  await checkA11y(admin);
  await admin.getByRole('link', { name: 'Användare' }).click();
  await checkA11y(admin);
  await admin.getByLabel('Sök på namn eller e-post').fill('Ingrid');
  await admin.getByRole('button', { name: 'Sök' }).click();
  await admin.getByRole('link', { name: 'Ingrid Invånare' }).click();
  await checkA11y(admin);
  await admin.getByLabel('Roll').selectOption({ label: 'Handläggare' });
  await admin.getByRole('button', { name: 'Ge rollen' }).click();
  assert.equal(await admin.getByText('Välj vilket').first().isVisible(), true, 'a scoped role needs its scope');
  await checkA11y(admin);
  await admin.getByLabel('Roll').selectOption({ label: 'Administratör' });
  await admin.getByRole('button', { name: 'Ge rollen' }).click();
  await admin.getByText('Rollen är tilldelad.').waitFor();

  const residentCtx = await openBrowser(t);
  const resident = await residentCtx.newPage();
  await resident.goto(`${base}/logga-in?next=/admin/orter`);
  await resident.getByLabel('E-postadress').fill('invanare@boras.example');
  await resident.getByLabel('Lösenord').fill('motesplats-demo');
  await resident.getByRole('button', { name: 'Logga in' }).click();
  await resident.getByRole('heading', { name: 'Orter' }).waitFor();
  await checkA11y(resident);
  await resident.getByRole('link', { name: 'Lägg till ort' }).click();
  await checkA11y(resident);

  await admin.getByRole('button', { name: 'Ta bort rollen Administratör' }).click();
  await admin.getByText('Rollen är borttagen.').waitFor();
  const res = await resident.goto(`${base}/admin/orter`);
  assert.equal(res?.status(), 403);
  await checkA11y(resident);
  await visit(admin, `${base}/admin/logg?record=role`);
});

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { checkA11y, openBrowser, startServer } from '../helpers/browser.js';
import { LOA2, LOA3, startTestProvider } from '../helpers/oidc-provider.js';

/** A port nothing listens on now, so the provider can know the service's address before it starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

test('a resident signs in with e-ID, creates the account, links e-ID to an existing one, an administrator requires it for staff, and signing out ends both sessions', async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const op = await startTestProvider({
    redirectUris: [`${base}/logga-in/oidc/callback`],
    postLogoutUris: [`${base}/logga-ut/klar`],
    people: [
      { sub: 'anna', given_name: 'Anna', family_name: 'Ek', email: 'anna.ek@example.se', email_verified: true, personalIdentityNumber: '197901012389' },
      { sub: 'bo', given_name: 'Bo', family_name: 'Boende', acr: LOA2 },
      { sub: 'ada', given_name: 'Ada', family_name: 'Admin', acr: LOA3 },
    ],
  });
  t.after(() => op.close());
  await startServer(t, { ...op.env, PORT: String(port), BASE_URL: base });

  // A first sign-in: the provider, then the new account's details, filled in from what it said.
  const resident = await (await openBrowser(t)).newPage();
  await resident.goto(`${base}/logga-in`);
  await checkA11y(resident);
  await resident.getByRole('link', { name: 'Test-e-legitimation' }).click();
  await resident.getByRole('heading', { name: 'Test-e-legitimation' }).waitFor();
  await resident.getByRole('button', { name: 'Anna Ek' }).click();
  await resident.getByRole('heading', { name: 'Skapa ditt konto' }).waitFor();
  assert.equal(await resident.getByLabel('Namn').inputValue(), 'Anna Ek');
  assert.equal(await resident.getByLabel('E-postadress').inputValue(), 'anna.ek@example.se');
  await checkA11y(resident);
  await resident.getByLabel('Namn').fill('');
  await resident.getByRole('button', { name: 'Skapa konto' }).click();
  await resident.getByRole('heading', { name: 'Det finns problem att rätta till' }).waitFor();
  await checkA11y(resident);
  await resident.getByLabel('Namn').fill('Anna Ek');
  await resident.getByRole('button', { name: 'Skapa konto' }).click();
  await resident.getByText('Ditt konto är skapat och du är inloggad.').waitFor();
  await resident.goto(`${base}/profil`);
  await resident.getByText('E-legitimation kopplad.').waitFor();
  assert.equal(await resident.getByText('197901012389').count(), 0);
  await checkA11y(resident);
  // Signing out here, then at the provider, and back.
  await resident.getByRole('button', { name: 'Logga ut' }).click();
  await resident.getByRole('button', { name: 'Yes, sign me out' }).click();
  await resident.getByRole('heading', { name: 'Du är utloggad.' }).waitFor();
  assert.equal(new URL(resident.url()).pathname, '/logga-ut/klar');
  await checkA11y(resident);

  // A resident with a password account links e-ID from the profile.
  const boende = await (await openBrowser(t)).newPage();
  await boende.goto(`${base}/logga-in`);
  await boende.getByLabel('E-postadress').fill('boende1@boras.example');
  await boende.getByLabel('Lösenord').fill('motesplats-demo');
  await boende.getByRole('button', { name: 'Logga in', exact: true }).click();
  await boende.goto(`${base}/profil`);
  await boende.getByRole('link', { name: 'Koppla e-legitimation' }).click();
  await boende.getByRole('button', { name: 'Bo Boende' }).click();
  await boende.getByText('Din e-legitimation är kopplad till kontot').waitFor();
  await checkA11y(boende);

  // The administrator links e-ID too, then requires level 3 for staff.
  const admin = await (await openBrowser(t)).newPage();
  await admin.goto(`${base}/logga-in`);
  await admin.getByLabel('E-postadress').fill('admin@boras.example');
  await admin.getByLabel('Lösenord').fill('motesplats-demo');
  await admin.getByRole('button', { name: 'Logga in', exact: true }).click();
  await admin.goto(`${base}/profil`);
  await admin.getByRole('link', { name: 'Koppla e-legitimation' }).click();
  await admin.getByRole('button', { name: 'Ada Admin' }).click();
  await admin.getByText('Din e-legitimation är kopplad till kontot').waitFor();
  await admin.goto(`${base}/admin`);
  await admin.getByRole('link', { name: 'E-legitimation' }).click();
  await admin.getByRole('heading', { name: 'Inloggning med e-legitimation' }).waitFor();
  await checkA11y(admin);
  await admin.getByLabel('Kräv e-legitimation för tjänstepersoner').selectOption('3');
  await admin.getByRole('button', { name: 'Spara' }).click();
  await admin.getByText('Inställningarna för e-legitimation är sparade.').waitFor();
  await checkA11y(admin);

  // A handler with a password is told to use e-ID, and given the button.
  const handler = await (await openBrowser(t)).newPage();
  await handler.goto(`${base}/logga-in`);
  await handler.getByLabel('E-postadress').fill('handlaggare@boras.example');
  await handler.getByLabel('Lösenord').fill('motesplats-demo');
  await handler.getByRole('button', { name: 'Logga in', exact: true }).click();
  await handler.getByText('Dina roller som tjänsteperson kräver inloggning med e-legitimation').first().waitFor();
  assert.equal(await handler.getByRole('link', { name: 'Test-e-legitimation' }).isVisible(), true);
  await checkA11y(handler);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServer, visit } from '../helpers/browser.js';

const CALL = '/bidrag/aktiverings-och-inkluderingsbidrag/utlysningar/aktiverings-och-inkluderingsbidrag-lopande';

test('an association applies: a saved draft, a missing answer, a session that runs out while typing, and submission', async (t) => {
  const base = await startServer(t);
  const context = await openBrowser(t);
  const page = await context.newPage();
  await signIn(page, base, 'foretradare@boras.example', CALL);
  await page.getByText('Uppfyllt: En registrerad förening').first().waitFor();
  await checkA11y(page);
  await page.getByLabel('Vad heter projektet eller aktiviteten?').fill('Sagostund på arabiska');
  await page.getByRole('button', { name: 'Börja på en ansökan' }).click();
  await page.getByText('Ansökan är påbörjad').waitFor();
  const url = page.url();
  await checkA11y(page);

  // A draft is saved and comes back as it was.
  await page.getByLabel('Beskriv projektet').fill('Högläsning för barn på arabiska och svenska i biblioteket.');
  await page.getByLabel('Sökt belopp').fill('4 500');
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await page.getByText('Utkastet är sparat.').waitFor();
  assert.equal(await page.getByLabel('Sökt belopp').inputValue(), '4500');

  // Submitting with answers missing says which, field by field, and keeps what was typed.
  await page.getByLabel('Hur många deltagare räknar ni med?').fill('15');
  await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
  await page.getByRole('heading', { name: 'Det finns problem att rätta till' }).waitFor();
  assert.ok((await page.getByText('Svara på frågan.').count()) >= 2);
  assert.equal(await page.getByLabel('Hur många deltagare räknar ni med?').inputValue(), '15');
  await checkA11y(page);

  // The session runs out while the person types: the answers wait for them behind the sign-in.
  await page.getByLabel('När äger aktiviteten rum?').fill(`${new Date().getFullYear() + 1}-03-14`);
  await page.getByLabel('Vilka vill ni nå?').selectOption('Barn och unga');
  await page.getByLabel('Post 1', { exact: true }).fill('Böcker');
  await page.getByLabel('Belopp för post 1').fill('4 500');
  await context.clearCookies({ name: 'sid' });
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await page.getByText('Dina svar är sparade i den här webbläsaren').waitFor();
  await checkA11y(page);
  await page.getByLabel('E-postadress').fill('foretradare@boras.example');
  await page.getByLabel('Lösenord').fill('motesplats-demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByText('Här är det du skrev innan du loggades ut').waitFor();
  assert.equal(page.url(), url);
  assert.equal(await page.getByLabel('Post 1', { exact: true }).inputValue(), 'Böcker');
  assert.equal(await page.getByLabel('Vilka vill ni nå?').inputValue(), 'Barn och unga');

  await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
  await page.getByText('Ansökan är inskickad.').waitFor();
  await page.getByText('Böcker').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Skicka in ansökan' }).count(), 0, 'read-only once submitted');
  await checkA11y(page);
});

test('an officer scores and decides, the council recommends and the association reports without JavaScript, and the grant is public', async (t) => {
  const base = await startServer(t);
  const officer = await (await openBrowser(t)).newPage();
  await signIn(officer, base, 'bidrag@boras.example', '/admin/bidrag');
  await officer.getByRole('link', { name: 'Aktiverings- och inkluderingsbidrag, löpande' }).first().click();
  await officer.getByRole('cell', { name: 'Fotboll för alla' }).waitFor();
  await checkA11y(officer);
  await officer.locator('tr', { hasText: 'Fotboll för alla' }).getByRole('link').first().click();
  await officer.getByLabel('Når nya deltagare (vikt 3), 0–5').selectOption('5');
  await officer.getByLabel('Samverkan med andra föreningar (vikt 2), 0–5').selectOption('3');
  await officer.getByLabel('Rimlig budget (vikt 1), 0–5').selectOption('4');
  await officer.getByRole('button', { name: 'Spara bedömningen' }).click();
  await officer.getByText('1 bedömning: genomsnitt 4,2 av 5').waitFor();
  await checkA11y(officer);
  const application = new URL(officer.url()).pathname;

  // Fristad's council gives its recommendation.
  const secretary = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(secretary, base, 'sekreterare@boras.example', application);
  await secretary.getByLabel('Ortsrådets rekommendation', { exact: true }).selectOption('support');
  await secretary.getByLabel('Motivering', { exact: true }).fill('Ortsrådet tillstyrker: många barn i Fristad står utanför lagen.');
  await secretary.getByRole('button', { name: 'Lämna rekommendationen' }).click();
  await secretary.getByText('Ortsrådets rekommendation är lämnad.').waitFor();

  // The officer decides on the fast track, with a day for the follow-up report.
  await officer.goto(`${base}${application}`);
  await officer.getByText('Tillstyrker', { exact: true }).waitFor();
  await officer.getByLabel('Beslut', { exact: true }).selectOption('grant');
  await officer.getByLabel('Beviljat belopp').fill('10 000');
  await officer.getByLabel('Motivering', { exact: true }).fill('Når barn som inte är med i något lag.');
  await officer.getByLabel('Redovisas senast').fill(`${new Date().getFullYear() + 1}-06-30`);
  await officer.getByRole('button', { name: 'Spara beslutet' }).click();
  await officer.getByText('Beslutet är sparat').waitFor();
  await officer.getByLabel('Belopp att betala ut').fill('10 000');
  await officer.getByLabel('Utbetalningsdag').fill(new Date().toISOString().slice(0, 10));
  await officer.getByRole('button', { name: 'Registrera utbetalningen' }).click();
  await officer.getByText('Utbetalt 10 000 kr av beviljade 10 000 kr').waitFor();
  await checkA11y(officer);

  // The association reads the decision and reports.
  const gif = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(gif, base, 'boende1@boras.example', application);
  await gif.getByText('Beviljat 10 000 kr').waitFor();
  await gif.getByLabel('Vad gjordes?').fill('Tjugo söndagsträningar med i snitt 25 barn.');
  await gif.getByLabel('Antal deltagare').fill('25');
  await gif.getByLabel('Använda pengar (kr)').fill('9 800');
  await gif.getByRole('button', { name: 'Skicka in redovisningen' }).click();
  await gif.getByText('Redovisningen är inskickad.').waitFor();
  // The pages they used, read with scripts for axe-core: the same HTML the officer's browser checked above.
  await officer.goto(`${base}${application}`);
  await officer.getByText('inskickad, väntar på handläggaren').waitFor();
  await checkA11y(officer);

  // In the open.
  const visitor = await (await openBrowser(t)).newPage();
  await visit(visitor, `${base}/bidrag/beviljade?ort=fristad`);
  await visitor.getByRole('link', { name: 'Fotboll för alla' }).click();
  await visitor.getByRole('heading', { name: 'Fotboll för alla', level: 1 }).waitFor();
  const ld = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
  assert.equal(ld['@type'], 'MonetaryGrant');
  await checkA11y(visitor);
});

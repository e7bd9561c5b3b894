import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y, openBrowser, signIn, startServer, startServerWithDatabase, visit } from '../helpers/browser.js';
import { addMeeting, demoMeeting } from '../helpers/meetings.js';

const DAY = 24 * 3600_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
}

test('meeting pages pass axe-core in Swedish and English', async (t) => {
  const { url: base, database } = await startServerWithDatabase(t);
  const next = await demoMeeting({ database }, 'fristad', 'next');
  const past = await demoMeeting({ database }, 'sandared', 'last');
  const page = await (await openBrowser(t)).newPage();
  for (const lang of ['sv', 'en']) {
    await page.goto(`${base}/sprak/${lang}?next=/`);
    for (const p of [
      '/ortsrad',
      '/ortsrad/fristad',
      '/ortsrad/fristad/atgarder',
      '/kalender',
      '/kalender?typ=political',
      `/moten/${next}`,
      `/moten/${past}/protokoll`,
      '/motesplatser',
      '/motesplatser/fristads-bibliotek',
    ]) {
      await visit(page, `${base}${p}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
    }
  }
});

test('a secretary schedules a meeting with an agenda and publishes it; a member registers without JavaScript', async (t) => {
  const base = await startServer(t);
  const page = await (await openBrowser(t)).newPage();
  await signIn(page, base, 'sekreterare@boras.example', '/ortsrad/fristad');
  await page.getByRole('link', { name: 'Planera ett möte' }).click();
  await checkA11y(page);
  await page.getByLabel('Rubrik').fill('Ortsråd Fristad: extra möte om trafiken');
  await page.getByLabel('Datum').fill(dateIn(21));
  await page.getByLabel('Börjar klockan').fill('19:00');
  await page.getByLabel('Slutar klockan').fill('18:00');
  await page.getByLabel('Var hålls mötet?').selectOption({ label: 'En mötesplats i registret' });
  await page.getByLabel(/^Mötesplats/).selectOption({ label: 'Fristads bibliotek' });
  await page.getByLabel('Antal platser').fill('30');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Mötet kan inte sluta innan det börjar').first().waitFor();
  await checkA11y(page);
  assert.equal(await page.getByLabel('Rubrik').inputValue(), 'Ortsråd Fristad: extra möte om trafiken', 'what was typed is kept');
  await page.getByLabel('Slutar klockan').fill('21:00');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Mötet är sparat som utkast').waitFor();
  await checkA11y(page);

  await page.getByRole('link', { name: 'Dagordning och handlingar' }).click();
  await checkA11y(page);
  for (const [title, minutes] of [
    ['Välkomna och val av justerare', '5'],
    ['Trafiksäkerhet vid Fristadskolan', '45'],
  ] as const) {
    await page.getByLabel('Rubrik').fill(title);
    await page.getByLabel('Föredragande').fill('Sofia Sekreterare');
    await page.getByLabel('Tid i minuter').fill(minutes);
    await page.getByRole('button', { name: 'Lägg till punkten' }).click();
    await page.getByText('Punkten är tillagd.').waitFor();
  }
  await checkA11y(page);
  await page.getByRole('link', { name: 'Tillbaka till mötet' }).click();
  await page.getByRole('button', { name: 'Publicera mötet' }).click();
  await page.getByText('Mötet är publicerat och syns i kalendern.').waitFor();
  await checkA11y(page);
  const meetingUrl = page.url();
  await signOut(page);

  // The member's browser runs no scripts; every form works the same.
  const noJs = await (await openBrowser(t, { javaScriptEnabled: false })).newPage();
  await signIn(noJs, base, 'invanare@boras.example', new URL(meetingUrl).pathname);
  await noJs.getByRole('heading', { name: 'Ortsråd Fristad: extra möte om trafiken' }).waitFor();
  await noJs.getByLabel('Jag kommer för').selectOption({ label: 'Framtid Fristad' });
  await noJs.getByRole('button', { name: 'Jag kommer' }).click();
  await noJs.getByText('Du är anmäld till mötet.').waitFor();
  assert.equal(await noJs.getByText('29 platser kvar av 30').isVisible(), true);

  // With scripts, the same page passes axe-core and offers the print button.
  await signIn(page, base, 'invanare@boras.example', new URL(meetingUrl).pathname);
  await page.getByRole('heading', { name: 'Ortsråd Fristad: extra möte om trafiken' }).waitFor();
  assert.equal(await page.getByText('19:05 Trafiksäkerhet vid Fristadskolan').isVisible(), true);
  await checkA11y(page);
  assert.equal(await page.getByText('Du är anmäld.').isVisible(), true);
  assert.equal(await page.getByRole('button', { name: 'Skriv ut' }).isVisible(), true);
  await visit(page, `${base}/mina-moten`);
  assert.equal(await page.getByRole('link', { name: 'Ortsråd Fristad: extra möte om trafiken' }).isVisible(), true);
});

test('after a meeting: attendance, minutes, justering by two checkers, publication, and a visitor reads them', async (t) => {
  const { url: base, database } = await startServerWithDatabase(t);
  const slug = await addMeeting({ database }, 'fristad', {
    title: 'Ortsråd Fristad: novembermöte',
    startsAt: new Date(Date.now() - 26 * 3600_000),
    endsAt: new Date(Date.now() - 24 * 3600_000),
    agenda: [{ title: 'Mötets öppnande' }, { title: 'Julmarknaden' }],
  });
  const page = await (await openBrowser(t)).newPage();
  await signIn(page, base, 'sekreterare@boras.example', `/moten/${slug}`);
  await page.getByRole('link', { name: 'Närvaro' }).click();
  await checkA11y(page);
  await page.getByLabel('Ingrid Invånare').check();
  await page.getByLabel('Fredrik Företrädare').check();
  await page.getByLabel('Fristads församling').check();
  await page.getByLabel('Övriga deltagare').fill('Karin från biblioteket');
  await page.getByRole('button', { name: 'Spara närvaron' }).click();
  await page.getByText('Närvaron är sparad').waitFor();
  await checkA11y(page);
  await page.getByRole('button', { name: 'Skriv protokollet' }).click();
  await checkA11y(page);
  await page.getByLabel('Inledning').fill('Ordföranden öppnade mötet.');
  const item2 = page.getByRole('group', { name: '§ 2 Julmarknaden' });
  await item2.getByLabel('Diskussion').fill('Julmarknaden hålls på torget första advent.');
  await item2.getByLabel('Beslut').fill('Ortsrådet ansöker om tillstånd.');
  await item2.getByLabel('Vad ska göras?').fill('Söka tillstånd hos polisen');
  await item2.getByLabel('Vem ansvarar?').fill('Fredrik Företrädare');
  await page.getByLabel('Justerare 1').selectOption({ label: 'Ingrid Invånare' });
  await page.getByLabel('Justerare 2').selectOption({ label: 'Fredrik Företrädare' });
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await page.getByText('Utkastet är sparat.').waitFor();
  await checkA11y(page);
  await page.getByRole('button', { name: 'Skicka till justerarna' }).click();
  await page.getByText('Protokollet är skickat till justerarna.').waitFor();
  await signOut(page);

  for (const checker of ['invanare@boras.example', 'foretradare@boras.example']) {
    await signIn(page, base, checker, `/moten/${slug}/protokoll`);
    await checkA11y(page);
    await page.getByRole('button', { name: 'Justera protokollet' }).click();
    await page.getByText(/Du har justerat protokollet|Alla justerare har justerat/).waitFor();
    await signOut(page);
  }
  await signIn(page, base, 'sekreterare@boras.example', `/moten/${slug}/protokoll`);
  await page.getByRole('button', { name: 'Publicera protokollet' }).click();
  await page.getByText('Protokollet är publicerat.').waitFor();
  await checkA11y(page);
  await signOut(page);

  await visit(page, `${base}/moten/${slug}/protokoll`);
  assert.equal(await page.getByText('Julmarknaden hålls på torget första advent.').isVisible(), true);
  // A visitor reads who was there: the chair and the checkers by name, the guest counted.
  assert.equal(await page.getByText(/Fredrik Företrädare, Ingrid Invånare, Fristads församling, 1 gäst/).isVisible(), true);
  assert.equal(await page.getByText(/Karin från biblioteket/).count(), 0);
  await visit(page, `${base}/ortsrad/fristad`);
  assert.equal(await page.getByText('Söka tillstånd hos polisen').isVisible(), true, 'the action item is open on the council page');
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${base}/moten/${slug}/protokoll`);
  assert.equal(
    await page.getByText(/Ortsråd Fristad · .* · protokoll version 1/).isVisible(),
    true,
    'a printed page names the council, the date and the version',
  );
  assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).isVisible(), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { digestPeriod } from '../../src/platform/notifications/mail.js';
import { addDays, localToUtc } from '../../src/platform/time.js';
import { checkA11y, openBrowser, signIn, startServerWithDatabase } from '../helpers/browser.js';
import { demoMeeting } from '../helpers/meetings.js';

test('a resident follows a council; the secretary publishes its minutes and news; the resident is told, reads the digest and stops it with one click', async (t) => {
  const { url: base, database, services } = await startServerWithDatabase(t);
  const db = database.db;
  // The demo resident starts from nothing: no follows, no notifications.
  await db.execute(sql`delete from follows where user_id = (select id from users where email = 'invanare@boras.example')`);
  await db.execute(sql`delete from notifications where user_id = (select id from users where email = 'invanare@boras.example')`);
  const minutes = await demoMeeting({ database }, 'fristad', 'last');

  const resident = await (await openBrowser(t)).newPage();
  await signIn(resident, base, 'invanare@boras.example', '/ortsrad/fristad');
  await resident.getByRole('button', { name: 'Bevaka' }).click();
  await resident.getByText('Du bevakar nu Ortsråd Fristad.').waitFor();
  await checkA11y(resident);
  // She is the second checker of the latest minutes.
  await resident.goto(`${base}/moten/${minutes}/protokoll`);
  await resident.getByRole('button', { name: 'Justera protokollet' }).click();
  await resident
    .getByText(/justerat/i)
    .first()
    .waitFor();

  const secretary = await (await openBrowser(t)).newPage();
  await signIn(secretary, base, 'sekreterare@boras.example', `/moten/${minutes}/protokoll`);
  await secretary.getByRole('button', { name: 'Publicera protokollet' }).click();
  await secretary
    .getByText(/publicerat/i)
    .first()
    .waitFor();
  await secretary.goto(`${base}/ortsrad/fristad`);
  await secretary.getByRole('link', { name: 'Skriv en nyhet' }).click();
  await checkA11y(secretary);
  await secretary.getByLabel('Rubrik').fill('Höstmarknad på torget');
  await secretary.getByLabel('Ingress').fill('Välkommen till höstmarknaden på lördag.');
  await secretary.getByRole('textbox', { name: /^Text/ }).fill('## Program\n\n- Loppis\n- Fika\n\n<script>alert(1)</script>');
  await secretary.getByRole('button', { name: 'Spara nyheten' }).click();
  await secretary.getByRole('heading', { name: 'Höstmarknad på torget', level: 1 }).waitFor();
  assert.equal(await secretary.locator('.news__body script').count(), 0);
  await checkA11y(secretary);

  // The worker tells her of both; the header counts them.
  let told = false;
  for (let i = 0; i < 50 && !told; i++) {
    await resident.goto(`${base}/`);
    told = await resident.getByRole('link', { name: /Notiser \(2 olästa\)/ }).isVisible();
    if (!told) await resident.waitForTimeout(200);
  }
  assert.ok(told, 'the header shows two unread notifications');
  await resident.getByRole('link', { name: /Notiser \(2 olästa\)/ }).click();
  await resident.getByRole('link', { name: 'Nyhet från Ortsråd Fristad: Höstmarknad på torget' }).waitFor();
  await resident.getByRole('link', { name: /Protokollet från .* \(Ortsråd Fristad\) är publicerat/ }).waitFor();
  await checkA11y(resident);

  // At 07:00 the next morning the daily digest goes out; she reads it in the outbox.
  const { period } = digestPeriod(new Date(), 'Europe/Stockholm', 'daily');
  services.clock = () => localToUtc(addDays(period, 1), '07:00', 'Europe/Stockholm') as Date;
  await services.jobs.upkeep(Date.now() + 86_400_000);
  await services.jobs.drain();
  await resident.goto(`${base}/dev/outbox`);
  const digest = resident.locator('article.mail', { hasText: 'Höstmarknad på torget' }).first();
  await digest.getByRole('heading', { name: /Dagens sammanfattning från Mötesplats Borås/ }).waitFor();
  assert.match((await digest.textContent()) ?? '', /List-Unsubscribe-Post\s*List-Unsubscribe=One-Click/);
  await checkA11y(resident);
  const stop = await digest.getByRole('link', { name: /\/avregistrera\// }).getAttribute('href');
  assert.ok(stop);

  // Signed out, one click stops the daily digest.
  const anyone = await (await openBrowser(t)).newPage();
  await anyone.goto(stop);
  await anyone.getByText('Vill du sluta få e-post om "den dagliga sammanfattningen"?').waitFor();
  await checkA11y(anyone);
  await anyone.getByRole('button', { name: 'Ja, sluta skicka' }).click();
  await anyone.getByText('Klart. Du får inte längre e-post om "den dagliga sammanfattningen".').waitFor();
  await checkA11y(anyone);

  await resident.goto(`${base}/profil/epost`);
  const never = resident.getByRole('group', { name: 'Nyheter i det du bevakar' }).getByLabel('Ingen e-post');
  assert.equal(await never.isChecked(), true);
  await checkA11y(resident);
  // She chooses news at once again, without JavaScript's help (a plain form).
  await resident.getByRole('group', { name: 'Nyheter i det du bevakar' }).getByLabel('Direkt').check();
  await resident.getByRole('button', { name: 'Spara val' }).click();
  await resident.getByText('Dina val för e-post är sparade.').waitFor();
});

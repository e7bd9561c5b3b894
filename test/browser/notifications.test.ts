import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser, signIn, startServerWithDatabase } from '../helpers/browser.js';
import { addMeeting } from '../helpers/meetings.js';

const DAY = 24 * 3600_000;

test('a person follows a council, hears of its new meeting in the header and on the notifications page, and stops following', async (t) => {
  const { url: base, database } = await startServerWithDatabase(t);
  const slug = await addMeeting({ database }, 'dalsjofors-toarp', {
    startsAt: new Date(Date.now() + 12 * DAY),
    endsAt: new Date(Date.now() + 12 * DAY + 7200_000),
    status: 'draft',
    title: 'Höstmöte i Dalsjöfors',
  });
  const context = await openBrowser(t);
  const page = await context.newPage();
  await signIn(page, base, 'redaktor@boras.example', '/ortsrad/dalsjofors-toarp');
  await page.getByRole('button', { name: 'Bevaka' }).click();
  await page.getByText('Du bevakar nu Ortsråd Dalsjöfors/Toarp.').waitFor();
  await checkA11y(page);
  await page.goto(`${base}/mina-bevakningar`);
  assert.equal(await page.getByRole('link', { name: 'Ortsråd Dalsjöfors/Toarp' }).isVisible(), true);
  await checkA11y(page);

  // An administrator publishes the draft (as the council's chair would); the follower is told.
  const admin = await (await openBrowser(t)).newPage();
  await signIn(admin, base, 'admin@boras.example', `/moten/${slug}`);
  await admin.getByRole('button', { name: 'Publicera' }).click();
  await admin.getByText('Mötet är publicerat').first().waitFor();

  let told = false;
  for (let i = 0; i < 50 && !told; i++) {
    await page.goto(`${base}/`);
    told = await page.getByRole('link', { name: /Notiser \(1 olästa\)/ }).isVisible();
    if (!told) await page.waitForTimeout(200);
  }
  assert.ok(told, 'the header shows the unread notification');
  await page.getByRole('link', { name: /Notiser \(1 olästa\)/ }).click();
  await checkA11y(page);
  await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
  await page.getByText('Alla notiser är markerade som lästa.').waitFor();
  await page.getByRole('link', { name: 'Nytt möte i Ortsråd Dalsjöfors/Toarp: Höstmöte i Dalsjöfors' }).click();
  await page.getByRole('heading', { name: 'Höstmöte i Dalsjöfors' }).waitFor();

  await page.goto(`${base}/mina-bevakningar`);
  await page.getByRole('button', { name: 'Sluta bevaka' }).click();
  await page.getByText('Du bevakar ingenting ännu').waitFor();
  await page.goto(`${base}/sprak/en?next=/notiser`);
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await checkA11y(page);
});

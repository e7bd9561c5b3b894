import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkA11y, openBrowser } from '../helpers/browser.js';

test('the accessibility check itself fails on a page with a violation', async (t) => {
  const page = await (await openBrowser(t)).newPage();
  await page.setContent('<!doctype html><html lang="sv"><head><title>x</title></head><body><main><input type="text"><img src="x.png"></main></body></html>');
  await assert.rejects(checkA11y(page), /label|image-alt/);
});

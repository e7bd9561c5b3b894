import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VersionReader } from './render-cache.js';

test('a version read serves only the requests that arrived before it was sent; those arriving meanwhile share the next', async () => {
  let version = 1;
  const sent: { at: number; resolve: () => void }[] = [];
  const reader = new VersionReader(
    () =>
      new Promise<number>((resolve) => {
        const at = version;
        sent.push({ at, resolve: () => resolve(at) });
      }),
  );
  const first = reader.version('t');
  assert.equal(sent.length, 1);
  // A write commits while the first read is under way; two requests arrive after it.
  version = 2;
  const second = reader.version('t');
  const third = reader.version('t');
  assert.equal(sent.length, 1, 'they wait rather than send a read each');
  sent[0]?.resolve();
  assert.equal(await first, 1);
  await new Promise((r) => setImmediate(r));
  assert.equal(sent.length, 2, 'one more read, sent after they arrived');
  sent[1]?.resolve();
  assert.equal(await second, 2, 'never the version from before they arrived');
  assert.equal(await third, 2);
  // Quiet again: the next request sends its own read at once.
  const fourth = reader.version('t');
  assert.equal(sent.length, 3);
  sent[2]?.resolve();
  assert.equal(await fourth, 2);
  // A failed read fails those it serves, and the next request reads again.
  const failing = new VersionReader(() => Promise.reject(new Error('down')));
  await assert.rejects(failing.version('t'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modules } from '../app.js';
import { type ModuleDefinition, SeedRefs, seedOrder } from './module.js';

const mod = (name: string, after: string[] = []): ModuleDefinition => ({ name, i18n: { sv: {}, en: {} } as ModuleDefinition['i18n'], seed: { after } });

test('seeds run after the modules they name, a cycle or an unknown module is refused, and a missing name is said plainly', () => {
  const names = seedOrder(modules).map((m) => m.name);
  for (const m of modules) {
    for (const dep of m.seed?.after ?? []) assert.ok(names.indexOf(dep) < names.indexOf(m.name), `${m.name} seeds after ${dep}`);
  }
  assert.deepEqual(
    seedOrder([mod('b', ['a']), mod('a')]).map((m) => m.name),
    ['a', 'b'],
  );
  assert.throws(() => seedOrder([mod('a', ['b']), mod('b', ['a'])]), /cycle: a → b → a/);
  assert.throws(() => seedOrder([mod('a', ['nowhere'])]), /nowhere, which is not a module/);
  const refs = new SeedRefs();
  refs.set('council', 'fristad', 'id-1');
  assert.equal(refs.get('council', 'fristad'), 'id-1');
  assert.throws(() => refs.get('council', 'Fristad'), /names a council "Fristad" that no module made/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modules } from '../src/app.js';
import { type Catalogues, createTranslator, i18nextFor, type Lang, type MessageKey } from '../src/platform/i18n/index.js';
import { platformCatalogues } from '../src/platform/i18n/messages.js';

const namespaces: Record<string, Catalogues> = { platform: platformCatalogues, ...Object.fromEntries(modules.map((m) => [m.name, m.i18n])) };

/** Every text's key with its placeholders; plural forms (key_one, key_other) under their base key. */
function texts(node: unknown, prefix: string, out: Map<string, Set<string>>): Map<string, Set<string>> {
  if (typeof node === 'string') {
    const key = prefix.replace(/_(zero|one|two|few|many|other)$/, '');
    const names = out.get(key) ?? new Set<string>();
    for (const m of node.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) names.add(m[1] as string);
    if (key !== prefix) names.add('count');
    out.set(key, names);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) texts(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

test('the fast text lookup gives exactly what i18next gives, for every text, language and plural form', async () => {
  const ours = await createTranslator(namespaces);
  const reference = await i18nextFor(namespaces);
  const all = new Map<string, Set<string>>();
  for (const [ns, cat] of Object.entries(namespaces)) {
    texts(cat.sv, ns, all);
    texts(cat.en, ns, all);
  }
  assert.ok(all.size > 300, `expected the whole catalogue, found ${all.size} texts`);
  let compared = 0;
  for (const lang of ['sv', 'en'] as Lang[]) {
    const t = ours.t(lang);
    const ref = reference.getFixedT(lang);
    for (const [key, names] of all) {
      const counts = names.has('count') ? [0, 1, 2, 5, 21, 1.5] : [undefined];
      for (const count of counts) {
        // Hostile values are passed through untouched: the JSX renderer escapes them once.
        const vars: Record<string, string | number> = Object.fromEntries([...names].map((n) => [n, `<${n} & "$1" {{x}}>`]));
        if (count !== undefined) vars.count = count;
        const expected = names.size ? ref(key, vars) : ref(key);
        assert.equal(names.size ? t(key as MessageKey, vars) : t(key as MessageKey), expected, `${lang} ${key} ${JSON.stringify(vars)}`);
        compared++;
      }
    }
    // A variable left out, and a key that does not exist, behave as i18next's own.
    const withVars = [...all].find(([, n]) => n.size > 0 && !n.has('count'));
    if (withVars) assert.equal(t(withVars[0] as MessageKey, {}), ref(withVars[0], {}));
    assert.equal(t('no.such.key' as MessageKey, { a: 1 }), ref('no.such.key', { a: 1 }));
  }
  assert.ok(compared > 600);
});

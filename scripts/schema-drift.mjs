// Fails when the schema files and the migrations disagree: drizzle-kit generates into a copy of
// the migrations, and any new migration there means a schema change has no migration yet (or a
// schema file is not found by drizzle.config.ts, which would make the next migration drop its tables).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-drift-'));
try {
  fs.cpSync(path.join(root, 'migrations'), path.join(tmp, 'migrations'), { recursive: true });
  const before = new Set(fs.readdirSync(path.join(tmp, 'migrations')));
  const config = path.join(tmp, 'drizzle.config.mjs');
  const schema = ['src/platform/*/schema.ts', 'src/modules/*/schema.ts', 'src/modules/*/core/schema.ts'].map((g) => path.join(root, g));
  fs.writeFileSync(
    config,
    `export default ${JSON.stringify({ dialect: 'postgresql', schema, out: path.relative(root, path.join(tmp, 'migrations')), migrations: { prefix: 'timestamp' } })};\n`,
  );
  const expected = fs.readFileSync(path.join(root, 'drizzle.config.ts'), 'utf8');
  for (const g of ['./src/platform/*/schema.ts', './src/modules/*/schema.ts', './src/modules/*/core/schema.ts']) {
    if (!expected.includes(`'${g}'`)) throw new Error(`drizzle.config.ts does not read ${g}`);
  }
  const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'drift'], { cwd: root, encoding: 'utf8' });
  // drizzle-kit can print an error and still exit 0.
  if (r.status !== 0 || /error/i.test(r.stderr) || /Error:/.test(r.stdout)) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  const added = fs.readdirSync(path.join(tmp, 'migrations')).filter((f) => !before.has(f));
  if (added.length) {
    console.error(
      `The schema files have changes without a migration (npm run db:generate -- --name …):\n${added.map((f) => fs.readFileSync(path.join(tmp, 'migrations', f), 'utf8')).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('Schema and migrations agree.');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

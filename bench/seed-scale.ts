/** npm run seed:scale -- --scale 1|10: loads Borås and deterministic scale data into DATA_DIR or DATABASE_URL. */
import { parseArgs } from 'node:util';
import { seedBoras } from '../src/demo/boras.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateDatabase, openDatabase } from '../src/platform/db/index.js';
import { tenants } from '../src/platform/tenants/schema.js';
import { generate } from './generate.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1 || scale > 100) {
  console.error('--scale must be a whole number from 1 to 100');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const started = Date.now();
try {
  await migrateDatabase(database);
  if ((await database.db.select({ id: tenants.id }).from(tenants).limit(1)).length === 0) {
    console.log('Loading the Borås demo data…');
    await seedBoras(database.db);
  }
  let last = '';
  const counts = await generate(database.db, scale, (what, done, total) => {
    const line = `${what}: ${done}/${total}`;
    const pct = Math.floor((done / total) * 10);
    if (done === total || `${what}${pct}` !== last) {
      console.log(line);
      last = `${what}${pct}`;
    }
  });
  console.log(
    `Scale ${scale} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s into ${database.kind === 'postgres' ? 'DATABASE_URL' : config.dataDir}:`,
    counts,
  );
} finally {
  await database.close();
}

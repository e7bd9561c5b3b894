/** npm run backup -- --out FILE and npm run restore -- --in FILE, on DATA_DIR or DATABASE_URL. */
import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';
import { backupDatabase, restoreDatabase } from './platform/db/backup.js';
import { openDatabase } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, in: { type: 'string' } } });
const config = loadConfig();
const where = config.databaseUrl ? 'DATABASE_URL' : config.dataDir;
try {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === 'backup') {
      const file = values.out ?? `motesplats-${new Date().toISOString().replace(/[:.]/g, '-')}.backup.gz`;
      const counts = await backupDatabase(database, file);
      console.log(`Backed up ${where} to ${file}:`, counts);
    } else if (command === 'restore') {
      if (!values.in) throw new Error('Give the backup file: npm run restore -- --in FILE');
      const counts = await restoreDatabase(database, values.in);
      console.log(`Restored ${values.in} into ${where}:`, counts);
    } else {
      throw new Error('Use: backup --out FILE, or restore --in FILE');
    }
  } finally {
    await database.close();
  }
} catch (err) {
  if (err instanceof DataDirLockedError) console.error(`${err.message}\nStop the service before a backup or restore of the embedded database.`);
  else console.error((err as Error).message);
  process.exit(1);
}

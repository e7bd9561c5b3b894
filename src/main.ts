import { buildApp } from './app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedBoras } from './demo/boras.js';
import { loadConfig } from './platform/config.js';
import { type Database, migrateDatabase, openDatabase } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { tenants } from './platform/tenants/index.js';

/** Loads the demo data into an empty database. */
async function seedIfEmpty(database: Database): Promise<boolean> {
  const existing = await database.db.select({ id: tenants.id }).from(tenants).limit(1);
  if (existing.length > 0) return false;
  await seedBoras(database.db);
  return true;
}

async function main(command: string): Promise<void> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  try {
    await migrateDatabase(database);
    if (command === 'migrate') {
      console.log(`Migrations applied to ${where}.`);
      return void (await database.close());
    }
    if (command === 'seed') {
      console.log((await seedIfEmpty(database)) ? 'Borås demo data loaded.' : 'The database already has data; nothing loaded.');
      return void (await database.close());
    }
    const seeded = config.loadDemoData ? await seedIfEmpty(database) : false;
    const { app, services } = await buildApp(config, database);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await services.jobs.stop();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    if (config.worker) services.jobs.start();
    const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
    const lines = [
      '',
      `Mötesplats is running at ${address}`,
      `Database: ${where}${seeded ? ' (Borås demo data loaded now)' : ''}`,
      services.mailer.mode === 'outbox' ? `E-mail: not sent (no SMTP_URL); read it at ${address}/dev/outbox` : 'E-mail: sent over SMTP_URL',
      '',
      `Demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}`),
      '',
    ];
    console.log(lines.join('\n'));
  } catch (err) {
    await database.close();
    throw err;
  }
}

main(process.argv[2] ?? 'start').catch((err) => {
  console.error(err);
  process.exit(1);
});

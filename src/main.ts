import { buildApp } from './app.js';
import { startBanner } from './banner.js';
import { DEMO_ACCOUNTS, DEMO_OPEN311_KEY, DEMO_PASSWORD, seedBoras } from './demo/boras.js';
import { getUserByEmail } from './modules/accounts/index.js';
import { loadConfig } from './platform/config.js';
import { type Database, migrateDatabase, openDatabase } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { getTenantBySlug, tenants } from './platform/tenants/index.js';

/** How long a stopping server waits for requests in flight before it closes anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Loads the demo data into an empty database. */
async function seedIfEmpty(database: Database): Promise<boolean> {
  const existing = await database.db.select({ id: tenants.id }).from(tenants).limit(1);
  if (existing.length > 0) return false;
  await seedBoras(database.db);
  return true;
}

/**
 * Migrates, and loads the demo data when asked, under one lock: of three instances started at
 * once on one PostgreSQL, one migrates and seeds while the others wait and then find it done.
 */
function prepare(database: Database, seed: boolean): Promise<boolean> {
  return database.withLock('motesplats:migrate', async () => {
    await migrateDatabase(database);
    return seed ? seedIfEmpty(database) : false;
  });
}

/** Whether the database holds the demo accounts (the first of them stands for all). */
async function hasDemoAccounts(database: Database): Promise<boolean> {
  const boras = await getTenantBySlug(database.db, 'boras');
  return boras !== null && (await getUserByEmail(database.db, boras.id, DEMO_ACCOUNTS[0]?.email ?? '')) !== null;
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
    if (command === 'migrate') {
      await prepare(database, false);
      console.log(`Migrations applied to ${where}.`);
      return void (await database.close());
    }
    if (command === 'seed') {
      const loaded = await prepare(database, true);
      console.log(loaded ? 'Borås demo data loaded.' : 'The database already has data; nothing loaded.');
      return void (await database.close());
    }
    const seeded = await prepare(database, config.loadDemoData);
    const { app, services } = await buildApp(config, database);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      // First /readyz says so while every request is still answered, so the load balancer stops
      // sending here before the listening socket closes (connections it has not yet accepted would be reset).
      services.lifecycle.draining = true;
      if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
      // Stop taking requests, let those in flight finish (Fastify answers new ones 503), then close the database.
      // Connections that are still busy after the timeout (a slow client, or a browser's socket that
      // never sent a request, which Node counts as busy) are closed, and the shutdown goes on.
      const force = setTimeout(() => {
        console.error(`Connections still open after ${SHUTDOWN_TIMEOUT_MS / 1000} s; closing them.`);
        app.server.closeAllConnections();
      }, SHUTDOWN_TIMEOUT_MS);
      force.unref();
      await services.jobs.stop();
      await app.close();
      await services.changes.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await services.changes.start();
    await app.listen({ port: config.port, host: config.host });
    if (config.worker) services.jobs.start();
    const port = (app.server.address() as { port: number }).port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const banner = startBanner(config, {
      address: `http://${host}:${port}`,
      database: where,
      seededNow: seeded,
      mailMode: services.mailer.mode,
      demoAccounts: (await hasDemoAccounts(database)) ? [...DEMO_ACCOUNTS] : null,
      demoPassword: DEMO_PASSWORD,
      demoOpen311Key: DEMO_OPEN311_KEY,
    });
    console.log(banner.join('\n'));
  } catch (err) {
    await database.close();
    throw err;
  }
}

main(process.argv[2] ?? 'start').catch((err) => {
  console.error(err);
  process.exit(1);
});

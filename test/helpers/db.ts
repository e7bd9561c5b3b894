import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { seedBoras } from '../../src/demo/boras.js';
import { type Database, migrateDatabase, migrationsFolder, openDatabase } from '../../src/platform/db/index.js';
import { seedTestby } from './testby.js';

export type Engine = 'pglite' | 'postgres';

/** The engines every integration test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A hash of the migrations and all code, so a cached template is rebuilt whenever either changes. */
function templateKey(): string {
  const h = createHash('sha256');
  const add = (dir: string) => {
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
      const p = path.join(dir, f);
      if (!f.endsWith('.test.ts') && fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
    }
  };
  add(migrationsFolder);
  add(path.resolve(import.meta.dirname, '../../src'));
  add(import.meta.dirname);
  return h.digest('hex').slice(0, 16);
}

const key = templateKey();

/** Loads both municipalities' data into a freshly migrated database. */
async function seedAll(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedBoras(database.db);
  await seedTestby(database.db);
}

let pgliteTemplate: Promise<Blob> | null = null;

/** One migrated, seeded PGlite data directory per test run, cached on disk and shared by test files. */
function pgliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = path.join(os.tmpdir(), `motesplats-template-${key}.tar.gz`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const client = await PGlite.create();
    const database = await openDatabase({ pglite: client });
    await seedAll(database);
    const dump = await client.dumpDataDir('gzip');
    await client.close();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    return dump;
  })();
  return pgliteTemplate;
}

let pgTemplate: Promise<string> | null = null;

/** One migrated, seeded PostgreSQL template database per version of the schema and seeds. */
function postgresTemplate(admin: pg.Client): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `motesplats_tmpl_${key}`;
    await admin.query('select pg_advisory_lock(7710)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        await admin.query(`create database ${name}`);
        const url = withDatabase(process.env.TEST_DATABASE_URL as string, name);
        const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
        try {
          await seedAll(database);
        } catch (err) {
          await database.close();
          await admin.query(`drop database if exists ${name} with (force)`);
          throw err;
        }
        await database.close();
      }
    } finally {
      await admin.query('select pg_advisory_unlock(7710)');
    }
    return name;
  })();
  return pgTemplate;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database with both municipalities loaded, on the given engine; `close` removes it. */
export async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const client = await PGlite.create({ loadDataDir: await pgliteDump() });
    return openDatabase({ pglite: client });
  }
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const template = await postgresTemplate(admin);
    const name = `motesplats_t_${randomBytes(6).toString('hex')}`;
    await admin.query(`create database ${name} template ${template}`);
    return dropOnClose(await openDatabase({ databaseUrl: withDatabase(process.env.TEST_DATABASE_URL as string, name), poolSize: 5 }), name);
  } finally {
    await admin.end();
  }
}

/** An empty PostgreSQL database (no migrations), removed on close; for restore tests. */
export async function freshEmptyPostgres(): Promise<Database> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `motesplats_e_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  return dropOnClose(await openDatabase({ databaseUrl: withDatabase(process.env.TEST_DATABASE_URL as string, name), poolSize: 3 }), name);
}

/** The database, with a close that also drops it from the server. */
function dropOnClose(database: Database, name: string): Database {
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type Logger, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.js';

/** The query builder every module uses; the same type inside and outside a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs plain SQL text outside the query builder (backups, tests, queue internals). */
  exec(text: string): Promise<void>;
  /**
   * Runs `fn` while holding a lock that every process on the same database respects (a
   * PostgreSQL advisory lock; PGlite has one process per data directory, so nothing to wait for).
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Sends a message to every process listening on the channel (PostgreSQL NOTIFY; PGlite has no other process). */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Listens on a channel on a connection of its own, reconnecting when it is lost; `onGap` is
   * called after a reconnect, since messages sent meanwhile were missed. Returns a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  /**
   * How many committed write transactions have changed the tenant's data (data_versions): one
   * prepared statement, since every cached page asks it.
   */
  dataVersion(tenantId: string): Promise<number>;
  /** How many queries wait for a connection of the pool now (PGlite's work is on the event loop: none). */
  waiting(): number;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * Counts the SQL statements issued inside `run`, for budgets and N+1 tests. A count may run
 * inside another (a section of a page inside the request): a statement counts in both, and the
 * inner one's total is kept under its name in the outermost (`parts`).
 */
export interface StatementCount {
  count: number;
  parent?: StatementCount;
  /** Statements per named part of the work (the sections of a page), kept on the outermost count. */
  parts?: Map<string, number>;
}
export const statementCounter = new AsyncLocalStorage<StatementCount>();

/** Counts one statement on the running counts (the query builder's are counted by its logger). */
function countStatement(): void {
  for (let s = statementCounter.getStore(); s; s = s.parent) s.count++;
}

const countingLogger: Logger = { logQuery: countStatement };

const DATA_VERSION_SQL = 'select version from data_versions where tenant_id = $1';
const versionOf = (rows: { version: string | number }[]) => Number(rows[0]?.version ?? 0);

/** Runs `work` with its own statement count, recorded under `name` on the request's count. */
export async function countStatementsOf<T>(name: string, work: () => Promise<T>): Promise<T> {
  const parent = statementCounter.getStore();
  if (!parent) return work();
  const mine: StatementCount = { count: 0, parent };
  try {
    return await statementCounter.run(mine, work);
  } finally {
    let root = parent;
    while (root.parent) root = root.parent;
    root.parts ??= new Map();
    root.parts.set(name, (root.parts.get(name) ?? 0) + mine.count);
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** An already opened PGlite instance (tests load one from a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in the data directory. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on next use.
    });
    const db = drizzlePg(pool, { logger: countingLogger }) as unknown as Db;
    const url = opts.databaseUrl;
    return {
      db,
      kind: 'postgres',
      exec: async (text) => {
        await pool.query(text);
      },
      withLock: async (name, fn) => {
        // A session-level lock on a connection of its own, held while `fn` runs on the pool.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(hashtext($1))', [name]);
          try {
            return await fn();
          } finally {
            await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
          }
        } finally {
          client.release();
        }
      },
      notify: async (channel, payload) => {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
      listen: (channel, onMessage, onGap) => listenPg(url, channel, onMessage, onGap),
      dataVersion: async (tenantId) => {
        countStatement();
        // Named: each connection parses and plans it once.
        return versionOf((await pool.query({ name: 'data_version', text: DATA_VERSION_SQL, values: [tenantId] })).rows);
      },
      waiting: () => pool.waitingCount,
      close: () => pool.end(),
    };
  }
  let release = () => {};
  let client = opts.pglite;
  if (!client) {
    const dir = opts.dataDir ?? './data';
    release = lockDataDir(dir);
    try {
      client = await PGlite.create(`${dir.replace(/\/$/, '')}/pgdata`);
    } catch (err) {
      release();
      throw err;
    }
  }
  const pgl = client;
  // PGlite belongs to this process alone (one process per data directory), so every change to its
  // data passes through these methods: a data version read stays true until any other statement
  // starts, and cache hits in a row need not ask the database again.
  let touched = true;
  const known = new Map<string, number>();
  const readVersion = pgl.query.bind(pgl);
  for (const method of ['query', 'exec', 'transaction', 'sql'] as const) {
    const original = (pgl[method] as (...args: unknown[]) => unknown).bind(pgl);
    (pgl as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      touched = true;
      return original(...args);
    };
  }
  const db = drizzlePglite(pgl, { logger: countingLogger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      await pgl.exec(text);
    },
    withLock: (_name, fn) => fn(),
    notify: async () => {},
    listen: async () => async () => {},
    dataVersion: async (tenantId) => {
      if (touched) {
        known.clear();
        touched = false;
      } else {
        const version = known.get(tenantId);
        if (version !== undefined) return version;
      }
      countStatement();
      const version = versionOf((await readVersion<{ version: string | number }>(DATA_VERSION_SQL, [tenantId])).rows);
      // Kept only if nothing else started meanwhile (it might have been a write).
      if (!touched) known.set(tenantId, version);
      return version;
    },
    waiting: () => 0,
    close: async () => {
      if (!pgl.closed) await pgl.close();
      release();
    },
  };
}

/** LISTEN on a dedicated PostgreSQL connection, reconnecting after a second whenever it is lost. */
async function listenPg(url: string, channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (isReconnect: boolean) => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    const retry = () => {
      if (stopped || client !== c) return;
      client = null;
      c.end().catch(() => {});
      timer = setTimeout(() => void connect(true), 1000);
      timer.unref();
    };
    client = c;
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (isReconnect) onGap();
    } catch (err) {
      if (!isReconnect) {
        client = null;
        await c.end().catch(() => {});
        throw err;
      }
      retry();
    }
  };
  await connect(false);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

/** How many migrations the migration stream has, and how many the database has applied. */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  const result = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { expected: journal.entries.length, applied: Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0) };
}

/** Applies every pending migration from the one migration stream. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}

/** The rows of a raw `db.execute` result, on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

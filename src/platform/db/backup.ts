import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, type Db, migrateDatabase, rowsOf } from './index.js';

/**
 * A logical backup: every row of every table in the public schema, as gzip'd JSON lines, in an
 * order that satisfies the foreign keys. The same file restores into PGlite or PostgreSQL, so it
 * also moves a municipality from the embedded database to a server.
 */
const FORMAT = 'motesplats-backup';
const VERSION = 1;
/** At most this many rows in one line of the file… */
const BATCH = 2000;
/** …and about this many bytes: a table of large documents is written a few rows (or one) at a time. */
const BATCH_BYTES = 8 * 1024 * 1024;

interface TableInfo {
  name: string;
  columns: string[];
  key: string[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * What the database keeps of itself and is not copied: the tenants' data versions start again
 * from the restore's own writes (any number serves, as long as every later write advances it).
 */
export const NOT_COPIED = ['data_versions'];

/** The public tables, parents before children, with their stored (not generated) columns and primary key. */
async function tables(db: Db): Promise<TableInfo[]> {
  const names = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`))
    .map((r) => r.name)
    .filter((name) => !NOT_COPIED.includes(name));
  const fks = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select c.relname as child, p.relname as parent
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (fk.child === t) visit(fk.parent);
    ordered.push(t);
  };
  for (const t of names) visit(t);
  const out: TableInfo[] = [];
  for (const name of ordered) {
    const columns = rowsOf<{ column_name: string }>(
      await db.execute(
        sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${name} and is_generated = 'NEVER' order by ordinal_position`,
      ),
    ).map((r) => r.column_name);
    const key = rowsOf<{ attname: string }>(
      await db.execute(sql`
        select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${ident(name)}::regclass and i.indisprimary order by a.attnum`),
    ).map((r) => r.attname);
    out.push({ name, columns, key: key.length ? key : columns });
  }
  return out;
}

/**
 * A table's rows in key order, in batches of at most BATCH rows and about BATCH_BYTES (a row larger
 * than that is a batch of its own), read by keyset: each batch starts after the last key of the one
 * before, so no statement gathers more than one batch, whatever the size of the table.
 */
async function* batches(tx: Db, t: TableInfo): AsyncGenerator<{ json: string; count: number }> {
  const cols = t.columns.map(ident).join(', ');
  const keys = t.key.map((k) => `r.${ident(k)}`).join(', ');
  const keyJson = `json_build_object(${t.key.map((k) => `'${k.replace(/'/g, "''")}', r.${ident(k)}`).join(', ')})`;
  // A key given as JSON is read back with the table's own column types.
  const keyOf = (json: string) =>
    sql`(select ${sql.raw(t.key.map((k) => `p.${ident(k)}`).join(', '))} from json_populate_record(null::${sql.raw(ident(t.name))}, ${json}::json) p)`;
  let after: string | null = null;
  for (;;) {
    const from: SQL = after ? sql`where (${sql.raw(keys)}) > ${keyOf(after)}` : sql``;
    // Sizes first, as stored (pg_column_size of each column reads no large value; JSON of binary
    // data is about twice the stored size), to know where this batch ends.
    const size = t.columns.map((c) => `coalesce(pg_column_size(r.${ident(c)}), 0)::bigint`).join(' + ');
    const sizes: { key: unknown; size: string | number }[] = rowsOf<{ key: unknown; size: string | number }>(
      await tx.execute(
        sql`select ${sql.raw(keyJson)} as key, (${sql.raw(size)}) as size from ${sql.raw(ident(t.name))} r ${from} order by ${sql.raw(keys)} limit ${BATCH}`,
      ),
    );
    if (sizes.length === 0) return;
    let end = 0;
    for (let total = 0; end < sizes.length; end++) {
      total += Number(sizes[end]?.size ?? 0) * 2;
      if (end > 0 && total > BATCH_BYTES) break;
    }
    const last: string = JSON.stringify(sizes[end - 1]?.key);
    // The rows as JSON text, written to the file as they come: never parsed and serialised again here.
    const [row] = rowsOf<{ rows: string | null; n: number }>(
      await tx.execute(
        sql`select '[' || string_agg(row_to_json(r)::text, ',' order by ${sql.raw(keys)}) || ']' as rows, count(*)::int as n from (select ${sql.raw(cols)} from ${sql.raw(ident(t.name))} r ${from}${after ? sql` and` : sql` where`} (${sql.raw(keys)}) <= ${keyOf(last)}) r`,
      ),
    );
    if (!row?.rows || !row.n) return;
    yield { json: row.rows, count: row.n };
    if (sizes.length < BATCH && end === sizes.length) return;
    after = last;
  }
}

/** Writes a backup of the whole database to a file; returns the number of rows per table. */
export async function backupDatabase(database: Database, file: string): Promise<Record<string, number>> {
  const { db } = database;
  // The fastest level: most of a large backup is documents, which compress as well at level 1,
  // and a shorter backup holds its snapshot for less time.
  const gzip = createGzip({ level: 1 });
  const stream = fs.createWriteStream(`${file}.partial`);
  gzip.pipe(stream);
  const writeLine = (line: string) => new Promise<void>((resolve, reject) => gzip.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
  const write = (obj: unknown) => writeLine(JSON.stringify(obj));
  const counts: Record<string, number> = {};
  // One snapshot for the whole file, so rows written meanwhile never break its consistency.
  await db.transaction(
    async (tx) => {
      const migrations = rowsOf<{ hash: string; created_at: string }>(
        await tx.execute(sql`select hash, created_at::text from drizzle.__drizzle_migrations order by id`),
      );
      await write({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), engine: database.kind, migrations: migrations.map((m) => m.hash) });
      for (const t of await tables(tx)) {
        counts[t.name] = 0;
        for await (const batch of batches(tx, t)) {
          await writeLine(`{"table":${JSON.stringify(t.name)},"rows":${batch.json}}`);
          counts[t.name] = (counts[t.name] ?? 0) + batch.count;
        }
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    gzip.end();
  });
  fs.renameSync(`${file}.partial`, file);
  return counts;
}

/**
 * Restores a backup into an empty database: applies the migrations, then inserts every row in
 * one transaction (all or nothing) and moves the id sequences past the restored rows.
 */
export async function restoreDatabase(database: Database, file: string): Promise<Record<string, number>> {
  await migrateDatabase(database);
  const { db } = database;
  const counts: Record<string, number> = {};
  const occupied = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from tenants`))[0]?.n ?? 0;
  if (occupied > 0) throw new Error('The target database already has data; restore only into an empty database.');
  await db.transaction(async (tx) => {
    const info = new Map((await tables(tx)).map((t) => [t.name, t]));
    const applied = rowsOf<{ hash: string }>(await tx.execute(sql`select hash from drizzle.__drizzle_migrations order by id`)).map((m) => m.hash);
    let header = false;
    // The reader is made right before it is read: lines emitted while other work is awaited would be lost.
    const input = fs.createReadStream(file);
    const lines = readline.createInterface({ input: input.pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as { format?: string; version?: number; migrations?: string[]; table?: string; rows?: Record<string, unknown>[] };
        if (!header) {
          if (entry.format !== FORMAT || entry.version !== VERSION) throw new Error('This file is not a Mötesplats backup.');
          const missing = (entry.migrations ?? []).filter((h) => !applied.includes(h));
          if (missing.length) throw new Error('The backup is from a newer version of Mötesplats; upgrade before restoring it.');
          header = true;
          continue;
        }
        const t = info.get(entry.table ?? '');
        if (!t || !entry.rows) throw new Error(`Unknown table in backup: ${entry.table}`);
        const cols = t.columns.filter((c) => c in (entry.rows?.[0] ?? {}));
        const list = cols.map(ident).join(', ');
        await tx.execute(
          sql`${sql.raw(`insert into ${ident(t.name)} (${list}) select ${list} from json_populate_recordset(null::${ident(t.name)}, `)}${JSON.stringify(entry.rows)}::json)`,
        );
        counts[t.name] = (counts[t.name] ?? 0) + entry.rows.length;
      }
    } finally {
      lines.close();
      input.destroy();
    }
    if (!header) throw new Error('The backup file is empty.');
    const serials = rowsOf<{ table_name: string; column_name: string }>(
      await tx.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`),
    );
    for (const s of serials) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${ident(s.table_name)}', '${s.column_name}'), coalesce((select max(${ident(s.column_name)}) from ${ident(s.table_name)}), 0) + 1, false)`,
        ),
      );
    }
  });
  return counts;
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../../../test/helpers/app.js';
import { engines, freshEmptyPostgres } from '../../../test/helpers/db.js';
import { backupDatabase, NOT_COPIED, restoreDatabase } from './backup.js';
import { type Database, openDatabase, rowsOf } from './index.js';

/** A fingerprint of every table: row count and a hash of its rows in key order (generated columns too). */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const names = rowsOf<{ name: string }>(await database.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`))
    .map((r) => r.name)
    .filter((name) => !NOT_COPIED.includes(name));
  const out: Record<string, string> = {};
  for (const name of names) {
    const [row] = rowsOf<{ n: number; h: string | null }>(
      await database.db.execute(sql.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t`)),
    );
    out[name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

for (const engine of engines) {
  describe(`backup and restore from ${engine}`, () => {
    test('a backup restores into a new database, on either engine, with every row the same', async (t) => {
      const ta = await createTestApp(t, engine);
      // Some activity first, so sessions, jobs, audit rows and mail are in the backup too.
      const c = await ta.client().signIn('admin@boras.example');
      await c.post('/admin/orter/ny', { name: 'Kråkered', kind: 'service', covers: 'Kråkered' });
      await ta.client().post('/registrera', { name: 'Ny', email: 'ny@example.se', password: 'ett-långt-lösenord', passwordConfirm: 'ett-långt-lösenord' });
      await ta.drain();
      const before = await fingerprint(ta.database);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-backup-')), 'b.gz');
      t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
      const counts = await backupDatabase(ta.database, file);
      assert.ok((counts.users ?? 0) > 5);

      const target = await openDatabase({ pglite: await PGlite.create() });
      t.after(() => target.close());
      await restoreDatabase(target, file);
      assert.deepEqual(await fingerprint(target), before, 'restored into PGlite');
      await assert.rejects(restoreDatabase(target, file), /already has data/, 'a restore never writes over data');

      if (process.env.TEST_DATABASE_URL) {
        const pgTarget = await freshEmptyPostgres();
        t.after(() => pgTarget.close());
        await restoreDatabase(pgTarget, file);
        assert.deepEqual(await fingerprint(pgTarget), before, 'restored into PostgreSQL');
        // The restored ids go on from where they were: a new audit row gets a fresh id.
        await pgTarget.db.execute(
          sql`insert into audit_log (tenant_id, actor_label, action, record_type, record_id) select id, 'x', 'x', 'x', 'x' from tenants limit 1`,
        );
      }
    });

    test('a backup of fifty 10 MB documents is written a few rows at a time and restores whole', { timeout: 600_000 }, async (t) => {
      const N = 50;
      const ta = await createTestApp(t, engine);
      const db = ta.database.db;
      const [m] = rowsOf<{ id: string; tenant_id: string }>(await db.execute(sql`select id, tenant_id from meetings limit 1`));
      assert.ok(m);
      // One document sent from here, the others copied from it by the database (PGlite takes
      // seconds to receive 10 MB as a parameter); each is a row of its own, stored in full.
      const data = randomBytes(10 * 1024 * 1024);
      await db.execute(sql`insert into meeting_documents (tenant_id, meeting_id, filename, content_type, size_bytes, data, is_public)
        values (${m.tenant_id}, ${m.id}, 'stor-00.pdf', 'application/pdf', ${data.length}, ${data}, true)`);
      await db.execute(sql`insert into meeting_documents (tenant_id, meeting_id, filename, content_type, size_bytes, data, is_public)
        select tenant_id, meeting_id, 'stor-' || lpad(i::text, 2, '0') || '.pdf', content_type, size_bytes, data, is_public
        from meeting_documents, generate_series(1, ${N - 1}) as i where filename = 'stor-00.pdf'`);
      const digests = async (d: Database) =>
        rowsOf<{ filename: string; h: string }>(
          await d.db.execute(sql`select filename, md5(data) as h from meeting_documents where filename like 'stor-%' order by filename`),
        );
      const before = await digests(ta.database);
      assert.equal(before.length, N);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motesplats-backup-')), 'large.gz');
      t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
      const counts = await backupDatabase(ta.database, file);
      assert.ok((counts.meeting_documents ?? 0) >= N);

      const target =
        process.env.TEST_DATABASE_URL && engine === 'postgres' ? await freshEmptyPostgres() : await openDatabase({ pglite: await PGlite.create() });
      t.after(() => target.close());
      await restoreDatabase(target, file);
      assert.deepEqual(await digests(target), before, 'every document came back byte for byte');
    });
  });
}

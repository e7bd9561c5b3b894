import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { engines, freshDatabase } from '../../../test/helpers/db.js';
import { type Actor, visitor } from '../../platform/authz/index.js';
import { rowsOf } from '../../platform/db/index.js';
import { loadActor } from '../accounts/index.js';
import { users } from '../accounts/schema.js';
import { insideCouncilSql, isInsideCouncil } from './inside.js';
import { councilRefSql } from './queries.js';
import { councils } from './schema.js';

for (const engine of engines) {
  describe(`inside a council on ${engine}`, () => {
    test('the JavaScript and SQL forms of "inside this council" agree, for every demo person and every council', async (t) => {
      const database = await freshDatabase(engine);
      t.after(() => database.close());
      const db = database.db;
      const [{ id: tenantId } = { id: '' }] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where slug = 'boras'`));
      const people = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.tenantId, tenantId));
      const actors: [string, Actor][] = [['visitor', visitor(tenantId)]];
      for (const p of people) actors.push([p.email, (await loadActor(db, tenantId, p.id)) as Actor]);
      const all = await db.select({ id: councils.id, slug: councils.slug }).from(councils).where(eq(councils.tenantId, tenantId));
      const seen = new Map<string, Set<string>>();
      for (const [who, actor] of actors) {
        const rows = await db
          .select({
            slug: councils.slug,
            ref: councilRefSql(sql`"councils"."id"`, actor.user?.id ?? null),
            inSql: insideCouncilSql(actor, sql`"councils"."id"`),
          })
          .from(councils)
          .where(and(eq(councils.tenantId, tenantId)));
        assert.equal(rows.length, all.length);
        for (const r of rows) {
          const inJs = isInsideCouncil(actor, r.ref as { id: string; myRoles: string[] });
          assert.equal(inJs, r.inSql === true || (r.inSql as unknown) === 't', `${who} in ${r.slug}: JavaScript says ${inJs}, SQL ${r.inSql}`);
          if (inJs) seen.set(who, new Set([...(seen.get(who) ?? []), r.slug]));
        }
      }
      // What the rule means, on the demo data.
      assert.equal(seen.get('visitor'), undefined, 'a visitor is inside no council');
      assert.equal(seen.get('admin@boras.example')?.size, all.length, 'an administrator is inside every council');
      assert.ok(seen.get('sekreterare@boras.example')?.has('fristad'), 'the secretary is inside her council');
      assert.ok(!seen.get('sekreterare@boras.example')?.has('dalsjofors-toarp'));
      assert.ok(seen.get('kontaktperson@boras.example')?.has('dalsjofors-toarp'), 'a contact person is inside the councils they support');
      assert.ok(seen.get('kontaktperson@boras.example')?.has('kontaktpersoner'));
      assert.equal(seen.get('redaktor@boras.example'), undefined, 'an editor is not inside a council by being an editor');
    });
  });
}

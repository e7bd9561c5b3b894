import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { engines, freshDatabase } from '../../test/helpers/db.js';
import { audit } from './audit/index.js';
import { visitor } from './authz/index.js';
import { rowsOf } from './db/index.js';
import { emit, eventJobName, setSubscribers } from './events.js';
import { defineJob, JobRunner } from './jobs/index.js';

const count = async (db: Parameters<typeof audit>[0], q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await db.execute(q))[0]?.n ?? -1;

for (const engine of engines) {
  describe(`domain events on ${engine}`, () => {
    test('a handler in the transaction commits with the cause and undoes it when it fails; a queued one runs only after a commit', async (t) => {
      const database = await freshDatabase(engine);
      t.after(() => database.close());
      const db = database.db;
      const [{ id: tenantId } = { id: '' }] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where slug = 'boras'`));
      const actor = visitor(tenantId);
      const record = { type: 'user', id: '00000000-0000-4000-8000-000000000001' };
      let failNext = false;
      const queued: unknown[] = [];
      setSubscribers([
        {
          module: 'alpha',
          event: 'accounts.userDisabled',
          run: 'transaction',
          handle: async (tx, event) => {
            if (failNext) throw new Error('the effect cannot be made');
            await audit(tx, actor, 'alpha.saw', record, { userId: (event.payload as { userId: string }).userId });
          },
        },
        { module: 'beta', event: 'accounts.userDisabled', run: 'job' },
      ]);
      const command = () =>
        db.transaction(async (tx) => {
          await audit(tx, actor, 'cause', record);
          await emit(tx, actor, 'accounts.userDisabled', { userId: record.id });
        });
      const causes = () => count(db, sql`select count(*)::int as n from audit_log where action = 'cause'`);
      const effects = () => count(db, sql`select count(*)::int as n from audit_log where action = 'alpha.saw'`);
      const jobs = () => count(db, sql`select count(*)::int as n from jobs where name = ${eventJobName('beta', 'accounts.userDisabled')}`);

      await command();
      assert.deepEqual([await causes(), await effects(), await jobs()], [1, 1, 1], 'the cause, its effect and the queued job commit together');

      failNext = true;
      await assert.rejects(command, /the effect cannot be made/);
      assert.deepEqual([await causes(), await effects(), await jobs()], [1, 1, 1], 'a failing handler undoes the cause, and nothing is queued');

      failNext = false;
      await assert.rejects(
        db.transaction(async (tx) => {
          await emit(tx, actor, 'accounts.userDisabled', { userId: record.id });
          throw new Error('the command changed its mind');
        }),
      );
      assert.equal(await jobs(), 1, 'a rolled-back command queues nothing');

      await assert.rejects(emit(db, actor, 'accounts.userDisabled', { userId: record.id }), /inside the command's transaction/);

      // The process that emitted is gone; a worker started later finds the job and runs it with the event.
      const runner = new JobRunner(db, [defineJob(eventJobName('beta', 'accounts.userDisabled'), async (payload) => void queued.push(payload.event))], {
        warn: () => {},
        error: () => {},
      } as unknown as FastifyBaseLogger);
      // The seeded data set leaves its own modules' jobs queued; this runner knows only beta's, and runs it once.
      await runner.drain();
      assert.equal(queued.length, 1);
      const event = queued[0] as { name: string; tenantId: string; actorId: string | null; payload: { userId: string } };
      assert.equal(event.name, 'accounts.userDisabled');
      assert.equal(event.tenantId, tenantId);
      assert.equal(event.actorId, null);
      assert.equal(event.payload.userId, record.id);
    });
  });
}

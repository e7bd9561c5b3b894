import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/index.js';
import type { Actor } from '../authz/index.js';
import { type Db, rowsOf } from '../db/index.js';
import { countTouched } from '../db/sql-helpers.js';
import type { MessageKey } from '../i18n/index.js';
import { defineRecurring, type RecurringTask } from '../jobs/index.js';
import { retentionSettings } from './schema.js';

/**
 * A kind of record that is removed or made anonymous once it is old enough, declared by the
 * module that keeps it (the platform declares its own): what it is, what happens to it, and the
 * default period the municipality may change.
 */
export interface RetentionKind {
  kind: string;
  label: MessageKey;
  /** What happens when the period has run: removed, or made anonymous (kept without the person). */
  action: 'delete' | 'anonymise';
  /** From what moment the period counts, said to the administrator. */
  from: MessageKey;
  defaultDays: number;
  /**
   * Removes or makes anonymous at most `limit` records of the municipality older than `before`,
   * in the caller's transaction, and says how many; the job calls it again until fewer come back.
   */
  purge(tx: Db, tenantId: string, before: Date, limit: number): Promise<number>;
}

/** How many records one transaction of the job handles: short transactions, no long locks. */
export const RETENTION_BATCH = 500;

/** The longest period an administrator can set: a hundred years. */
export const MAX_RETENTION_DAYS = 36500;

/** A kind with the period in force in one municipality. */
export interface RetentionPeriod {
  kind: RetentionKind;
  days: number;
  /** Whether the municipality set it (otherwise the default applies). */
  own: boolean;
}

/** The periods in force in a municipality, for every declared kind (one statement). */
export async function listRetentionPeriods(db: Db, tenantId: string, kinds: RetentionKind[]): Promise<RetentionPeriod[]> {
  const rows = await db.select().from(retentionSettings).where(eq(retentionSettings.tenantId, tenantId));
  const set = new Map(rows.map((r) => [r.kind, r.days]));
  return kinds.map((kind) => {
    const own = set.get(kind.kind);
    return { kind, days: own ?? kind.defaultDays, own: own !== undefined };
  });
}

/** The administrator's form: one optional number of days per kind (empty: the default). */
export function retentionInput(kinds: RetentionKind[]) {
  return z.object(
    Object.fromEntries(
      kinds.map((k) => [
        k.kind,
        z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
          z.coerce
            .number({ message: 'platform.retention.notANumber' })
            .int('platform.retention.notANumber')
            .min(1, 'platform.retention.tooShort')
            .max(MAX_RETENTION_DAYS, 'platform.retention.tooLong')
            .optional(),
        ),
      ]),
    ),
  );
}

/** Saves a municipality's periods (an empty field goes back to the default), with one audit row, in one transaction. */
export async function saveRetentionPeriods(db: Db, actor: Actor, kinds: RetentionKind[], input: Record<string, number | undefined>): Promise<void> {
  await db.transaction(async (tx) => {
    for (const k of kinds) {
      const days = input[k.kind];
      if (days === undefined) {
        await tx.delete(retentionSettings).where(and(eq(retentionSettings.tenantId, actor.tenantId), eq(retentionSettings.kind, k.kind)));
      } else {
        await tx
          .insert(retentionSettings)
          .values({ tenantId: actor.tenantId, kind: k.kind, days })
          .onConflictDoUpdate({ target: [retentionSettings.tenantId, retentionSettings.kind], set: { days, updatedAt: new Date() } });
      }
    }
    await audit(tx, actor, 'retention.update', { type: 'retention', id: actor.tenantId }, { periods: input });
  });
}

/**
 * Applies every municipality's periods: for each kind, batches of RETENTION_BATCH in transactions
 * of their own until no more are due, and one audit row per kind saying what was done. Safe to run
 * twice at once (a record already gone is not counted again) and to stop half way.
 */
export async function applyRetention(db: Db, kinds: RetentionKind[], now: Date): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const tenantIds = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants order by id`)).map((r) => r.id);
  for (const tenantId of tenantIds) {
    for (const period of await listRetentionPeriods(db, tenantId, kinds)) {
      const before = new Date(now.getTime() - period.days * 86_400_000);
      let total = 0;
      for (;;) {
        const n = await db.transaction(async (tx) => {
          const count = await period.kind.purge(tx, tenantId, before, RETENTION_BATCH);
          if (count > 0) {
            await audit(
              tx,
              { tenantId, user: null, roles: [] },
              `retention.${period.kind.action}`,
              { type: 'retention', id: period.kind.kind },
              { count, before: before.toISOString(), days: period.days },
            );
          }
          return count;
        });
        total += n;
        if (n < RETENTION_BATCH) break;
      }
      if (total > 0) done[`${tenantId}:${period.kind.kind}`] = total;
    }
  }
  return done;
}

/** The recurring job that applies the periods, hourly, by the service clock. */
export function retentionTask(kinds: () => RetentionKind[], clock: () => Date): RecurringTask {
  return defineRecurring('platform.retention', 60 * 60 * 1000, (db) => applyRetention(db, kinds(), clock()));
}

/** A purge of the rows of one of the platform's tables made before the moment, oldest first by id. */
const madeBefore =
  (table: string): RetentionKind['purge'] =>
  (tx, tenantId, before, limit) =>
    countTouched(
      tx,
      sql`delete from ${sql.identifier(table)} where id in (select id from ${sql.identifier(table)}
        where tenant_id = ${tenantId} and created_at < ${before} order by id limit ${limit}) returning 1`,
    );

/** The platform's own kinds: the audit log, notifications, and mail kept in the development outbox. */
export const platformRetention: RetentionKind[] = [
  {
    kind: 'platform.auditLog',
    label: 'platform.retention.kinds.auditLog',
    action: 'delete',
    from: 'platform.retention.from.created',
    defaultDays: 3 * 365,
    purge: madeBefore('audit_log'),
  },
  {
    kind: 'platform.notifications',
    label: 'platform.retention.kinds.notifications',
    action: 'delete',
    from: 'platform.retention.from.created',
    defaultDays: 180,
    purge: madeBefore('notifications'),
  },
  {
    kind: 'platform.outbox',
    label: 'platform.retention.kinds.outbox',
    action: 'delete',
    from: 'platform.retention.from.created',
    defaultDays: 90,
    purge: madeBefore('dev_outbox'),
  },
];

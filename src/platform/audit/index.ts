import { and, desc, eq, gte, ilike, lt, or } from 'drizzle-orm';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { pageOf } from '../db/keyset.js';
import { escapeLike } from '../db/sql-helpers.js';
import { auditLog } from './schema.js';

/** Records who changed what, in the caller's transaction, so the row commits with the change. */
export async function audit(tx: Db, actor: Actor, action: string, record: { type: string; id: string }, details: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorId: actor.user?.id ?? null,
    actorLabel: actor.user ? `${actor.user.name} <${actor.user.email}>` : 'system',
    action,
    recordType: record.type,
    recordId: record.id,
    details,
  });
}

export interface AuditFilter {
  person?: string;
  record?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: the id of the last row on the previous page. */
  before?: number;
}

export type AuditEntry = typeof auditLog.$inferSelect;

export const AUDIT_PAGE_SIZE = 25;

/** Lists a tenant's audit rows, newest first, filtered by person, record and date, one page at a time. */
export async function listAuditEntries(db: Db, tenantId: string, f: AuditFilter): Promise<{ rows: AuditEntry[]; next?: number }> {
  const conditions = [eq(auditLog.tenantId, tenantId)];
  if (f.person) conditions.push(ilike(auditLog.actorLabel, `%${escapeLike(f.person)}%`));
  if (f.record) {
    const rec = or(eq(auditLog.recordId, f.record), eq(auditLog.recordType, f.record), ilike(auditLog.action, `${escapeLike(f.record)}%`));
    if (rec) conditions.push(rec);
  }
  if (f.from) conditions.push(gte(auditLog.createdAt, f.from));
  if (f.to) conditions.push(lt(auditLog.createdAt, f.to));
  // Ids grow with time, so paging by id alone is a keyset over the newest-first order.
  if (f.before) conditions.push(lt(auditLog.id, f.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return pageOf(rows, AUDIT_PAGE_SIZE, (last) => last.id);
}

/** Every audit row about one person's own actions, for their data export. */
export async function listAuditEntriesByActor(db: Db, tenantId: string, actorId: string): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.id))
    .limit(5000);
}

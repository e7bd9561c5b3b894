import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.js';
import type { AgendaItem, DocumentInfo } from '../core/access.js';
import { agendaItems, meetingDocuments } from '../core/schema.js';

/** A meeting's agenda in order. */
export function listAgenda(db: Db, meetingId: string): Promise<AgendaItem[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

const documentInfo = {
  id: meetingDocuments.id,
  tenantId: meetingDocuments.tenantId,
  meetingId: meetingDocuments.meetingId,
  agendaItemId: meetingDocuments.agendaItemId,
  filename: meetingDocuments.filename,
  contentType: meetingDocuments.contentType,
  sizeBytes: meetingDocuments.sizeBytes,
  isPublic: meetingDocuments.isPublic,
  uploadedBy: meetingDocuments.uploadedBy,
  createdAt: meetingDocuments.createdAt,
  updatedAt: meetingDocuments.updatedAt,
};

/** A meeting's documents without their contents; the non-public ones only when asked for. */
export function listDocuments(db: Db, meetingId: string, includeInternal: boolean): Promise<DocumentInfo[]> {
  return db
    .select(documentInfo)
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), includeInternal ? undefined : eq(meetingDocuments.isPublic, true)))
    .orderBy(asc(meetingDocuments.createdAt));
}

/** One document with its contents. */
export async function getDocument(db: Db, meetingId: string, id: string): Promise<typeof meetingDocuments.$inferSelect | null> {
  const [row] = await db
    .select()
    .from(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.id, id)))
    .limit(1);
  return row ?? null;
}

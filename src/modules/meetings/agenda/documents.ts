import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { cleanFilename, DOCUMENT_KINDS, detectFileType, type FileKind } from '../../../platform/http/uploads.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { MeetingAccess } from '../core/access.js';
import { agendaItems, meetingDocuments } from '../core/schema.js';

/** The largest document a meeting takes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The kinds of document a meeting takes, recognised by their contents (and the name's extension agreeing). */
const KINDS: FileKind[] = DOCUMENT_KINDS;

export interface UploadedFile {
  filename: string;
  data: Uint8Array;
  truncated: boolean;
}

/** Attaches a document to a meeting or one of its agenda items, after checking its size and kind. */
export async function addDocument(
  db: Db,
  actor: Actor,
  access: MeetingAccess,
  file: UploadedFile | null,
  opts: { agendaItemId: string | null; isPublic: boolean },
): Promise<Result<{ id: string }>> {
  if (!file || file.data.length === 0) return fail('file', 'meetings.errors.fileMissing');
  if (file.truncated || file.data.length > MAX_DOCUMENT_BYTES) return fail('file', 'meetings.errors.fileTooLarge', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 });
  const filename = cleanFilename(file.filename);
  const contentType = await detectFileType(filename, file.data, KINDS);
  if (!contentType) return fail('file', 'meetings.errors.fileType');
  return db.transaction(async (tx) => {
    if (opts.agendaItemId) {
      const [item] = await tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, opts.agendaItemId), eq(agendaItems.meetingId, access.meeting.id)));
      if (!item) return fail<{ id: string }>('agendaItemId', 'platform.errors.choice');
    }
    const [row] = await tx
      .insert(meetingDocuments)
      .values({
        tenantId: actor.tenantId,
        meetingId: access.meeting.id,
        agendaItemId: opts.agendaItemId,
        filename,
        contentType,
        sizeBytes: file.data.length,
        data: file.data,
        isPublic: opts.isPublic,
        uploadedBy: actor.user?.id ?? null,
      })
      .returning({ id: meetingDocuments.id });
    if (!row) throw new Error('document not saved');
    await audit(tx, actor, 'meeting.document.add', { type: 'meeting', id: access.meeting.id }, { document: row.id, filename, size: file.data.length });
    return ok(row);
  });
}

/** Removes a document from a meeting. */
export async function removeDocument(db: Db, actor: Actor, access: MeetingAccess, documentId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(meetingDocuments)
      .where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, access.meeting.id)))
      .returning({ filename: meetingDocuments.filename });
    if (!gone) return false;
    await audit(tx, actor, 'meeting.document.remove', { type: 'meeting', id: access.meeting.id }, { document: documentId, filename: gone.filename });
    return true;
  });
}

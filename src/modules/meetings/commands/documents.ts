import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.js';
import type { Actor } from '../../../platform/authz/index.js';
import type { Db } from '../../../platform/db/index.js';
import { fail, ok, type Result } from '../../../platform/result.js';
import type { MeetingAccess } from '../queries.js';
import { agendaItems, meetingDocuments } from '../schema.js';

/** The largest document a meeting takes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The kinds of document a meeting takes, recognised by their first bytes rather than by their name. */
const KINDS: { type: string; ext: string[]; magic: (b: Uint8Array) => boolean }[] = [
  { type: 'application/pdf', ext: ['pdf'], magic: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  { type: 'image/png', ext: ['png'], magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  // Office Open XML and OpenDocument files are zip archives.
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: ['docx'],
    magic: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: ['xlsx'],
    magic: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  { type: 'application/vnd.oasis.opendocument.text', ext: ['odt'], magic: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
];

/** A safe file name to keep and to offer when downloading: no paths, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '')
    .trim()
    .slice(-150);
  return cleaned || 'dokument';
}

/** The document's real type, or null when its contents are not one of the kinds a meeting takes. */
export function documentType(filename: string, data: Uint8Array): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const kind = KINDS.find((k) => k.ext.includes(ext) && k.magic(data));
  return kind?.type ?? null;
}

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
  const contentType = documentType(filename, file.data);
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

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { fail, ok, type Result } from '../result.js';

/** The largest file a form takes; a module refuses smaller ones by its own rule. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file from a multipart form, read into memory; `truncated` when it was over the limit. */
export interface UploadedFilePart {
  /** The form field it was chosen in. */
  field: string;
  filename: string;
  data: Buffer;
  truncated: boolean;
}

/** What a multipart form held: its text fields and its files (`file`: the first, for forms that take one). */
export interface Upload {
  fields: Record<string, string>;
  file: UploadedFilePart | null;
  files: UploadedFilePart[];
  /** Set when the form's CSRF token was refused and the route asked for its fields anyway (`keepFieldsWhenRefused`): no file was read. */
  refused?: boolean;
}

/**
 * Reads a multipart form of a route that takes files (`config: { uploads: true }`), after the
 * handler has authorised the person. The fields before the file are read first and the form's
 * CSRF token among them is checked before a byte of the file is read, so a refused post is never
 * read in full. Forms put their `_csrf` field first, as `Form` renders it.
 */
export async function readUpload(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, opts: ReadOptions = {}): Promise<Upload> {
  const max = opts.maxFiles ?? 1;
  const fields: Record<string, string> = {};
  const files: UploadedFilePart[] = [];
  let checked = false;
  let refused = false;
  const check = async () => {
    if (checked) return;
    (req as { body: unknown }).body = fields;
    try {
      await checkCsrf(app, req, reply);
    } catch (err) {
      if (!opts.keepFieldsWhenRefused) throw err;
      refused = true;
    }
    checked = true;
  };
  // One more than the form takes is read, so the route can say there were too many; the rest (up to twenty) are drained unread.
  for await (const part of req.parts({ limits: { files: Math.max(max + 2, 20) } })) {
    if (part.type === 'field') {
      if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
      continue;
    }
    await check();
    if (refused || files.length > max) {
      part.file.resume();
      continue;
    }
    const data = await part.toBuffer();
    // A file field left empty is sent as a nameless, empty part: no file.
    if (data.length === 0 && !part.filename && !part.file.truncated) continue;
    files.push({ field: part.fieldname, filename: part.filename, data, truncated: part.file.truncated });
  }
  await check();
  return refused ? { fields, file: null, files: [], refused } : { fields, file: files[0] ?? null, files };
}

interface ReadOptions {
  maxFiles?: number;
  /** Read the text fields even when the CSRF token is refused (a session that ran out), and say so, instead of throwing; files are then not read. */
  keepFieldsWhenRefused?: boolean;
}

/** Checks the form's CSRF token in `req.body`, as the plugin does for forms without files; throws the plugin's refusal. */
function checkCsrf(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // The plugin answers a refusal by sending the error on the reply: catch it as a rejection instead.
    const probe = { unsignCookie: reply.unsignCookie.bind(reply), send: (err: Error) => reject(err) };
    app.csrfProtection(req, probe as unknown as FastifyReply, () => resolve());
  });
}

/**
 * A form that may hold a file (`config: { uploads: true }`) sent either way: as multipart, read by
 * `readUpload`, or as a plain form without the file (a client that sends no file), whose CSRF
 * token is checked here since the plugin leaves it to the route.
 */
export async function readForm(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, opts: ReadOptions = {}): Promise<Upload> {
  if (req.isMultipart()) return readUpload(app, req, reply, opts);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
  try {
    await checkCsrf(app, req, reply);
  } catch (err) {
    if (!opts.keepFieldsWhenRefused) throw err;
    return { fields, file: null, files: [], refused: true };
  }
  return { fields, file: null, files: [] };
}

/** The kinds of file the service takes: the type the contents show, and the extensions a name may have for it. */
export interface FileKind {
  type: string;
  ext: string[];
}

/**
 * The file's real type among `kinds`, or null: the contents decide (file-type reads the first bytes
 * and, for zip-based office files, the archive's entries) and the name's extension must agree.
 * A zip holding anything else, renamed `.docx`, is not a Word document.
 */
export async function detectFileType(filename: string, data: Uint8Array, kinds: FileKind[]): Promise<string | null> {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const found = await fileTypeFromBuffer(data);
  if (!found) return null;
  const kind = kinds.find((k) => k.type === found.mime && k.ext.includes(ext));
  return kind?.type ?? null;
}

/** A safe file name to keep and to offer when downloading: no paths, no control or bidirectional characters. */
export function cleanFilename(name: string, fallback = 'dokument'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"<>:|?*]/g, '')
    .trim()
    .slice(-150);
  return cleaned.replace(/^\.+/, '') || fallback;
}

/** The documents the service takes (PDF, images, Word, Excel and OpenDocument text), known by their contents. */
export const DOCUMENT_KINDS: FileKind[] = [
  { type: 'application/pdf', ext: ['pdf'] },
  { type: 'image/png', ext: ['png'] },
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'] },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'] },
  { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'] },
  { type: 'application/vnd.oasis.opendocument.text', ext: ['odt'] },
];

/** The images the service takes (photos, illustrations): PNG, JPEG and WebP, known by their contents. */
export const IMAGE_KINDS: FileKind[] = [
  { type: 'image/png', ext: ['png'] },
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'] },
  { type: 'image/webp', ext: ['webp'] },
];

/**
 * A chosen image checked against its form field: nothing chosen is null; one that is too large or
 * not an image is the field's error, with the message keys the form gives.
 */
export async function checkImage(
  file: { filename: string; data: Uint8Array; truncated: boolean } | null,
  rule: { field: string; maxBytes: number; tooLarge: string; wrongType: string },
): Promise<Result<{ contentType: string; data: Uint8Array } | null>> {
  if (!file || (file.data.length === 0 && !file.truncated && !file.filename)) return ok(null);
  if (file.truncated || file.data.length > rule.maxBytes) return fail(rule.field, rule.tooLarge, { max: rule.maxBytes / 1024 / 1024 });
  if (file.data.length === 0) return ok(null);
  const contentType = await detectFileType(file.filename, file.data, IMAGE_KINDS);
  if (!contentType) return fail(rule.field, rule.wrongType);
  return ok({ contentType, data: file.data });
}

/**
 * Sends a stored file as what it is and never as a page of ours: its checked type, a name the
 * browser offers when saving (PDFs and images shown inline, the rest downloaded), no sniffing, and a
 * sandbox so nothing in it runs with the service's origin. `cache`: public files may be kept a while.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { filename: string; contentType: string; data: Uint8Array },
  cache: 'public' | 'private',
): FastifyReply {
  const inline = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cache === 'public' ? 'public, max-age=300' : 'private, no-store')
    .send(Buffer.from(file.data));
}

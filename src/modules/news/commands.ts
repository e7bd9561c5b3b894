import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import { type Actor, ForbiddenError } from '../../platform/authz/index.js';
import type { Db } from '../../platform/db/index.js';
import { isUniqueViolation, sameVersion, slugify } from '../../platform/db/sql-helpers.js';
import { emit } from '../../platform/events.js';
import { checkbox, optionalText } from '../../platform/http/fields.js';
import { checkImage } from '../../platform/http/uploads.js';
import { fail, ok, type Result } from '../../platform/result.js';
import { localToUtc } from '../../platform/time.js';
import { renderBody } from './body.js';
import { canWrite, type NewsAccess, type NewsSource } from './policy.js';
import { newsImages, newsItems } from './schema.js';

/** The largest image a news item takes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const NewsInput = z.object({
  title: z.string().trim().min(1).max(200),
  lead: z.string().trim().min(1).max(600),
  body: optionalText(20_000),
  status: z.enum(['draft', 'published']),
  /** Empty: at once when published. */
  publishDate: z
    .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'platform.errors.date')])
    .optional()
    .default(''),
  publishTime: z
    .union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'news.errors.time')])
    .optional()
    .default(''),
  imageAlt: optionalText(300),
  removeImage: checkbox,
});
export type NewsInput = z.infer<typeof NewsInput>;

export interface ImageFile {
  filename: string;
  data: Uint8Array;
  truncated: boolean;
}

/** A checked image, or the field's error. */
const checkNewsImage = (file: ImageFile | null) =>
  checkImage(file, { field: 'image', maxBytes: MAX_IMAGE_BYTES, tooLarge: 'news.errors.imageTooLarge', wrongType: 'news.errors.imageType' });

/** When it comes out: the date and time given (in the tenant's time zone), or now. */
function publicationTime(input: NewsInput, timeZone: string): Result<Date | null> {
  if (input.status === 'draft' && !input.publishDate) return ok(null);
  if (!input.publishDate) return ok(new Date());
  const at = localToUtc(input.publishDate, input.publishTime || '00:00', timeZone);
  return at ? ok(at) : fail('publishDate', 'platform.errors.date');
}

/**
 * Writes a news item of the municipality or of a council, new or changed, with its image, in one
 * transaction; a publication (now or for later) is announced so followers hear of it once it is out.
 */
export async function saveNews(
  db: Db,
  actor: Actor,
  source: NewsSource,
  input: NewsInput,
  file: ImageFile | null,
  opts: { timeZone: string; existing?: NewsAccess; version?: Date },
): Promise<Result<{ slug: string }>> {
  if (!canWrite(actor, source)) throw new ForbiddenError();
  const image = await checkNewsImage(file);
  if (!image.ok) return image;
  const hasImage = image.value !== null || (Boolean(opts.existing?.item.imageBytes) && !input.removeImage);
  if (hasImage && !input.imageAlt) return fail('imageAlt', 'news.errors.altRequired');
  const when = publicationTime(input, opts.timeZone);
  if (!when.ok) return when;
  const columns = {
    title: input.title,
    lead: input.lead,
    body: input.body,
    bodyHtml: renderBody(input.body),
    status: input.status,
    publishAt: when.value,
    imageAlt: hasImage ? input.imageAlt : null,
    imageBytes: image.value ? image.value.data.length : hasImage ? (opts.existing?.item.imageBytes ?? null) : null,
    updatedAt: new Date(),
  };
  const before = opts.existing?.item;
  try {
    return await db.transaction(async (tx) => {
      let id: string;
      let slug: string;
      if (before) {
        const [row] = await tx
          .update(newsItems)
          .set(columns)
          .where(
            and(eq(newsItems.id, before.id), eq(newsItems.tenantId, actor.tenantId), opts.version ? sameVersion(newsItems.updatedAt, opts.version) : undefined),
          )
          .returning({ id: newsItems.id, slug: newsItems.slug });
        if (!row) return fail<{ slug: string }>('_form', 'platform.errors.stale');
        ({ id, slug } = row);
      } else {
        const base = slugify(input.title).slice(0, 80) || 'nyhet';
        const [row] = await tx
          .insert(newsItems)
          .values({ ...columns, tenantId: actor.tenantId, councilId: source.council?.id ?? null, slug: base, authorId: actor.user?.id ?? null })
          .onConflictDoNothing()
          .returning({ id: newsItems.id, slug: newsItems.slug });
        // The same title again gets its own address.
        const made =
          row ??
          (
            await tx
              .insert(newsItems)
              .values({
                ...columns,
                tenantId: actor.tenantId,
                councilId: source.council?.id ?? null,
                slug: `${base}-${randomBytes(3).toString('hex')}`,
                authorId: actor.user?.id ?? null,
              })
              .returning({ id: newsItems.id, slug: newsItems.slug })
          )[0];
        if (!made) throw new Error('news item not written');
        ({ id, slug } = made);
      }
      if (image.value) {
        await tx
          .insert(newsImages)
          .values({ newsId: id, tenantId: actor.tenantId, ...image.value })
          .onConflictDoUpdate({ target: newsImages.newsId, set: { ...image.value, updatedAt: new Date() } });
      } else if (!hasImage && before?.imageBytes) {
        await tx.delete(newsImages).where(eq(newsImages.newsId, id));
      }
      await audit(tx, actor, before ? 'news.update' : 'news.create', { type: 'news', id }, { status: input.status, publishAt: when.value });
      // Announced when it becomes published, or when its publication time moves.
      const newlyOut = columns.status === 'published' && (before?.status !== 'published' || before.publishAt?.getTime() !== columns.publishAt?.getTime());
      if (newlyOut && columns.publishAt) {
        await emit(tx, actor, 'news.published', { newsId: id, councilId: source.council?.id ?? null, publishAt: columns.publishAt.toISOString() });
      }
      return ok({ slug });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return fail('title', 'platform.errors.slugTaken');
    throw err;
  }
}

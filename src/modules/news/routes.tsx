import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, ForbiddenError, NotFoundError, SignInRequiredError, visitor } from '../../platform/authz/index.js';
import { echoBody, formOf, formVersion, formWithErrors, parseForm } from '../../platform/http/forms.js';
import { SHARED_PAGE } from '../../platform/http/render-cache.js';
import { readUpload } from '../../platform/http/uploads.js';
import { cursorFrom, Slug, TimeCursorQuery } from '../../platform/http/validation.js';
import type { AppServices } from '../../platform/module.js';
import { localParts } from '../../platform/time.js';
import { jsonForScript } from '../../platform/views/json-ld.js';
import { councilPolicy, getCouncilBySlug, listCouncils } from '../councils/index.js';
import { atomFeed, newsArticle } from './atom.js';
import { NewsInput, saveNews } from './commands.js';
import { MUNICIPALITY, newsFeedFromPath, newsFeedPath, newsFromPath, newsImagePath, newsListPath, newsPath } from './paths.js';
import { canWrite, type NewsAccess, type NewsSource, newsPolicy } from './policy.js';
import { getNewsBySlug, getNewsImage, listNews, listNewsForFeed } from './queries.js';
import { NewsFormPage, NewsListPage, NewsPage } from './views.js';

const FromQuery = {
  fran: z
    .union([z.literal(MUNICIPALITY), Slug])
    .optional()
    .catch(undefined),
};
const ListQuery = z.object({ ...FromQuery, ...TimeCursorQuery });
const SourceQuery = z.object(FromQuery);

/**
 * Whose news a filter or a new item names: '' all, `kommunen` the municipality, else a council the
 * actor may see (a private network is not found by anyone outside it).
 */
async function sourceOf(db: AppServices['db'], req: FastifyRequest, from: string | undefined): Promise<NewsSource | 'all'> {
  if (!from) return 'all';
  if (from === MUNICIPALITY) return { council: null };
  const found = await getCouncilBySlug(db, req.actor, from);
  if (!found || !can(councilPolicy, req.actor, 'view', found)) throw new NotFoundError();
  const c = found.council;
  return { council: { id: c.id, slug: c.slug, name: c.name, isPublic: c.isPublic, myRoles: found.myRoles } };
}

function formValues(a: NewsAccess, timeZone: string) {
  const n = a.item;
  const local = n.publishAt ? localParts(n.publishAt, timeZone) : null;
  return formOf({
    title: n.title,
    lead: n.lead,
    body: n.body,
    status: n.status,
    publishDate: local?.date ?? '',
    publishTime: local?.time ?? '',
    imageAlt: n.imageAlt ?? '',
  });
}

/** News of the municipality and the councils: the lists, the feeds, the pages and the forms. */
export function newsRoutes(app: FastifyInstance, { db, translator, config }: AppServices): void {
  const baseOf = (req: FastifyRequest) => req.tenant.baseUrl ?? config.baseUrl;
  const mayWrite = (req: FastifyRequest, source: NewsSource) => {
    if (canWrite(req.actor, source)) return;
    if (!req.actor.user) throw new SignInRequiredError();
    throw new ForbiddenError();
  };

  app.get(newsListPath, { ...SHARED_PAGE, schema: { querystring: ListQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof ListQuery>;
    const source = await sourceOf(db, req, q.fran);
    const before = cursorFrom(q);
    const [page, councils] = await Promise.all([
      listNews(db, req.actor, { councilId: source === 'all' ? undefined : (source.council?.id ?? null), before }),
      listCouncils(db, req.actor),
    ]);
    const sources = [
      { value: MUNICIPALITY, label: req.t('news.municipality', { name: req.tenant.name }) },
      ...councils.map((c) => ({ value: c.slug, label: c.name })),
    ];
    return reply.render((ctx) => (
      <NewsListPage
        ctx={ctx}
        rows={page.rows}
        sources={sources}
        from={q.fran ?? ''}
        next={page.next}
        isFirst={!before}
        canWriteMunicipal={canWrite(req.actor, { council: null })}
      />
    ));
  });

  // Feeds are the same for everyone: what a visitor sees, whoever asks (a feed reader carries no session).
  app.get(newsFeedPath, { schema: { querystring: SourceQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof SourceQuery>;
    const asVisitor = { ...req, actor: visitor(req.tenant.id) } as FastifyRequest;
    const source = await sourceOf(db, asVisitor, q.fran);
    const items = await listNewsForFeed(db, asVisitor.actor, source === 'all' ? undefined : (source.council?.id ?? null));
    const t = translator.t(req.lang);
    const whose = source === 'all' ? null : source.council ? source.council.name : t('news.municipality', { name: req.tenant.name });
    const body = atomFeed({
      base: baseOf(req),
      selfPath: q.fran ? newsFeedFromPath(q.fran) : newsFeedPath,
      alternatePath: q.fran ? newsFromPath(q.fran) : newsListPath,
      title: whose ? t('news.feedTitleOf', { whose }) : t('news.feedTitle', { name: req.tenant.name }),
      author: t('news.municipality', { name: req.tenant.name }),
      lang: req.lang,
      items,
    });
    return reply.header('cache-control', 'public, max-age=300').type('application/atom+xml; charset=utf-8').send(body);
  });

  app.get('/nyheter/ny', { schema: { querystring: SourceQuery } }, async (req, reply) => {
    const q = req.query as z.output<typeof SourceQuery>;
    const source = await sourceOf(db, req, q.fran ?? MUNICIPALITY);
    if (source === 'all') throw new NotFoundError();
    mayWrite(req, source);
    return reply.render((ctx) => <NewsFormPage ctx={ctx} source={source} form={formOf({ status: 'published' })} />);
  });

  app.post('/nyheter/ny', { schema: { querystring: SourceQuery }, config: { uploads: true } }, async (req, reply) => {
    const q = req.query as z.output<typeof SourceQuery>;
    const source = await sourceOf(db, req, q.fran ?? MUNICIPALITY);
    if (source === 'all') throw new NotFoundError();
    mayWrite(req, source);
    const { fields, file } = await readUpload(app, req, reply);
    const parsed = parseForm(NewsInput, fields, translator.has);
    if (!parsed.ok) return reply.render((ctx) => <NewsFormPage ctx={ctx} source={source} form={parsed.form} />, 422);
    const result = await saveNews(db, req.actor, source, parsed.data, file, { timeZone: req.tenant.timeZone });
    if (!result.ok) {
      const form = formWithErrors(echoBody(fields), result.errors);
      return reply.render((ctx) => <NewsFormPage ctx={ctx} source={source} form={form} />, file?.truncated ? 413 : 422);
    }
    return reply.flash('news.saved').redirect(newsPath(result.value), 303);
  });

  const loadVisible = async (req: FastifyRequest<{ Params: { slug: string } }>, action: 'view' | 'edit') => {
    const access = await getNewsBySlug(db, req.actor, req.params.slug);
    if (!access) throw new NotFoundError();
    authorize(newsPolicy, req.actor, action, access);
    return access;
  };

  app.get<{ Params: { slug: string } }>('/nyheter/:slug', SHARED_PAGE, async (req, reply) => {
    const access = await loadVisible(req, 'view');
    const n = access.item;
    const data = newsArticle({
      base: baseOf(req),
      item: n,
      imagePath: n.imageBytes ? newsImagePath(n) : undefined,
      publisher: req.t('news.municipality', { name: req.tenant.name }),
      author: access.council?.name ?? req.t('news.municipality', { name: req.tenant.name }),
    });
    const canEdit = canWrite(req.actor, access);
    // Drafts and scheduled items are seen by those who write them only: never kept by a shared cache.
    if (canEdit) reply.header('cache-control', 'private, no-store');
    return reply.render((ctx) => <NewsPage ctx={ctx} access={access} canEdit={canEdit} jsonLd={jsonForScript(data)} />);
  });

  app.get<{ Params: { slug: string } }>('/nyheter/:slug/bild', async (req, reply) => {
    const access = await loadVisible(req, 'view');
    const image = access.item.imageBytes ? await getNewsImage(db, req.tenant.id, access.item.id) : null;
    if (!image) throw new NotFoundError();
    return reply
      .header('cache-control', 'private, max-age=3600')
      .header('content-security-policy', "default-src 'none'")
      .type(image.contentType)
      .send(Buffer.from(image.data));
  });

  app.get<{ Params: { slug: string } }>('/nyheter/:slug/redigera', async (req, reply) => {
    const access = await loadVisible(req, 'edit');
    return reply.render((ctx) => <NewsFormPage ctx={ctx} source={access} form={formValues(access, req.tenant.timeZone)} existing={access} />);
  });

  app.post<{ Params: { slug: string } }>('/nyheter/:slug', { config: { uploads: true } }, async (req, reply) => {
    const access = await loadVisible(req, 'edit');
    const { fields, file } = await readUpload(app, req, reply);
    const parsed = parseForm(NewsInput, fields, translator.has);
    if (!parsed.ok) return reply.render((ctx) => <NewsFormPage ctx={ctx} source={access} form={parsed.form} existing={access} />, 422);
    const result = await saveNews(db, req.actor, access, parsed.data, file, {
      timeZone: req.tenant.timeZone,
      existing: access,
      version: formVersion(fields),
    });
    if (!result.ok) {
      const form = formWithErrors(echoBody(fields), result.errors);
      return reply.render(
        (ctx) => <NewsFormPage ctx={ctx} source={access} form={form} existing={access} />,
        file?.truncated ? 413 : result.errors._form ? 409 : 422,
      );
    }
    return reply.flash('news.saved').redirect(newsPath(result.value), 303);
  });
}

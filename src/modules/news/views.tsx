import type { Cursor } from '../../platform/db/keyset.js';
import type { FormState } from '../../platform/http/forms.js';
import { cursorQuery } from '../../platform/http/validation.js';
import { formatDate, formatDateTime } from '../../platform/i18n/index.js';
import {
  Checkbox,
  ErrorSummary,
  FileField,
  Form,
  Pagination,
  SelectField,
  Submit,
  TextArea,
  TextField,
  VersionField,
  withQuery,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { councilPath } from '../councils/index.js';
import { MAX_IMAGE_BYTES } from './commands.js';
import { MUNICIPALITY, newNewsPath, newsEditPath, newsFeedFromPath, newsFeedPath, newsFromPath, newsImagePath, newsListPath, newsPath } from './paths.js';
import type { NewsAccess, NewsSource } from './policy.js';
import type { NewsCard } from './queries.js';

type Ctx = { ctx: PageContext };

/** The feed of a list, for the page's head. */
export function FeedLink({ ctx, href, title }: Ctx & { href: string; title: string }) {
  return <link rel="alternate" type="application/atom+xml" href={href} title={`${title} – ${ctx.tenantName}`} />;
}

/** News items as a list of cards: title, date, source and lead. */
export function NewsCards({ ctx, rows, headingLevel = 2 }: Ctx & { rows: NewsCard[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards news-cards">
      {rows.map((n) => (
        <li key={n.id} class="card">
          <H class="card__title">
            <a href={newsPath(n)}>{n.title}</a>
          </H>
          <p class="hint">
            <time dateTime={n.publishAt.toISOString()}>{formatDate(ctx.lang, n.publishAt, ctx.timeZone)}</time>
            {' · '}
            {n.council ? n.council.name : ctx.t('news.municipality', { name: ctx.tenantName })}
          </p>
          <p>{n.lead}</p>
        </li>
      ))}
    </ul>
  );
}

/** All news, filterable by source, newest first, paged. */
export function NewsListPage({
  ctx,
  rows,
  sources,
  from,
  next,
  isFirst,
  canWriteMunicipal,
}: Ctx & {
  rows: NewsCard[];
  sources: { value: string; label: string }[];
  from: string;
  next?: Cursor<Date>;
  isFirst: boolean;
  canWriteMunicipal: boolean;
}) {
  const { t } = ctx;
  const feed = from ? newsFeedFromPath(from) : newsFeedPath;
  const here = from ? newsFromPath(from) : newsListPath;
  return (
    <Layout
      ctx={ctx}
      title={t('news.list.title')}
      breadcrumbs={[{ label: t('news.list.title') }]}
      head={<FeedLink ctx={ctx} href={feed} title={t('news.list.title')} />}
    >
      <h1>{t('news.list.title')}</h1>
      <p class="lead">{t('news.list.intro')}</p>
      {canWriteMunicipal ? (
        <p>
          <a class="button" href={newNewsPath()}>
            {t('news.write')}
          </a>
        </p>
      ) : null}
      <form method="get" action={newsListPath} class="filters">
        <SelectField
          ctx={ctx}
          form={{ values: { fran: from }, errors: {} }}
          name="fran"
          label={t('news.list.from')}
          required
          options={[{ value: '', label: t('news.list.all') }, ...sources]}
        />
        <Submit>{t('news.list.filter')}</Submit>
      </form>
      {rows.length === 0 ? <p>{t('news.list.none')}</p> : <NewsCards ctx={ctx} rows={rows} />}
      <Pagination
        ctx={ctx}
        firstHref={here}
        nextHref={next ? withQuery(newsListPath, { fran: from || undefined, ...cursorQuery(next) }) : undefined}
        isFirst={isFirst}
      />
      <p>
        <a href={feed}>{t('news.feed')}</a>
      </p>
    </Layout>
  );
}

/** One news item. */
export function NewsPage({ ctx, access, canEdit, jsonLd }: Ctx & { access: NewsAccess; canEdit: boolean; jsonLd: string }) {
  const { t } = ctx;
  const n = access.item;
  const source = access.council ? { href: councilPath(access.council), label: access.council.name } : null;
  const out = n.status === 'published' && n.publishAt && n.publishAt <= new Date();
  return (
    <Layout
      ctx={ctx}
      title={n.title}
      description={n.lead}
      breadcrumbs={[{ href: newsListPath, label: t('news.list.title') }, { label: n.title }]}
      head={
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON built by jsonForScript, which escapes every < so nothing can close the element
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      }
    >
      <article class="news">
        <h1>{n.title}</h1>
        {out ? null : (
          <p class="notice" role="status">
            {n.status === 'draft' ? t('news.state.draft') : t('news.state.scheduled', { when: formatDateTime(ctx.lang, n.publishAt as Date, ctx.timeZone) })}
          </p>
        )}
        <p class="hint">
          {n.publishAt ? <time dateTime={n.publishAt.toISOString()}>{formatDate(ctx.lang, n.publishAt, ctx.timeZone)}</time> : null}
          {' · '}
          {source ? <a href={source.href}>{source.label}</a> : t('news.municipality', { name: ctx.tenantName })}
        </p>
        <p class="lead">{n.lead}</p>
        {n.imageBytes ? <img class="news__image" src={newsImagePath(n)} alt={n.imageAlt ?? ''} /> : null}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML made on the server from what the editor wrote, through an allow-list (body.ts) */}
        <div class="news__body" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
      </article>
      {canEdit ? (
        <p>
          <a class="button button--secondary" href={newsEditPath(n)}>
            {t('news.edit')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

/** Writing or changing a news item of the municipality or a council. */
export function NewsFormPage({ ctx, source, form, existing }: Ctx & { source: NewsSource; form: FormState; existing?: NewsAccess }) {
  const { t } = ctx;
  const from = source.council?.slug ?? MUNICIPALITY;
  const whose = source.council ? source.council.name : t('news.municipality', { name: ctx.tenantName });
  const title = existing ? t('news.form.editTitle', { title: existing.item.title }) : t('news.form.newTitle', { whose });
  const action = existing ? newsPath(existing.item) : newNewsPath(from === MUNICIPALITY ? undefined : from);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: newsListPath, label: t('news.list.title') }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action} enctype="multipart/form-data">
        {existing ? <VersionField form={form} version={existing.item.updatedAt} /> : null}
        <TextField ctx={ctx} form={form} name="title" label={t('news.form.title')} required maxLength={200} />
        <TextArea ctx={ctx} form={form} name="lead" label={t('news.form.lead')} hint={t('news.form.leadHint')} required rows={3} maxLength={600} />
        <TextArea ctx={ctx} form={form} name="body" label={t('news.form.body')} hint={t('news.form.bodyHint')} rows={14} maxLength={20000} />
        <FileField
          ctx={ctx}
          form={form}
          name="image"
          label={t('news.form.image')}
          hint={t('news.form.imageHint', { max: MAX_IMAGE_BYTES / 1024 / 1024 })}
          accept=".png,.jpg,.jpeg,.webp"
        />
        <TextField ctx={ctx} form={form} name="imageAlt" label={t('news.form.imageAlt')} hint={t('news.form.imageAltHint')} maxLength={300} />
        {existing?.item.imageBytes ? <Checkbox ctx={ctx} form={form} name="removeImage" label={t('news.form.removeImage')} /> : null}
        <SelectField
          ctx={ctx}
          form={form}
          name="status"
          label={t('news.form.status')}
          required
          options={[
            { value: 'draft', label: t('news.form.draft') },
            { value: 'published', label: t('news.form.published') },
          ]}
        />
        <TextField ctx={ctx} form={form} name="publishDate" type="date" label={t('news.form.publishDate')} hint={t('news.form.publishDateHint')} />
        <TextField ctx={ctx} form={form} name="publishTime" type="time" label={t('news.form.publishTime')} />
        <Submit>{t('news.form.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** The latest news of the municipality on the start page, or of a council on its page. */
export function LatestNews({ ctx, rows, title, more, write }: Ctx & { rows: NewsCard[]; title: string; more: string; write?: string }) {
  const { t } = ctx;
  if (rows.length === 0 && !write) return null;
  return (
    <section class="latest-news" aria-labelledby="latest-news">
      <h2 id="latest-news">{title}</h2>
      {rows.length ? <NewsCards ctx={ctx} rows={rows} headingLevel={3} /> : <p>{t('news.list.none')}</p>}
      <p>
        <a href={more}>{t('news.more')}</a>
        {write ? (
          <>
            {' · '}
            <a href={write}>{t('news.write')}</a>
          </>
        ) : null}
      </p>
    </section>
  );
}

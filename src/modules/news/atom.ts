import { plainText } from './body.js';
import { newsPath } from './paths.js';
import type { NewsCard } from './queries.js';

/** XML text: the five characters with meaning escaped, and characters XML 1.0 forbids removed. */
function xml(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids, named to remove them
      .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/**
 * An Atom feed (RFC 4287) of news items: the feed's id is its own address, each entry's id the
 * item's address (stable for its life), its content the same safe HTML as the page.
 */
export function atomFeed(opts: {
  base: string;
  selfPath: string;
  alternatePath: string;
  title: string;
  author: string;
  lang: string;
  items: (NewsCard & { bodyHtml: string })[];
}): string {
  const updated = new Date(Math.max(0, ...opts.items.map((n) => Math.max(n.updatedAt.getTime(), n.publishAt.getTime()))));
  const entries = opts.items.map((n) => {
    const href = `${opts.base}${newsPath(n)}`;
    return `  <entry>
    <id>${xml(href)}</id>
    <title>${xml(n.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(href)}"/>
    <published>${n.publishAt.toISOString()}</published>
    <updated>${new Date(Math.max(n.updatedAt.getTime(), n.publishAt.getTime())).toISOString()}</updated>
    <author><name>${xml(n.council?.name ?? opts.author)}</name></author>
    <summary>${xml(n.lead || plainText(n.bodyHtml))}</summary>
    <content type="html">${xml(n.bodyHtml)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(opts.lang)}">
  <id>${xml(opts.base + opts.selfPath)}</id>
  <title>${xml(opts.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(opts.base + opts.selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xml(opts.base + opts.alternatePath)}"/>
  <updated>${updated.toISOString()}</updated>
  <author><name>${xml(opts.author)}</name></author>
${entries.join('\n')}
</feed>
`;
}

/** schema.org NewsArticle data for a news item's page. */
export function newsArticle(opts: {
  base: string;
  item: { slug: string; title: string; lead: string; publishAt: Date | null; updatedAt: Date; imageBytes: number | null };
  imagePath?: string;
  publisher: string;
  author: string;
}) {
  const n = opts.item;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: n.title,
    description: n.lead,
    url: `${opts.base}${newsPath(n)}`,
    datePublished: n.publishAt?.toISOString(),
    dateModified: n.updatedAt.toISOString(),
    ...(opts.imagePath ? { image: `${opts.base}${opts.imagePath}` } : {}),
    author: { '@type': 'Organization', name: opts.author },
    publisher: { '@type': 'Organization', name: opts.publisher },
  };
}

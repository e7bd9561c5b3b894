import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * A news body is written with a few Markdown marks (a blank line between paragraphs, `## ` for a
 * heading, `- ` or `1. ` for lists, `[text](https://…)` for links, `**bold**`, `*emphasis*`).
 * Markdown lets raw HTML through, so it is dropped at once, and what Markdown makes is then
 * cleaned by an allow-list: paragraphs, headings, lists, quotes, emphasis and http(s)/mailto links.
 * Scripts, event handlers, styles, frames, images and every other URL scheme go, whatever the
 * browser sent.
 */
const markdown = new Marked({ gfm: true, async: false });
markdown.use({
  renderer: {
    html: () => '',
    image: () => '',
  },
});

const ALLOWED: sanitizeHtml.IOptions = {
  // A span (what a refused link becomes) is not allowed either: only its text is kept.
  allowedTags: ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'blockquote', 'br'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // The page's own title is its h1: a heading in the body starts one level below.
  transformTags: {
    h1: 'h2',
    // A link to anything but the web or an address is no link: its text stays, as text.
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? '').trim();
      return /^(https?:|mailto:)/i.test(href) ? { tagName, attribs: { href, rel: 'nofollow noopener' } } : { tagName: 'span', attribs: {} };
    },
  },
};

/** The safe HTML of a body as written. */
export function renderBody(source: string): string {
  return sanitizeHtml(markdown.parse(source) as string, ALLOWED).trim();
}

/** The body as plain text (for the feed's summary and the page's description), at most `max` characters. */
export function plainText(html: string, max = 300): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

import type { ComponentChildren } from 'preact';
import { Breadcrumbs, CsrfField, Flash } from './components.js';
import type { PageContext } from './context.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  breadcrumbs?: { href?: string; label: string }[];
  children: ComponentChildren;
  /** Extra elements for the head, such as structured data or feed links. */
  head?: ComponentChildren;
  /** What search engines and link previews say about the page; a sentence about the service when left out. */
  description?: string;
}

/** The page frame: skip link, header with navigation and language switch, main, footer. */
export function Layout({ ctx, title, breadcrumbs = [], children, head, description }: LayoutProps) {
  const { t } = ctx;
  const other = ctx.lang === 'sv' ? 'en' : 'sv';
  const switchHref = `/sprak/${other}?next=${encodeURIComponent(ctx.url)}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${ctx.tenantName} – Mötesplats`}</title>
        <meta name="description" content={description ?? t('platform.layout.description', { page: title, tenant: ctx.tenantName })} />
        <link rel="stylesheet" href="/static/css/site.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('platform.layout.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">
              <span class="brand__name">Mötesplats</span> <span class="brand__tenant">{ctx.tenantName}</span>
            </a>
            <div class="site-header__tools">
              <a class="lang-switch" href={switchHref} lang={other} hreflang={other}>
                {t('platform.layout.otherLanguage')}
              </a>
              {ctx.actor.user ? (
                <>
                  <a href="/notiser">
                    {ctx.actor.user.unread ? t('platform.notifications.headerUnread', { count: ctx.actor.user.unread }) : t('platform.notifications.header')}
                  </a>
                  <a href="/profil">{ctx.actor.user.name}</a>
                  <form method="post" action="/logga-ut" class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {t('platform.layout.signOut')}
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href="/logga-in">{t('platform.layout.signIn')}</a>
                  <a href="/registrera">{t('platform.layout.signUp')}</a>
                </>
              )}
            </div>
          </div>
          <nav class="main-nav" aria-label={t('platform.layout.mainNav')}>
            <ul>
              {ctx.nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          <Breadcrumbs ctx={ctx} items={breadcrumbs} />
          <Flash ctx={ctx} />
          {ctx.actor.eidNeeded && ctx.path !== '/logga-in' ? (
            <p class="notice">
              {t('platform.eidNeeded.text')} <a href={`/logga-in?next=${encodeURIComponent(ctx.path)}`}>{t('platform.eidNeeded.link')}</a>
            </p>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <ul>
            <li>
              <a href="/tillganglighet">{t('platform.footer.accessibility')}</a>
            </li>
            <li>
              <a href="/personuppgifter">{t('platform.footer.privacy')}</a>
            </li>
            <li>
              <a href="/om">{t('platform.footer.about')}</a>
            </li>
          </ul>
          <p>{t('platform.footer.openSource', { tenant: ctx.tenantName })}</p>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

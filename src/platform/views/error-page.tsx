import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from './context.js';
import { Layout } from './layout.js';

const known = new Set([400, 403, 404, 405, 413, 415, 429, 500, 503]);

/** A plain error page in the visitor's language that reveals nothing of the cause. */
export function ErrorPage({ ctx, status, csrf }: { ctx: PageContext; status: number; csrf?: boolean }) {
  const code = known.has(status) ? status : status >= 500 ? 500 : 400;
  const title = ctx.t(`platform.errorPage.${code}.title` as MessageKey);
  const text = csrf ? ctx.t('platform.errorPage.csrf') : ctx.t(`platform.errorPage.${code}.text` as MessageKey);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{ctx.t('platform.errorPage.home')}</a>
      </p>
    </Layout>
  );
}

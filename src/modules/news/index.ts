import './events.js';
import { defineModule } from '../../platform/module.js';
import { eraseNewsData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { newsPersonalData } from './queries.js';
import { newsRoutes } from './routes.js';
import { newsSections } from './sections.js';
import { newsSeed } from './seed.js';
import { newsJobs, newsSubscriptions } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    news: typeof sv;
  }
}

/** News of the municipality and of each council: written, scheduled, listed, in feeds, told to followers. */
export const newsModule = defineModule({
  name: 'news',
  personalData: newsPersonalData,
  erase: eraseNewsData,
  i18n: { sv, en },
  routes: newsRoutes,
  jobs: newsJobs,
  nav: [{ href: '/nyheter', label: 'news.nav' }],
  sections: newsSections,
  on: newsSubscriptions,
  notices: [{ kind: 'news.followed', label: 'news.notices.followed' }],
  seed: newsSeed,
});

export { newsFromPath, newsListPath, newsPath } from './paths.js';
export { type SeedNewsItem, seedNewsItems } from './seed.js';

import { defineModule } from '../../platform/module.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { questionJobs } from './jobs.js';
import { questionRoutes } from './routes.js';
import { questionsSeed } from './seed.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    questions: typeof sv;
  }
}

/** Questions to the municipality: asked, registered with a number, in the public register. */
export const questionsModule = defineModule({
  name: 'questions',
  i18n: { sv, en },
  routes: questionRoutes,
  jobs: questionJobs,
  nav: [{ href: '/diarium', label: 'questions.nav' }],
  seed: questionsSeed,
});

export { askPath, questionPath, registerPath } from './paths.js';
export type { QuestionsSeedData } from './seed.js';

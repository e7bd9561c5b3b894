import './events.js';
import { isAdmin } from '../../platform/authz/index.js';
import { defineModule } from '../../platform/module.js';
import { eraseQuestionData } from './erasure.js';
import en from './i18n/en.json' with { type: 'json' };
import sv from './i18n/sv.json' with { type: 'json' };
import { questionJobs } from './jobs.js';
import { minutesNotes } from './minutes.js';
import { worksWithQuestions } from './policy.js';
import { questionNames, questionsPersonalData } from './queries.js';
import { questionRetention } from './retention.js';
import { questionRoutes } from './routes.js';
import { questionSections } from './sections.js';
import { questionsSeed } from './seed.js';
import { overdueReminders, questionSubscriptions } from './subscribers.js';

declare module '../../platform/i18n/index.js' {
  interface Messages {
    questions: typeof sv;
  }
}

/** Questions to the municipality: asked, registered with a number, in the public register. */
export const questionsModule = defineModule({
  name: 'questions',
  processing: [
    {
      data: 'questions.privacy.questions.data',
      purpose: 'questions.privacy.questions.purpose',
      basis: 'legalObligation',
      retention: 'questions.privacy.questions.retention',
      audience: 'questions.privacy.questions.audience',
    },
  ],
  i18n: { sv, en },
  routes: questionRoutes,
  jobs: questionJobs,
  nav: [
    { href: '/diarium', label: 'questions.nav' },
    { href: '/handlaggning', label: 'questions.inbox.nav', visible: worksWithQuestions },
  ],
  adminNav: [{ href: '/admin/fragor', label: 'questions.admin.title', visible: isAdmin }],
  roles: [{ role: 'intake', scope: 'tenant', label: 'questions.roles.intake', staff: true }],
  sections: questionSections,
  annotations: minutesNotes,
  retention: questionRetention,
  erase: eraseQuestionData,
  personalData: questionsPersonalData,
  on: questionSubscriptions,
  recurring: overdueReminders,
  notices: [
    { kind: 'questions.mine', label: 'questions.notices.mine', personal: true },
    { kind: 'questions.followed', label: 'questions.notices.followed' },
    { kind: 'questions.overdue', label: 'questions.notices.overdue', personal: true },
    { kind: 'questions.handling', label: 'questions.notices.handling', personal: true },
  ],
  followables: [{ kind: 'question', label: 'questions.follow.kind', names: questionNames }],
  seed: questionsSeed,
});

export { listAllCategories } from './admin.js';
export { type BulkQuestion, writeQuestions } from './bulk.js';
export { generateQuestions } from './generate.js';
export { askPath, questionPath, registerPath } from './paths.js';
export { type QuestionLink, questionChoices, questionLinks } from './queries.js';
export type { QuestionsSeedData } from './seed.js';

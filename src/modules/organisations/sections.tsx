import type { Section, SectionSlot } from '../../platform/module.js';
import { withQuery } from '../../platform/views/components.js';
import { organisationsPath } from './paths.js';

/** The way to the register from the start page, and to a locality's or area's organisations from its page (after the other sections). */
export const organisationSections = () =>
  [
    {
      slot: 'start',
      order: 100,
      async load() {
        return (ctx) => (
          <section aria-labelledby="organisationer">
            <h2 id="organisationer">{ctx.t('organisations.place.heading')}</h2>
            <p>{ctx.t('organisations.place.intro')}</p>
            <p>
              <a class="button" href={organisationsPath}>
                {ctx.t('organisations.place.registerLink')}
              </a>
            </p>
          </section>
        );
      },
    } satisfies Section<'start'>,
    {
      slot: 'place',
      order: 100,
      async load(_req, place) {
        const href = withQuery(organisationsPath, place.kind === 'locality' ? { ort: place.slug } : { omrade: place.slug });
        return (ctx) => (
          <>
            <h2>{ctx.t('organisations.place.heading')}</h2>
            <p>
              <a href={href}>{ctx.t('organisations.place.inPlace', { name: place.name })}</a>
            </p>
          </>
        );
      },
    } satisfies Section<'place'>,
  ] as Section<SectionSlot>[];

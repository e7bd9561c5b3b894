import type { PageContext } from '../../../platform/views/context.js';
import { areaPath, localityPath } from '../paths.js';

/**
 * The locality and area a record belongs to, as rows of a facts list (`<dl class="facts">`) with
 * links to their pages: the same on an organisation's profile and a meeting place's page.
 */
export function LocalityAreaFacts({
  ctx,
  locality,
  area,
}: {
  ctx: PageContext;
  locality?: { slug: string; name: string } | null;
  area?: { slug: string; name: string } | null;
}) {
  return (
    <>
      {locality ? (
        <>
          <dt>{ctx.t('tenancy.fields.locality')}</dt>
          <dd>
            <a href={localityPath(locality)}>{locality.name}</a>
          </dd>
        </>
      ) : null}
      {area ? (
        <>
          <dt>{ctx.t('tenancy.fields.area')}</dt>
          <dd>
            <a href={areaPath(area)}>{area.name}</a>
          </dd>
        </>
      ) : null}
    </>
  );
}

import type { Cursor } from '../../../platform/db/keyset.js';
import { cursorQuery } from '../../../platform/http/validation.js';
import type { SectionRenderer } from '../../../platform/module.js';
import { FollowButton } from '../../../platform/notifications/views.js';
import { Card, Pagination, SelectField, Submit, withQuery } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Places } from '../../tenancy/index.js';
import { LocalityAreaFacts } from '../../tenancy/index.js';
import { meetingPlacePath, meetingPlacesPath } from '../paths.js';
import type { MeetingPlace } from '../queries.js';

type Ctx = { ctx: PageContext };

const FEATURES = ['stepFree', 'accessibleToilet', 'hearingLoop', 'transitNearby'] as const;

/** The register of meeting places, filtered by locality. */
export function MeetingPlacesPage({
  ctx,
  rows,
  places,
  ort,
  next,
  isFirst,
}: Ctx & { rows: MeetingPlace[]; places: Places; ort: string; next?: Cursor<string>; isFirst: boolean }) {
  const { t } = ctx;
  const form = { values: { ort }, errors: {} };
  return (
    <Layout ctx={ctx} title={t('places.list.title')} breadcrumbs={[{ label: t('places.list.title') }]}>
      <h1>{t('places.list.title')}</h1>
      <p class="lead">{t('places.list.intro')}</p>
      <form method="get" action="/motesplatser" class="filters">
        <SelectField
          ctx={ctx}
          form={form}
          name="ort"
          label={t('places.list.locality')}
          required
          options={[{ value: '', label: t('places.list.allLocalities') }, ...places.localities.map((l) => ({ value: l.slug, label: l.name }))]}
        />
        <Submit>{t('places.list.filter')}</Submit>
      </form>
      {rows.length === 0 ? (
        <p>{t('places.list.none')}</p>
      ) : (
        <ul class="cards">
          {rows.map((p) => (
            <Card key={p.id} href={meetingPlacePath(p)} title={p.name} headingLevel={2}>
              {p.address ? <p>{p.address}</p> : null}
              <p>
                {FEATURES.filter((f) => p[f])
                  .map((f) => t(`places.fields.${f}`))
                  .join(' · ')}
              </p>
            </Card>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        isFirst={isFirst}
        firstHref={withQuery(meetingPlacesPath, { ort })}
        nextHref={next ? withQuery(meetingPlacesPath, { ort, ...cursorQuery(next) }) : undefined}
      />
    </Layout>
  );
}

/** One meeting place: where it is, when it is open, how accessible it is, and what other modules add. */
export function MeetingPlacePage({
  ctx,
  place,
  places,
  sections,
}: Ctx & { place: MeetingPlace & { following?: boolean }; places: Places; sections: SectionRenderer[] }) {
  const { t } = ctx;
  const locality = places.localities.find((l) => l.id === place.localityId);
  const area = places.areas.find((a) => a.id === place.areaId);
  return (
    <Layout ctx={ctx} title={place.name} breadcrumbs={[{ href: meetingPlacesPath, label: t('places.list.title') }, { label: place.name }]}>
      <h1>{place.name}</h1>
      {place.description ? <p class="lead">{place.description}</p> : null}
      <FollowButton ctx={ctx} kind="meetingPlace" id={place.id} name={place.name} following={place.following ?? false} back={meetingPlacePath(place)} />
      <dl class="facts">
        {place.address ? (
          <>
            <dt>{t('places.fields.address')}</dt>
            <dd>{place.address}</dd>
          </>
        ) : null}
        <LocalityAreaFacts ctx={ctx} locality={locality} area={area} />
        {place.openingHours ? (
          <>
            <dt>{t('places.fields.openingHours')}</dt>
            <dd>{place.openingHours}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('places.accessibility.title')}</h2>
      <dl class="facts">
        {FEATURES.map((f) => (
          <>
            <dt>{t(`places.fields.${f}`)}</dt>
            <dd>{place[f] ? t('places.accessibility.yes') : t('places.accessibility.no')}</dd>
          </>
        ))}
      </dl>
      {place.accessibilityNotes ? <p>{place.accessibilityNotes}</p> : null}
      {sections.map((render) => render(ctx))}
    </Layout>
  );
}

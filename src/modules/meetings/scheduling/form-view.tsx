import type { FormState } from '../../../platform/http/forms.js';
import { Checkbox, ErrorSummary, Form, OnceField, SelectField, Submit, TextArea, TextField, VersionField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { MeetingAccess } from '../core/access.js';
import { meetingCrumbs } from '../core/views.js';

type Ctx = { ctx: PageContext };

/** The form for scheduling a new meeting or changing one. */
export function MeetingFormPage({
  ctx,
  title,
  action,
  form,
  places,
  bodies,
  existing,
  organiser,
  allowMembersOnly,
}: Ctx & {
  title: string;
  action: string;
  form: FormState;
  places: { id: string; name: string }[];
  /** For a new meeting of a municipal body: the bodies to choose from. */
  bodies?: { id: string; name: string }[];
  existing?: MeetingAccess;
  organiser: { href: string; name: string };
  allowMembersOnly: boolean;
}) {
  const { t } = ctx;
  const crumbs = existing
    ? meetingCrumbs(ctx, existing, [{ label: t('meetings.manage.edit') }])
    : [{ href: organiser.href, label: organiser.name }, { label: title }];
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        {existing ? <VersionField form={form} version={existing.meeting.updatedAt} /> : <OnceField form={form} />}
        {bodies ? (
          <SelectField
            ctx={ctx}
            form={form}
            name="bodyId"
            label={t('meetings.fields.body')}
            required
            options={bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
        ) : null}
        <TextField ctx={ctx} form={form} name="title" label={t('meetings.fields.title')} required maxLength={200} />
        <TextArea ctx={ctx} form={form} name="description" label={t('meetings.fields.description')} maxLength={5000} rows={4} />
        <fieldset class="fieldset-row">
          <legend>{t('meetings.fields.when')}</legend>
          <TextField ctx={ctx} form={form} name="date" type="date" label={t('meetings.fields.date')} hint={t('meetings.fields.dateHint')} required />
          <TextField ctx={ctx} form={form} name="startTime" type="time" label={t('meetings.fields.startTime')} hint={t('meetings.fields.timeHint')} required />
          <TextField ctx={ctx} form={form} name="endTime" type="time" label={t('meetings.fields.endTime')} hint={t('meetings.fields.timeHint')} required />
        </fieldset>
        <fieldset>
          <legend>{t('meetings.fields.where')}</legend>
          <SelectField
            ctx={ctx}
            form={form}
            name="placeKind"
            label={t('meetings.fields.placeKind')}
            required
            options={(['place', 'address', 'online'] as const).map((k) => ({ value: k, label: t(`meetings.placeKind.${k}`) }))}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name="meetingPlaceId"
            label={t('meetings.fields.meetingPlace')}
            options={places.map((p) => ({ value: p.id, label: p.name }))}
            empty=""
          />
          <TextField ctx={ctx} form={form} name="address" label={t('meetings.fields.address')} hint={t('meetings.fields.addressHint')} maxLength={300} />
          <TextField
            ctx={ctx}
            form={form}
            name="onlineUrl"
            type="url"
            label={t('meetings.fields.onlineUrl')}
            hint={t('meetings.fields.onlineUrlHint')}
            maxLength={500}
          />
        </fieldset>
        <TextArea
          ctx={ctx}
          form={form}
          name="accessibility"
          label={t('meetings.fields.accessibility')}
          hint={t('meetings.fields.accessibilityHint')}
          maxLength={2000}
          rows={2}
        />
        <TextField ctx={ctx} form={form} name="capacity" type="number" label={t('meetings.fields.capacity')} hint={t('meetings.fields.capacityHint')} />
        <Checkbox ctx={ctx} form={form} name="registrationOpen" label={t('meetings.fields.registrationOpen')} />
        {allowMembersOnly ? (
          <SelectField
            ctx={ctx}
            form={form}
            name="visibility"
            label={t('meetings.fields.visibility')}
            required
            options={(['public', 'members'] as const).map((v) => ({ value: v, label: t(`meetings.visibility.${v}`) }))}
          />
        ) : null}
        <Submit>{ctx.t('platform.form.save')}</Submit>
      </Form>
    </Layout>
  );
}

import type { FormState } from '../../../platform/http/forms.js';
import { ErrorSummary, Form, Submit, TextArea } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { MeetingAccess } from '../core/access.js';
import { meetingCrumbs } from '../core/views.js';
import { meetingSubPath } from '../paths.js';

type Ctx = { ctx: PageContext };
type Choice = { id: string; name: string; checked: boolean };

function Choices({ ctx, name, legend, choices, form }: Ctx & { name: string; legend: string; choices: Choice[]; form: FormState }) {
  if (choices.length === 0) return null;
  const error = form.errors[name];
  return (
    <fieldset id={`f-${name}`} class={error ? 'field field--error' : 'field'}>
      <legend>{legend}</legend>
      {error ? <p class="field-error">{ctx.tr(error.key, error.vars)}</p> : null}
      <ul class="checklist">
        {choices.map((c, i) => (
          <li key={c.id} class="field--check">
            <input type="checkbox" id={`f-${name}-${i}`} name={name} value={c.id} checked={c.checked} />
            <label for={`f-${name}-${i}`}>{c.name}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Recording who was at a meeting: people, organisations and guests. */
export function AttendancePage({
  ctx,
  access,
  people,
  organisations,
  form,
}: Ctx & { access: MeetingAccess; people: Choice[]; organisations: Choice[]; form: FormState }) {
  const { t } = ctx;
  const title = t('meetings.attendance.title', { title: access.meeting.title });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={meetingCrumbs(ctx, access, [{ label: t('meetings.manage.attendance') }])}>
      <h1>{title}</h1>
      <p>{t('meetings.attendance.intro')}</p>
      <Form ctx={ctx} action={meetingSubPath(access.meeting, 'narvaro')}>
        <ErrorSummary ctx={ctx} form={form} />
        <Choices ctx={ctx} name="people" legend={t('meetings.attendance.people')} choices={people} form={form} />
        <Choices ctx={ctx} name="organisations" legend={t('meetings.attendance.organisations')} choices={organisations} form={form} />
        <TextArea ctx={ctx} form={form} name="guests" label={t('meetings.attendance.guests')} hint={t('meetings.attendance.guestsHint')} rows={4} />
        <Submit>{t('meetings.attendance.saveSubmit')}</Submit>
      </Form>
    </Layout>
  );
}

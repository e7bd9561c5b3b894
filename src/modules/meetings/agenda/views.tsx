import type { FormState } from '../../../platform/http/forms.js';
import { Checkbox, ErrorSummary, Form, OnceField, SelectField, Submit, TextArea, TextField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { AgendaItem, DocumentInfo, MeetingAccess } from '../core/access.js';
import { meetingCrumbs } from '../core/views.js';
import { documentRemovePath, meetingPath, meetingSubPath } from '../paths.js';
import { DocumentLink } from './agenda-list.js';
import { MAX_DOCUMENT_BYTES } from './documents.js';

type Ctx = { ctx: PageContext };

function AgendaFields({ ctx, form }: Ctx & { form: FormState }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="title" label={t('meetings.agenda.itemTitle')} required maxLength={300} />
      <TextArea ctx={ctx} form={form} name="description" label={t('meetings.agenda.itemDescription')} maxLength={5000} rows={3} />
      <TextField ctx={ctx} form={form} name="presenter" label={t('meetings.agenda.presenter')} hint={t('meetings.agenda.presenterHint')} maxLength={200} />
      <TextField ctx={ctx} form={form} name="durationMinutes" type="number" label={t('meetings.agenda.duration')} />
    </>
  );
}

/** The agenda of a meeting for those who run it: order, items, and documents. */
export function AgendaManagePage({
  ctx,
  access,
  agenda,
  documents,
  form,
  uploadForm,
}: Ctx & { access: MeetingAccess; agenda: AgendaItem[]; documents: DocumentInfo[]; form: FormState; uploadForm: FormState }) {
  const { t } = ctx;
  const m = access.meeting;
  const base = meetingSubPath(m, 'dagordning');
  const title = t('meetings.agenda.title', { title: m.title });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={meetingCrumbs(ctx, access, [{ label: t('meetings.manage.agenda') }])}>
      <h1>{title}</h1>
      <p>
        <a href={meetingPath(m)}>{t('meetings.agenda.back')}</a>
      </p>
      {agenda.length === 0 ? (
        <p>{t('meetings.meeting.noAgenda')}</p>
      ) : (
        // One form for every button on the list: each button posts to its own address, and the page carries one CSRF token.
        <Form ctx={ctx} action={base}>
          <ol class="agenda agenda--manage">
            {agenda.map((item, i) => {
              const n = i + 1;
              const docs = documents.filter((d) => d.agendaItemId === item.id);
              return (
                <li key={item.id}>
                  <p class="agenda__title">
                    <strong>{item.title}</strong>
                  </p>
                  {item.presenter ? <p class="agenda__meta">{t('meetings.meeting.presenter', { name: item.presenter })}</p> : null}
                  <RemovableDocuments ctx={ctx} slug={m.slug} docs={docs} />
                  <div class="button-row">
                    <a class="button button--secondary" href={`${base}/${item.id}`}>
                      {t('meetings.manage.edit')}
                      <span class="visually-hidden"> ({t('meetings.agenda.item', { n })})</span>
                    </a>
                    {i > 0 ? (
                      <button type="submit" formaction={`${base}/${item.id}/flytta`} name="direction" value="up" class="button button--secondary">
                        {t('meetings.agenda.up', { n })}
                      </button>
                    ) : null}
                    {i < agenda.length - 1 ? (
                      <button type="submit" formaction={`${base}/${item.id}/flytta`} name="direction" value="down" class="button button--secondary">
                        {t('meetings.agenda.down', { n })}
                      </button>
                    ) : null}
                    <button type="submit" formaction={`${base}/${item.id}/ta-bort`} class="button button--secondary">
                      {t('meetings.agenda.remove', { n })}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        </Form>
      )}
      <h2>{t('meetings.agenda.add')}</h2>
      <Form ctx={ctx} action={base}>
        <ErrorSummary ctx={ctx} form={form} />
        <OnceField form={form} />
        <AgendaFields ctx={ctx} form={form} />
        <Submit>{t('meetings.agenda.addSubmit')}</Submit>
      </Form>
      <h2>{t('meetings.documents.title')}</h2>
      {documents.some((d) => !d.agendaItemId) ? (
        <Form ctx={ctx} action={meetingSubPath(m, 'dagordning')}>
          <RemovableDocuments ctx={ctx} slug={m.slug} docs={documents.filter((d) => !d.agendaItemId)} />
        </Form>
      ) : null}
      <h3>{t('meetings.documents.upload')}</h3>
      <Form ctx={ctx} action={`${meetingPath(m)}/dokument`} enctype="multipart/form-data">
        <ErrorSummary ctx={ctx} form={uploadForm} />
        <FileField ctx={ctx} form={uploadForm} />
        <SelectField
          ctx={ctx}
          form={uploadForm}
          name="agendaItemId"
          label={t('meetings.documents.agendaItem')}
          required
          options={[
            { value: '', label: t('meetings.documents.wholeMeeting') },
            ...agenda.map((a, i) => ({ value: a.id, label: `${t('meetings.agenda.item', { n: i + 1 })}: ${a.title}` })),
          ]}
        />
        <Checkbox ctx={ctx} form={uploadForm} name="isPublic" label={t('meetings.documents.isPublic')} hint={t('meetings.documents.isPublicHint')} />
        <Submit>{t('meetings.documents.uploadSubmit')}</Submit>
      </Form>
    </Layout>
  );
}

/** Documents with a button each to remove them; inside a form, whose token the buttons use. */
function RemovableDocuments({ ctx, slug, docs }: Ctx & { slug: string; docs: DocumentInfo[] }) {
  if (docs.length === 0) return null;
  return (
    <ul>
      {docs.map((d) => (
        <li key={d.id}>
          <DocumentLink ctx={ctx} slug={slug} d={d} />{' '}
          <button type="submit" formaction={documentRemovePath({ slug }, d)} class="link-button">
            {ctx.t('meetings.documents.remove', { name: d.filename })}
          </button>
        </li>
      ))}
    </ul>
  );
}

function FileField({ ctx, form }: Ctx & { form: FormState }) {
  const error = form.errors.file;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="f-file">{ctx.t('meetings.documents.file')}</label>
      <p class="hint" id="f-file-hint">
        {ctx.t('meetings.documents.fileHint', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 })}
      </p>
      {error ? (
        <p class="field-error" id="f-file-error">
          <span class="visually-hidden">{ctx.t('platform.form.errorPrefix')} </span>
          {ctx.tr(error.key, error.vars)}
        </p>
      ) : null}
      <input
        id="f-file"
        name="file"
        type="file"
        accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"
        aria-describedby={error ? 'f-file-hint f-file-error' : 'f-file-hint'}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** One agenda item's form. */
export function AgendaItemPage({ ctx, access, item, n, form }: Ctx & { access: MeetingAccess; item: AgendaItem; n: number; form: FormState }) {
  const { t } = ctx;
  const m = access.meeting;
  const title = `${t('meetings.agenda.item', { n })}: ${item.title}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={meetingCrumbs(ctx, access, [
        { href: meetingSubPath(m, 'dagordning'), label: t('meetings.manage.agenda') },
        { label: t('meetings.agenda.item', { n }) },
      ])}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={`${meetingPath(m)}/dagordning/${item.id}`}>
        <ErrorSummary ctx={ctx} form={form} />
        <AgendaFields ctx={ctx} form={form} />
        <Submit>{t('meetings.agenda.save', { n })}</Submit>
      </Form>
    </Layout>
  );
}

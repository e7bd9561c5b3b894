import type { FormState } from '../http/forms.js';
import { Checkbox, ErrorSummary, Form, SelectField, Submit, Table, TextArea, TextField, VersionField } from './components.js';
import type { PageContext } from './context.js';
import { Layout } from './layout.js';

/** One field of an administration form. */
export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'email' | 'url' | 'tel' | 'date';
  options?: { value: string; label: string }[];
  required?: boolean;
  maxLength?: number;
}

type Crumb = { href?: string; label: string };

/** Renders a list of field specifications as form fields. */
export function Fields({ ctx, form, fields }: { ctx: PageContext; form: FormState; fields: FieldSpec[] }) {
  return (
    <>
      {fields.map((f) => {
        const common = { ctx, form, name: f.name, label: f.label, hint: f.hint, required: f.required };
        switch (f.kind) {
          case 'textarea':
            return <TextArea key={f.name} {...common} maxLength={f.maxLength} />;
          case 'select':
            return <SelectField key={f.name} {...common} options={f.options ?? []} empty={f.required ? undefined : ''} />;
          case 'checkbox':
            return <Checkbox key={f.name} {...common} />;
          default:
            return <TextField key={f.name} {...common} type={f.kind} maxLength={f.maxLength} />;
        }
      })}
    </>
  );
}

/** An administration form page: create or edit one record. */
export function AdminFormPage({
  ctx,
  title,
  action,
  form,
  fields,
  breadcrumbs,
  version,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  form: FormState;
  fields: FieldSpec[];
  breadcrumbs: Crumb[];
  /** The record's updated_at when loaded, to refuse overwriting someone else's change. */
  version?: string;
}) {
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={breadcrumbs}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        {version ? <VersionField form={form} version={version} /> : null}
        <Fields ctx={ctx} form={form} fields={fields} />
        <Submit>{ctx.t('platform.form.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** An administration list page: records with a link to edit each and a link to add one. */
export function AdminListPage({
  ctx,
  title,
  newHref,
  newLabel,
  rows,
  columns,
  breadcrumbs,
}: {
  ctx: PageContext;
  title: string;
  newHref?: string;
  newLabel?: string;
  rows: { id: string; href: string; name: string; cells: string[] }[];
  columns: string[];
  breadcrumbs: Crumb[];
}) {
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={breadcrumbs}>
      <h1>{title}</h1>
      {newHref ? (
        <p>
          <a class="button" href={newHref}>
            {newLabel}
          </a>
        </p>
      ) : null}
      <Table
        caption={title}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: columns[0] ?? '', cell: (r) => <a href={r.href}>{r.name}</a> },
          ...columns.slice(1).map((header, i) => ({ header, cell: (r: (typeof rows)[number]) => r.cells[i] ?? '' })),
        ]}
      />
    </Layout>
  );
}

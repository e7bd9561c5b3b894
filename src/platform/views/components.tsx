import type { ComponentChildren } from 'preact';
import { type FormState, VERSION_FIELD } from '../http/forms.js';
import { SUBMISSION_FIELD } from '../submissions/index.js';
import type { PageContext } from './context.js';

type Ctx = { ctx: PageContext };

/** The hidden CSRF field every form carries. */
export function CsrfField({ ctx }: Ctx) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A form that posts to the server, with its CSRF token. */
export function Form({
  ctx,
  action,
  children,
  class: cls,
  enctype,
}: Ctx & { action: string; children: ComponentChildren; class?: string; enctype?: 'multipart/form-data' }) {
  return (
    <form method="post" action={action} novalidate class={cls} enctype={enctype}>
      <CsrfField ctx={ctx} />
      {children}
    </form>
  );
}

/** The list of problems at the top of a failed form, each a link to its field. */
export function ErrorSummary({ ctx, form }: Ctx & { form: FormState }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{ctx.t('platform.form.errorSummary')}</h2>
      <ul>
        {entries.map(([field, e]) => (
          <li key={field}>{field === '_form' ? ctx.tr(e.key, e.vars) : <a href={`#${fieldId(form, field)}`}>{ctx.tr(e.key, e.vars)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps extends Ctx {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

/**
 * The id of a field's input: `f-<name>`, or `<prefix>-<name>` for a form whose state names a
 * prefix (a page with several forms that share field names keeps every id unique).
 */
export function fieldId(form: FormState, name: string): string {
  return `${form.idPrefix ?? 'f'}-${name}`;
}

function describedBy(id: string, hint?: string, error?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({ ctx, form, name, label, hint, required, children }: FieldProps & { children: ComponentChildren }) {
  const error = form.errors[name];
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={fieldId(form, name)}>
        {label}
        {required ? null : <span class="optional"> ({ctx.t('platform.form.optional')})</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${fieldId(form, name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${fieldId(form, name)}-error`}>
          <span class="visually-hidden">{ctx.t('platform.form.errorPrefix')} </span>
          {ctx.tr(error.key, error.vars)}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** A labelled text input with its hint and inline error. */
export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'date' | 'time' | 'number' | 'search';
    autocomplete?: string;
    maxLength?: number;
  },
) {
  const { form, name, hint, type = 'text', autocomplete, required, maxLength } = props;
  const error = form.errors[name];
  return (
    <FieldShell {...props}>
      <input
        {...({
          id: fieldId(form, name),
          name,
          type,
          value: type === 'password' ? '' : (form.values[name] ?? ''),
          autocomplete,
          required,
          maxLength,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': describedBy(fieldId(form, name), hint, error),
        } as Record<string, unknown>)}
      />
    </FieldShell>
  );
}

/** A labelled multi-line text input. */
export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { form, name, hint, rows = 5, required, maxLength } = props;
  const error = form.errors[name];
  return (
    <FieldShell {...props}>
      <textarea
        id={fieldId(form, name)}
        name={name}
        rows={rows}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(form, name), hint, error)}
      >
        {form.values[name] ?? ''}
      </textarea>
    </FieldShell>
  );
}

/**
 * A labelled file input with its hint and why a file was refused. The file itself is never sent
 * back with a refused form (no browser allows it): the hint says what it takes, the error what was wrong.
 */
export function FileField(props: FieldProps & { accept: string; multiple?: boolean }) {
  const { form, name, hint, accept, multiple } = props;
  const error = form.errors[name];
  return (
    <FieldShell {...props}>
      <input
        id={fieldId(form, name)}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(form, name), hint, error)}
      />
    </FieldShell>
  );
}

/** A labelled select. */
export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; empty?: string }) {
  const { form, name, hint, options, empty, required } = props;
  const error = form.errors[name];
  const current = form.values[name] ?? '';
  return (
    <FieldShell {...props}>
      <select
        id={fieldId(form, name)}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(form, name), hint, error)}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A single checkbox with its label after it. */
export function Checkbox({ ctx, form, name, label, hint }: FieldProps) {
  const error = form.errors[name];
  const checked = form.values[name] === 'on' || form.values[name] === 'true';
  return (
    <div class={error ? 'field field--check field--error' : 'field field--check'}>
      {error ? (
        <p class="field-error" id={`${fieldId(form, name)}-error`}>
          {ctx.tr(error.key, error.vars)}
        </p>
      ) : null}
      <input id={fieldId(form, name)} type="checkbox" name={name} checked={checked} aria-describedby={describedBy(fieldId(form, name), hint, error)} />
      <label for={fieldId(form, name)}>{label}</label>
      {hint ? (
        <p class="hint" id={`${fieldId(form, name)}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The trail from the start page to the current page. */
export function Breadcrumbs({ ctx, items }: Ctx & { items: { href?: string; label: string }[] }) {
  if (items.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('platform.layout.breadcrumbs')}>
      <ol>
        <li>
          <a href="/">{ctx.t('platform.nav.home')}</a>
        </li>
        {items.map((item, i) =>
          item.href && i < items.length - 1 ? (
            <li key={item.label}>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li key={item.label} aria-current="page">
              {item.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A card linking to a record. */
export function Card({ href, title, children, headingLevel = 3 }: { href: string; title: string; children?: ComponentChildren; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card">
      <H class="card__title">
        <a href={href}>{title}</a>
      </H>
      {children ? <div class="card__body">{children}</div> : null}
    </li>
  );
}

/** A data table with a caption and column headers. */
export function Table<R>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: { header: string; cell: (row: R) => ComponentChildren }[];
  rows: R[];
  rowKey: (row: R) => string;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Keyset pagination: a link to the first page and to the next one, when there is one. */
export function Pagination({ ctx, firstHref, nextHref, isFirst }: Ctx & { firstHref: string; nextHref?: string; isFirst: boolean }) {
  if (isFirst && !nextHref) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('platform.pagination.label')}>
      <ul>
        {!isFirst ? (
          <li>
            <a href={firstHref}>{ctx.t('platform.pagination.first')}</a>
          </li>
        ) : null}
        {nextHref ? (
          <li>
            <a href={nextHref} rel="next">
              {ctx.t('platform.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** A short message after an action (shown once). */
export function Flash({ ctx }: Ctx) {
  if (!ctx.flash) return null;
  return (
    <div class={`flash flash--${ctx.flash.kind}`} role="status">
      {ctx.flash.text}
    </div>
  );
}

/** A submit button. */
export function Submit({ children, secondary }: { children: ComponentChildren; secondary?: boolean }) {
  return (
    <button type="submit" class={secondary ? 'button button--secondary' : 'button'}>
      {children}
    </button>
  );
}

/** Builds a query string from the defined values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The hidden version of an edit form: the record's updated_at when the form was first shown, kept
 * across re-renders with errors, so an edit made meanwhile by someone else is refused as stale.
 */
export function VersionField({ form, version }: { form: FormState; version: Date | string }) {
  return <input type="hidden" name={VERSION_FIELD} value={form.values[VERSION_FIELD] ?? (version instanceof Date ? version.toISOString() : version)} />;
}

/** The hidden one-time key of a form that creates something, so a second submission makes nothing new. */
export function OnceField({ form }: { form: FormState }) {
  const key = form.values[SUBMISSION_FIELD];
  return key ? <input type="hidden" name={SUBMISSION_FIELD} value={key} /> : null;
}

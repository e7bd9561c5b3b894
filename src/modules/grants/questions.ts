import { optionalKronor } from '../../platform/http/fields.js';
import type { FieldError } from '../../platform/http/forms.js';
import { UNSAFE_CHARS } from '../../platform/http/validation.js';
import type { OrganisationFacts } from '../organisations/index.js';
import { type Answer, type BudgetRow, PREFILLS, type Prefill, QUESTION_KINDS, type Question, type QuestionKind } from './schema.js';

/** How many empty rows the form builder offers for new questions, and how many rows a budget table has. */
export const NEW_QUESTION_ROWS = 3;
export const BUDGET_ROWS = 8;
export const MAX_QUESTIONS = 40;

type Body = Record<string, unknown>;
const str = (body: Body, name: string) => {
  const v = body[name];
  return (typeof (Array.isArray(v) ? v[0] : v) === 'string' ? String(Array.isArray(v) ? v[0] : v) : '').trim();
};
const textError = (value: string, max: number): FieldError | null =>
  UNSAFE_CHARS.test(value) ? { key: 'platform.errors.characters' } : value.length > max ? { key: 'platform.errors.tooLong', vars: { max } } : null;

/**
 * The questions the form builder's rows describe: `kind_<i>`, `label_<i>`, `help_<i>`, `required_<i>`,
 * `options_<i>` (a choice's options, one a line), `prefill_<i>`, `position_<i>` and `remove_<i>`, with
 * `key_<i>` naming the question it edits (empty for a new one). A new row left without a label is
 * not a question. Keys of existing questions are kept, so answers line up across versions.
 */
export function questionsFrom(body: Body, rows: number, existing: Question[]): { questions: Question[]; errors: Record<string, FieldError> } {
  const errors: Record<string, FieldError> = {};
  const known = new Set(existing.map((q) => q.key));
  let next = existing.reduce((n, q) => Math.max(n, Number(q.key.replace(/^q/, '')) || 0), 0);
  const out: { q: Question; position: number; row: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const key = str(body, `key_${i}`);
    const label = str(body, `label_${i}`);
    if (!label && !key) continue;
    if (key && !known.has(key)) {
      errors[`label_${i}`] = { key: 'platform.errors.stale' };
      continue;
    }
    if (str(body, `remove_${i}`)) continue;
    const kind = str(body, `kind_${i}`) as QuestionKind;
    const prefill = str(body, `prefill_${i}`) as Prefill;
    const help = str(body, `help_${i}`);
    const options = str(body, `options_${i}`)
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    const position = Number(str(body, `position_${i}`) || i + 1);
    if (!QUESTION_KINDS.includes(kind)) errors[`kind_${i}`] = { key: 'platform.errors.choice' };
    if (!PREFILLS.includes(prefill)) errors[`prefill_${i}`] = { key: 'platform.errors.choice' };
    if (!label) errors[`label_${i}`] = { key: 'platform.errors.required' };
    const labelError = textError(label, 300);
    if (labelError) errors[`label_${i}`] = labelError;
    const helpError = textError(help, 1000);
    if (helpError) errors[`help_${i}`] = helpError;
    if (kind === 'choice' && (options.length < 2 || options.length > 30 || options.some((o) => o.length > 200 || UNSAFE_CHARS.test(o))))
      errors[`options_${i}`] = { key: 'grants.errors.options' };
    if (!Number.isInteger(position) || position < 1 || position > 1000) errors[`position_${i}`] = { key: 'platform.errors.invalid' };
    out.push({
      row: i,
      position,
      q: {
        key: key || `q${++next}`,
        kind,
        label,
        help,
        required: Boolean(str(body, `required_${i}`)),
        options: kind === 'choice' ? options : [],
        prefill,
      },
    });
  }
  if (out.length > MAX_QUESTIONS) errors._form = { key: 'grants.errors.tooManyQuestions', vars: { max: MAX_QUESTIONS } };
  out.sort((a, b) => a.position - b.position || a.row - b.row);
  return { questions: out.map((o) => o.q), errors };
}

/** A budget table's rows from the form: `<key>_item_<n>` and `<key>_amount_<n>`; empty rows are dropped. */
function budgetFrom(body: Body, key: string, errors: Record<string, FieldError>): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (let n = 0; n < BUDGET_ROWS; n++) {
    const item = str(body, `${key}_item_${n}`);
    const raw = str(body, `${key}_amount_${n}`);
    if (!item && !raw) continue;
    const amount = kronorOf(raw);
    const itemError = textError(item, 200);
    if (itemError) errors[`${key}_item_${n}`] = itemError;
    else if (!item) errors[`${key}_item_${n}`] = { key: 'grants.errors.budgetItem' };
    if (amount === null) errors[`${key}_amount_${n}`] = { key: 'platform.errors.kronor' };
    rows.push({ item: item.slice(0, 200), amount: amount ?? 0 });
  }
  return rows;
}

/** Whole kronor as people write them ("25 000", "25000 kr"); null for anything else, negatives and öre included. */
export function kronorOf(raw: string): number | null {
  const parsed = optionalKronor.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * The answers the application form holds, each checked against its question's kind: text within
 * its length, numbers and amounts whole and not negative, dates real, choices among the options,
 * budget rows complete. Required answers are not asked for here (a draft may lack them): see
 * `missingAnswers`. Files are attachments, read elsewhere.
 */
export function answersFrom(questions: Question[], body: Body): { answers: Record<string, Answer>; errors: Record<string, FieldError> } {
  const answers: Record<string, Answer> = {};
  const errors: Record<string, FieldError> = {};
  for (const q of questions) {
    const name = `a_${q.key}`;
    if (q.kind === 'file') continue;
    if (q.kind === 'budget') {
      const rows = budgetFrom(body, name, errors);
      if (rows.length) answers[q.key] = rows;
      continue;
    }
    const raw = str(body, name);
    if (!raw) continue;
    switch (q.kind) {
      case 'text':
      case 'longtext': {
        const max = q.kind === 'text' ? 300 : 8000;
        const error = textError(raw, max);
        if (error) errors[name] = error;
        answers[q.key] = raw.slice(0, max);
        break;
      }
      case 'number': {
        const n = /^\d{1,9}$/.test(raw.replace(/\s/g, '')) ? Number(raw.replace(/\s/g, '')) : null;
        if (n === null) errors[name] = { key: 'grants.errors.number' };
        else answers[q.key] = n;
        break;
      }
      case 'amount': {
        const n = kronorOf(raw);
        if (n === null) errors[name] = { key: 'platform.errors.kronor' };
        else answers[q.key] = n;
        break;
      }
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw)
          errors[name] = { key: 'platform.errors.date' };
        else answers[q.key] = raw;
        break;
      case 'choice':
        if (!q.options.includes(raw)) errors[name] = { key: 'platform.errors.choice' };
        else answers[q.key] = raw;
        break;
    }
  }
  return { answers, errors };
}

/** The required questions left without an answer (a file question: without a file), as the form's errors. */
export function missingAnswers(questions: Question[], answers: Record<string, Answer>, filesOf: (key: string) => number): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const q of questions) {
    if (!q.required) continue;
    if (q.kind === 'file' ? filesOf(q.key) === 0 : answers[q.key] === undefined || (Array.isArray(answers[q.key]) && !(answers[q.key] as BudgetRow[]).length))
      errors[q.kind === 'budget' ? `a_${q.key}_item_0` : `a_${q.key}`] = {
        key: q.kind === 'file' ? 'grants.errors.fileRequired' : 'grants.errors.answerRequired',
      };
  }
  return errors;
}

/** What the register fills in when an application is started, for questions the officer tied to it. */
export function prefilledAnswers(questions: Question[], org: OrganisationFacts): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of questions) {
    const v: Answer | null =
      q.prefill === 'orgNumber'
        ? org.orgNumber || null
        : q.prefill === 'memberCount'
          ? org.memberCount
          : q.prefill === 'annualMeetingOn'
            ? org.annualMeetingOn
            : q.prefill === 'email'
              ? org.email || null
              : q.prefill === 'phone'
                ? org.phone || null
                : null;
    if (v !== null && v !== undefined) out[q.key] = v;
  }
  return out;
}

/** A budget table's total. */
export const budgetTotal = (rows: BudgetRow[]): number => rows.reduce((s, r) => s + r.amount, 0);

/** The form values that show a set of answers (for a draft reopened, or the officer's reading). */
export function answerValues(questions: Question[], answers: Record<string, Answer>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const a = answers[q.key];
    if (a === undefined) continue;
    if (q.kind === 'budget' && Array.isArray(a))
      a.forEach((r, n) => {
        out[`a_${q.key}_item_${n}`] = r.item;
        out[`a_${q.key}_amount_${n}`] = String(r.amount);
      });
    else out[`a_${q.key}`] = String(a);
  }
  return out;
}

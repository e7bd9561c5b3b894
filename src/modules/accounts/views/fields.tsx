import type { FormState } from '../../../platform/http/forms.js';
import { SelectField } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';

/** The language of the service and of mail, as the profile and a new e-ID account ask for it. */
export function LanguageField({ ctx, form }: { ctx: PageContext; form: FormState }) {
  return (
    <SelectField
      ctx={ctx}
      form={form}
      name="lang"
      label={ctx.t('accounts.fields.lang')}
      hint={ctx.t('accounts.fields.langHint')}
      required
      options={[
        { value: 'sv', label: 'Svenska' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { checkDesign, draftsOf, newField, type FieldDraft } from '../lib/form-designer.ts';
import { splitList } from '../lib/pricing-form.ts';
import { saveRegistrationPoint, type RegistrationPointInput, type RegistrationPointRow } from '../services/registration.service.ts';
import { AudienceFieldset, type AudienceDraft } from './audience-fields.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { FormFieldEditors } from './form-field-editor.tsx';
import { FormPreview } from './form-preview.tsx';
import { ProblemsNotice } from './problems-notice.tsx';

export interface RegistrationPointDialogProps {
  orgId: string;
  point?: RegistrationPointRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (row: RegistrationPointRow) => void;
  onCancel: () => void;
}

/** 新建 / 编辑登记点: name, purpose, who may register, active, and the form (the 申请表单 designer). */
export function RegistrationPointDialog({ orgId, point, departmentOptions, tags, onDone, onCancel }: RegistrationPointDialogProps) {
  const [name, setName] = useState(point?.name ?? '');
  const [purpose, setPurpose] = useState(point?.purpose ?? '');
  const [active, setActive] = useState(point?.active ?? true);
  const [audience, setAudience] = useState<AudienceDraft>({ departments: point?.audience.departments ?? [], tags: point?.audience.tags ?? [], identities: (point?.audience.identities ?? []).join('、') });
  const [fields, setFields] = useState<FieldDraft[]>(() => draftsOf(point?.form ?? null));
  const [errors, setErrors] = useState<{ name?: string; purpose?: string }>({});
  const [problems, setProblems] = useState<string[]>([]);
  const save = useAction((input: RegistrationPointInput) => saveRegistrationPoint(orgId, point?.id, input));

  const submit = async () => {
    const trimmed = name.trim();
    const next = {
      name: trimmed.length === 0 || trimmed.length > 50 ? t('scenario.reg.nameRule') : undefined,
      purpose: purpose.trim().length > 200 ? t('scenario.reg.purposeRule') : undefined,
    };
    const design = checkDesign(fields);
    setErrors(next);
    setProblems(design.ok ? [] : fields.length === 0 ? [t('scenario.reg.noFields')] : design.problems);
    if (next.name || next.purpose || !design.ok) return;
    const identities = splitList(audience.identities);
    const outcome = await save.run({
      name: trimmed,
      purpose: purpose.trim() || null,
      active,
      form: design.definition,
      audience: {
        ...(audience.departments.length ? { departments: audience.departments } : {}),
        ...(audience.tags.length ? { tags: audience.tags } : {}),
        ...(identities.length ? { identities } : {}),
        ...(point?.audience.members?.length ? { members: point.audience.members } : {}),
      },
    });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog wide title={point ? t('scenario.reg.editTitle', { name: point.name }) : t('scenario.reg.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('scenario.reg.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label={t('scenario.reg.purpose')} error={errors.purpose}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={purpose} onChange={(e) => setPurpose(e.target.value)} />}
      </FormField>
      <AudienceFieldset legend={t('scenario.reg.audience')} value={audience} onChange={setAudience} departmentOptions={departmentOptions} tags={tags} />
      <label className="field">
        <input type="checkbox" checked={active} onChange={() => setActive(!active)} /> {t('scenario.active')}
      </label>
      <h3>{t('scenario.reg.form')}</h3>
      <div className="designer">
        <div>
          <FormFieldEditors fields={fields} onChange={setFields} />
          <button type="button" className="button button--ghost button--small" disabled={fields.length >= 50} onClick={() => setFields([...fields, newField(fields)])}>
            {t('visitor.form.add')}
          </button>
        </div>
        <aside className="designer__side card" aria-label={t('visitor.form.preview')}>
          <h4>{t('visitor.form.preview')}</h4>
          <FormPreview fields={fields} />
        </aside>
      </div>
      <ProblemsNotice title={t('visitor.form.problems')} problems={problems} />
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}

import type { FieldType } from '@yima/shared';
import { t } from '../i18n/index.ts';
import { editField, FIELD_TYPES, moveField, OPTION_TYPES, RANGE_TYPES, type FieldDraft } from '../lib/form-designer.ts';
import { FormField } from './form-field.tsx';

export interface FormFieldEditorProps {
  field: FieldDraft;
  index: number;
  count: number;
  onChange: (patch: Partial<Omit<FieldDraft, 'uid'>>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One field of the 申请表单 designer: label, key, type, required, hint, options, min/max; move and remove. */
export function FormFieldEditor({ field, index, count, onChange, onMove, onRemove }: FormFieldEditorProps) {
  const title = t('visitor.form.fieldTitle', { n: index + 1 });
  const text = (key: 'label' | 'key' | 'hint', label: string, hint?: string) => (
    <FormField label={label} hint={hint}>
      {({ id, describedBy }) => <input id={id} className="input" aria-describedby={describedBy} value={field[key]} onChange={(e) => onChange({ [key]: e.target.value })} />}
    </FormField>
  );
  return (
    <fieldset className="card settings-section" aria-label={title}>
      <legend>
        {title}
        {field.label.trim() ? `：${field.label.trim()}` : ''}
      </legend>
      <div className="form-actions">
        <button type="button" className="button button--ghost button--small" disabled={index === 0} onClick={() => onMove(-1)}>
          {t('visitor.form.moveUp')}
        </button>
        <button type="button" className="button button--ghost button--small" disabled={index === count - 1} onClick={() => onMove(1)}>
          {t('visitor.form.moveDown')}
        </button>
        <button type="button" className="button button--ghost button--small button--danger-text" onClick={onRemove}>
          {t('visitor.form.remove')}
        </button>
      </div>
      {text('label', t('visitor.form.label'))}
      {text('key', t('visitor.form.key'), t('visitor.form.keyHint'))}
      <FormField label={t('visitor.form.type')}>
        {({ id }) => (
          <select id={id} className="input" value={field.type} onChange={(e) => onChange({ type: e.target.value as FieldType })}>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`visitor.fieldType.${type}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="field">
        <span>
          <input type="checkbox" checked={field.required} onChange={(e) => onChange({ required: e.target.checked })} /> {t('visitor.form.required')}
        </span>
      </label>
      {text('hint', t('visitor.form.hintLabel'))}
      {OPTION_TYPES.has(field.type) ? (
        <FormField label={t('visitor.form.options')}>
          {({ id }) => <textarea id={id} className="input" rows={4} value={field.options} onChange={(e) => onChange({ options: e.target.value })} />}
        </FormField>
      ) : null}
      {RANGE_TYPES.has(field.type) ? (
        <div className="field__row">
          <FormField label={t('visitor.form.min')}>
            {({ id }) => <input id={id} className="input" inputMode="decimal" value={field.min} onChange={(e) => onChange({ min: e.target.value })} />}
          </FormField>
          <FormField label={t('visitor.form.max')} hint={t('visitor.form.rangeHint')}>
            {({ id, describedBy }) => <input id={id} className="input" inputMode="decimal" aria-describedby={describedBy} value={field.max} onChange={(e) => onChange({ max: e.target.value })} />}
          </FormField>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Every field of a design, each with its editor; `onChange` gets the whole new list. */
export function FormFieldEditors({ fields, onChange }: { fields: readonly FieldDraft[]; onChange: (fields: FieldDraft[]) => void }) {
  return (
    <>
      {fields.map((field, i) => (
        <FormFieldEditor
          key={field.uid}
          field={field}
          index={i}
          count={fields.length}
          onChange={(patch) => onChange(editField(fields, field.uid, patch))}
          onMove={(delta) => onChange(moveField(fields, field.uid, delta))}
          onRemove={() => onChange(fields.filter((f) => f.uid !== field.uid))}
        />
      ))}
    </>
  );
}

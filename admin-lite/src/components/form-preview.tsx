import { t } from '../i18n/index.ts';
import { optionList, type FieldDraft } from '../lib/form-designer.ts';

/** The custom fields as the visitor apply page shows them (inputs work, nothing is sent). */
export function FormPreview({ fields }: { fields: readonly FieldDraft[] }) {
  if (fields.length === 0) return <p className="muted">{t('visitor.form.previewEmpty')}</p>;
  return (
    <div className="form-preview" data-testid="form-preview">
      {fields.map((f, i) => {
        const id = `preview-${f.uid}`;
        const label = f.label.trim() || t('visitor.form.fieldN', { n: i + 1 });
        const options = optionList(f.options);
        return (
          <div className="field" key={f.uid}>
            <label className="field__label" htmlFor={id}>
              {label}
              {f.required ? <span className="text-danger"> *</span> : null}
            </label>
            <PreviewControl field={f} id={id} options={options} />
            {f.hint.trim() ? <small className="field__hint">{f.hint.trim()}</small> : null}
          </div>
        );
      })}
    </div>
  );
}

function PreviewControl({ field, id, options }: { field: FieldDraft; id: string; options: string[] }) {
  switch (field.type) {
    case 'textarea':
      return <textarea id={id} className="input" rows={3} />;
    case 'number':
      return <input id={id} className="input" type="number" min={field.min || undefined} max={field.max || undefined} />;
    case 'phone':
      return <input id={id} className="input" type="tel" inputMode="numeric" placeholder={t('visitor.form.phonePlaceholder')} />;
    case 'id_card':
      return <input id={id} className="input" placeholder={t('visitor.form.idCardPlaceholder')} />;
    case 'select':
      return (
        <select id={id} className="input" defaultValue="">
          <option value="">{t('visitor.form.selectPlaceholder')}</option>
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      );
    case 'multi_select':
      return (
        <div className="check-list" id={id}>
          {options.map((o) => (
            <label key={o} className="check">
              <input type="checkbox" /> {o}
            </label>
          ))}
        </div>
      );
    case 'date':
      return <input id={id} className="input" type="date" />;
    case 'photo':
      return (
        <button id={id} type="button" className="button button--ghost button--small">
          {t('visitor.form.upload')}
        </button>
      );
    case 'signature':
      return (
        <button id={id} type="button" className="button button--ghost signature-pad">
          {t('visitor.form.sign')}
        </button>
      );
    default:
      return <input id={id} className="input" />;
  }
}

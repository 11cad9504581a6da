import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';

/** Departments as an indented checkbox list (each one = its whole subtree). */
export function DepartmentChecks({ legend, hint, options, value, onChange }: { legend: string; hint?: string; options: readonly PickerOption[]; value: readonly string[]; onChange: (ids: string[]) => void }) {
  const minDepth = options.reduce((min, o) => Math.min(min, o.depth), Infinity);
  return (
    <fieldset className="field">
      <legend className="field__label">{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {options.length === 0 ? <p className="muted">{t('common.none')}</p> : null}
      <div className="dept-checks">
        {options.map((o) => (
          <label key={o.id} style={{ paddingLeft: `${(o.depth - minDepth) * 1.25}em` }}>
            <input type="checkbox" checked={value.includes(o.id)} onChange={() => onChange(value.includes(o.id) ? value.filter((x) => x !== o.id) : [...value, o.id])} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

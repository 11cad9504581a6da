import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';

export interface DepartmentPickerProps {
  id: string;
  options: readonly PickerOption[];
  /** '' = nothing chosen yet. */
  value: string;
  onChange: (departmentId: string) => void;
  /** An extra first choice, e.g. 顶级部门 (value ''), instead of the "please choose" prompt. */
  rootLabel?: string;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
}

/** A department select over the admin's tree, indented by depth. */
export function DepartmentPicker({ id, options, value, onChange, rootLabel, describedBy, invalid, disabled }: DepartmentPickerProps) {
  const minDepth = options.reduce((min, o) => Math.min(min, o.depth), Infinity);
  return (
    <select
      id={id}
      className="input"
      value={value}
      disabled={disabled}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="" disabled={rootLabel === undefined}>
        {rootLabel ?? t('departments.pick')}
      </option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {'\u3000'.repeat(option.depth - minDepth)}
          {option.label}
        </option>
      ))}
    </select>
  );
}

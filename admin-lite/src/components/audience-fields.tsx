import type { ReactNode } from 'react';
import type { PickerOption } from '../lib/department-scope.ts';
import { t } from '../i18n/index.ts';

export interface AudienceDraft {
  departments: string[];
  tags: string[];
  /** Comma/、-separated, as typed. */
  identities: string;
}

export interface AudienceFieldsProps {
  value: AudienceDraft;
  onChange: (value: AudienceDraft) => void;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  /** Prefix for the accessible names when several editors share a dialog. */
  labelPrefix?: string;
}

const toggle = (list: readonly string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

/** 适用对象: departments (with sub-departments), tags, identities; empty everywhere = everyone. */
export function AudienceFields({ value, onChange, departmentOptions, tags, labelPrefix = '' }: AudienceFieldsProps) {
  const minDepth = departmentOptions.reduce((min, o) => Math.min(min, o.depth), Infinity);
  return (
    <>
      <label className="field">
        <span className="field__label">{t('pay.audience.departments')}</span>
        <select
          multiple
          className="input"
          aria-label={`${labelPrefix}${t('pay.audience.departments')}`}
          value={value.departments}
          onChange={(e) => onChange({ ...value, departments: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {departmentOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {'\u3000'.repeat(Math.max(0, o.depth - minDepth))}
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {tags.length > 0 ? (
        <fieldset className="field">
          <legend className="field__label">{t('pay.audience.tags')}</legend>
          <div className="check-list">
            {tags.map((tag) => (
              <label key={tag.id}>
                <input type="checkbox" checked={value.tags.includes(tag.id)} onChange={() => onChange({ ...value, tags: toggle(value.tags, tag.id) })} /> {tag.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <label className="field">
        <span className="field__label">{t('pay.audience.identities')}</span>
        <input className="input" aria-label={`${labelPrefix}${t('pay.audience.identities')}`} value={value.identities} onChange={(e) => onChange({ ...value, identities: e.target.value })} />
        <small className="field__hint">{t('pay.audience.identitiesHint')}</small>
      </label>
    </>
  );
}

/** The 适用对象 fieldset of a scenario dialog: legend, the "empty = everyone" hint, the editor, and anything after it. */
export function AudienceFieldset({ legend, children, ...fields }: AudienceFieldsProps & { legend: string; children?: ReactNode }) {
  return (
    <fieldset className="field">
      <legend className="field__label">{legend}</legend>
      <p className="field__hint">{t('scenario.audienceHint')}</p>
      <AudienceFields {...fields} />
      {children}
    </fieldset>
  );
}

import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { emptyAdjustment, emptyWindow, type AdjustmentDraft } from '../lib/pricing-form.ts';
import { AudienceFields } from './audience-fields.tsx';
import { TimeWindowFields } from './time-window-fields.tsx';

export interface AdjustmentsEditorProps {
  value: AdjustmentDraft[];
  onChange: (value: AdjustmentDraft[]) => void;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
}

/** A fresh id for a new adjustment ('adj-' + 8 hex), distinct from the others. */
function nextId(existing: readonly AdjustmentDraft[]): string {
  let id: string;
  do id = `adj-${crypto.randomUUID().slice(0, 8)}`;
  while (existing.some((a) => a.id === id));
  return id;
}

/** 优惠与加价: each with a label, discount or premium, a rate (%) or an amount (yuan), an audience and an optional time window. */
export function AdjustmentsEditor({ value, onChange, departmentOptions, tags }: AdjustmentsEditorProps) {
  const update = (i: number, patch: Partial<AdjustmentDraft>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <fieldset className="field">
      <legend className="field__label">{t('pay.adj.title')}</legend>
      {value.map((a, i) => {
        const prefix = `${t('pay.adj.numbered', { n: i + 1 })} `;
        return (
          <div key={a.id} className="card" aria-label={prefix.trim()} role="group">
            <div className="form-grid">
              <label>
                {t('pay.adj.label')} <input className="input" aria-label={`${prefix}${t('pay.adj.label')}`} maxLength={40} value={a.label} onChange={(e) => update(i, { label: e.target.value })} />
              </label>
              <label>
                {t('pay.adj.kind')}{' '}
                <select className="input" aria-label={`${prefix}${t('pay.adj.kind')}`} value={a.kind} onChange={(e) => update(i, { kind: e.target.value as AdjustmentDraft['kind'] })}>
                  <option value="discount">{t('pay.adj.kind.discount')}</option>
                  <option value="premium">{t('pay.adj.kind.premium')}</option>
                </select>
              </label>
              <label>
                {t('pay.adj.by')}{' '}
                <select className="input" aria-label={`${prefix}${t('pay.adj.by')}`} value={a.by} onChange={(e) => update(i, { by: e.target.value as AdjustmentDraft['by'] })}>
                  <option value="rate">{t('pay.adj.by.rate')}</option>
                  <option value="amount">{t('pay.adj.by.amount')}</option>
                </select>
              </label>
              <label>
                {t('pay.adj.value')} <input className="input" inputMode="decimal" aria-label={`${prefix}${t('pay.adj.value')}`} value={a.value} onChange={(e) => update(i, { value: e.target.value })} />
              </label>
            </div>
            <AudienceFields
              labelPrefix={prefix}
              departmentOptions={departmentOptions}
              tags={tags}
              value={{ departments: a.departments, tags: a.tags, identities: a.identities }}
              onChange={(audience) => update(i, audience)}
            />
            <label>
              <input type="checkbox" checked={a.window !== null} onChange={() => update(i, { window: a.window ? null : emptyWindow() })} /> {t('pay.adj.window')}
            </label>
            {a.window ? <TimeWindowFields labelPrefix={prefix} value={a.window} onChange={(window) => update(i, { window })} /> : null}
            <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" className="button button--ghost button--small" onClick={() => onChange([...value, emptyAdjustment(nextId(value))])}>
        {t('pay.adj.add')}
      </button>
    </fieldset>
  );
}

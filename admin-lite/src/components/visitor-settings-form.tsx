import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { checkSettingsDraft, settingsDraft, type SettingsDraft, type SettingsErrors } from '../lib/visitor-settings-form.ts';
import { updateVisitorSettings, type VisitorSettings } from '../services/visitor-settings.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormField } from './form-field.tsx';

/** The visitor_settings form: identity types, approval levels, retention, longest window, ID card required. */
export function VisitorSettingsForm({ orgId, settings, onSaved }: { orgId: string; settings: VisitorSettings; onSaved: (row: VisitorSettings) => void }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const save = useAction((input: Parameters<typeof updateVisitorSettings>[1]) => updateVisitorSettings(orgId, input));
  const set = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setType = (i: number, value: string) => set({ identityTypes: draft.identityTypes.map((x, j) => (j === i ? value : x)) });

  const onSave = async () => {
    const checked = checkSettingsDraft(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const outcome = await save.run(checked.input);
    if (outcome.ok) {
      setDraft(settingsDraft(outcome.value));
      onSaved(outcome.value);
    }
  };

  const number = (key: 'retentionDays' | 'maxWindowHours', label: string, hint?: string) => (
    <FormField label={label} hint={hint} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <input id={id} className="input" inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </FormField>
  );

  return (
    <form
      className="card"
      aria-label={t('visitor.settings.title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      <h2>{t('visitor.settings.title')}</h2>
      <fieldset className={`field${errors.identityTypes ? ' has-error' : ''}`}>
        <legend className="field__label">{t('visitor.settings.identityTypes')}</legend>
        {draft.identityTypes.map((value, i) => (
          <div className="repeat-row" key={i}>
            <input className="input" maxLength={20} aria-label={t('visitor.settings.identityItem', { n: i + 1 })} value={value} onChange={(e) => setType(i, e.target.value)} />
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={t('visitor.settings.identityRemove', { n: i + 1 })}
              disabled={draft.identityTypes.length <= 1}
              onClick={() => set({ identityTypes: draft.identityTypes.filter((_, j) => j !== i) })}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="button button--ghost button--small" disabled={draft.identityTypes.length >= 20} onClick={() => set({ identityTypes: [...draft.identityTypes, ''] })}>
          {t('visitor.settings.identityAdd')}
        </button>
        {errors.identityTypes ? <small className="field__error">{errors.identityTypes}</small> : <small className="field__hint">{t('visitor.settings.identityHint')}</small>}
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">{t('visitor.settings.approvalLevels')}</legend>
        <div className="check-list">
          {([1, 2] as const).map((level) => (
            <label key={level} className="check">
              <input type="radio" name="approval-levels" checked={draft.approvalLevels === level} onChange={() => set({ approvalLevels: level })} /> {t(level === 1 ? 'visitor.settings.level1' : 'visitor.settings.level2')}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>
          <input type="checkbox" checked={draft.inviteNeedsApproval} onChange={(e) => set({ inviteNeedsApproval: e.target.checked })} /> {t('visitor.settings.inviteNeedsApproval')}
        </span>
      </label>
      <label className="field">
        <span>
          <input type="checkbox" checked={draft.requireIdCard} onChange={(e) => set({ requireIdCard: e.target.checked })} /> {t('visitor.settings.requireIdCard')}
        </span>
      </label>
      {number('retentionDays', t('visitor.settings.retentionDays'), t('visitor.settings.retentionHint'))}
      {number('maxWindowHours', t('visitor.settings.maxWindowHours'))}
      {save.error ? <ErrorNotice error={save.error} /> : null}
      <button type="submit" className="button" disabled={save.busy}>
        {save.busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

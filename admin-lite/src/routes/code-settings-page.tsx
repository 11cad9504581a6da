import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FormField } from '../components/form-field.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { checkSettingsDraft, CODE_SETTING_RANGES, draftFromSettings, NUMERIC_SETTINGS, type CodeSettingsDraft, type SettingsCheck } from '../lib/code-settings-form.ts';
import { formatDateTime } from '../lib/format.ts';
import { SCOPE_BITS, SCOPE_NAMES, toggleScope } from '../lib/scopes.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { getCodeSettings, rotateIssuerKey, updateCodeSettings, type CodeSettingsPatch } from '../services/code-settings.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Errors = Extract<SettingsCheck, { ok: false }>['errors'];

/** 安全策略: dynamic-code settings (config function) and issuer key rotation (super admins). */
export function CodeSettingsPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const settings = useAsync(() => getCodeSettings(orgId), [orgId]);
  const [draft, setDraft] = useState<CodeSettingsDraft>();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string>();
  const [rotateDialog, setRotateDialog] = useState<false | 'normal' | 'compromised'>(false);
  useEffect(() => {
    if (settings.data) setDraft(draftFromSettings(settings.data));
  }, [settings.data]);
  const save = useAction((patch: CodeSettingsPatch) => updateCodeSettings(orgId, patch));
  const rotate = useAction((compromised: boolean) => rotateIssuerKey(orgId, compromised));

  const onSave = async () => {
    if (!draft) return;
    const checked = checkSettingsDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const outcome = await save.run(checked.patch);
    if (outcome.ok) {
      setMessage(t('security.saved'));
      setDraft(draftFromSettings(outcome.value));
    }
  };

  const onRotate = async (compromised: boolean) => {
    const outcome = await rotate.run(compromised);
    setRotateDialog(false);
    if (outcome.ok) {
      const r = outcome.value;
      setMessage(
        compromised
          ? t('security.rotatedCompromised')
          : r.previous_not_after
            ? t('security.rotated', { until: formatDateTime(r.previous_not_after) })
            : t('security.rotatedFirst'),
      );
    }
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('security.title')}</h1>
      <SuccessNotice message={message} />
      {settings.error ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
      {draft ? (
        <form
          className="card"
          aria-label={t('security.codeTitle')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSave();
          }}
        >
          <h2>{t('security.codeTitle')}</h2>
          {NUMERIC_SETTINGS.map((key) => (
            <FormField key={key} label={t(`security.field.${key}`)} hint={t('security.error.range', { min: CODE_SETTING_RANGES[key][0], max: CODE_SETTING_RANGES[key][1] })} error={errors[key]}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="input"
                  inputMode="numeric"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={draft.numbers[key]}
                  onChange={(e) => setDraft({ ...draft, numbers: { ...draft.numbers, [key]: e.target.value } })}
                />
              )}
            </FormField>
          ))}
          <FormField label={t('security.field.offlineCap')} hint={t('security.field.offlineCapHint')} error={errors.offlineCap}>
            {({ id, describedBy, invalid }) => (
              <input id={id} className="input" inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft.offlineCapYuan} onChange={(e) => setDraft({ ...draft, offlineCapYuan: e.target.value })} />
            )}
          </FormField>
          <label className="field">
            <span>
              <input type="checkbox" checked={draft.screenshotReport} onChange={(e) => setDraft({ ...draft, screenshotReport: e.target.checked })} /> {t('security.field.screenshotReport')}
            </span>
          </label>
          <label className="field">
            <span>
              <input type="checkbox" checked={draft.hideOnCapture} onChange={(e) => setDraft({ ...draft, hideOnCapture: e.target.checked })} /> {t('security.field.hideOnCapture')}
            </span>
          </label>
          <fieldset className="field">
            <legend className="field__label">{t('security.field.defaultScopes')}</legend>
            <div className="check-list">
              {SCOPE_NAMES.map((name) => (
                <label key={name}>
                  <input type="checkbox" checked={(draft.scopes & SCOPE_BITS[name]) !== 0} onChange={() => setDraft({ ...draft, scopes: toggleScope(draft.scopes, name) })} /> {t(`scope.${name}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {save.error ? <ErrorNotice error={save.error} /> : null}
          <button type="submit" className="button" disabled={save.busy}>
            {save.busy ? t('common.saving') : t('common.save')}
          </button>
        </form>
      ) : settings.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}

      <section className="card" aria-label={t('security.keyTitle')}>
        <h2>{t('security.keyTitle')}</h2>
        <p className="muted">{t('security.keyHint')}</p>
        {profile.is_super ? (
          <div className="toolbar__filters">
            <button type="button" className="button" onClick={() => setRotateDialog('normal')}>
              {t('security.rotate')}
            </button>
            <button type="button" className="button button--danger" onClick={() => setRotateDialog('compromised')}>
              {t('security.rotateCompromised')}
            </button>
          </div>
        ) : (
          <p className="notice notice--warn">{t('security.superOnly')}</p>
        )}
        {rotate.error ? <ErrorNotice error={rotate.error} /> : null}
      </section>
      {rotateDialog ? (
        <ConfirmDialog
          title={rotateDialog === 'compromised' ? t('security.rotateCompromised') : t('security.rotate')}
          confirmLabel={t('security.rotateConfirm')}
          busyLabel={t('common.saving')}
          busy={rotate.busy}
          danger={rotateDialog === 'compromised'}
          onCancel={() => setRotateDialog(false)}
          onConfirm={() => void onRotate(rotateDialog === 'compromised')}
        >
          <p>{rotateDialog === 'compromised' ? t('security.rotateCompromisedBody') : t('security.rotateBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

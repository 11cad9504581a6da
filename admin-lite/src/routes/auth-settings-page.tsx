import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import {
  draftFromSettings,
  LOCK_MINUTES_RANGE,
  MAX_ATTEMPTS_RANGE,
  validateAuthSettings,
  type AuthSettingsDraft,
  type DraftErrors,
  type SecretDraft,
} from '../lib/auth-settings-form.ts';
import { formatDateTime } from '../lib/format.ts';
import {
  CLAIM_METHODS,
  getAuthSettings,
  getOrgSecretNames,
  saveAuthSettings,
  type AuthSettingsRow,
  type ClaimMethod,
  type OrgSecretName,
} from '../services/auth-settings.service.ts';
import { toAppError, type AppError } from '../services/errors.ts';
import type { AdminSession } from '../services/session.service.ts';

const METHOD_TEXT: Record<ClaimMethod, { label: MessageKey; description: MessageKey }> = {
  employee_no_phone: { label: 'settings.method.employee_no_phone', description: 'settings.method.employee_no_phone.desc' },
  employee_no_id_card: { label: 'settings.method.employee_no_id_card', description: 'settings.method.employee_no_id_card.desc' },
  name_id_card: { label: 'settings.method.name_id_card', description: 'settings.method.name_id_card.desc' },
  name_phone: { label: 'settings.method.name_phone', description: 'settings.method.name_phone.desc' },
  api: { label: 'settings.method.api', description: 'settings.method.api.desc' },
};

interface LoadedSettings {
  settings: AuthSettingsRow;
  secretsSet: ReadonlySet<OrgSecretName>;
}

/** 身份认证: how members prove who they are when claiming the card, lock-out, enterprise API and WeCom. */
export function AuthSettingsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const loaded = useAsync(
    async (): Promise<LoadedSettings> => {
      const [settings, names] = await Promise.all([getAuthSettings(orgId), getOrgSecretNames(orgId)]);
      return { settings, secretsSet: new Set(names) };
    },
    [orgId],
  );
  const [saved, setSaved] = useState(false);

  return (
    <div className="page page--form">
      <h1 className="page__title">{t('settings.title')}</h1>
      <p className="muted">{t('settings.intro')}</p>
      {loaded.error ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.data ? (
        <AuthSettingsForm
          // A saved row (new updated_at) starts a fresh draft with empty secret fields.
          key={`${orgId}:${loaded.data.settings.updated_at}`}
          orgId={orgId}
          loaded={loaded.data}
          saved={saved}
          onEdit={() => setSaved(false)}
          onSaved={() => {
            setSaved(true);
            loaded.reload();
          }}
          onFailed={() => {
            setSaved(false);
            loaded.reload();
          }}
        />
      ) : loaded.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}

interface FormProps {
  orgId: string;
  loaded: LoadedSettings;
  /** The last save succeeded and nothing was edited since. */
  saved: boolean;
  onEdit: () => void;
  onSaved: () => void;
  /** A failed save may still have stored some secrets: re-read which are set. */
  onFailed: () => void;
}

function AuthSettingsForm({ orgId, loaded, saved, onEdit, onSaved, onFailed }: FormProps) {
  const [draft, setDraft] = useState<AuthSettingsDraft>(() => draftFromSettings(loaded.settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError>();
  const { secretsSet } = loaded;

  const update = (changes: Partial<AuthSettingsDraft>) => {
    setDraft((previous) => ({ ...previous, ...changes }));
    onEdit();
  };
  const updateSecret = (name: OrgSecretName, changes: Partial<SecretDraft>) => {
    setDraft((previous) => ({ ...previous, secrets: { ...previous.secrets, [name]: { ...previous.secrets[name], ...changes } } }));
    onEdit();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaveError(undefined);
    onEdit();
    const result = validateAuthSettings(draft, secretsSet);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await saveAuthSettings(orgId, result.update, result.secrets);
      setSaving(false);
      onSaved();
    } catch (thrown) {
      setSaveError(toAppError(thrown));
      setSaving(false);
      onFailed();
    }
  };

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <form className="settings-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <fieldset className="card settings-section">
        <legend>{t('settings.section.method')}</legend>
        <div className="method-list" role="radiogroup" aria-label={t('settings.section.method')}>
          {CLAIM_METHODS.map((method) => (
            <label key={method} className={`method${draft.claimMethod === method ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="claim-method"
                value={method}
                checked={draft.claimMethod === method}
                onChange={() => update({ claimMethod: method })}
              />
              <span className="method__text">
                <strong>{t(METHOD_TEXT[method].label)}</strong>
                <small>{t(METHOD_TEXT[method].description)}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="card settings-section">
        <legend>{t('settings.section.lock')}</legend>
        <TextField
          label={t('settings.maxAttempts')}
          hint={t('settings.maxAttemptsHint', MAX_ATTEMPTS_RANGE)}
          error={errors.maxClaimAttempts}
          inputMode="numeric"
          value={draft.maxClaimAttempts}
          onChange={(value) => update({ maxClaimAttempts: value })}
        />
        <TextField
          label={t('settings.lockMinutes')}
          hint={t('settings.lockMinutesHint', LOCK_MINUTES_RANGE)}
          error={errors.lockMinutes}
          inputMode="numeric"
          value={draft.lockMinutes}
          onChange={(value) => update({ lockMinutes: value })}
        />
      </fieldset>

      <fieldset className="card settings-section">
        <legend>{t('settings.section.api')}</legend>
        <p className="muted">{t('settings.apiIntro')}</p>
        <TextField
          label={t('settings.apiUrl')}
          hint={t('settings.apiUrlHint')}
          error={errors.apiVerifyUrl}
          type="url"
          placeholder="https://hr.example.com/yima/verify"
          value={draft.apiVerifyUrl}
          onChange={(value) => update({ apiVerifyUrl: value })}
        />
        <SecretField
          label={t('settings.apiSecret')}
          hint={t('settings.apiSecretHint')}
          isSet={secretsSet.has('api_verify_secret')}
          draft={draft.secrets.api_verify_secret}
          error={errors.api_verify_secret}
          onChange={(changes) => updateSecret('api_verify_secret', changes)}
        />
      </fieldset>

      <fieldset className="card settings-section">
        <legend>{t('settings.section.wecom')}</legend>
        <TextField
          label={t('settings.wecomCorpId')}
          hint={t('settings.wecomCorpIdHint')}
          error={errors.wecomCorpId}
          value={draft.wecomCorpId}
          onChange={(value) => update({ wecomCorpId: value })}
        />
        <SecretField
          label={t('settings.wecomSecret')}
          hint={t('settings.wecomSecretHint')}
          isSet={secretsSet.has('wecom_corp_secret')}
          draft={draft.secrets.wecom_corp_secret}
          error={errors.wecom_corp_secret}
          onChange={(changes) => updateSecret('wecom_corp_secret', changes)}
        />
        <SecretField
          label={t('settings.wecomAgentId')}
          hint={t('settings.wecomAgentIdHint')}
          plain
          isSet={secretsSet.has('wecom_agent_id')}
          draft={draft.secrets.wecom_agent_id}
          error={errors.wecom_agent_id}
          onChange={(changes) => updateSecret('wecom_agent_id', changes)}
        />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        <span className="muted">{t('settings.updatedAt', { time: formatDateTime(loaded.settings.updated_at) })}</span>
      </div>
      {hasErrors ? (
        <p className="notice notice--error" role="alert">
          {t('settings.invalid')}
        </p>
      ) : null}
      {saveError ? <ErrorNotice error={saveError} /> : null}
      {saved && !saveError ? (
        <p className="notice notice--success" role="status">
          {t('settings.saved')}
        </p>
      ) : null}
    </form>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  extra?: ReactNode;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, extra, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <div className="field__head">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {extra}
      </div>
      {children}
      {error ? (
        <small className="field__error" id={`${id}-error`}>
          {error}
        </small>
      ) : hint ? (
        <small className="field__hint" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  type?: 'text' | 'url';
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  onChange: (value: string) => void;
}

function TextField({ label, hint, error, value, type = 'text', inputMode, placeholder, onChange }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        className="input"
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

interface SecretFieldProps {
  label: string;
  hint: string;
  isSet: boolean;
  draft: SecretDraft;
  error?: string;
  /** Not a password (an id): typed text is visible, but a stored value is still never shown. */
  plain?: boolean;
  onChange: (changes: Partial<SecretDraft>) => void;
}

/** Write-only: shows 已设置 / 未设置, takes a new value, or clears the stored one. */
function SecretField({ label, hint, isSet, draft, error, plain = false, onChange }: SecretFieldProps) {
  const id = useId();
  const badge = (
    <span className={`badge ${isSet ? 'badge--active' : 'badge--muted'}`}>
      {isSet ? t('settings.secret.set') : t('settings.secret.unset')}
    </span>
  );
  return (
    <FieldFrame id={id} label={label} hint={`${hint}${t('settings.secret.writeOnly')}`} error={error} extra={badge}>
      <div className="field__row">
        <input
          id={id}
          className="input"
          type={plain ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={draft.clear ? t('settings.secret.willClear') : isSet ? t('settings.secret.placeholderSet') : t('settings.secret.placeholderUnset')}
          disabled={draft.clear}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          value={draft.value}
          onChange={(event) => onChange({ value: event.target.value })}
        />
        {isSet ? (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`${draft.clear ? t('settings.secret.undoClear') : t('settings.secret.clear')} ${label}`}
            onClick={() => onChange({ clear: !draft.clear, value: '' })}
          >
            {draft.clear ? t('settings.secret.undoClear') : t('settings.secret.clear')}
          </button>
        ) : null}
      </div>
    </FieldFrame>
  );
}

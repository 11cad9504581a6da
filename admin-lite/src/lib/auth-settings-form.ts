// The 身份认证 settings form: draft <-> row, and validation with zh-CN
// messages. Mirrors the database checks (org_auth_settings) and the claim
// function's rules (the API method needs an https URL and a signing secret)
// so an admin learns what is wrong before saving, not from a constraint name.
import { t } from '../i18n/index.ts';
import {
  ORG_SECRET_NAMES,
  type AuthSettingsRow,
  type AuthSettingsUpdate,
  type ClaimMethod,
  type OrgSecretName,
  type SecretChanges,
} from '../services/auth-settings.service.ts';

/** A write-only secret field: a new value to set, or a request to clear it. */
export interface SecretDraft {
  value: string;
  clear: boolean;
}

export interface AuthSettingsDraft {
  claimMethod: ClaimMethod;
  apiVerifyUrl: string;
  maxClaimAttempts: string;
  lockMinutes: string;
  wecomCorpId: string;
  secrets: Record<OrgSecretName, SecretDraft>;
}

export type DraftField = 'apiVerifyUrl' | 'maxClaimAttempts' | 'lockMinutes' | 'wecomCorpId' | OrgSecretName;
export type DraftErrors = Partial<Record<DraftField, string>>;

export type ValidationResult =
  | { ok: true; update: AuthSettingsUpdate; secrets: SecretChanges }
  | { ok: false; errors: DraftErrors };

export const MAX_ATTEMPTS_RANGE = { min: 1, max: 20 } as const;
export const LOCK_MINUTES_RANGE = { min: 1, max: 1440 } as const;
const MAX_SECRET_LENGTH = 1000;
// The claim function accepts plain http only on the machine itself (testing).
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const CORP_ID = /^[A-Za-z0-9]{4,64}$/;
const AGENT_ID = /^\d{1,20}$/;

const emptySecret = (): SecretDraft => ({ value: '', clear: false });

export function draftFromSettings(row: AuthSettingsRow): AuthSettingsDraft {
  return {
    claimMethod: row.claim_method,
    apiVerifyUrl: row.api_verify_url ?? '',
    maxClaimAttempts: String(row.max_claim_attempts),
    lockMinutes: String(row.lock_minutes),
    wecomCorpId: row.wecom_corp_id ?? '',
    secrets: { api_verify_secret: emptySecret(), wecom_corp_secret: emptySecret(), wecom_agent_id: emptySecret() },
  };
}

function parseIntInRange(text: string, range: { min: number; max: number }): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= range.min && n <= range.max ? n : undefined;
}

/** https://…, or http:// to localhost only; no spaces (the database rejects them). */
export function isAcceptableVerifyUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** Whether a secret is set after saving this draft. */
function secretWillBeSet(draft: SecretDraft, isSetNow: boolean): boolean {
  if (draft.value.trim() !== '') return true;
  return isSetNow && !draft.clear;
}

export function validateAuthSettings(draft: AuthSettingsDraft, secretsSet: ReadonlySet<OrgSecretName>): ValidationResult {
  const errors: DraftErrors = {};

  const maxClaimAttempts = parseIntInRange(draft.maxClaimAttempts, MAX_ATTEMPTS_RANGE);
  if (maxClaimAttempts === undefined) errors.maxClaimAttempts = t('settings.error.maxAttempts');
  const lockMinutes = parseIntInRange(draft.lockMinutes, LOCK_MINUTES_RANGE);
  if (lockMinutes === undefined) errors.lockMinutes = t('settings.error.lockMinutes');

  const url = draft.apiVerifyUrl.trim();
  if (draft.claimMethod === 'api' && url === '') errors.apiVerifyUrl = t('settings.error.apiUrlRequired');
  else if (url !== '' && !isAcceptableVerifyUrl(url)) errors.apiVerifyUrl = t('settings.error.urlInvalid');

  if (draft.claimMethod === 'api' && !secretWillBeSet(draft.secrets.api_verify_secret, secretsSet.has('api_verify_secret'))) {
    errors.api_verify_secret = t('settings.error.apiSecretRequired');
  }

  const corpId = draft.wecomCorpId.trim();
  if (corpId !== '' && !CORP_ID.test(corpId)) errors.wecomCorpId = t('settings.error.corpIdInvalid');

  const agentId = draft.secrets.wecom_agent_id.value.trim();
  if (agentId !== '' && !AGENT_ID.test(agentId)) errors.wecom_agent_id = t('settings.error.agentIdInvalid');

  const secrets: SecretChanges = {};
  for (const name of ORG_SECRET_NAMES) {
    const { value, clear } = draft.secrets[name];
    const trimmed = value.trim();
    if (trimmed.length > MAX_SECRET_LENGTH) errors[name] ??= t('settings.error.secretTooLong', { max: MAX_SECRET_LENGTH });
    if (trimmed !== '') secrets[name] = trimmed;
    else if (clear && secretsSet.has(name)) secrets[name] = null;
  }

  if (Object.keys(errors).length > 0 || maxClaimAttempts === undefined || lockMinutes === undefined) return { ok: false, errors };
  return {
    ok: true,
    update: {
      claim_method: draft.claimMethod,
      api_verify_url: url === '' ? null : url,
      max_claim_attempts: maxClaimAttempts,
      lock_minutes: lockMinutes,
      wecom_corp_id: corpId === '' ? null : corpId,
    },
    secrets,
  };
}

// 身份认证 settings of an org: the claim method (领卡验证方式), the lock-out
// policy, the enterprise verification endpoint and WeCom ids
// (org_auth_settings), plus write-only secrets (admin_set_org_secret; only
// which ones are set can be read back, via admin_org_secret_names).
import { z } from 'zod';
import { t, type MessageKey } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap, type PostgrestErrorLike } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const CLAIM_METHODS = ['employee_no_phone', 'employee_no_id_card', 'name_id_card', 'name_phone', 'api'] as const;
export type ClaimMethod = (typeof CLAIM_METHODS)[number];

export const ORG_SECRET_NAMES = ['api_verify_secret', 'wecom_corp_secret', 'wecom_agent_id'] as const;
export type OrgSecretName = (typeof ORG_SECRET_NAMES)[number];

export interface AuthSettingsRow {
  org_id: string;
  claim_method: ClaimMethod;
  api_verify_url: string | null;
  max_claim_attempts: number;
  lock_minutes: number;
  wecom_corp_id: string | null;
  updated_at: string;
}

export type AuthSettingsUpdate = Pick<AuthSettingsRow, 'claim_method' | 'api_verify_url' | 'max_claim_attempts' | 'lock_minutes' | 'wecom_corp_id'>;

/** A secret to change: a new value, or null to clear it. Absent = leave as is. */
export type SecretChanges = Partial<Record<OrgSecretName, string | null>>;

const COLUMNS = 'org_id, claim_method, api_verify_url, max_claim_attempts, lock_minutes, wecom_corp_id, updated_at';

export async function getAuthSettings(orgId: string): Promise<AuthSettingsRow> {
  return unwrap(await supabase().from('org_auth_settings').select(COLUMNS).eq('org_id', orgId).single<AuthSettingsRow>());
}

/** Which secrets are set (never their values). Needs the config function (else 没有权限). */
export async function getOrgSecretNames(orgId: string): Promise<OrgSecretName[]> {
  const names: unknown = unwrap(await supabase().rpc('admin_org_secret_names', { p_org: orgId }));
  return parseResponse(z.array(z.string()), names).filter((name): name is OrgSecretName => (ORG_SECRET_NAMES as readonly string[]).includes(name));
}

// Check constraints of org_auth_settings (Postgres names them <table>_<column>_check,
// and the table-level "api needs a URL" rule org_auth_settings_check).
const CHECK_MESSAGES: ReadonlyArray<[RegExp, MessageKey]> = [
  [/org_auth_settings_api_verify_url_check/, 'settings.error.urlInvalid'],
  [/org_auth_settings_wecom_corp_id_check/, 'settings.error.corpIdInvalid'],
  [/org_auth_settings_max_claim_attempts_check/, 'settings.error.maxAttempts'],
  [/org_auth_settings_lock_minutes_check/, 'settings.error.lockMinutes'],
  [/org_auth_settings_check/, 'settings.error.apiUrlRequired'],
];

/**
 * Settings-specific messages for constraint failures: ones the form cannot
 * rule out (another org already uses the WeCom corp id) and the check rules
 * the form also enforces (in case an older page or another client skips them).
 */
function mapSettingsError(error: PostgrestErrorLike, status: number): AppError {
  const text = `${error.message ?? ''} ${error.details ?? ''}`;
  if (error.code === '23505' && /wecom_corp_id/.test(text)) {
    return new AppError('duplicate', t('settings.error.corpIdTaken'), error.code, status, { cause: error });
  }
  if (error.code === '23514') {
    const key = CHECK_MESSAGES.find(([pattern]) => pattern.test(text))?.[1] ?? 'settings.error.rejected';
    return new AppError('function', t(key), error.code, status, { cause: error });
  }
  return mapPostgrestError(error, status);
}

export async function setOrgSecret(orgId: string, name: OrgSecretName, value: string | null): Promise<void> {
  const { error, status } = await supabase().rpc('admin_set_org_secret', { p_org: orgId, p_name: name, p_value: value });
  if (error) throw mapPostgrestError(error, status);
}

/**
 * Saves the settings and changed secrets. Secrets go first: switching to the
 * API method then finds its signing secret already in place.
 */
export async function saveAuthSettings(orgId: string, update: AuthSettingsUpdate, secrets: SecretChanges = {}): Promise<AuthSettingsRow> {
  for (const name of ORG_SECRET_NAMES) {
    const value = secrets[name];
    if (value !== undefined) await setOrgSecret(orgId, name, value);
  }
  const { data, error, status } = await supabase()
    .from('org_auth_settings')
    .update(update)
    .eq('org_id', orgId)
    .select(COLUMNS)
    .overrideTypes<AuthSettingsRow[], { merge: false }>();
  if (error) throw mapSettingsError(error, status);
  // RLS hides the row from an update without the config function: no error, no row.
  const row = data?.[0];
  if (!row) throw new AppError('forbidden', t('error.forbidden'), '42501', status);
  return row;
}

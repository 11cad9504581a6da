// 安全策略: the org's dynamic-code settings (code_settings; any member reads,
// admins with `config` update), issuer key rotation (super admins) and
// credential revocation (挂失/离职/黑名单; admins with `cards`, in scope).
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError, mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface CodeSettingsRow {
  org_id: string;
  step_seconds: number;
  offline_validity_hours: number;
  issuer_key_validity_days: number;
  online_code_validity_seconds: number;
  screenshot_report: boolean;
  hide_on_capture: boolean;
  /** Integer fen (bigint in the database, within 0..2^32-1). */
  default_offline_cap_fen: number;
  default_scopes: number;
  updated_at: string;
}

export type CodeSettingsPatch = Omit<CodeSettingsRow, 'org_id' | 'updated_at'>;

const COLUMNS = 'org_id, step_seconds, offline_validity_hours, issuer_key_validity_days, online_code_validity_seconds, screenshot_report, hide_on_capture, default_offline_cap_fen, default_scopes, updated_at';

export async function getCodeSettings(orgId: string): Promise<CodeSettingsRow> {
  return unwrap(await supabase().from('code_settings').select(COLUMNS).eq('org_id', orgId).single<CodeSettingsRow>());
}

export async function updateCodeSettings(orgId: string, patch: CodeSettingsPatch): Promise<CodeSettingsRow> {
  const { data, error, status } = await supabase().from('code_settings').update(patch).eq('org_id', orgId).select(COLUMNS).overrideTypes<CodeSettingsRow[], { merge: false }>();
  if (error) throw mapPostgrestError(error, status);
  const row = data?.[0];
  if (!row) throw new AppError('forbidden', t('error.forbidden'), '42501', status);
  return row;
}

const RotationSchema = z.object({
  previous_key_id: z.number().nullable(),
  previous_not_after: z.string().nullable(),
  signing_key_id: z.number().nullable(),
  compromised: z.boolean(),
});
export type IssuerKeyRotation = z.infer<typeof RotationSchema>;

/** Super admins: the standby key starts signing; `compromised` retires the old key at once (every phone re-enrols). */
export async function rotateIssuerKey(orgId: string, compromised: boolean): Promise<IssuerKeyRotation> {
  const result: unknown = unwrap(await supabase().rpc('admin_rotate_issuer_key', { p_org: orgId, p_compromised: compromised }));
  return parseResponse(RotationSchema, result);
}

export const REVOKE_REASONS = ['lost_device', 'left', 'blacklist', 'other'] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** Revokes every live credential of these members; returns how many. left/blacklist also change the member's status. */
export async function revokeCredentials(memberIds: readonly string[], reason: RevokeReason): Promise<number> {
  const count: unknown = unwrap(await supabase().rpc('admin_revoke_credentials', { p_member_ids: [...memberIds], p_reason: reason }));
  return parseResponse(z.number().int().nonnegative(), count);
}

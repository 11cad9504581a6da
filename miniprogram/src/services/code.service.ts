// The dynamic code's server side: enrolment (code-enroll), whether a stored
// credential is still live (the member's own row in `credentials`, RLS), the
// caller's admin functions (my_admin_profile, for the 验码 entry), and online
// verification by a guard (code-verify).
import type { IssuerKeyJson } from '@yima/shared/code-protocol/index';
import type { CredentialState, Enrolment } from '../lib/enrolment';
import { invokeFunction, malformed } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

async function call(path: string, body: Record<string, unknown>): Promise<unknown> {
  const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
  return invokeFunction(supabase, config.anonKey, path, { auth: 'user', body });
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function parseEnrolment(body: unknown): Enrolment {
  const v = (body ?? {}) as Record<string, unknown>;
  if (
    !isString(v.credential) ||
    !isString(v.credential_id) ||
    !isString(v.org_id) ||
    !isString(v.member_id) ||
    !isNumber(v.expires_at) ||
    !isNumber(v.step_seconds) ||
    !Array.isArray(v.issuer_keys)
  ) {
    throw malformed('code-enroll: missing credential, credential_id, org_id, member_id, expires_at, step_seconds or issuer_keys');
  }
  return {
    credential: v.credential,
    credentialId: v.credential_id,
    orgId: v.org_id,
    memberId: v.member_id,
    notBefore: isNumber(v.not_before) ? v.not_before : 0,
    expiresAt: v.expires_at,
    stepSeconds: v.step_seconds,
    issuerKeys: v.issuer_keys as IssuerKeyJson[],
    ...(isNumber(v.server_time) ? { serverTime: v.server_time } : {}),
  };
}

export interface VerifyVerdict {
  ok: boolean;
  /** A refusal reason; any string the server sends (unknown ones get a generic message). */
  reason?: string;
  credentialId?: string;
  member?: { name: string; department: string | null; photo: string | null };
  /** A visitor pass: the visit behind it. */
  visitor?: VisitorVerdict;
}

export interface VisitorVerdict {
  visitId: string;
  name: string;
  company: string | null;
  identityType: string | null;
  companions: number;
  status: string | null;
  windowFrom: string | null;
  windowUntil: string | null;
  hostName: string | null;
  siteName: string | null;
}

function parseVisitor(value: unknown): VisitorVerdict | null {
  const v = value as Record<string, unknown> | null | undefined;
  if (!v || typeof v !== 'object' || !isString(v.visit_id) || typeof v.name !== 'string') return null;
  const orNull = (x: unknown) => (isString(x) ? x : null);
  return {
    visitId: v.visit_id,
    name: v.name,
    company: orNull(v.company),
    identityType: orNull(v.identity_type),
    companions: isNumber(v.companions) ? v.companions : 0,
    status: orNull(v.status),
    windowFrom: orNull(v.window_from),
    windowUntil: orNull(v.window_until),
    hostName: orNull(v.host_name),
    siteName: orNull(v.site_name),
  };
}

export function parseVerdict(body: unknown): VerifyVerdict {
  const v = (body ?? {}) as Record<string, unknown>;
  if (typeof v.ok !== 'boolean') throw malformed('code-verify: missing ok');
  const m = v.member as Record<string, unknown> | null | undefined;
  const visitor = parseVisitor(v.visitor);
  return {
    ok: v.ok,
    ...(isString(v.reason) ? { reason: v.reason } : {}),
    ...(isString(v.credential_id) ? { credentialId: v.credential_id } : {}),
    ...(m && typeof m.name === 'string'
      ? { member: { name: m.name, department: isString(m.department) ? m.department : null, photo: isString(m.photo) ? m.photo : null } }
      : {}),
    ...(visitor ? { visitor } : {}),
  };
}

export const codeService = {
  /** POST code-enroll: the org signs a credential for this device key. */
  async enroll(input: { orgId: string; devicePublicKey: string }): Promise<Enrolment> {
    return parseEnrolment(await call('code-enroll', { device_public_key: input.devicePublicKey, org: input.orgId }));
  },

  /** Whether the server still honours this credential (a member reads their own credentials). */
  async credentialState(orgId: string, credentialId: string): Promise<CredentialState> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('credentials')
      .select('id, revoked_at, revoke_reason')
      .eq('org_id', orgId)
      .eq('id', credentialId)
      .maybeSingle<{ id: string; revoked_at: string | null; revoke_reason: string | null }>();
    if (error) throw fromPostgrestError(error, status);
    if (!data) return { status: 'missing' };
    return data.revoked_at ? { status: 'revoked', reason: data.revoke_reason } : { status: 'live' };
  },

  /** The admin functions the caller holds in an org ([] for a plain member). */
  async adminFunctions(orgId: string): Promise<string[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('my_admin_profile', { p_org: orgId });
    if (error) throw fromPostgrestError(error, status);
    const functions = (data as { functions?: unknown } | null)?.functions;
    return Array.isArray(functions) ? functions.filter((f): f is string => typeof f === 'string') : [];
  },

  /** The org's screenshot defence settings (code_settings); both on when unknown. */
  async captureSettings(orgId: string): Promise<{ screenshotReport: boolean; hideOnCapture: boolean }> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('code_settings')
      .select('screenshot_report, hide_on_capture')
      .eq('org_id', orgId)
      .maybeSingle<{ screenshot_report: boolean; hide_on_capture: boolean }>();
    if (error) throw fromPostgrestError(error, status);
    return { screenshotReport: data?.screenshot_report ?? true, hideOnCapture: data?.hide_on_capture ?? true };
  },

  /** Reports a screenshot of the code page as a risk event (安全风险平台). */
  async reportScreenshot(input: { orgId: string; memberId: string; credentialId: string | null }): Promise<void> {
    const supabase = await getSupabase();
    // An insert is a POST, which wx.request supports.
    const { error, status } = await supabase.from('risk_events').insert({
      org_id: input.orgId, member_id: input.memberId, kind: 'screenshot', credential_id: input.credentialId, detail: { page: 'card' },
    });
    if (error) throw fromPostgrestError(error, status);
  },

  /** POST code-verify: the server's verdict on a scanned or pasted code. */
  async verify(code: string): Promise<VerifyVerdict> {
    return parseVerdict(await call('code-verify', { code: code.trim() }));
  },
};

export type CodeService = typeof codeService;

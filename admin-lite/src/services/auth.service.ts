// Signing in and out, and switching org. Every login method gets the same
// session body (token-response.ts) and ends in `completeLogin`, which lets
// only admins into the console.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { getAdminProfile } from './admin-profile.service.ts';
import { AppError } from './errors.ts';
import { callFunction } from './functions.service.ts';
import { requestFunction } from './function-request.ts';
import { clearSession, getSession, saveSession, type AdminSession } from './session.service.ts';
import { parseResponse, sessionFromToken, TokenResponseSchema, type SessionExtras, type TokenResponse } from './token-response.ts';

export { TokenResponseSchema, type TokenResponse } from './token-response.ts';

export const DevPersonaSchema = z.object({
  key: z.string().min(1),
  name: z.string(),
  org_name: z.string(),
  role_label: z.string(),
});
export type DevPersona = z.infer<typeof DevPersonaSchema>;

const DevPersonaListSchema = z.object({ personas: z.array(DevPersonaSchema) });

const SmsSentSchema = z.object({ sent: z.literal(true), expires_in: z.number(), retry_after: z.number() });
export interface SmsSent {
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds before another code may be requested. */
  retryAfter: number;
}

/** Stores the session a token response describes. */
export function startSession(token: TokenResponse, extra: SessionExtras = {}, now = Date.now()): AdminSession {
  return saveSession(sessionFromToken(token, extra, now));
}

/** Ends a refresh token on the server. Best effort: signing out locally must not depend on it. */
async function revokeRefreshToken(refreshToken: string): Promise<void> {
  const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(5000) : undefined;
  try {
    await requestFunction('auth-session/logout', { method: 'POST', body: { refresh_token: refreshToken }, ...(signal ? { signal } : {}) });
  } catch (error) {
    // Offline or already dead: the token expires on its own (30 days); say so in the console only.
    console.warn('logout: could not revoke the refresh token', error);
  }
}

/**
 * Admin check after a login: the account must administer the org the token
 * is for, or another of its orgs (then the session is switched there).
 * Anyone else is refused with "该账号不是管理员…" and their fresh refresh
 * token is revoked, so nothing is left behind.
 */
export async function completeLogin(token: TokenResponse, extra: { orgName?: string } = {}): Promise<AdminSession> {
  const member = token.member;
  if (!member) {
    await revokeRefreshToken(token.refresh_token);
    throw new AppError('forbidden', t('login.noMembership'), 'no_membership');
  }
  const orgIds = [member.org_id, ...token.memberships.map((m) => m.org_id).filter((id) => id !== member.org_id)];
  let profiles;
  try {
    profiles = await Promise.all(orgIds.map((orgId) => getAdminProfile(orgId, token.access_token)));
  } catch (error) {
    await revokeRefreshToken(token.refresh_token);
    throw error;
  }
  const adminOrgIds = profiles.filter((p) => p.is_admin).map((p) => p.org_id);
  const target = adminOrgIds[0];
  if (target === undefined) {
    await revokeRefreshToken(token.refresh_token);
    throw new AppError('forbidden', t('login.notAdmin'), 'not_admin');
  }
  let final = token;
  if (target !== member.org_id) {
    const body = await requestFunction('auth-session/switch-org', { method: 'POST', body: { org_id: target }, bearer: token.access_token });
    final = parseResponse(TokenResponseSchema, body);
    await revokeRefreshToken(token.refresh_token);
  }
  return startSession(final, { ...(target === member.org_id && extra.orgName ? { orgName: extra.orgName } : {}), adminOrgIds });
}

/** Sends a 6-digit login code by SMS (429 -> AppError with retryAfter). */
export async function sendSmsCode(phone: string): Promise<SmsSent> {
  const body = await callFunction('auth-sms/send', { method: 'POST', body: { phone }, auth: 'anon' });
  const sent = parseResponse(SmsSentSchema, body);
  return { expiresIn: sent.expires_in, retryAfter: sent.retry_after };
}

/** Checks the code and signs in (admins only). Wrong code -> AppError code_wrong with `remaining`. */
export async function loginWithSms(phone: string, code: string): Promise<AdminSession> {
  const body = await callFunction('auth-sms/verify', { method: 'POST', body: { phone, code }, auth: 'anon' });
  return completeLogin(parseResponse(TokenResponseSchema, body));
}

/** Local mode only: the seeded demo personas. */
export async function listDevPersonas(): Promise<DevPersona[]> {
  const body = await callFunction('auth-dev', { method: 'GET', auth: 'anon' });
  return parseResponse(DevPersonaListSchema, body).personas;
}

/** Local mode only: one-click login as a seeded persona (admins only, as with SMS). */
export async function loginWithDevPersona(persona: DevPersona): Promise<AdminSession> {
  const body = await callFunction('auth-dev', { method: 'POST', body: { persona: persona.key }, auth: 'anon' });
  return completeLogin(parseResponse(TokenResponseSchema, body), { orgName: persona.org_name });
}

/**
 * Moves the session to another of the account's orgs. The server issues a
 * new refresh token for it; the old one is revoked so it does not linger.
 */
export async function switchOrg(orgId: string): Promise<AdminSession> {
  const before = getSession();
  if (!before) throw new AppError('session-expired', t('error.sessionExpired'), 'no_session', 401);
  const body = await callFunction('auth-session/switch-org', { method: 'POST', body: { org_id: orgId }, auth: 'session' });
  const token = parseResponse(TokenResponseSchema, body);
  // Read again: the call may have refreshed (rotated) the session on the way.
  const previous = getSession() ?? before;
  const next = startSession(token, previous.adminOrgIds ? { adminOrgIds: previous.adminOrgIds } : {});
  void revokeRefreshToken(previous.refreshToken);
  return next;
}

/** Signs out: revokes the refresh token on the server (best effort), then forgets the session. */
export async function logout(): Promise<void> {
  const session = getSession();
  if (session) await revokeRefreshToken(session.refreshToken);
  clearSession('logout');
}

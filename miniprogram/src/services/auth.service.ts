// Sign-in and session upkeep. Every login function (WeChat, WeCom, SMS, the
// local demo personas) answers with the same session body, so pages and the
// session store do not care which one was used. Token renewal itself happens
// in the client's fetch (session-fetch.ts).
import type { Session } from '../stores/session.store';
import { invokeFunction, malformed, parseSessionResponse } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { getSupabase } from './supabase.client';

export { parseSessionResponse } from './auth-api';

export interface DevPersona {
  key: string;
  name: string;
  orgName: string;
  roleLabel: string;
}

export interface SmsSent {
  /** Seconds before another code may be requested. */
  retryAfter: number;
  /** Seconds the code stays valid. */
  expiresIn: number;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

async function call(path: string, options: Parameters<typeof invokeFunction>[3]): Promise<unknown> {
  const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
  return invokeFunction(supabase, config.anonKey, path, options);
}

export function parsePersonas(body: unknown): DevPersona[] {
  const list = (body as { personas?: unknown } | null)?.personas;
  if (!Array.isArray(list)) throw malformed('auth-dev GET: no personas array');
  return list.map((item: Record<string, unknown>) => {
    if (!isString(item.key) || !isString(item.name)) throw malformed('auth-dev GET: persona without key or name');
    return {
      key: item.key,
      name: item.name,
      orgName: typeof item.org_name === 'string' ? item.org_name : '',
      roleLabel: typeof item.role_label === 'string' ? item.role_label : '',
    };
  });
}

export function parseSmsSent(body: unknown): SmsSent {
  const value = (body ?? {}) as { retry_after?: unknown; expires_in?: unknown };
  return {
    retryAfter: typeof value.retry_after === 'number' ? value.retry_after : 60,
    expiresIn: typeof value.expires_in === 'number' ? value.expires_in : 300,
  };
}

export const authService = {
  /** Local stack only: the demo-persona login is available. */
  async isDevLoginAvailable(): Promise<boolean> {
    return (await getRuntimeConfig()).localMode;
  },

  async listDevPersonas(): Promise<DevPersona[]> {
    return parsePersonas(await call('auth-dev', { method: 'GET', auth: 'anon' }));
  },

  async loginWithDevPersona(personaKey: string): Promise<Session> {
    return parseSessionResponse(await call('auth-dev', { auth: 'anon', body: { persona: personaKey } }));
  },

  /** `code` from Taro.login() (wx.login). 503 wechat_not_configured when the server has no app id. */
  async loginWithWechat(code: string): Promise<Session> {
    return parseSessionResponse(await call('auth-wechat', { auth: 'anon', body: { code } }));
  },

  /** `code` from wx.qy.login; the member is bound by WeCom userid (403 wecom_user_not_member). */
  async loginWithWecom(code: string): Promise<Session> {
    const { wecomCorpId } = await getRuntimeConfig();
    return parseSessionResponse(await call('auth-wecom', { auth: 'anon', body: { code, ...(wecomCorpId ? { corp_id: wecomCorpId } : {}) } }));
  },

  /** 429 rate_limited carries retry_after (seconds). */
  async sendSmsCode(phone: string): Promise<SmsSent> {
    return parseSmsSent(await call('auth-sms/send', { auth: 'anon', body: { phone } }));
  },

  async verifySmsCode(phone: string, code: string): Promise<Session> {
    return parseSessionResponse(await call('auth-sms/verify', { auth: 'anon', body: { phone, code } }));
  },

  /** A session whose token speaks for another of the account's orgs. */
  async switchOrg(orgId: string): Promise<Session> {
    return parseSessionResponse(await call('auth-session/switch-org', { auth: 'user', body: { org_id: orgId } }));
  },

  /** Revokes the refresh token on the server. Best effort: signing out locally must never wait on the network. */
  async logout(refreshToken: string | null | undefined): Promise<void> {
    if (!refreshToken) return;
    try {
      await call('auth-session/logout', { auth: 'anon', body: { refresh_token: refreshToken } });
    } catch {
      // Offline or already revoked: the token dies with its 30-day expiry anyway.
    }
  },
};

export type AuthService = typeof authService;

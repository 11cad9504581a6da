// Sign-in. Today only the local-mode demo personas (edge function auth-dev);
// WeChat (wx.login), WeCom (wx.qy.login) and SMS sign-in will be added here
// as further `loginWith*` functions returning the same Session, so pages and
// the session store do not change.
import { t } from '../i18n';
import type { Session } from '../stores/session.store';
import { getRuntimeConfig } from './config.service';
import { AppError, fromFunctionsError } from './errors';
import { getSupabase } from './supabase.client';

export interface DevPersona {
  key: string;
  name: string;
  orgName: string;
  roleLabel: string;
}

const AUTH_DEV_FUNCTION = 'auth-dev';

function malformed(what: string): AppError {
  return new AppError({ kind: 'server', code: 'malformed_response', message: t('error.malformedResponse'), detail: what });
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Login calls carry the anon key as bearer, never a stored token: a stale
 * token must not make the gateway refuse the very call that replaces it.
 */
async function anonHeaders(): Promise<Record<string, string>> {
  const { anonKey } = await getRuntimeConfig();
  return { Authorization: `Bearer ${anonKey}` };
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

export function parseLoginResponse(body: unknown, now = Date.now()): Session {
  const value = (body ?? {}) as {
    access_token?: unknown;
    expires_in?: unknown;
    user?: { id?: unknown };
    member?: { id?: unknown; org_id?: unknown; name?: unknown; department_id?: unknown };
  };
  const member = value.member;
  if (!isString(value.access_token) || typeof value.expires_in !== 'number' || !isString(value.user?.id)) {
    throw malformed('auth-dev POST: missing access_token, expires_in or user.id');
  }
  if (!member || !isString(member.id) || !isString(member.org_id) || !isString(member.name)) {
    throw malformed('auth-dev POST: missing member');
  }
  return {
    accessToken: value.access_token,
    expiresAt: now + value.expires_in * 1000,
    member: {
      id: member.id,
      orgId: member.org_id,
      name: member.name,
      departmentId: isString(member.department_id) ? member.department_id : null,
      accountId: value.user.id,
    },
  };
}

export const authService = {
  /** Local stack only: the demo-persona login is available. */
  async isDevLoginAvailable(): Promise<boolean> {
    return (await getRuntimeConfig()).localMode;
  },

  async listDevPersonas(): Promise<DevPersona[]> {
    const supabase = await getSupabase();
    const { data, error } = await supabase.functions.invoke(AUTH_DEV_FUNCTION, { method: 'GET', headers: await anonHeaders() });
    if (error) throw await fromFunctionsError(error);
    return parsePersonas(data);
  },

  async loginWithDevPersona(personaKey: string): Promise<Session> {
    const supabase = await getSupabase();
    const { data, error } = await supabase.functions.invoke(AUTH_DEV_FUNCTION, {
      method: 'POST',
      headers: await anonHeaders(),
      body: { persona: personaKey },
    });
    if (error) throw await fromFunctionsError(error);
    return parseLoginResponse(data);
  },

  /** Our tokens are short-lived and stateless; signing out only forgets them locally (for now). */
  async logout(): Promise<void> {},
};

export type AuthService = typeof authService;

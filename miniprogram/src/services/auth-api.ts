// Calls to the identity edge functions and the session body they all return.
// Takes the supabase-js client as an argument (no import of supabase.client)
// so that the client itself can use it to refresh tokens without an import cycle.
import type { SupabaseClient } from '@supabase/supabase-js';
import { t } from '../i18n';
import type { Membership, Session } from '../stores/session.store';
import { AppError, fromFunctionsError } from './errors';

export function malformed(what: string): AppError {
  return new AppError({ kind: 'server', code: 'malformed_response', message: t('error.malformedResponse'), detail: what });
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const orNull = (value: unknown): string | null => (isString(value) ? value : null);

export interface InvokeOptions {
  method?: 'GET' | 'POST';
  body?: Record<string, unknown>;
  /**
   * 'anon' sends the anon key as bearer, never a stored token: a stale token
   * must not make the gateway refuse the very call that replaces it (login,
   * refresh, logout). 'user' lets supabase-js send the session's token.
   */
  auth: 'anon' | 'user';
}

/** Invokes `functions/v1/<path>`; a failure throws an AppError carrying the body's code and fields. */
export async function invokeFunction(client: SupabaseClient, anonKey: string, path: string, options: InvokeOptions): Promise<unknown> {
  const { data, error } = await client.functions.invoke(path, {
    method: options.method ?? 'POST',
    ...(options.auth === 'anon' ? { headers: { Authorization: `Bearer ${anonKey}` } } : {}),
    ...(options.body ? { body: options.body } : {}),
  });
  if (error) throw await fromFunctionsError(error);
  return data;
}

function parseMemberships(list: unknown): Membership[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw malformed('session: memberships is not an array');
  return list.map((item: Record<string, unknown>) => {
    if (!isString(item?.org_id) || !isString(item.member_id)) throw malformed('session: membership without org_id or member_id');
    return {
      orgId: item.org_id,
      orgName: typeof item.org_name === 'string' ? item.org_name : '',
      orgSlug: typeof item.org_slug === 'string' ? item.org_slug : '',
      memberId: item.member_id,
      memberName: typeof item.member_name === 'string' ? item.member_name : '',
      departmentId: orNull(item.department_id),
    };
  });
}

/**
 * The session body every auth-* function (and card-claim) returns. The
 * expiry is computed from expires_in on this device's clock, not from
 * expires_at: a phone's clock may be off by minutes.
 */
export function parseSessionResponse(body: unknown, now = Date.now()): Session {
  const value = (body ?? {}) as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
    user?: { id?: unknown };
    member?: { id?: unknown; org_id?: unknown; name?: unknown; department_id?: unknown } | null;
    memberships?: unknown;
  };
  if (!isString(value.access_token) || !isString(value.refresh_token) || typeof value.expires_in !== 'number' || !isString(value.user?.id)) {
    throw malformed('session: missing access_token, refresh_token, expires_in or user.id');
  }
  const member = value.member;
  if (member !== null && member !== undefined && (!isString(member.id) || !isString(member.org_id) || typeof member.name !== 'string')) {
    throw malformed('session: member without id, org_id or name');
  }
  return {
    accessToken: value.access_token,
    refreshToken: value.refresh_token,
    expiresAt: now + value.expires_in * 1000,
    accountId: value.user.id,
    member: member
      ? { id: member.id as string, orgId: member.org_id as string, name: member.name as string, departmentId: orNull(member.department_id) }
      : null,
    memberships: parseMemberships(value.memberships),
  };
}

/** POST auth-session/refresh: a rotated session (the old refresh token is dead afterwards). */
export async function requestRefresh(client: SupabaseClient, anonKey: string, refreshToken: string): Promise<Session> {
  const body = await invokeFunction(client, anonKey, 'auth-session/refresh', { auth: 'anon', body: { refresh_token: refreshToken } });
  return parseSessionResponse(body);
}

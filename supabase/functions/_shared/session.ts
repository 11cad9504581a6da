// Issues a session for an account: an access token (Supabase-compatible JWT
// with org claims) and a rotating refresh token, plus the account's
// memberships so the app can pick or switch org.
import type { SupabaseClient } from '@supabase/supabase-js';
import { sha256Hex, randomToken } from './crypto.ts';
import { throwDbError } from './db-errors.ts';
import type { FunctionEnv } from './env.ts';
import { mintAccessToken } from './tokens.ts';

const REFRESH_TTL_SECONDS = 30 * 24 * 3600;

export interface Membership {
  org_id: string;
  org_name: string;
  org_slug: string;
  member_id: string;
  member_name: string;
  department_id: string;
}

export interface SessionBody {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: { id: string };
  member: { id: string; org_id: string; name: string; department_id: string } | null;
  memberships: Membership[];
}

/** Memberships + a fresh access token for the preferred (or first) org, around a given refresh token. */
export async function buildSession(
  db: SupabaseClient, env: FunctionEnv, accountId: string, preferredOrgId: string | null | undefined, refreshToken: string,
): Promise<SessionBody> {
  const { data, error } = await db.rpc('auth_memberships', { p_account: accountId });
  if (error) throwDbError(error, 'auth_memberships');
  const memberships = (data ?? []) as Membership[];
  const current = memberships.find((m) => m.org_id === preferredOrgId) ?? memberships[0];
  const token = await mintAccessToken(
    { accountId, orgId: current?.org_id, memberId: current?.member_id }, env.jwtSecret, env.accessTokenTtl,
  );
  return {
    ...token,
    refresh_token: refreshToken,
    user: { id: accountId },
    member: current ? { id: current.member_id, org_id: current.org_id, name: current.member_name, department_id: current.department_id } : null,
    memberships,
  };
}

/** A new session: a new refresh token stored (hashed) for the chosen org. */
export async function issueSession(
  db: SupabaseClient, env: FunctionEnv, accountId: string, preferredOrgId?: string,
): Promise<SessionBody> {
  const refresh = randomToken();
  const session = await buildSession(db, env, accountId, preferredOrgId, refresh);
  const created = await db.rpc('refresh_token_create', {
    p_account: accountId, p_org: session.member?.org_id ?? null, p_hash: await sha256Hex(refresh), p_ttl_seconds: REFRESH_TTL_SECONDS,
  });
  if (created.error) throwDbError(created.error, 'refresh_token_create');
  return session;
}

export { REFRESH_TTL_SECONDS };

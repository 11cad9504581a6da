// The service-role client used by functions (bypasses RLS: every function
// checks permission itself before acting for a user).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FunctionEnv } from './env.ts';

export function serviceClient(env: FunctionEnv): SupabaseClient {
  return createClient(env.supabaseUrl, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { fetch: internalFetch(env) },
  });
}

/**
 * Where PostgREST can be reached without the API gateway (the local stack
 * sets YIMA_INTERNAL_REST_URL to PostgREST on the same host): requests to
 * <SUPABASE_URL>/rest/v1/... go there directly, saving a proxy hop per
 * query. PostgREST checks the same JWT either way. Unset (hosted Supabase):
 * the normal fetch through the gateway.
 */
function internalFetch(env: FunctionEnv): typeof fetch {
  const internal = env.get('YIMA_INTERNAL_REST_URL');
  if (!internal) return fetch;
  const prefix = `${env.supabaseUrl.replace(/\/$/, '')}/rest/v1/`;
  const target = `${internal.replace(/\/$/, '')}/`;
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(prefix)) return fetch(input, init);
    const direct = target + url.slice(prefix.length);
    return input instanceof Request ? fetch(new Request(direct, input), init) : fetch(direct, init);
  };
}

/** A client acting as the caller (their JWT): RLS decides what it sees. */
export function userClient(env: FunctionEnv, accessToken: string): SupabaseClient {
  return createClient(env.supabaseUrl, env.anonKey, {
    accessToken: async () => accessToken,
    auth: { persistSession: false, autoRefreshToken: false },
    global: { fetch: internalFetch(env) },
  });
}

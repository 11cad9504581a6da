// The service-role client used by functions (bypasses RLS: every function
// checks permission itself before acting for a user).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FunctionEnv } from './env.ts';

export function serviceClient(env: FunctionEnv): SupabaseClient {
  return createClient(env.supabaseUrl, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

/** A client acting as the caller (their JWT): RLS decides what it sees. */
export function userClient(env: FunctionEnv, accessToken: string): SupabaseClient {
  return createClient(env.supabaseUrl, env.anonKey, {
    accessToken: async () => accessToken,
    auth: { persistSession: false, autoRefreshToken: false },
  });
}

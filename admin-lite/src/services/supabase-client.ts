// The one supabase-js client of the console. Our JWTs are minted by edge
// functions, so the client takes them through `accessToken` and supabase.auth
// is never used (supabase-js refuses access to it in this mode). The token is
// refreshed before it expires, and a 401 refreshes once and repeats the request.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { setBackendConfig } from './backend-config.ts';
import type { RuntimeConfig } from './runtime-config.service.ts';
import { freshAccessToken, withSessionRetry } from './token-refresh.service.ts';

export { backendConfig } from './backend-config.ts';

let client: SupabaseClient | undefined;

export function initBackend(runtimeConfig: RuntimeConfig): void {
  setBackendConfig(runtimeConfig);
  client = createClient(runtimeConfig.supabaseUrl, runtimeConfig.anonKey, {
    accessToken: () => freshAccessToken(),
    global: { fetch: withSessionRetry() },
  });
}

export function supabase(): SupabaseClient {
  if (!client) throw new Error('initBackend() must run before any service call');
  return client;
}

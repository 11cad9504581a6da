// The one supabase-js client of the console. Our JWTs are minted by edge
// functions, so the client takes them through `accessToken` and supabase.auth
// is never used (supabase-js refuses access to it in this mode).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { RuntimeConfig } from './runtime-config.service.ts';
import { getAccessToken } from './session.service.ts';

let config: RuntimeConfig | undefined;
let client: SupabaseClient | undefined;

export function initBackend(runtimeConfig: RuntimeConfig): void {
  config = runtimeConfig;
  client = createClient(runtimeConfig.supabaseUrl, runtimeConfig.anonKey, {
    accessToken: async () => getAccessToken(),
  });
}

export function backendConfig(): RuntimeConfig {
  if (!config) throw new Error('initBackend() must run before any service call');
  return config;
}

export function supabase(): SupabaseClient {
  if (!client) throw new Error('initBackend() must run before any service call');
  return client;
}

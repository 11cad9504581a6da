// The one supabase-js client. Only files in services/ import it.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createPlatformFetch } from '../platform/fetch';
import { realtimeTransport, type RealtimeTransport } from '../platform/websocket';
import { currentAccessToken } from '../stores/session.store';
import { getRuntimeConfig, type RuntimeConfig } from './config.service';

export interface AppClientDeps {
  fetch: typeof fetch;
  /** The signed-in member's token, or null to send the anon key. */
  getToken: () => string | null;
  /** Needed where there is no global WebSocket (the mini-program). */
  realtimeTransport?: RealtimeTransport;
}

export function createAppClient(config: RuntimeConfig, deps: AppClientDeps): SupabaseClient {
  return createClient(config.supabaseUrl, config.anonKey, {
    // Our JWTs are minted by edge functions, not GoTrue: hand supabase-js the
    // token instead of its auth client. With no token it sends the anon key.
    accessToken: async () => deps.getToken(),
    global: { fetch: deps.fetch },
    ...(deps.realtimeTransport ? { realtime: { transport: deps.realtimeTransport } } : {}),
  });
}

let client: Promise<SupabaseClient> | null = null;

export function getSupabase(): Promise<SupabaseClient> {
  if (!client) {
    client = getRuntimeConfig()
      .then((config) =>
        createAppClient(config, {
          fetch: createPlatformFetch(),
          getToken: () => currentAccessToken(),
          realtimeTransport: realtimeTransport(),
        }),
      )
      .catch((error: unknown) => {
        client = null;
        throw error;
      });
  }
  return client;
}

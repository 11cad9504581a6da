// The one supabase-js client. Only files in services/ import it.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createPlatformFetch } from '../platform/fetch';
import { realtimeTransport, type RealtimeTransport } from '../platform/websocket';
import { useSessionStore } from '../stores/session.store';
import { requestRefresh } from './auth-api';
import { getRuntimeConfig, type RuntimeConfig } from './config.service';
import { createSessionFetch, type SessionFetchHooks } from './session-fetch';
import { withServerClock } from './server-clock';
import { createSessionRefresher } from './session-refresh';

export interface AppClientDeps {
  fetch: typeof fetch;
  /** The signed-in user's token (possibly stale; `session` renews it), or null to send the anon key. */
  getToken: () => string | null;
  /** Renews tokens before expiry and after a 401; omit for a client that never does. */
  session?: SessionFetchHooks;
  /** Needed where there is no global WebSocket (the mini-program). */
  realtimeTransport?: RealtimeTransport;
}

export function createAppClient(config: RuntimeConfig, deps: AppClientDeps): SupabaseClient {
  return createClient(config.supabaseUrl, config.anonKey, {
    // Our JWTs are minted by edge functions, not GoTrue: hand supabase-js the
    // token instead of its auth client. With no token it sends the anon key.
    accessToken: async () => deps.getToken(),
    global: { fetch: deps.session ? createSessionFetch(deps.fetch, deps.session) : deps.fetch },
    ...(deps.realtimeTransport ? { realtime: { transport: deps.realtimeTransport } } : {}),
  });
}

let client: Promise<SupabaseClient> | null = null;

/** Shared by every client of this app instance, so there is only ever one refresh in flight. */
const refresher = createSessionRefresher({
  store: useSessionStore,
  requestRefresh: async (refreshToken) => {
    const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
    return requestRefresh(supabase, config.anonKey, refreshToken);
  },
});

export function getSupabase(): Promise<SupabaseClient> {
  if (!client) {
    client = getRuntimeConfig()
      .then((config) =>
        createAppClient(config, {
          fetch: withServerClock(createPlatformFetch()),
          getToken: () => useSessionStore.getState().session?.accessToken ?? null,
          session: {
            current: () => useSessionStore.getState().session,
            refresh: (staleToken) => refresher.refresh(staleToken),
          },
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


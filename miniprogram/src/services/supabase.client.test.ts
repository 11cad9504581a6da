// The app's supabase-js client as the weapp build wires it (wx.request fetch
// adapter, Headers polyfill, no WebSocket) against a fake gateway that
// expires tokens: renewal on a 401 goes through auth-session/refresh once,
// and the original request is repeated with the new token.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeadersPolyfill } from '../platform/headers-polyfill';
import { createRequestFetch } from '../platform/request-fetch';
import { UnavailableWebSocket, type RealtimeTransport } from '../platform/websocket';
import { createSessionStore } from '../stores/session.store';
import { memoryStorage } from '../test-support/memory-storage';
import { nodeMiniRequest, startTestServer, type RecordedRequest, type TestServer } from '../test-support/node-mini-request';
import { sessionFor } from '../test-support/sessions';
import { requestRefresh } from './auth-api';
import { fromPostgrestError } from './errors';
import { createSessionRefresher } from './session-refresh';
import { createAppClient } from './supabase.client';

vi.mock('../platform/storage', async () => ({ taroStorage: (await import('../test-support/memory-storage')).memoryStorage() }));

const ANON = 'anon-key';
let server: TestServer;
let validToken = 'fresh-token';
let refreshes = 0;

function sessionBody(accessToken: string, refreshToken: string) {
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: 0,
    refresh_token: refreshToken,
    user: { id: 'account-1' },
    member: { id: 'm-a', org_id: 'org-a', name: '张三', department_id: 'd1' },
    memberships: [{ org_id: 'org-a', org_name: '示范', org_slug: 'demo', member_id: 'm-a', member_name: '张三', department_id: 'd1' }],
  };
}

function gateway(req: RecordedRequest) {
  const json = (status: number, body: unknown) => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  if (req.url === '/functions/v1/auth-session/refresh') {
    expect(bearer).toBe(ANON); // never the stale token
    refreshes += 1;
    const { refresh_token } = JSON.parse(req.body) as { refresh_token: string };
    if (refresh_token !== 'refresh-1') return json(401, { error: { code: 'refresh_token_reused', message: 'signed out' } });
    validToken = 'fresh-token';
    return json(200, sessionBody('fresh-token', 'refresh-2'));
  }
  if (bearer !== validToken) return json(401, { code: 'PGRST301', message: 'JWT expired' });
  return json(200, [{ id: 'm-a', name: '张三' }]);
}

function setup(expiresAt = Date.now() + 3_600_000) {
  const store = createSessionStore(memoryStorage());
  store.getState().signIn(sessionFor({ accessToken: 'expired-token', refreshToken: 'refresh-1', expiresAt }));
  const request = nodeMiniRequest();
  const fetch = createRequestFetch(request) as unknown as typeof globalThis.fetch;
  const config = { supabaseUrl: server.baseUrl, anonKey: ANON, localMode: false };
  // The refresher calls back into the client it belongs to, as supabase.client.ts wires it.
  const refresher = createSessionRefresher({ store, requestRefresh: (token) => requestRefresh(client, ANON, token) });
  const client = createAppClient(config, {
    fetch,
    getToken: () => store.getState().session?.accessToken ?? null,
    session: { current: () => store.getState().session, refresh: (stale) => refresher.refresh(stale) },
    realtimeTransport: UnavailableWebSocket as unknown as RealtimeTransport,
  });
  return { store, client, request };
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  refreshes = 0;
  validToken = 'fresh-token';
  server.respond(gateway);
  vi.stubGlobal('fetch', undefined);
  vi.stubGlobal('Headers', HeadersPolyfill);
  vi.stubGlobal('WebSocket', undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the app client renews the session', () => {
  it('after one 401: refreshes once, stores the rotated tokens, repeats the query', async () => {
    const { store, client } = setup();
    const { data, error } = await client.from('members').select('id, name').eq('org_id', 'org-a');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 'm-a', name: '张三' }]);
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.headers.authorization}`)).toEqual([
      'GET /rest/v1/members Bearer expired-token',
      `POST /functions/v1/auth-session/refresh Bearer ${ANON}`,
      'GET /rest/v1/members Bearer fresh-token',
    ]);
    expect(store.getState().session).toMatchObject({ accessToken: 'fresh-token', refreshToken: 'refresh-2' });
  });

  it('shares one refresh between parallel requests', async () => {
    const { client } = setup();
    const results = await Promise.all([client.from('members').select('id'), client.from('orgs').select('id'), client.rpc('x')]);
    expect(results.map((r) => r.error)).toEqual([null, null, null]);
    expect(refreshes).toBe(1);
  });

  it('refreshes before sending when the token is about to expire', async () => {
    const { client } = setup(Date.now() + 10_000);
    await client.from('members').select('id');
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual(['/functions/v1/auth-session/refresh', '/rest/v1/members']);
  });

  it('signs out when the refresh token is refused, and the query fails as a session error', async () => {
    const { store, client } = setup();
    store.getState().signIn({ ...store.getState().session!, refreshToken: 'refresh-stolen' });
    const { error, status } = await client.from('members').select('id');
    expect(status).toBe(401);
    expect(fromPostgrestError(error!, status).kind).toBe('session');
    expect(store.getState().session).toBeNull();
    expect(refreshes).toBe(1);
  });
});

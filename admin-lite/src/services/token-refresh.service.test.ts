import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, member, ORG_ID, tokenBody } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { callFunction } from './functions.service.ts';
import { listMembers } from './members.service.ts';
import { getLastEndReason, getSession, saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { refreshSession, resetRefreshStateForTests } from './token-refresh.service.ts';

// The real supabase-js and callFunction against a fake gateway: PostgREST at
// /rest/v1, auth-session/refresh rotating tokens.
const MEMBERS = '/rest/v1/members';
const REFRESH = '/functions/v1/auth-session/refresh';
const KEY = 'yima.admin.session';

const expired401 = () => jsonResponse({ code: 'PGRST301', message: 'JWT expired', details: null, hint: null }, 401);
const membersOk = () => jsonResponse([member(1)], 200, { 'content-range': '0-0/1' });
const rotated = (n: number) =>
  jsonResponse(tokenBody({ access_token: `jwt-${n}`, refresh_token: `refresh-${n}-0123456789abcdef` }));

/** PostgREST accepts only `validToken`; refresh hands out jwt-1, jwt-2, … */
function gateway(validToken: string, refresh: FakeHandler = (() => {
  let n = 0;
  return () => rotated(++n);
})()): FakeHandler {
  return (request) => {
    if (request.url.pathname === REFRESH) return refresh(request);
    if (request.url.pathname === MEMBERS) return request.bearer === validToken ? membersOk() : expired401();
    return jsonResponse({ error: { code: 'not_found', message: 'no route' } }, 404);
  };
}

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
const query = () => listMembers({ orgId: ORG_ID, page: 1, pageSize: 20 });

beforeEach(() => {
  resetRefreshStateForTests();
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: false });
  saveSession(adminSession());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('refresh on 401', () => {
  it('refreshes once, repeats the request with the new token and stores the rotated refresh token', async () => {
    use(gateway('jwt-1'));
    const page = await query();

    expect(page.rows).toHaveLength(1);
    const refreshes = callsTo(fetchMock, REFRESH);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.body).toEqual({ refresh_token: 'refresh-abc-0123456789' });
    expect(refreshes[0]!.headers.get('apikey')).toBe('anon-key');
    expect(callsTo(fetchMock, MEMBERS).map((r) => r.bearer)).toEqual(['token-abc', 'jwt-1']);

    expect(getSession()).toMatchObject({ accessToken: 'jwt-1', refreshToken: 'refresh-1-0123456789abcdef' });
    expect(JSON.parse(localStorage.getItem(KEY)!)).toMatchObject({ accessToken: 'jwt-1', refreshToken: 'refresh-1-0123456789abcdef' });
  });

  it('does not loop: a 401 after the refresh is the answer', async () => {
    use(gateway('never-valid'));
    await expect(query()).rejects.toMatchObject({ kind: 'session-expired' });
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(1);
    expect(callsTo(fetchMock, MEMBERS)).toHaveLength(2);
  });

  it('spends one refresh token for requests that fail together', async () => {
    use(gateway('jwt-1'));
    const pages = await Promise.all([query(), query(), query()]);
    expect(pages.every((p) => p.rows.length === 1)).toBe(true);
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(1);
  });

  it('presents the newest refresh token each time (rotation)', async () => {
    use(gateway('jwt-1'));
    await query();
    saveSession({ ...getSession()!, expiresAt: Date.now() - 1 }); // jwt-1 expired too
    await refreshSession();
    expect(callsTo(fetchMock, REFRESH).map((r) => r.body)).toEqual([
      { refresh_token: 'refresh-abc-0123456789' },
      { refresh_token: 'refresh-1-0123456789abcdef' },
    ]);
    expect(getSession()?.refreshToken).toBe('refresh-2-0123456789abcdef');
  });

  it('ends the session when the refresh token was reused (every session ended)', async () => {
    use(
      gateway('jwt-1', () =>
        jsonResponse({ error: { code: 'refresh_token_reused', message: 'This sign-in was already renewed elsewhere' } }, 401),
      ),
    );
    await expect(query()).rejects.toMatchObject({ kind: 'session-expired' });
    expect(getSession()).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(getLastEndReason()).toBe('revoked');
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    // Through callFunction: supabase-js would retry a network failure with backoff (seconds).
    use((request) => {
      if (request.url.pathname === REFRESH) throw new TypeError('Failed to fetch');
      return jsonResponse({ error: { code: 'invalid_jwt', message: 'expired' } }, 401);
    });
    await expect(callFunction('some-fn', { auth: 'session' })).rejects.toMatchObject({ kind: 'network' });
    expect(getSession()?.refreshToken).toBe('refresh-abc-0123456789');
  });

  it('adopts a token another tab already rotated instead of spending the refresh token again', async () => {
    use(gateway('jwt-other-tab'));
    // Another tab refreshed: storage holds the new pair; this tab's memory still has the old one.
    localStorage.setItem(KEY, JSON.stringify(adminSession({ accessToken: 'jwt-other-tab', refreshToken: 'refresh-other-0123456789' })));
    const page = await query();
    expect(page.rows).toHaveLength(1);
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(0);
    expect(getSession()?.refreshToken).toBe('refresh-other-0123456789');
  });

  it('does not retry an anonymous request', async () => {
    use(gateway('jwt-1'));
    localStorage.clear();
    saveSession(adminSession());
    const { clearSession } = await import('./session.service.ts');
    clearSession('logout');
    await expect(query()).rejects.toMatchObject({ kind: 'session-expired' });
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(0);
    expect(callsTo(fetchMock, MEMBERS)[0]!.bearer).toBe('anon-key');
  });

  it('retries edge-function calls made with the session too', async () => {
    use((request) => {
      if (request.url.pathname === REFRESH) return rotated(1);
      return request.bearer === 'jwt-1' ? jsonResponse({ ok: true }) : jsonResponse({ error: { code: 'invalid_jwt', message: 'expired' } }, 401);
    });
    expect(await callFunction('some-fn', { method: 'POST', body: { a: 1 }, auth: 'session' })).toEqual({ ok: true });
    const calls = callsTo(fetchMock, '/functions/v1/some-fn');
    expect(calls.map((c) => c.bearer)).toEqual(['token-abc', 'jwt-1']);
    expect(calls[1]!.body).toEqual({ a: 1 });
  });
});

describe('refresh before expiry', () => {
  it('refreshes first when the token has less than a minute left, so no request fails', async () => {
    saveSession(adminSession({ expiresAt: Date.now() + 30_000 }));
    use(gateway('jwt-1'));
    await query();
    expect(callsTo(fetchMock, MEMBERS).map((r) => r.bearer)).toEqual(['jwt-1']);
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(1);
  });

  it('does not refresh a token with time left', async () => {
    use(gateway('token-abc'));
    await query();
    await refreshSession();
    expect(callsTo(fetchMock, REFRESH)).toHaveLength(0);
  });
});

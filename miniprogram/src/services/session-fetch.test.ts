import { describe, expect, it, vi } from 'vitest';
import { createSessionFetch, type SessionFetchHooks } from './session-fetch';

const NOW = 1_000_000;

/** A fake gateway that accepts only `validToken` and records the bearer of each call. */
function gateway(validToken: () => string) {
  const bearers: string[] = [];
  const bodies: unknown[] = [];
  const fetch = vi.fn(async (_input: string, init?: { headers?: HeadersInit; body?: unknown }) => {
    const bearer = new Headers(init?.headers).get('authorization')?.slice(7) ?? '';
    bearers.push(bearer);
    bodies.push(init?.body);
    return new Response(bearer === validToken() || bearer === 'anon' ? '{}' : '{"code":"PGRST301"}', {
      status: bearer === validToken() || bearer === 'anon' ? 200 : 401,
    });
  });
  return { fetch, bearers, bodies };
}

function session(accessToken: string, expiresAt = NOW + 3_600_000) {
  let current: { accessToken: string; expiresAt: number } | null = { accessToken, expiresAt };
  const hooks: SessionFetchHooks & { set(token: string | null): void } = {
    current: () => current,
    refresh: vi.fn(async () => null),
    now: () => NOW,
    set(token) {
      current = token ? { accessToken: token, expiresAt: NOW + 3_600_000 } : null;
    },
  };
  return hooks;
}

const init = (token: string, body?: string) => ({ method: 'POST', headers: { Authorization: `Bearer ${token}`, apikey: 'anon' }, body });

describe('session fetch', () => {
  it('on a 401 refreshes once and repeats the request with the new token and the same body', async () => {
    const hooks = session('old');
    const server = gateway(() => 'new');
    vi.mocked(hooks.refresh).mockImplementation(async () => (hooks.set('new'), 'new'));
    const fetch = createSessionFetch(server.fetch, hooks);

    const response = await fetch('https://gw/rest/v1/rpc/x', init('old', '{"a":1}'));
    expect(response.status).toBe(200);
    expect(server.bearers).toEqual(['old', 'new']);
    expect(server.bodies).toEqual(['{"a":1}', '{"a":1}']);
    expect(hooks.refresh).toHaveBeenCalledTimes(1);
    expect(hooks.refresh).toHaveBeenCalledWith('old');
  });

  it('retries only once: a second 401 is returned as is', async () => {
    const hooks = session('old');
    const server = gateway(() => 'never');
    vi.mocked(hooks.refresh).mockImplementation(async () => (hooks.set('new'), 'new'));
    const response = await createSessionFetch(server.fetch, hooks)('https://gw/rest/v1/members', init('old'));
    expect(response.status).toBe(401);
    expect(server.bearers).toEqual(['old', 'new']);
    expect(hooks.refresh).toHaveBeenCalledTimes(1);
  });

  it('returns the 401 when the session cannot be renewed (signed out or offline)', async () => {
    const hooks = session('old');
    const server = gateway(() => 'new');
    vi.mocked(hooks.refresh).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect((await createSessionFetch(server.fetch, hooks)('https://gw/x', init('old'))).status).toBe(401);
    vi.mocked(hooks.refresh).mockResolvedValueOnce(null);
    expect((await createSessionFetch(server.fetch, hooks)('https://gw/x', init('old'))).status).toBe(401);
    expect(server.bearers).toEqual(['old', 'old']);
  });

  it('renews a token about to expire before sending', async () => {
    const hooks = session('old', NOW + 30_000);
    const server = gateway(() => 'new');
    vi.mocked(hooks.refresh).mockImplementation(async () => (hooks.set('new'), 'new'));
    expect((await createSessionFetch(server.fetch, hooks)('https://gw/x', init('old'))).status).toBe(200);
    expect(server.bearers).toEqual(['new']);
  });

  it('leaves anon-key requests alone (login, refresh, logout), even on 401', async () => {
    const hooks = session('old');
    const server = gateway(() => 'x');
    const fetch = createSessionFetch(server.fetch, hooks);
    await fetch('https://gw/functions/v1/auth-session/refresh', init('anon'));
    await fetch('https://gw/functions/v1/auth-sms/verify', init('someone-elses'));
    expect(hooks.refresh).not.toHaveBeenCalled();
    expect(server.bearers).toEqual(['anon', 'someone-elses']);
  });

  it('does nothing when signed out', async () => {
    const hooks = session('old');
    hooks.set(null);
    const server = gateway(() => 'x');
    expect((await createSessionFetch(server.fetch, hooks)('https://gw/x', init('old'))).status).toBe(401);
    expect(hooks.refresh).not.toHaveBeenCalled();
  });
});

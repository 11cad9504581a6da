import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { sessionFor } from '../test-support/sessions';
import { createSessionStore } from '../stores/session.store';
import { AppError } from './errors';
import { createSessionRefresher } from './session-refresh';

vi.mock('../platform/storage', async () => ({ taroStorage: (await import('../test-support/memory-storage')).memoryStorage() }));

function setup() {
  const store = createSessionStore(memoryStorage());
  store.getState().signIn(sessionFor({ accessToken: 'old', refreshToken: 'refresh-old' }));
  const requestRefresh = vi.fn(async (token: string) => sessionFor({ accessToken: `new-from-${token}`, refreshToken: 'refresh-new' }));
  return { store, requestRefresh, refresher: createSessionRefresher({ store, requestRefresh }) };
}

describe('session refresher', () => {
  it('shares one refresh between concurrent callers (a reused refresh token signs out everywhere)', async () => {
    const { store, requestRefresh, refresher } = setup();
    const results = await Promise.all([refresher.refresh('old'), refresher.refresh('old'), refresher.refresh()]);
    expect(results).toEqual(['new-from-refresh-old', 'new-from-refresh-old', 'new-from-refresh-old']);
    expect(requestRefresh).toHaveBeenCalledTimes(1);
    expect(store.getState().session).toMatchObject({ accessToken: 'new-from-refresh-old', refreshToken: 'refresh-new' });
  });

  it('does not refresh again for a token someone already replaced', async () => {
    const { requestRefresh, refresher } = setup();
    await refresher.refresh('old');
    expect(await refresher.refresh('old')).toBe('new-from-refresh-old');
    expect(requestRefresh).toHaveBeenCalledTimes(1);
  });

  it('signs out when the server refuses the refresh token', async () => {
    const { store, requestRefresh, refresher } = setup();
    requestRefresh.mockRejectedValueOnce(new AppError({ kind: 'session', code: 'refresh_token_reused', status: 401, message: 'x' }));
    expect(await refresher.refresh('old')).toBeNull();
    expect(store.getState().session).toBeNull();
  });

  it('keeps the session when offline', async () => {
    const { store, requestRefresh, refresher } = setup();
    requestRefresh.mockRejectedValueOnce(new AppError({ kind: 'network', code: 'network_error', status: 0, message: '网络异常' }));
    await expect(refresher.refresh('old')).rejects.toMatchObject({ kind: 'network' });
    expect(store.getState().session?.accessToken).toBe('old');
  });

  it('does not bring back a session signed out during the refresh', async () => {
    const { store, requestRefresh, refresher } = setup();
    let finish: () => void = () => undefined;
    requestRefresh.mockImplementationOnce(() => new Promise((resolve) => (finish = () => resolve(sessionFor({ accessToken: 'late' })))));
    const pending = refresher.refresh('old');
    store.getState().signOut();
    finish();
    expect(await pending).toBeNull();
    expect(store.getState().session).toBeNull();
  });
});

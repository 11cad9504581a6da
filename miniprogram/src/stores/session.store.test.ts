import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { sessionFor } from '../test-support/sessions';
import { createSessionStore, isSignedIn, needsRefresh, SESSION_STORAGE_KEY } from './session.store';

// The default store is built on Taro storage; these tests build their own.
vi.mock('../platform/storage', async () => ({ taroStorage: (await import('../test-support/memory-storage')).memoryStorage() }));

describe('session store', () => {
  it('persists access and refresh token and restores them in a new store (app relaunch)', () => {
    const storage = memoryStorage();
    const session = sessionFor();
    createSessionStore(storage).getState().signIn(session);
    const stored = JSON.parse(storage.data.get(SESSION_STORAGE_KEY) ?? '{}');
    expect(stored.state.session).toMatchObject({ accessToken: 'jwt-a', refreshToken: session.refreshToken });

    const relaunched = createSessionStore(storage);
    expect(relaunched.getState().session).toEqual(session);

    relaunched.getState().signOut();
    expect(createSessionStore(storage).getState().session).toBeNull();
  });

  it('drops a version-1 session, which has no refresh token', () => {
    const storage = memoryStorage();
    storage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ state: { session: { accessToken: 'old', expiresAt: Date.now() + 60_000, member: { id: 'm' } } }, version: 1 }),
    );
    expect(createSessionStore(storage).getState().session).toBeNull();
  });

  it('stays signed in with a stale access token but renews it a minute before expiry', () => {
    const now = 1_000_000;
    expect(isSignedIn(null)).toBe(false);
    expect(isSignedIn(sessionFor({ expiresAt: now - 1 }))).toBe(true);
    expect(isSignedIn(sessionFor({ refreshToken: '' }))).toBe(false);
    expect(needsRefresh({ expiresAt: now + 120_000 }, now)).toBe(false);
    expect(needsRefresh({ expiresAt: now + 30_000 }, now)).toBe(true);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { createSessionStore, isSessionValid, SESSION_STORAGE_KEY, type Session } from './session.store';

// The default store is built on Taro storage; these tests build their own.
vi.mock('../platform/storage', async () => ({ taroStorage: (await import('../test-support/memory-storage')).memoryStorage() }));

const session: Session = {
  accessToken: 'jwt',
  expiresAt: Date.now() + 3_600_000,
  member: { id: 'm1', orgId: 'o1', name: '张三', departmentId: 'd1', accountId: 'a1' },
};

describe('session store', () => {
  it('persists the session and restores it in a new store (app relaunch)', () => {
    const storage = memoryStorage();
    createSessionStore(storage).getState().signIn(session);
    expect(JSON.parse(storage.data.get(SESSION_STORAGE_KEY) ?? '{}').state.session.accessToken).toBe('jwt');

    const relaunched = createSessionStore(storage);
    expect(relaunched.getState().session).toEqual(session);

    relaunched.getState().signOut();
    expect(createSessionStore(storage).getState().session).toBeNull();
  });

  it('treats a session as invalid shortly before it expires', () => {
    const now = 1_000_000;
    expect(isSessionValid(null, now)).toBe(false);
    expect(isSessionValid({ ...session, expiresAt: now + 60_000 }, now)).toBe(true);
    expect(isSessionValid({ ...session, expiresAt: now + 10_000 }, now)).toBe(false);
  });
});

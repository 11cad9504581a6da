import { describe, expect, it } from 'vitest';
import { adminSession } from '../test/fixtures.ts';
import { startSession } from './auth.service.ts';
import {
  clearSession,
  getAccessToken,
  getLastEndReason,
  getSession,
  reloadSessionFromStorage,
  resetSessionCacheForTests,
  saveSession,
} from './session.service.ts';

const KEY = 'yima.admin.session';

describe('session', () => {
  it('persists across a reload (fresh module state), refresh token included', () => {
    saveSession(adminSession());
    resetSessionCacheForTests();
    expect(getSession()?.member.name).toBe('张伟');
    expect(getSession()?.refreshToken).toBe('refresh-abc-0123456789');
    expect(getAccessToken()).toBe('token-abc');
  });

  it('keeps a stored session whose access token expired (the refresh token renews it) but gives no bearer', () => {
    localStorage.setItem(KEY, JSON.stringify(adminSession({ expiresAt: Date.now() - 1 })));
    expect(getSession()?.member.name).toBe('张伟');
    expect(getAccessToken()).toBeNull();
  });

  it('drops a stored session without a refresh token (written by the previous version)', () => {
    const { refreshToken: _dropped, ...old } = adminSession();
    localStorage.setItem(KEY, JSON.stringify(old));
    expect(getSession()).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('ignores a corrupt stored session', () => {
    localStorage.setItem(KEY, '{not json');
    expect(getSession()).toBeNull();
  });

  it('remembers why it ended', () => {
    saveSession(adminSession());
    clearSession('revoked');
    expect(getSession()).toBeNull();
    expect(getLastEndReason()).toBe('revoked');
  });

  it('adopts what another tab stored', () => {
    saveSession(adminSession());
    localStorage.setItem(KEY, JSON.stringify(adminSession({ accessToken: 'from-other-tab', refreshToken: 'rotated-elsewhere-0000' })));
    expect(getSession()?.accessToken).toBe('token-abc');
    expect(reloadSessionFromStorage()?.accessToken).toBe('from-other-tab');
    expect(getSession()?.refreshToken).toBe('rotated-elsewhere-0000');

    localStorage.removeItem(KEY);
    expect(reloadSessionFromStorage()).toBeNull();
    expect(getLastEndReason()).toBe('logout');
  });

  it('follows the storage event of another tab', () => {
    saveSession(adminSession());
    localStorage.setItem(KEY, JSON.stringify(adminSession({ accessToken: 'from-event' })));
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }));
    expect(getSession()?.accessToken).toBe('from-event');
  });

  it('startSession derives expiry from expires_in when expires_at is absent', () => {
    const session = startSession(
      {
        access_token: 'jwt',
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: 'r-1',
        user: { id: 'acc' },
        member: { id: 'm', org_id: 'o', name: '李娜', department_id: 'd' },
        memberships: [],
      },
      { orgName: '示范科技' },
      1_000_000,
    );
    expect(session.expiresAt).toBe(1_000_000 + 3_600_000);
    expect(session.orgName).toBe('示范科技');
    expect(getSession()).toEqual(session);
  });

  it('startSession takes the org name from memberships and refuses an account with no org', () => {
    const base = { access_token: 'jwt', token_type: 'bearer', expires_in: 60, expires_at: 2_000_000, refresh_token: 'r-1', user: { id: 'acc' } };
    const session = startSession({
      ...base,
      member: { id: 'm', org_id: 'o2', name: '赵强', department_id: 'd' },
      memberships: [{ org_id: 'o1', org_name: '甲' }, { org_id: 'o2', org_name: '友邻制造' }],
    });
    expect(session.orgName).toBe('友邻制造');
    expect(session.expiresAt).toBe(2_000_000_000);
    expect(() => startSession({ ...base, member: null, memberships: [] })).toThrow('该账号未加入任何组织，无法登录管理后台');
  });
});

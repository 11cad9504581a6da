import { describe, expect, it } from 'vitest';
import { adminSession } from '../test/fixtures.ts';
import { startSession } from './auth.service.ts';
import { clearSession, getAccessToken, getLastEndReason, getSession, resetSessionCacheForTests, saveSession } from './session.service.ts';

describe('session', () => {
  it('persists across a reload (fresh module state)', () => {
    saveSession(adminSession());
    resetSessionCacheForTests();
    expect(getSession()?.member.name).toBe('张伟');
    expect(getAccessToken()).toBe('token-abc');
  });

  it('drops an expired stored session', () => {
    saveSession(adminSession({ expiresAt: Date.now() + 1000 }));
    expect(getAccessToken(Date.now() + 2000)).toBeNull();
    resetSessionCacheForTests();
    localStorage.setItem('yima.admin.session', JSON.stringify(adminSession({ expiresAt: Date.now() - 1 })));
    expect(getSession()).toBeNull();
    expect(localStorage.getItem('yima.admin.session')).toBeNull();
  });

  it('ignores a corrupt stored session', () => {
    localStorage.setItem('yima.admin.session', '{not json');
    expect(getSession()).toBeNull();
  });

  it('remembers why it ended', () => {
    saveSession(adminSession());
    clearSession('expired');
    expect(getSession()).toBeNull();
    expect(getLastEndReason()).toBe('expired');
  });

  it('startSession derives expiry from expires_in when expires_at is absent', () => {
    const session = startSession(
      {
        access_token: 'jwt',
        token_type: 'bearer',
        expires_in: 3600,
        user: { id: 'acc' },
        member: { id: 'm', org_id: 'o', name: '李娜', department_id: 'd' },
      },
      { orgName: '示范科技' },
      1_000_000,
    );
    expect(session.expiresAt).toBe(1_000_000 + 3_600_000);
    expect(getSession()).toEqual(session);
  });

  it('startSession takes the org name from memberships and refuses an account with no org', () => {
    const base = { access_token: 'jwt', token_type: 'bearer', expires_in: 60, expires_at: 2_000_000, user: { id: 'acc' } };
    const session = startSession({
      ...base,
      member: { id: 'm', org_id: 'o2', name: '赵强', department_id: 'd' },
      memberships: [{ org_id: 'o1', org_name: '甲' }, { org_id: 'o2', org_name: '友邻制造' }],
    });
    expect(session.orgName).toBe('友邻制造');
    expect(session.expiresAt).toBe(2_000_000_000);
    expect(() => startSession({ ...base, member: null })).toThrow('该账号未加入任何组织，无法登录管理后台');
  });
});

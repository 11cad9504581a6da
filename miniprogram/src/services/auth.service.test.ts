import { describe, expect, it } from 'vitest';
import { parseLoginResponse, parsePersonas } from './auth.service';

describe('auth-dev response parsing', () => {
  it('maps personas to camelCase', () => {
    expect(parsePersonas({ personas: [{ key: 'member-a', name: '张三', org_name: '星河科技', role_label: '普通成员' }] })).toEqual([
      { key: 'member-a', name: '张三', orgName: '星河科技', roleLabel: '普通成员' },
    ]);
  });

  it('rejects a body without a personas array', () => {
    expect(() => parsePersonas({ error: 'x' })).toThrow('服务返回了无法识别的数据');
  });

  it('turns the login reply into a session with an absolute expiry', () => {
    const session = parseLoginResponse(
      {
        access_token: 'jwt',
        token_type: 'bearer',
        expires_in: 3600,
        user: { id: 'account-1' },
        member: { id: 'member-1', org_id: 'org-1', name: '张三', department_id: 'dept-1' },
      },
      1_000,
    );
    expect(session).toEqual({
      accessToken: 'jwt',
      expiresAt: 1_000 + 3_600_000,
      member: { id: 'member-1', orgId: 'org-1', name: '张三', departmentId: 'dept-1', accountId: 'account-1' },
    });
  });

  it('rejects a login reply without a token or member', () => {
    expect(() => parseLoginResponse({ expires_in: 10, user: { id: 'a' }, member: {} })).toThrow('服务返回了无法识别的数据');
    expect(() => parseLoginResponse({ access_token: 'jwt', expires_in: 10, user: { id: 'a' } })).toThrow('服务返回了无法识别的数据');
  });
});

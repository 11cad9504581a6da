import { describe, expect, it } from 'vitest';
import { parsePersonas, parseSessionResponse, parseSmsSent } from './auth.service';
import { parseClaimForm } from './claim.service';

const body = {
  access_token: 'jwt',
  token_type: 'bearer',
  expires_in: 3600,
  expires_at: 99, // ignored: the device clock may be off
  refresh_token: 'refresh-token-0123456789',
  user: { id: 'account-1' },
  member: { id: 'member-1', org_id: 'org-1', name: '张三', department_id: 'dept-1' },
  memberships: [
    { org_id: 'org-1', org_name: '示范科技有限公司', org_slug: 'demo', member_id: 'member-1', member_name: '张三', department_id: 'dept-1' },
  ],
};

describe('identity function responses', () => {
  it('maps personas to camelCase', () => {
    expect(parsePersonas({ personas: [{ key: 'member-a', name: '张三', org_name: '星河科技', role_label: '普通成员' }] })).toEqual([
      { key: 'member-a', name: '张三', orgName: '星河科技', roleLabel: '普通成员' },
    ]);
    expect(() => parsePersonas({ error: 'x' })).toThrow('服务返回了无法识别的数据');
  });

  it('turns the session body into a session with an absolute expiry on the device clock', () => {
    expect(parseSessionResponse(body, 1_000)).toEqual({
      accessToken: 'jwt',
      refreshToken: 'refresh-token-0123456789',
      expiresAt: 1_000 + 3_600_000,
      accountId: 'account-1',
      member: { id: 'member-1', orgId: 'org-1', name: '张三', departmentId: 'dept-1' },
      memberships: [{ orgId: 'org-1', orgName: '示范科技有限公司', orgSlug: 'demo', memberId: 'member-1', memberName: '张三', departmentId: 'dept-1' }],
    });
  });

  it('accepts a session without a member (not claimed yet)', () => {
    const session = parseSessionResponse({ ...body, member: null, memberships: [] }, 0);
    expect(session.member).toBeNull();
    expect(session.memberships).toEqual([]);
  });

  it('rejects a session body without tokens or with a broken member', () => {
    expect(() => parseSessionResponse({ ...body, refresh_token: undefined })).toThrow('服务返回了无法识别的数据');
    expect(() => parseSessionResponse({ ...body, access_token: '' })).toThrow('服务返回了无法识别的数据');
    expect(() => parseSessionResponse({ ...body, member: { id: 'm' } })).toThrow('服务返回了无法识别的数据');
    expect(() => parseSessionResponse({ ...body, memberships: 'x' })).toThrow('服务返回了无法识别的数据');
  });

  it('reads the SMS resend wait', () => {
    expect(parseSmsSent({ sent: true, expires_in: 300, retry_after: 60 })).toEqual({ retryAfter: 60, expiresIn: 300 });
  });

  it('reads the claim form and refuses fields it cannot render', () => {
    expect(parseClaimForm({ org: { id: 'o', name: '示范' }, method: 'employee_no_phone', fields: ['employee_no', 'phone'] })).toEqual({
      org: { id: 'o', name: '示范' },
      method: 'employee_no_phone',
      fields: ['employee_no', 'phone'],
    });
    expect(() => parseClaimForm({ org: { id: 'o', name: '示范' }, method: 'x', fields: ['employee_no', 'face'] })).toThrow('服务返回了无法识别的数据');
  });
});

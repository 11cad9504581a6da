import type { Membership, Session } from '../stores/session.store';

// Sessions for tests, shaped like what the identity functions return.
export const ORG_A = '11111111-1111-4111-8111-111111111111';
export const ORG_B = '22222222-2222-4222-8222-222222222222';

export const membershipA: Membership = {
  orgId: ORG_A,
  orgName: '示范科技有限公司',
  orgSlug: 'demo',
  memberId: 'm-a',
  memberName: '张三',
  departmentId: 'd1',
};

export const membershipB: Membership = {
  orgId: ORG_B,
  orgName: '友邻制造有限公司',
  orgSlug: 'neighbour',
  memberId: 'm-b',
  memberName: '张三',
  departmentId: 'd2',
};

export function sessionFor(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'jwt-a',
    refreshToken: 'refresh-a-0123456789abcdef',
    expiresAt: Date.now() + 3_600_000,
    accountId: 'account-1',
    member: { id: 'm-a', orgId: ORG_A, name: '张三', departmentId: 'd1' },
    memberships: [membershipA],
    ...overrides,
  };
}

/** Signed in, no card claimed yet. */
export function unclaimedSession(overrides: Partial<Session> = {}): Session {
  return sessionFor({ member: null, memberships: [], ...overrides });
}

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { AppError } from '../../services/errors';
import { memberService, type MemberProfile } from '../../services/member.service';
import { useSessionStore } from '../../stores/session.store';
import { membershipA, membershipB, ORG_B, sessionFor, unclaimedSession } from '../../test-support/sessions';
import HomePage from './index';

vi.mock('../../services/member.service', () => ({ memberService: { getMyProfile: vi.fn() } }));
vi.mock('../../services/auth.service', () => ({ authService: { logout: vi.fn(async () => undefined), switchOrg: vi.fn() } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), pageParams: vi.fn(() => ({})) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const members = vi.mocked(memberService);
const auth = vi.mocked(authService);
const session = sessionFor();

const profileA: MemberProfile = {
  id: 'm-a',
  orgId: membershipA.orgId,
  name: '张三',
  employeeNo: 'E1001',
  status: 'active',
  departmentId: 'd1',
  departmentName: '研发中心',
  orgName: '示范科技有限公司',
};
const profileB: MemberProfile = { ...profileA, id: 'm-b', orgId: ORG_B, employeeNo: 'B9', departmentName: '生产部', orgName: '友邻制造有限公司' };

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session });
  members.getMyProfile.mockImplementation(async (member) => (member.orgId === ORG_B ? profileB : profileA));
});

afterEach(cleanup);

describe('home page', () => {
  it('redirects to login when nobody is signed in', async () => {
    useSessionStore.setState({ session: null });
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(members.getMyProfile).not.toHaveBeenCalled();
  });

  it('sends a signed-in user without a card to the claim page', async () => {
    useSessionStore.setState({ session: unclaimedSession() });
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('claim'));
    expect(members.getMyProfile).not.toHaveBeenCalled();
  });

  it('keeps a session whose access token expired: the client renews it', async () => {
    useSessionStore.setState({ session: { ...session, expiresAt: Date.now() - 1 } });
    render(<HomePage />);
    expect(await screen.findByText('研发中心')).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it("shows the member's name, department and org", async () => {
    render(<HomePage />);
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('研发中心')).toBeTruthy();
    expect(screen.getByText('示范科技有限公司')).toBeTruthy();
    expect(screen.getByText('E1001')).toBeTruthy();
    expect(members.getMyProfile).toHaveBeenCalledWith({ id: 'm-a', orgId: membershipA.orgId });
    expect(screen.queryByText('切换单位')).toBeNull(); // one membership: nothing to switch
  });

  it('signs out: revokes the refresh token and opens login without auto sign-in', async () => {
    render(<HomePage />);
    await screen.findByText('张三');
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login', { manual: '1' }));
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(auth.logout).toHaveBeenCalledWith(session.refreshToken);
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('sends the user back to login when even the refreshed token is rejected', async () => {
    members.getMyProfile.mockRejectedValue(new AppError({ kind: 'session', code: 'PGRST301', message: '登录已失效，请重新登录', status: 401 }));
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(showToast).toHaveBeenCalledWith('登录已失效，请重新登录');
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('shows other errors in place with a retry', async () => {
    members.getMyProfile.mockRejectedValueOnce(new AppError({ kind: 'permission', code: '42501', message: '没有权限执行此操作', status: 403 }));
    render(<HomePage />);
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('研发中心')).toBeTruthy();
  });

  it('switches org when the account has cards in several', async () => {
    useSessionStore.setState({ session: sessionFor({ memberships: [membershipA, membershipB] }) });
    auth.switchOrg.mockResolvedValue(
      sessionFor({ accessToken: 'jwt-b', member: { id: 'm-b', orgId: ORG_B, name: '张三', departmentId: 'd2' }, memberships: [membershipA, membershipB] }),
    );
    render(<HomePage />);
    await screen.findByText('研发中心');
    fireEvent.click(screen.getByText('切换单位'));
    expect(screen.getByText('当前')).toBeTruthy();
    fireEvent.click(screen.getByText('友邻制造有限公司'));
    expect(await screen.findByText('生产部')).toBeTruthy();
    expect(auth.switchOrg).toHaveBeenCalledWith(ORG_B);
    expect(useSessionStore.getState().session?.accessToken).toBe('jwt-b');
    expect(showToast).toHaveBeenCalledWith('已切换到 友邻制造有限公司');
    expect(members.getMyProfile).toHaveBeenLastCalledWith({ id: 'm-b', orgId: ORG_B });
  });
});

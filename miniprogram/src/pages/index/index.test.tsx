import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { AppError } from '../../services/errors';
import { memberService, type MemberProfile } from '../../services/member.service';
import { useSessionStore, type Session } from '../../stores/session.store';
import HomePage from './index';

vi.mock('../../services/member.service', () => ({ memberService: { getMyProfile: vi.fn() } }));
vi.mock('../../services/auth.service', () => ({ authService: { logout: vi.fn(async () => undefined) } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const members = vi.mocked(memberService);

const session: Session = {
  accessToken: 'jwt-member-a',
  expiresAt: Date.now() + 3_600_000,
  member: { id: 'm1', orgId: 'o1', name: '张三', departmentId: 'd1', accountId: 'a1' },
};

const profile: MemberProfile = {
  id: 'm1',
  orgId: 'o1',
  name: '张三',
  employeeNo: 'E1001',
  status: 'active',
  departmentId: 'd1',
  departmentName: '研发中心',
  orgName: '星河科技',
};

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session });
  members.getMyProfile.mockResolvedValue(profile);
});

afterEach(cleanup);

describe('home page', () => {
  it('redirects to login when nobody is signed in', async () => {
    useSessionStore.setState({ session: null });
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(members.getMyProfile).not.toHaveBeenCalled();
  });

  it('treats an expired token as signed out', async () => {
    useSessionStore.setState({ session: { ...session, expiresAt: Date.now() - 1 } });
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(useSessionStore.getState().session).toBeNull();
  });

  it("shows the member's name, department and org", async () => {
    render(<HomePage />);
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('研发中心')).toBeTruthy();
    expect(screen.getByText('星河科技')).toBeTruthy();
    expect(screen.getByText('E1001')).toBeTruthy();
    expect(members.getMyProfile).toHaveBeenCalledWith(session.member);
  });

  it('signs out and relaunches login', async () => {
    render(<HomePage />);
    await screen.findByText('张三');
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('sends the user back to login when the token is rejected', async () => {
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
});

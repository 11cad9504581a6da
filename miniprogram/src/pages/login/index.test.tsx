import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { authService, type DevPersona } from '../../services/auth.service';
import { AppError } from '../../services/errors';
import { useSessionStore, type Session } from '../../stores/session.store';
import LoginPage from './index';

vi.mock('../../services/auth.service', () => ({
  authService: {
    isDevLoginAvailable: vi.fn(),
    listDevPersonas: vi.fn(),
    loginWithDevPersona: vi.fn(),
    logout: vi.fn(),
  },
}));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const auth = vi.mocked(authService);

const personas: DevPersona[] = [
  { key: 'member-a', name: '张三', orgName: '星河科技', roleLabel: '普通成员' },
  { key: 'super-admin-a', name: '李四', orgName: '星河科技', roleLabel: '超级管理员' },
];

const session: Session = {
  accessToken: 'jwt-member-a',
  expiresAt: Date.now() + 3_600_000,
  member: { id: 'm1', orgId: 'o1', name: '张三', departmentId: 'd1', accountId: 'a1' },
};

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: null });
  auth.isDevLoginAvailable.mockResolvedValue(true);
  auth.listDevPersonas.mockResolvedValue(personas);
  auth.loginWithDevPersona.mockResolvedValue(session);
});

afterEach(cleanup);

describe('login page', () => {
  it('lists the demo personas in local mode', async () => {
    render(<LoginPage />);
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('李四')).toBeTruthy();
    expect(screen.getByText('星河科技 · 超级管理员')).toBeTruthy();
    expect(screen.getByText('本地演示账号')).toBeTruthy();
  });

  it('signs in with one tap: stores the session and relaunches home', async () => {
    render(<LoginPage />);
    fireEvent.click(await screen.findByText('张三'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(auth.loginWithDevPersona).toHaveBeenCalledWith('member-a');
    expect(useSessionStore.getState().session).toEqual(session);
  });

  it('shows a failed sign-in as a toast and stays on the page', async () => {
    auth.loginWithDevPersona.mockRejectedValue(new AppError({ kind: 'function', code: 'persona_not_seeded', message: '该账号未初始化' }));
    render(<LoginPage />);
    fireEvent.click(await screen.findByText('李四'));
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('该账号未初始化'));
    expect(reLaunch).not.toHaveBeenCalled();
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('shows a readable error with a retry when personas cannot load', async () => {
    auth.listDevPersonas.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    render(<LoginPage />);
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(auth.listDevPersonas).toHaveBeenCalledTimes(2);
  });

  it('does not offer demo personas outside local mode', async () => {
    auth.isDevLoginAvailable.mockResolvedValue(false);
    render(<LoginPage />);
    expect(await screen.findByText('微信、企业微信和短信登录即将上线')).toBeTruthy();
    expect(auth.listDevPersonas).not.toHaveBeenCalled();
  });
});

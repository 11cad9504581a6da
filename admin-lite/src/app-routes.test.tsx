import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './app-routes.tsx';
import { listDevPersonas } from './services/auth.service.ts';
import { listDepartments } from './services/departments.service.ts';
import { AppError } from './services/errors.ts';
import { listMembers } from './services/members.service.ts';
import { getSession, saveSession } from './services/session.service.ts';
import { adminSession, DEPARTMENTS, member } from './test/fixtures.ts';
import { renderAt } from './test/render.tsx';

vi.mock('./services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('./services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('./services/orgs.service.ts', () => ({ getOrg: vi.fn() }));
vi.mock('./services/auth.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/auth.service.ts')>()),
  listDevPersonas: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(listDevPersonas).mockResolvedValue([]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(1)], total: 1, page: 1, pageSize: 20 });
});

describe('AppRoutes', () => {
  it('sends a signed-out visitor to the login page', async () => {
    renderAt('/members', <AppRoutes localMode />);
    expect(await screen.findByRole('heading', { name: '登录管理后台' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('shows the layout with the admin and org name, and logs out', async () => {
    saveSession(adminSession());
    renderAt('/', <AppRoutes localMode />);
    expect(await screen.findByText('成员001')).toBeTruthy();
    expect(screen.getByTestId('admin-name').textContent).toBe('张伟');
    expect(screen.getByText('示范科技有限公司')).toBeTruthy();
    expect(screen.getByRole('link', { name: '部门与成员' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByRole('heading', { name: '登录管理后台' })).toBeTruthy();
    expect(getSession()).toBeNull();
  });

  it('ends the session and says so when the backend answers 401', async () => {
    saveSession(adminSession());
    vi.mocked(listMembers).mockRejectedValue(new AppError('session-expired', '登录已失效，请重新登录', 'PGRST301', 401));
    renderAt('/members', <AppRoutes localMode />);
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/login'));
    expect(screen.getByText('登录已失效，请重新登录')).toBeTruthy();
    expect(getSession()).toBeNull();
  });
});

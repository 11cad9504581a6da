import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDevPersonas, loginWithDevPersona, type DevPersona } from '../services/auth.service.ts';
import { AppError } from '../services/errors.ts';
import { adminSession } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { LoginPage } from './login-page.tsx';

vi.mock('../services/auth.service.ts', () => ({ listDevPersonas: vi.fn(), loginWithDevPersona: vi.fn() }));

const PERSONAS: DevPersona[] = [
  { key: 'super-admin-a', name: '张伟', org_name: '示范科技有限公司', role_label: '超级管理员' },
  { key: 'dept-admin-a', name: '李娜', org_name: '示范科技有限公司', role_label: '研发中心管理员' },
];

const renderLogin = (localMode = true) =>
  renderRoute('/login', '/login', <LoginPage localMode={localMode} />, { '/members': <p>members page</p> });

beforeEach(() => {
  vi.mocked(listDevPersonas).mockResolvedValue(PERSONAS);
  vi.mocked(loginWithDevPersona).mockResolvedValue(adminSession());
});

describe('LoginPage', () => {
  it('lists the demo personas in local mode', async () => {
    renderLogin();
    expect(await screen.findByRole('button', { name: '以 张伟 登录' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '以 李娜 登录' })).toBeTruthy();
    expect(screen.getByText('研发中心管理员 · 示范科技有限公司')).toBeTruthy();
  });

  it('signs in with one click and goes to the members page', async () => {
    renderLogin();
    fireEvent.click(await screen.findByRole('button', { name: '以 李娜 登录' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
    expect(loginWithDevPersona).toHaveBeenCalledWith(PERSONAS[1]);
  });

  it("shows the function's error and stays on the page", async () => {
    vi.mocked(loginWithDevPersona).mockRejectedValueOnce(
      new AppError('function', 'That persona is not in the database; run npm run reset', 'persona_not_seeded', 404),
    );
    renderLogin();
    fireEvent.click(await screen.findByRole('button', { name: '以 张伟 登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('run npm run reset');
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('shows the SMS seam instead of personas outside local mode', () => {
    renderLogin(false);
    expect(screen.getByText(/短信验证码登录即将开放/)).toBeTruthy();
    expect(listDevPersonas).not.toHaveBeenCalled();
  });
});

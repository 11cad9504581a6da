import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listDevPersonas, loginWithDevPersona, loginWithSms, sendSmsCode, type DevPersona } from '../services/auth.service.ts';
import { AppError } from '../services/errors.ts';
import { clearSession, saveSession } from '../services/session.service.ts';
import { adminSession } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { LoginPage } from './login-page.tsx';

vi.mock('../services/auth.service.ts', () => ({
  listDevPersonas: vi.fn(),
  loginWithDevPersona: vi.fn(),
  sendSmsCode: vi.fn(),
  loginWithSms: vi.fn(),
}));

const PERSONAS: DevPersona[] = [
  { key: 'super-admin-a', name: '张伟', org_name: '示范科技有限公司', role_label: '超级管理员' },
  { key: 'dept-admin-a', name: '李娜', org_name: '示范科技有限公司', role_label: '研发中心管理员' },
];

const renderLogin = (localMode = true) =>
  renderRoute('/login', '/login', <LoginPage localMode={localMode} />, { '/members': <p>members page</p> });

const phoneBox = () => screen.getByRole('textbox', { name: '手机号' });
const codeBox = () => screen.getByRole('textbox', { name: '验证码' });
const sendButton = () => screen.getByRole('button', { name: /获取验证码|后重新获取|发送中/ }) as HTMLButtonElement;
const notAdmin = () => new AppError('forbidden', '该账号不是管理员，无法进入管理后台。如需开通，请联系本组织的超级管理员。', 'not_admin');

beforeEach(() => {
  vi.mocked(listDevPersonas).mockResolvedValue(PERSONAS);
  vi.mocked(loginWithDevPersona).mockImplementation(async () => saveSession(adminSession()));
  vi.mocked(sendSmsCode).mockResolvedValue({ expiresIn: 300, retryAfter: 60 });
  vi.mocked(loginWithSms).mockImplementation(async () => saveSession(adminSession()));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LoginPage: SMS', () => {
  it('sends a code, counts down 60 s before another may be sent, then signs in', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '138 0000 0001' } });
    fireEvent.click(sendButton());

    expect(await screen.findByText('验证码已发送至 138****0001，5 分钟内有效')).toBeTruthy();
    expect(sendSmsCode).toHaveBeenCalledWith('13800000001');
    expect(sendButton().textContent).toBe('60 秒后重新获取');
    expect(sendButton().disabled).toBe(true);

    act(() => void vi.advanceTimersByTime(1000));
    expect(sendButton().textContent).toBe('59 秒后重新获取');
    act(() => void vi.advanceTimersByTime(59_000));
    expect(sendButton().textContent).toBe('获取验证码');
    expect(sendButton().disabled).toBe(false);

    fireEvent.change(codeBox(), { target: { value: '12a3456' } });
    expect((codeBox() as HTMLInputElement).value).toBe('123456');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
    expect(loginWithSms).toHaveBeenCalledWith('13800000001', '123456');
  });

  it('checks the phone number before sending', () => {
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '1380000' } });
    fireEvent.click(sendButton());
    expect(screen.getByRole('alert').textContent).toBe('请输入正确的 11 位手机号');
    expect(sendSmsCode).not.toHaveBeenCalled();
  });

  it('shows the rate limit and waits as long as the server says (429 retry_after)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(sendSmsCode).mockRejectedValueOnce(
      new AppError('function', '获取验证码过于频繁，请 42 秒后再试', 'rate_limited', 429, { retryAfter: 42 }),
    );
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '13800000001' } });
    fireEvent.click(sendButton());

    expect((await screen.findByRole('alert')).textContent).toContain('获取验证码过于频繁，请 42 秒后再试');
    expect(sendButton().textContent).toBe('42 秒后重新获取');
    expect(sendButton().disabled).toBe(true);
    act(() => void vi.advanceTimersByTime(42_000));
    expect(sendButton().disabled).toBe(false);
  });

  it('says how many tries are left after a wrong code and stays on the page', async () => {
    vi.mocked(loginWithSms).mockRejectedValueOnce(new AppError('function', '验证码错误，还可尝试 4 次', 'code_wrong', 400, { remaining: 4 }));
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '13800000001' } });
    fireEvent.change(codeBox(), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    expect((await screen.findByRole('alert')).textContent).toContain('验证码错误，还可尝试 4 次');
    expect(screen.getByTestId('location').textContent).toBe('/login');
    expect((screen.getByRole('button', { name: '登录' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks for the 6-digit code before verifying', () => {
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '13800000001' } });
    fireEvent.change(codeBox(), { target: { value: '123' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(screen.getByRole('alert').textContent).toBe('请输入 6 位数字验证码');
    expect(loginWithSms).not.toHaveBeenCalled();
  });

  it('refuses an account that is not an admin and does not enter the console', async () => {
    vi.mocked(loginWithSms).mockRejectedValueOnce(notAdmin());
    renderLogin(false);
    fireEvent.change(phoneBox(), { target: { value: '13800000003' } });
    fireEvent.change(codeBox(), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    expect((await screen.findByRole('alert')).textContent).toContain('该账号不是管理员');
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('says why the last session ended', () => {
    saveSession(adminSession());
    clearSession('revoked');
    renderLogin(false);
    expect(screen.getByText('该登录已在别处续期，为安全起见已退出所有登录，请重新登录')).toBeTruthy();
  });
});

describe('LoginPage: dev personas', () => {
  it('lists the demo personas in local mode, beside the SMS form', async () => {
    renderLogin();
    expect(await screen.findByRole('button', { name: '以 张伟 登录' })).toBeTruthy();
    expect(screen.getByText('研发中心管理员 · 示范科技有限公司')).toBeTruthy();
    expect(phoneBox()).toBeTruthy();
  });

  it('signs in with one click and goes to the members page', async () => {
    renderLogin();
    fireEvent.click(await screen.findByRole('button', { name: '以 李娜 登录' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
    expect(loginWithDevPersona).toHaveBeenCalledWith(PERSONAS[1]);
  });

  it('shows a refusal for a persona that is not an admin', async () => {
    vi.mocked(loginWithDevPersona).mockRejectedValueOnce(notAdmin());
    renderLogin();
    fireEvent.click(await screen.findByRole('button', { name: '以 张伟 登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('该账号不是管理员');
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('shows no personas outside local mode', () => {
    renderLogin(false);
    expect(screen.queryByText('本地演示环境')).toBeNull();
    expect(listDevPersonas).not.toHaveBeenCalled();
  });
});

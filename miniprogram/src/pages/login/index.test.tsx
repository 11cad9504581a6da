import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectLoginChannel, miniLoginCode } from '../../platform/login';
import { pageParams, reLaunch } from '../../platform/navigation';
import { authService, type DevPersona } from '../../services/auth.service';
import { getRuntimeConfig } from '../../services/config.service';
import { AppError } from '../../services/errors';
import { claimTarget } from '../../stores/claim-target.store';
import { useSessionStore } from '../../stores/session.store';
import { membershipA, membershipB, ORG_B, sessionFor, unclaimedSession } from '../../test-support/sessions';
import LoginPage from './index';

vi.mock('../../services/auth.service', () => ({
  authService: {
    isDevLoginAvailable: vi.fn(),
    listDevPersonas: vi.fn(),
    loginWithDevPersona: vi.fn(),
    loginWithWechat: vi.fn(),
    loginWithWecom: vi.fn(),
    sendSmsCode: vi.fn(),
    verifySmsCode: vi.fn(),
    switchOrg: vi.fn(),
    logout: vi.fn(),
  },
}));
vi.mock('../../services/config.service', () => ({ getRuntimeConfig: vi.fn() }));
vi.mock('../../platform/login', () => ({ detectLoginChannel: vi.fn(), miniLoginCode: vi.fn() }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), pageParams: vi.fn(() => ({})) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const auth = vi.mocked(authService);
const channel = vi.mocked(detectLoginChannel);
const loginCode = vi.mocked(miniLoginCode);

const personas: DevPersona[] = [
  { key: 'member-a', name: '王芳', orgName: '示范科技有限公司', roleLabel: '普通成员' },
  { key: 'super-admin-a', name: '张伟', orgName: '示范科技有限公司', roleLabel: '超级管理员' },
];
const session = sessionFor();

/** Types into a FormField (Taro's Input renders a native input inside taro-input-core, a moment later). */
async function typeInto(name: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(`.form-field--${name} input`);
    if (!found) throw new Error(`no input ${name} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value } });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: null });
  claimTarget.clear();
  vi.mocked(pageParams).mockReturnValue({});
  vi.mocked(getRuntimeConfig).mockResolvedValue({ supabaseUrl: 'http://gw', anonKey: 'anon', localMode: true });
  auth.isDevLoginAvailable.mockResolvedValue(false);
  auth.listDevPersonas.mockResolvedValue(personas);
  auth.loginWithDevPersona.mockResolvedValue(session);
  loginCode.mockImplementation(async (kind) => (kind === 'wecom' ? 'qy-code' : 'wx-code'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('login on launch in WeChat', () => {
  beforeEach(() => channel.mockReturnValue('wechat'));

  it('signs in with wx.login + auth-wechat by itself and opens the card', async () => {
    auth.loginWithWechat.mockResolvedValue(session);
    render(<LoginPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(loginCode).toHaveBeenCalledWith('wechat');
    expect(auth.loginWithWechat).toHaveBeenCalledWith('wx-code');
    expect(auth.loginWithWecom).not.toHaveBeenCalled();
    expect(useSessionStore.getState().session).toEqual(session);
  });

  it('opens the claim page when the WeChat account has no card yet', async () => {
    auth.loginWithWechat.mockResolvedValue(unclaimedSession());
    render(<LoginPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('claim', undefined));
  });

  it('returns to the org a claim link named', async () => {
    claimTarget.set('demo');
    auth.loginWithWechat.mockResolvedValue(unclaimedSession());
    render(<LoginPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('claim', { org: 'demo' }));
  });

  it("switches to the linked org when the account already has a card there", async () => {
    claimTarget.set('neighbour');
    auth.loginWithWechat.mockResolvedValue(sessionFor({ memberships: [membershipA, membershipB] }));
    auth.switchOrg.mockResolvedValue(sessionFor({ accessToken: 'jwt-b', memberships: [membershipA, membershipB] }));
    render(<LoginPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(auth.switchOrg).toHaveBeenCalledWith(ORG_B);
    expect(useSessionStore.getState().session?.accessToken).toBe('jwt-b');
    expect(claimTarget.get()).toBeNull();
  });

  it('explains an unconfigured WeChat login and offers the demo personas in local mode', async () => {
    auth.isDevLoginAvailable.mockResolvedValue(true);
    auth.loginWithWechat.mockRejectedValue(
      new AppError({ kind: 'function', code: 'wechat_not_configured', status: 503, message: 'WeChat login is not configured' }),
    );
    render(<LoginPage />);
    expect(await screen.findByText('服务端尚未配置微信登录（缺少小程序 AppID 和 AppSecret），请联系管理员')).toBeTruthy();
    expect(screen.getByText('本地环境可使用下方的演示账号登录')).toBeTruthy();
    fireEvent.click(await screen.findByText('王芳'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(auth.loginWithDevPersona).toHaveBeenCalledWith('member-a');
  });

  it('does not sign straight back in after a sign-out (?manual=1), but offers the button', async () => {
    vi.mocked(pageParams).mockReturnValue({ manual: '1' });
    auth.loginWithWechat.mockResolvedValue(session);
    render(<LoginPage />);
    const button = await screen.findByText('微信一键登录');
    expect(auth.loginWithWechat).not.toHaveBeenCalled();
    fireEvent.click(button);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
  });

  it('says so when wx.login itself fails', async () => {
    loginCode.mockRejectedValue(new Error('login:fail'));
    render(<LoginPage />);
    expect(await screen.findByText('无法获取登录凭证，请稍后重试')).toBeTruthy();
    expect(auth.loginWithWechat).not.toHaveBeenCalled();
  });
});

describe('login on launch in WeCom', () => {
  beforeEach(() => channel.mockReturnValue('wecom'));

  it('signs in with qy.login + auth-wecom', async () => {
    auth.loginWithWecom.mockResolvedValue(session);
    render(<LoginPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(loginCode).toHaveBeenCalledWith('wecom');
    expect(auth.loginWithWecom).toHaveBeenCalledWith('qy-code');
    expect(auth.loginWithWechat).not.toHaveBeenCalled();
  });

  it('explains a WeCom user who is not a member', async () => {
    auth.loginWithWecom.mockRejectedValue(new AppError({ kind: 'function', code: 'wecom_user_not_member', status: 403, message: 'x' }));
    render(<LoginPage />);
    expect(await screen.findByText('你不在该企业的一码通成员名单中，请联系管理员添加')).toBeTruthy();
    expect(screen.getByText('企业微信一键登录')).toBeTruthy();
    expect(screen.queryByText('本地演示账号')).toBeNull(); // not local mode
  });
});

describe('login on the web (H5): SMS code', () => {
  beforeEach(() => channel.mockReturnValue('sms'));

  it('shows the SMS form, signs in with the code and opens the claim page for a new account', async () => {
    auth.sendSmsCode.mockResolvedValue({ retryAfter: 60, expiresIn: 300 });
    auth.verifySmsCode.mockResolvedValue(unclaimedSession());
    render(<LoginPage />);
    expect(screen.getByText('手机号登录')).toBeTruthy();
    expect(loginCode).not.toHaveBeenCalled();

    await typeInto('phone', '13800000004');
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('60 秒后重发')).toBeTruthy();
    expect(auth.sendSmsCode).toHaveBeenCalledWith('13800000004');

    await typeInto('code', '123456');
    fireEvent.click(screen.getByText('登录'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('claim', undefined));
    expect(auth.verifySmsCode).toHaveBeenCalledWith('13800000004', '123456');
    expect(useSessionStore.getState().session?.member).toBeNull();
  });

  it('counts the resend wait down and then allows another code', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    auth.sendSmsCode.mockResolvedValue({ retryAfter: 3, expiresIn: 300 });
    render(<LoginPage />);
    await typeInto('phone', '13800000004');
    fireEvent.click(screen.getByText('获取验证码'));
    // Time also passes for real here (shouldAdvanceTime), so under load the countdown may already show 2 or 1.
    const waiting = await screen.findByText(/^[1-3] 秒后重发$/);
    fireEvent.click(waiting);
    expect(auth.sendSmsCode).toHaveBeenCalledTimes(1);
    await act(async () => {
      vi.advanceTimersByTime(3_100);
    });
    expect(await screen.findByText('获取验证码')).toBeTruthy();
  });

  it('honours retry_after when rate limited', async () => {
    auth.sendSmsCode.mockRejectedValue(
      new AppError({ kind: 'function', code: 'rate_limited', status: 429, message: 'wait', data: { retry_after: 42 } }),
    );
    render(<LoginPage />);
    await typeInto('phone', '13800000004');
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('发送太频繁，请 42 秒后再试')).toBeTruthy();
    expect(screen.getByText('42 秒后重发')).toBeTruthy();
  });

  it('checks the phone and code before calling the server, and explains a wrong code', async () => {
    auth.verifySmsCode.mockRejectedValue(new AppError({ kind: 'function', code: 'code_wrong', status: 400, message: 'x', data: { remaining: 3 } }));
    render(<LoginPage />);
    await typeInto('phone', '1380000');
    fireEvent.click(screen.getByText('获取验证码'));
    expect(await screen.findByText('请输入正确的 11 位手机号')).toBeTruthy();
    expect(auth.sendSmsCode).not.toHaveBeenCalled();

    await typeInto('phone', '13800000004');
    await typeInto('code', '12');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('请输入 6 位数字验证码')).toBeTruthy();
    await typeInto('code', '654321');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('验证码错误，还可尝试 3 次')).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('offers the demo personas beside the SMS form in local mode only', async () => {
    auth.isDevLoginAvailable.mockResolvedValue(true);
    render(<LoginPage />);
    expect(await screen.findByText('本地演示账号')).toBeTruthy();
    expect(await screen.findByText('示范科技有限公司 · 超级管理员')).toBeTruthy();
    expect(screen.getByText('手机号登录')).toBeTruthy();
  });
});

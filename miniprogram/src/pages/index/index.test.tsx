import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCodeText, parseCode } from '@yima/shared/code-protocol/index';
import { navigateTo, reLaunch } from '../../platform/navigation';
import { onUserCaptureScreen, setHiddenOnCapture } from '../../platform/capture';
import { taroStorage } from '../../platform/storage';
import { showToast } from '../../platform/ui';
import { authService } from '../../services/auth.service';
import { codeService } from '../../services/code.service';
import { AppError } from '../../services/errors';
import { memberService, type MemberProfile } from '../../services/member.service';
import { merchantService } from '../../services/merchant.service';
import { noticeService } from '../../services/notice.service';
import { portalService } from '../../services/portal.service';
import { openH5Link } from '../../platform/open-link';
import { pendingNotice } from '../../stores/pending-notice.store';
import { codeWallet } from '../../hooks/use-code-credential';
import { useSessionStore } from '../../stores/session.store';
import { testIssuer } from '../../test-support/code-fixtures';
import type { memoryStorage } from '../../test-support/memory-storage';
import { membershipA, membershipB, ORG_A, ORG_B, sessionFor, unclaimedSession } from '../../test-support/sessions';
import HomePage from './index';

vi.mock('../../services/portal.service', () => ({ portalService: { forMe: vi.fn(async () => []), liveCardId: vi.fn(async () => null) } }));
vi.mock('../../platform/open-link', () => ({ CAN_OPEN_MINI_PROGRAM: false, openH5Link: vi.fn(async () => 'opened'), openMiniProgram: vi.fn() }));
vi.mock('../../services/notice.service', () => ({ noticeService: { listMine: vi.fn(async () => []) } }));
vi.mock('../../services/member.service', () => ({ memberService: { getMyProfile: vi.fn() } }));
vi.mock('../../services/merchant.service', () => ({ merchantService: { operatedMerchantIds: vi.fn(async () => []) } }));
vi.mock('../../services/auth.service', () => ({ authService: { logout: vi.fn(async () => undefined), switchOrg: vi.fn() } }));
vi.mock('../../services/code.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../services/code.service')>()),
  codeService: {
    enroll: vi.fn(), credentialState: vi.fn(), adminFunctions: vi.fn(), verify: vi.fn(),
    captureSettings: vi.fn(async () => ({ screenshotReport: true, hideOnCapture: true })), reportScreenshot: vi.fn(async () => undefined),
  },
}));
vi.mock('../../platform/random', () => ({ secureRandomBytes: vi.fn(async (count: number) => new Uint8Array(count).fill(42)) }));
// Taro injects its page-lifecycle hooks at build time; here the page is always visible.
vi.mock('../../platform/lifecycle', () => ({ usePageVisible: () => true }));
vi.mock('../../platform/capture', () => ({ onUserCaptureScreen: vi.fn(() => vi.fn()), setHiddenOnCapture: vi.fn() }));
vi.mock('../../platform/navigation', () => ({
  reLaunch: vi.fn(async () => undefined),
  navigateTo: vi.fn(async () => undefined),
  pageParams: vi.fn(() => ({})),
}));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const members = vi.mocked(memberService);
const auth = vi.mocked(authService);
const codes = vi.mocked(codeService);
const session = sessionFor();
const issuer = testIssuer();

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
  (taroStorage as ReturnType<typeof memoryStorage>).data.clear();
  useSessionStore.setState({ session });
  members.getMyProfile.mockImplementation(async (member) => (member.orgId === ORG_B ? profileB : profileA));
  codes.enroll.mockImplementation(async (input) => {
    const serverTime = Math.floor(Date.now() / 1000);
    return { ...issuer.enroll(input, serverTime), serverTime };
  });
  codes.credentialState.mockResolvedValue({ status: 'live' });
  codes.adminFunctions.mockResolvedValue([]);
});

/** The code on screen: H5 puts it on the QR box as data-code. */
async function shownCode(): Promise<string> {
  return waitFor(() => {
    const code = document.querySelector('.qr-code')?.getAttribute('data-code');
    if (!code) throw new Error('no code yet');
    return code;
  });
}

afterEach(cleanup);

describe('home page', () => {
  it('opens a notice link that was opened signed out, once', async () => {
    pendingNotice.set('n1');
    render(<HomePage />);
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith('notice', { id: 'n1' }));
    expect(pendingNotice.get()).toBeNull();
  });

  it('keeps the notice link while there is no card yet', async () => {
    pendingNotice.set('n1');
    useSessionStore.setState({ session: unclaimedSession() });
    render(<HomePage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('claim'));
    expect(navigateTo).not.toHaveBeenCalled();
    expect(pendingNotice.get()).toBe('n1');
  });

  it('shows the 通知 entry with the unread count', async () => {
    vi.mocked(noticeService.listMine).mockResolvedValueOnce([
      { id: 'a', template: 'plain', title: 'x', sentAt: null, readAt: null, confirmedAt: null },
      { id: 'b', template: 'plain', title: 'y', sentAt: null, readAt: 'z', confirmedAt: null },
    ]);
    render(<HomePage />);
    fireEvent.click(await screen.findByText('通知（1 条未读）'));
    expect(navigateTo).toHaveBeenCalledWith('notices');
  });

  it('shows 钱包 and 扫码付款 to every member', async () => {
    render(<HomePage />);
    fireEvent.click(await screen.findByText('钱包'));
    expect(navigateTo).toHaveBeenCalledWith('wallet');
    fireEvent.click(screen.getByText('扫码付款'));
    expect(navigateTo).toHaveBeenCalledWith('pay');
    await waitFor(() => expect(merchantService.operatedMerchantIds).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' }));
    expect(screen.queryByText('商户收款')).toBeNull();
  });

  it('shows 商户收款 only to merchant operators', async () => {
    vi.mocked(merchantService.operatedMerchantIds).mockResolvedValueOnce(['merchant-1']);
    render(<HomePage />);
    fireEvent.click(await screen.findByText('商户收款'));
    expect(navigateTo).toHaveBeenCalledWith('collect');
  });

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
    await shownCode();
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login', { manual: '1' }));
    expect(reLaunch).toHaveBeenCalledTimes(1);
    expect(auth.logout).toHaveBeenCalledWith(session.refreshToken);
    expect(useSessionStore.getState().session).toBeNull();
    expect(codeWallet().credentialFor(ORG_A, 'm-a')).toBeNull(); // the next person on this phone finds no credential
    expect(codeWallet().deviceKey()).not.toBeNull(); // the install's device key stays
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

  it('enrols this phone and shows a dynamic code with a countdown', async () => {
    render(<HomePage />);
    const code = await shownCode();
    expect(code).toMatch(/^YM1:/);
    expect(codes.enroll).toHaveBeenCalledTimes(1);
    expect(codes.enroll.mock.calls[0]![0].orgId).toBe(ORG_A);
    expect(parseCode(decodeCodeText(code)).counter).toBe(0);
    expect(await screen.findByText(/\d+ 秒后自动刷新/)).toBeTruthy();
    // Counters are used once: the next one follows the code on screen (a step
    // boundary during the test may already have shown a second code).
    const current = await shownCode();
    expect(codeWallet().credentialFor(ORG_A, 'm-a')?.nextCounter).toBe(parseCode(decodeCodeText(current)).counter! + 1);
    expect(setHiddenOnCapture).toHaveBeenCalledWith(true);
    expect(screen.queryByText('手机时间不准，已自动校正')).toBeNull(); // the clock is right
  });

  it('a phone 10 minutes fast still shows a code of the server step, and says its clock was corrected', async () => {
    const serverMs = Date.now();
    // Only Date is faked (timers stay real for waitFor): the phone reads 10 minutes ahead and stands still.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(serverMs + 10 * 60 * 1000);
    codes.enroll.mockImplementation(async (input) => {
      const serverTime = Math.floor(serverMs / 1000);
      return { ...issuer.enroll(input, serverTime), serverTime };
    });
    try {
      render(<HomePage />);
      const code = parseCode(decodeCodeText(await shownCode()));
      expect(code.step).toBe(Math.floor(serverMs / 1000 / 30));
      expect(await screen.findByText('手机时间不准，已自动校正')).toBeTruthy();
      expect(codeWallet().credentialFor(ORG_A, 'm-a')?.clockOffsetMs).toBe(Math.floor(serverMs / 1000) * 1000 - (serverMs + 10 * 60 * 1000));
    } finally {
      vi.useRealTimers();
    }
  });

  it('a tap on the code shows a new one with the next counter', async () => {
    render(<HomePage />);
    const first = await shownCode();
    fireEvent.click(document.querySelector('.qr-code')!);
    await waitFor(() => expect(document.querySelector('.qr-code')?.getAttribute('data-code')).not.toBe(first));
    expect(parseCode(decodeCodeText(await shownCode())).counter).toBe(1);
  });

  it('shows the code from storage with no network (the card face from the last visit)', async () => {
    render(<HomePage />);
    await shownCode();
    cleanup();
    const offline = new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试', status: 0 });
    members.getMyProfile.mockRejectedValue(offline);
    codes.credentialState.mockRejectedValue(offline);
    codes.enroll.mockRejectedValue(offline);
    render(<HomePage />);
    const code = await shownCode();
    expect(parseCode(decodeCodeText(code)).counter).toBe(1); // the counter went on from storage
    expect(await screen.findByText('研发中心')).toBeTruthy();
    expect(screen.getByText('离线显示：资料为上次联网时的内容')).toBeTruthy();
    expect(screen.getByText(/离线模式：动态码由本机生成/)).toBeTruthy();
    expect(codes.enroll).toHaveBeenCalledTimes(1);
  });

  it('says why there is no code when the server refuses enrolment', async () => {
    codes.enroll.mockRejectedValue(new AppError({ kind: 'function', code: 'not_enrollable', message: 'this member is disabled', status: 403 }));
    render(<HomePage />);
    expect(await screen.findByText('你的工卡当前不可用（成员未激活或尚未领卡），无法生成动态码，请联系单位管理员')).toBeTruthy();
    expect(document.querySelector('.qr-code')).toBeNull();
    codes.enroll.mockImplementation(async (input) => issuer.enroll(input, Math.floor(Date.now() / 1000)));
    fireEvent.click(screen.getByText('重新获取'));
    expect(await shownCode()).toMatch(/^YM1:/);
  });

  it('records a screenshot of the code and warns the member', async () => {
    render(<HomePage />);
    await shownCode();
    const listener = vi.mocked(onUserCaptureScreen).mock.calls.at(-1)![0];
    listener();
    expect(showToast).toHaveBeenCalledWith('检测到截屏：动态码仅限本人当面出示，截图转发无效，本次截屏已记录');
    const events = codeWallet().captureEvents();
    expect(events.at(-1)).toMatchObject({ orgId: ORG_A, memberId: 'm-a', credentialId: codeWallet().credentialFor(ORG_A, 'm-a')?.credentialId });
    expect(codes.reportScreenshot).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a', credentialId: codeWallet().credentialFor(ORG_A, 'm-a')?.credentialId });
  });

  it('neither hides nor reports when the org turned both off', async () => {
    codes.captureSettings.mockResolvedValue({ screenshotReport: false, hideOnCapture: false });
    vi.mocked(setHiddenOnCapture).mockClear();
    codes.reportScreenshot.mockClear();
    render(<HomePage />);
    await shownCode();
    await new Promise((r) => setTimeout(r, 0));
    const listener = vi.mocked(onUserCaptureScreen).mock.calls.at(-1)![0];
    listener();
    expect(codes.reportScreenshot).not.toHaveBeenCalled();
    expect(vi.mocked(setHiddenOnCapture).mock.calls.at(-1)?.[0]).not.toBe(true);
    codes.captureSettings.mockResolvedValue({ screenshotReport: true, hideOnCapture: true });
  });

  it('offers 验码 to accounts with the cards function only', async () => {
    codes.adminFunctions.mockResolvedValue(['notices', 'cards']);
    render(<HomePage />);
    fireEvent.click(await screen.findByText('验码'));
    expect(navigateTo).toHaveBeenCalledWith('verify');
    expect(codes.adminFunctions).toHaveBeenCalledWith(ORG_A);
    cleanup();
    codes.adminFunctions.mockResolvedValue(['notices']);
    render(<HomePage />);
    await shownCode();
    expect(screen.queryByText('验码')).toBeNull();
  });

  it('offers 访客 to every member and 访客登记 to guards only', async () => {
    codes.adminFunctions.mockResolvedValue(['cards']);
    render(<HomePage />);
    fireEvent.click(await screen.findByText('访客登记'));
    expect(navigateTo).toHaveBeenCalledWith('visitorWalkIn');
    fireEvent.click(screen.getByText('访客'));
    expect(navigateTo).toHaveBeenCalledWith('visitors');
    cleanup();
    codes.adminFunctions.mockResolvedValue([]);
    render(<HomePage />);
    await shownCode();
    expect(screen.getByText('访客')).toBeTruthy();
    expect(screen.queryByText('访客登记')).toBeNull();
  });
});

describe('service hall (portal_for_me)', () => {
  const hall = [
    { id: 'cat-1', name: '常用服务', entries: [
      { id: 'e1', kind: 'app' as const, appKey: 'meal_booking', name: null, description: null, logoMediaId: null, linkType: null, url: null, mpAppid: null, mpPath: null },
      { id: 'e2', kind: 'custom_app' as const, appKey: null, name: '报修', description: null, logoMediaId: null, linkType: 'h5' as const, url: 'https://repair.example.com/', mpAppid: null, mpPath: null },
      { id: 'e3', kind: 'link' as const, appKey: null, name: '班车', description: null, logoMediaId: null, linkType: 'miniprogram' as const, url: null, mpAppid: 'wx0123456789abcdef', mpPath: 'pages/bus' },
    ] },
    { id: 'cat-2', name: '空分类', entries: [] },
  ];

  it('renders the categories of my card; built-in apps open their page, H5 links the URL, mini-programs say so on H5', async () => {
    vi.mocked(portalService.liveCardId).mockResolvedValue('card-1');
    vi.mocked(portalService.forMe).mockResolvedValue(hall);
    render(<HomePage />);
    expect(await screen.findByText('常用服务')).toBeTruthy();
    expect(screen.queryByText('空分类')).toBeNull();
    expect(portalService.forMe).toHaveBeenCalled();
    fireEvent.click(screen.getByText('报餐'));
    expect(navigateTo).toHaveBeenCalledWith('meals');
    fireEvent.click(screen.getByText('报修'));
    await waitFor(() => expect(openH5Link).toHaveBeenCalledWith('https://repair.example.com/'));
    fireEvent.click(screen.getByText('班车'));
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('请在微信小程序中打开'));
  });

  it('hides the section when the hall is empty or there is no card', async () => {
    vi.mocked(portalService.liveCardId).mockResolvedValue(null);
    vi.mocked(portalService.forMe).mockResolvedValue([]);
    render(<HomePage />);
    await screen.findByText('钱包');
    await waitFor(() => expect(portalService.liveCardId).toHaveBeenCalled());
    expect(document.querySelector('.portal')).toBeNull();
  });
});

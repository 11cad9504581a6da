import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERIFY_REFUSALS, verifyReasonMessage } from '../../lib/code-messages';
import { reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { codeService } from '../../services/code.service';
import { AppError } from '../../services/errors';
import { useSessionStore } from '../../stores/session.store';
import { sessionFor } from '../../test-support/sessions';
import VerifyPage from './index';

vi.mock('../../services/code.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../services/code.service')>()),
  codeService: { verify: vi.fn() },
}));
vi.mock('../../services/visit.service', () => ({ visitService: { checkout: vi.fn(async () => undefined) } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/scan', () => ({ scanQrCode: vi.fn(), isScanCancelled: () => false }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const verify = vi.mocked(codeService.verify);
const CODE = `YM1:${'A'.repeat(386)}`;

/** Types into the native textarea inside Taro's web component (defined asynchronously). */
async function paste(text: string) {
  const textarea = await waitFor(() => {
    const found = document.querySelector('.verify__input textarea');
    if (!found) throw new Error('no textarea yet');
    return found as HTMLTextAreaElement;
  });
  fireEvent.input(textarea, { target: { value: text } });
}

function submit() {
  fireEvent.click(screen.getByText('验证'));
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
});
afterEach(cleanup);

describe('verify page (H5: paste the code)', () => {
  it('sends a signed-out guard to login', async () => {
    useSessionStore.setState({ session: null });
    render(<VerifyPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
  });

  it('shows 通过 with the person’s name and department', async () => {
    verify.mockResolvedValue({ ok: true, credentialId: 'c1', member: { name: '王芳', department: '前端组', photo: null } });
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('通过')).toBeTruthy();
    expect(screen.getByText('王芳')).toBeTruthy();
    expect(screen.getByText('前端组')).toBeTruthy();
    expect(verify).toHaveBeenCalledWith(CODE);
    expect(document.querySelector('.verify__result--pass')).not.toBeNull();
    expect(screen.queryByText('拒绝')).toBeNull();
  });

  it.each(VERIFY_REFUSALS.map((reason) => [reason]))('shows 拒绝 and the zh-CN reason for %s', async (reason) => {
    verify.mockResolvedValue({ ok: false, reason });
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('拒绝')).toBeTruthy();
    expect(screen.getByText(verifyReasonMessage(reason))).toBeTruthy();
    expect(document.querySelector('.verify__result--reject')).not.toBeNull();
    expect(screen.queryByText('通过')).toBeNull();
  });

  it('shows who was refused when the server names them (e.g. revoked)', async () => {
    verify.mockResolvedValue({ ok: false, reason: 'revoked', member: { name: '王芳', department: null, photo: null } });
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('卡已挂失或停用')).toBeTruthy();
    expect(screen.getByText('王芳')).toBeTruthy();
    expect(screen.getByText('未分配部门')).toBeTruthy();
  });

  it('asks for a code before calling the server', async () => {
    render(<VerifyPage />);
    submit();
    expect(await screen.findByText('请先粘贴动态码')).toBeTruthy();
    expect(verify).not.toHaveBeenCalled();
  });

  it('explains a guard without the cards permission (403 forbidden)', async () => {
    verify.mockRejectedValue(new AppError({ kind: 'function', code: 'forbidden', message: 'you need the cards permission', status: 403 }));
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('你没有验码权限（需要“工卡”管理权限），请联系单位管理员')).toBeTruthy();
    expect(screen.queryByText('通过')).toBeNull();
  });

  it('signs out when the session is gone', async () => {
    verify.mockRejectedValue(new AppError({ kind: 'session', code: 'invalid_jwt', message: '登录已失效，请重新登录', status: 401 }));
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('登录已失效，请重新登录'));
    expect(useSessionStore.getState().session).toBeNull();
  });

  it('a visitor pass: the visitor block, then 签离 (visit_checkout) while checked in', async () => {
    const { visitService } = await import('../../services/visit.service');
    verify.mockResolvedValue({
      ok: true, credentialId: 'c9', member: { name: '赵客', department: '访客 · 拜访 王芳', photo: null },
      visitor: { visitId: 'v9', name: '赵客', company: '来访公司', identityType: '客户', companions: 2, status: 'checked_in',
                 windowFrom: '2026-11-25T01:00:00Z', windowUntil: '2026-11-25T03:00:00Z', hostName: '王芳', siteName: '东区' },
    });
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('通过')).toBeTruthy();
    expect(screen.getByText('赵客')).toBeTruthy();
    expect(screen.getByText('来访公司')).toBeTruthy();
    expect(screen.getByText('被访人：王芳')).toBeTruthy();
    expect(screen.getByText('园区：东区')).toBeTruthy();
    expect(screen.getByText('预约时段：11月25日 09:00–11:00')).toBeTruthy();
    expect(screen.getByText('随行 2 人')).toBeTruthy();
    expect(screen.getByText('已签到')).toBeTruthy();
    fireEvent.click(screen.getByText('签离'));
    await waitFor(() => expect(visitService.checkout).toHaveBeenCalledWith('v9'));
    expect(await screen.findByText('已签离')).toBeTruthy();
    expect(screen.queryByText('签离')).toBeNull();
  });

  it('a cancelled visitor pass is refused with a visitor sentence', async () => {
    verify.mockResolvedValue({
      ok: false, reason: 'revoked',
      visitor: { visitId: 'v9', name: '赵客', company: null, identityType: null, companions: 0, status: 'cancelled',
                 windowFrom: null, windowUntil: null, hostName: '王芳', siteName: null },
    });
    render(<VerifyPage />);
    await paste(CODE);
    submit();
    expect(await screen.findByText('访问已取消或未获批准')).toBeTruthy();
    expect(screen.queryByText('签离')).toBeNull();
  });
});

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageParams, reLaunch, redirectTo } from '../../platform/navigation';
import { AppError } from '../../services/errors';
import { visitService } from '../../services/visit.service';
import { useSessionStore } from '../../stores/session.store';
import VisitorApplyPage from './apply';

vi.mock('../../services/visit.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../services/visit.service')>()),
  visitService: { applyContext: vi.fn(), apply: vi.fn() },
}));
vi.mock('../../platform/navigation', () => ({
  pageParams: vi.fn(() => ({ t: 'link-token' })), redirectTo: vi.fn(async () => undefined), reLaunch: vi.fn(async () => undefined),
}));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const visits = vi.mocked(visitService);
const context = {
  orgName: '示范科技有限公司', host: { id: 'h1', name: '王芳' }, sites: [] as Array<{ id: string; name: string; address: string | null }>,
  identityTypes: ['客户', '供应商'], requireIdCard: false, maxWindowHours: 72,
  applyForm: { version: 1, fields: [{ key: 'car', type: 'text', label: '车牌号', required: true }, { key: 'photo', type: 'photo', label: '照片' }] },
};

async function typeInto(name: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(`.form-field--${name} input, .notice-form__field--${name} input`);
    if (!found) throw new Error(`no input ${name} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value } });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: null });
  visits.applyContext.mockResolvedValue(context);
});
afterEach(cleanup);

describe('访客申请 (public)', () => {
  it('opens without a session (never sends to login) and shows the host and org', async () => {
    render(<VisitorApplyPage />);
    expect(await screen.findByText('拜访 王芳')).toBeTruthy();
    expect(screen.getByText('示范科技有限公司')).toBeTruthy();
    expect(visits.applyContext).toHaveBeenCalledWith('link-token');
    expect(screen.getByText('车牌号 *')).toBeTruthy();
    expect(screen.getByText(/暂不支持在线上传/)).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('checks the fields with zh-CN messages before sending', async () => {
    render(<VisitorApplyPage />);
    await screen.findByText('拜访 王芳');
    await typeInto('visitor-phone', '123');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('请填写访客姓名')).toBeTruthy();
    expect(screen.getByText('手机号格式不正确，请输入 11 位中国大陆手机号')).toBeTruthy();
    expect(screen.getByText('请先修改标红的内容')).toBeTruthy();
    expect(visits.apply).not.toHaveBeenCalled();
  });

  it('requires the site and the ID card when the org says so', async () => {
    visits.applyContext.mockResolvedValue({ ...context, requireIdCard: true, sites: [{ id: 's1', name: '东区', address: null }] });
    render(<VisitorApplyPage />);
    await screen.findByText('东区');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('请选择到访园区')).toBeTruthy();
    expect(screen.getByText('请填写身份证号')).toBeTruthy();
  });

  it('sends the application and goes to the pass page with the returned t', async () => {
    visits.apply.mockResolvedValue({
      visit: { id: 'v1', status: 'pending', visitorName: null, hostName: '王芳', siteName: null, orgName: null, windowFrom: '', windowUntil: '', companions: 0 },
      visitorUrl: 'http://localhost/h5/#/pages/visitor/pass?t=pass%2Dtoken',
    });
    render(<VisitorApplyPage />);
    await screen.findByText('拜访 王芳');
    await typeInto('visitor-name', '赵客');
    await typeInto('visitor-phone', '13900000001');
    await typeInto('visitor-company', '来访公司');
    fireEvent.click(screen.getByText('客户'));
    await typeInto('car', '京A12345');
    fireEvent.click(screen.getByText('提交申请'));
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith('visitorPass', { t: 'pass-token' }));
    const [token, body, answers] = visits.apply.mock.calls[0]!;
    expect(token).toBe('link-token');
    expect(body).toMatchObject({ name: '赵客', phone: '13900000001', company: '来访公司', identity_type: '客户' });
    expect(body.window_from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(answers).toEqual({ car: '京A12345' });
  });

  it('shows the server refusal in zh-CN', async () => {
    visits.apply.mockRejectedValue(new AppError({ kind: 'function', code: 'invalid_visit', status: 400, message: '访问时段不能超过 72 小时 (too long)' }));
    render(<VisitorApplyPage />);
    await screen.findByText('拜访 王芳');
    await typeInto('visitor-name', '赵客');
    await typeInto('visitor-phone', '13900000001');
    await typeInto('car', '京A12345');
    fireEvent.click(screen.getByText('提交申请'));
    expect(await screen.findByText('访问时段不能超过 72 小时')).toBeTruthy();
  });

  it('a tampered or expired link is a refusal, not a form', async () => {
    visits.applyContext.mockRejectedValue(new AppError({ kind: 'function', code: 'link_expired', status: 410, message: '访客申请链接已过期，请向被访人重新索取 (this link has expired)' }));
    render(<VisitorApplyPage />);
    expect(await screen.findByText('访客申请链接已过期，请向被访人重新索取')).toBeTruthy();
    expect(screen.queryByText('提交申请')).toBeNull();
  });

  it('no t at all', async () => {
    vi.mocked(pageParams).mockReturnValueOnce({});
    render(<VisitorApplyPage />);
    expect(await screen.findByText('访客申请链接无效，请向被访人重新索取')).toBeTruthy();
  });
});

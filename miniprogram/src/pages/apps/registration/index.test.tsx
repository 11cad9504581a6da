import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageParams } from '../../../platform/navigation';
import { AppError } from '../../../services/errors';
import { registrationService } from '../../../services/registration.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import RegistrationPage from './index';

vi.mock('../../../services/registration.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../services/registration.service')>()),
  registrationService: { point: vi.fn(), submit: vi.fn(), mine: vi.fn() },
}));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined), pageParams: vi.fn(() => ({})) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/scan', () => ({ scanQrCode: vi.fn(), isScanCancelled: () => false }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const registration = vi.mocked(registrationService);
const POINT = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const FORM = { fields: [{ key: 'reason', label: '事由', type: 'text', required: true }, { key: 'shift', label: '班次', type: 'select', options: ['早班', '晚班'] }] };

async function typeInto(selector: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`no ${selector} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value } });
}

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(pageParams).mockReturnValue({});
  useSessionStore.setState({ session: sessionFor() });
  registration.point.mockResolvedValue({ point: { id: POINT, name: '机房登记', purpose: '进出机房请登记' }, form: FORM });
  registration.submit.mockResolvedValue({ id: '8', at: '2026-11-25T02:00:00Z' });
  registration.mine.mockResolvedValue([{ id: '7', pointId: POINT, pointName: '机房登记', answers: { reason: '巡检' }, at: '2026-11-24T02:00:00Z' }]);
});
afterEach(cleanup);

describe('实名登记', () => {
  it('shows my past records', async () => {
    render(<RegistrationPage />);
    expect(await screen.findByText('巡检')).toBeTruthy();
    expect(screen.getByText('11-24 10:00')).toBeTruthy();
    expect(registration.mine).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
  });

  it('pasting yima:reg:<id> opens the form; required fields are checked; then POST', async () => {
    render(<RegistrationPage />);
    await typeInto('.registration__input input', `yima:reg:${POINT}`);
    fireEvent.click(screen.getByText('打开登记表'));
    expect(await screen.findByText('进出机房请登记')).toBeTruthy();
    expect(registration.point).toHaveBeenCalledWith(POINT);
    fireEvent.click(screen.getByText('提交登记'));
    expect(await screen.findByText('请按提示修改后再提交')).toBeTruthy();
    expect(registration.submit).not.toHaveBeenCalled();
    await typeInto('.notice-form__field--reason input', '更换硬盘');
    fireEvent.click(screen.getByText('晚班'));
    fireEvent.click(screen.getByText('提交登记'));
    await waitFor(() => expect(registration.submit).toHaveBeenCalledWith(POINT, { reason: '更换硬盘', shift: '晚班' }));
    expect(await screen.findByText('登记成功')).toBeTruthy();
    await waitFor(() => expect(registration.mine).toHaveBeenCalledTimes(2));
  });

  it('opens ?point_id= directly and shows not_designated', async () => {
    vi.mocked(pageParams).mockReturnValue({ point_id: POINT });
    registration.submit.mockRejectedValue(new AppError({ kind: 'function', code: 'not_designated', status: 403, message: '你不在该登记点的登记范围内 (you are not designated to register here)' }));
    render(<RegistrationPage />);
    expect(await screen.findByText('进出机房请登记')).toBeTruthy();
    await typeInto('.notice-form__field--reason input', '参观');
    fireEvent.click(screen.getByText('提交登记'));
    expect(await screen.findByText('你不在该登记点的登记范围内')).toBeTruthy();
  });

  it('refuses a QR that is not a point', async () => {
    render(<RegistrationPage />);
    await typeInto('.registration__input input', 'https://example.com');
    fireEvent.click(screen.getByText('打开登记表'));
    expect(await screen.findByText('这不是登记点二维码')).toBeTruthy();
    expect(registration.point).not.toHaveBeenCalled();
  });
});

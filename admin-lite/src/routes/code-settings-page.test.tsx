import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getCodeSettings, rotateIssuerKey, updateCodeSettings } from '../services/code-settings.service.ts';
import { adminProfile, adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { CodeSettingsPage } from './code-settings-page.tsx';

vi.mock('../services/code-settings.service.ts', () => ({ getCodeSettings: vi.fn(), updateCodeSettings: vi.fn(), rotateIssuerKey: vi.fn() }));

const ROW = {
  org_id: ORG_ID,
  step_seconds: 30,
  offline_validity_hours: 72,
  issuer_key_validity_days: 365,
  online_code_validity_seconds: 90,
  screenshot_report: true,
  hide_on_capture: true,
  default_offline_cap_fen: 20000,
  default_scopes: 111,
  updated_at: '',
};

beforeEach(() => {
  vi.mocked(getCodeSettings).mockResolvedValue(ROW);
});

const renderPage = (profile = adminProfile()) => renderRoute('/settings/code', '/settings/code', <CodeSettingsPage session={adminSession()} profile={profile} />);

describe('CodeSettingsPage', () => {
  it('edits the settings, the cap in yuan, and saves fen', async () => {
    vi.mocked(updateCodeSettings).mockImplementation(async (_org, patch) => ({ ...ROW, ...patch }));
    renderPage();
    const cap = (await screen.findByLabelText('默认离线消费额度（元）')) as HTMLInputElement;
    expect(cap.value).toBe('200.00');
    fireEvent.change(cap, { target: { value: '50.5' } });
    fireEvent.change(screen.getByLabelText('动态码刷新间隔（秒）'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('请输入 5–255 之间的整数')).toBeTruthy();
    expect(updateCodeSettings).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('动态码刷新间隔（秒）'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '班车' }));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(updateCodeSettings).toHaveBeenCalled());
    expect(vi.mocked(updateCodeSettings).mock.calls[0]![1]).toMatchObject({ step_seconds: 15, default_offline_cap_fen: 5050, default_scopes: 103 });
    expect(await screen.findByText(/安全策略已保存/)).toBeTruthy();
  });

  it('lets a super admin rotate (normal or compromised) after confirming', async () => {
    vi.mocked(rotateIssuerKey).mockResolvedValue({ previous_key_id: 1, previous_not_after: null, signing_key_id: 2, compromised: true });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '泄露轮换（立即作废）' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/不可撤销/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认轮换' }));
    await waitFor(() => expect(rotateIssuerKey).toHaveBeenCalledWith(ORG_ID, true));
    expect(await screen.findByText('已作废旧密钥，所有手机将重新领取凭证')).toBeTruthy();
  });

  it('hides rotation from admins who are not super', async () => {
    renderPage(adminProfile({ is_super: false, functions: ['config'] }));
    await screen.findByLabelText('默认离线消费额度（元）');
    expect(screen.queryByRole('button', { name: '轮换签发密钥' })).toBeNull();
    expect(screen.getByText('只有超级管理员可以轮换签发密钥。')).toBeTruthy();
  });
});

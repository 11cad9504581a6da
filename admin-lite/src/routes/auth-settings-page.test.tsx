import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getAuthSettings, getOrgSecretNames, saveAuthSettings, type AuthSettingsRow } from '../services/auth-settings.service.ts';
import { AppError } from '../services/errors.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { AuthSettingsPage } from './auth-settings-page.tsx';

vi.mock('../services/auth-settings.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/auth-settings.service.ts')>()),
  getAuthSettings: vi.fn(),
  getOrgSecretNames: vi.fn(),
  saveAuthSettings: vi.fn(),
}));

const ROW: AuthSettingsRow = {
  org_id: ORG_ID,
  claim_method: 'employee_no_phone',
  api_verify_url: null,
  max_claim_attempts: 5,
  lock_minutes: 30,
  wecom_corp_id: 'ww1234abcd',
  updated_at: '2026-11-25T00:00:00Z',
};

const renderPage = () => renderRoute('/settings/auth', '/settings/auth', <AuthSettingsPage session={adminSession()} />);
const field = (label: string) => screen.getByLabelText(label).closest('.field') as HTMLElement;
const save = () => fireEvent.click(screen.getByRole('button', { name: '保存' }));

beforeEach(() => {
  vi.mocked(getAuthSettings).mockResolvedValue(ROW);
  vi.mocked(getOrgSecretNames).mockResolvedValue(['wecom_corp_secret']);
  vi.mocked(saveAuthSettings).mockImplementation(async (_org, update) => ({ ...ROW, ...update, updated_at: '2026-11-25T01:00:00Z' }));
});

describe('AuthSettingsPage', () => {
  it('shows the current method with what each method asks for, and which secrets are set', async () => {
    renderPage();
    const current = (await screen.findByRole('radio', { name: /工号 \+ 手机号/ })) as HTMLInputElement;
    expect(current.checked).toBe(true);
    expect(screen.getAllByRole('radio')).toHaveLength(5);
    expect(screen.getByText(/员工填写工号和身份证号/)).toBeTruthy();
    expect(screen.getByText(/企业自己的 HTTPS 接口/)).toBeTruthy();

    expect((screen.getByLabelText('连续失败次数上限') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('企业 ID（CorpID）') as HTMLInputElement).value).toBe('ww1234abcd');
    // Write-only fields: state only, never a value.
    expect(within(field('签名密钥')).getByText('未设置')).toBeTruthy();
    expect(within(field('应用 Secret')).getByText('已设置')).toBeTruthy();
    expect((screen.getByLabelText('应用 Secret') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('应用 Secret') as HTMLInputElement).type).toBe('password');
    expect(getOrgSecretNames).toHaveBeenCalledWith(ORG_ID);
  });

  it('will not save the API method without a URL and a signing secret', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('radio', { name: /企业接口验证/ }));
    save();

    expect(within(field('接口地址')).getByText('选择“企业接口验证”时必须填写接口地址')).toBeTruthy();
    expect(within(field('签名密钥')).getByText('选择“企业接口验证”时必须设置签名密钥')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('请修正标出的项目后再保存');
    expect(screen.getByLabelText('接口地址').getAttribute('aria-invalid')).toBe('true');
    expect(saveAuthSettings).not.toHaveBeenCalled();
  });

  it('saves the API method with its URL and new secret, then shows 已保存 and reloads', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('radio', { name: /企业接口验证/ }));
    fireEvent.change(screen.getByLabelText('接口地址'), { target: { value: 'https://hr.example.com/yima/verify' } });
    fireEvent.change(screen.getByLabelText('签名密钥'), { target: { value: 'sign-me' } });
    fireEvent.change(screen.getByLabelText('锁定时长（分钟）'), { target: { value: '60' } });
    save();

    expect(await screen.findByText('已保存')).toBeTruthy();
    expect(saveAuthSettings).toHaveBeenCalledWith(
      ORG_ID,
      { claim_method: 'api', api_verify_url: 'https://hr.example.com/yima/verify', max_claim_attempts: 5, lock_minutes: 60, wecom_corp_id: 'ww1234abcd' },
      { api_verify_secret: 'sign-me' },
    );
    await waitFor(() => expect(getAuthSettings).toHaveBeenCalledTimes(2));
    expect(getOrgSecretNames).toHaveBeenCalledTimes(2);
  });

  it('clears a stored secret on request', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '清除 应用 Secret' }));
    expect((screen.getByLabelText('应用 Secret') as HTMLInputElement).disabled).toBe(true);
    save();
    await waitFor(() => expect(saveAuthSettings).toHaveBeenCalledWith(ORG_ID, expect.anything(), { wecom_corp_secret: null }));
  });

  it('checks the lock-out numbers before saving', async () => {
    renderPage();
    fireEvent.change(await screen.findByLabelText('连续失败次数上限'), { target: { value: '50' } });
    save();
    expect(within(field('连续失败次数上限')).getByText('连续失败次数上限须为 1–20 之间的整数')).toBeTruthy();
    expect(saveAuthSettings).not.toHaveBeenCalled();
  });

  it('shows a clear message when the server refuses (corp id of another org)', async () => {
    vi.mocked(saveAuthSettings).mockRejectedValueOnce(new AppError('duplicate', '该企业 ID 已被其他组织使用', '23505', 409));
    renderPage();
    fireEvent.change(await screen.findByLabelText('企业 ID（CorpID）'), { target: { value: 'wwTaken0001' } });
    save();
    expect((await screen.findByRole('alert')).textContent).toContain('该企业 ID 已被其他组织使用');
    expect(screen.queryByText('已保存')).toBeNull();
  });

  it('shows a load failure with a retry', async () => {
    vi.mocked(getOrgSecretNames).mockRejectedValueOnce(new AppError('forbidden', '没有权限执行此操作', '42501', 403));
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('没有权限执行此操作');
    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('radio', { name: /工号 \+ 手机号/ })).toBeTruthy();
  });
});

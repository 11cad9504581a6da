import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageParams, reLaunch } from '../../platform/navigation';
import { authService } from '../../services/auth.service';
import { claimService, type ClaimForm } from '../../services/claim.service';
import { getRuntimeConfig } from '../../services/config.service';
import { AppError } from '../../services/errors';
import { claimTarget } from '../../stores/claim-target.store';
import { useSessionStore } from '../../stores/session.store';
import { membershipA, ORG_A, sessionFor, unclaimedSession } from '../../test-support/sessions';
import ClaimPage from './index';

vi.mock('../../services/claim.service', () => ({ claimService: { getClaimForm: vi.fn(), claim: vi.fn() } }));
vi.mock('../../services/auth.service', () => ({ authService: { switchOrg: vi.fn(), logout: vi.fn(async () => undefined) } }));
vi.mock('../../services/config.service', () => ({ getRuntimeConfig: vi.fn() }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), pageParams: vi.fn(() => ({})) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const claims = vi.mocked(claimService);
const params = vi.mocked(pageParams);

const FIELDS_BY_METHOD: Record<string, ClaimForm['fields']> = {
  employee_no_phone: ['employee_no', 'phone'],
  employee_no_id_card: ['employee_no', 'id_card'],
  name_id_card: ['name', 'id_card'],
  name_phone: ['name', 'phone'],
  api: ['employee_no', 'name'],
};
const LABEL = { employee_no: '工号', phone: '手机号', id_card: '身份证号', name: '姓名' } as const;

const formFor = (method: string): ClaimForm => ({ org: { id: ORG_A, name: '示范科技有限公司' }, method, fields: FIELDS_BY_METHOD[method]! });
const claimed = sessionFor({ accessToken: 'jwt-claimed' });

async function typeInto(name: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(`.form-field--${name} input`);
    if (!found) throw new Error(`no input ${name} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value } });
}

/** Opens the page for the demo org (employee_no + phone) and fills in a plausible E004. */
async function openFilled() {
  render(<ClaimPage />);
  await screen.findByText('领取 示范科技有限公司 的工卡');
  await typeInto('employee_no', 'E004');
  await typeInto('phone', '13800000004');
}

beforeEach(() => {
  vi.clearAllMocks();
  claimTarget.clear();
  useSessionStore.setState({ session: unclaimedSession() });
  params.mockReturnValue({ org: 'demo' });
  vi.mocked(getRuntimeConfig).mockResolvedValue({ supabaseUrl: 'http://gw', anonKey: 'anon', localMode: false });
  claims.getClaimForm.mockResolvedValue(formFor('employee_no_phone'));
  claims.claim.mockResolvedValue(claimed);
});

afterEach(cleanup);

describe('claim page', () => {
  it.each(Object.keys(FIELDS_BY_METHOD))('renders exactly the fields method %s asks for, labelled in zh-CN', async (method) => {
    claims.getClaimForm.mockResolvedValue(formFor(method));
    render(<ClaimPage />);
    await screen.findByText('领取 示范科技有限公司 的工卡');
    const asked = FIELDS_BY_METHOD[method]!;
    const labels = [...document.querySelectorAll('.form-field__label')].map((node) => node.textContent);
    expect(labels).toEqual(asked.map((field) => LABEL[field]));
    for (const field of Object.keys(LABEL)) {
      expect(!!document.querySelector(`.form-field--${field}`)).toBe(asked.includes(field as keyof typeof LABEL));
    }
    expect(claims.getClaimForm).toHaveBeenCalledWith('demo');
    if (method === 'api') expect(screen.getByText('信息将提交给单位的人事系统核验')).toBeTruthy();
  });

  it('claims with the fields asked for, then opens the card', async () => {
    await openFilled();
    fireEvent.click(screen.getByText('验证并领卡'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(claims.claim).toHaveBeenCalledWith(ORG_A, ['employee_no', 'phone'], { employee_no: 'E004', phone: '13800000004' });
    expect(useSessionStore.getState().session?.accessToken).toBe('jwt-claimed');
    expect(claimTarget.get()).toBeNull();
  });

  it('checks the phone (11 digits) and the ID-card checksum before sending', async () => {
    await openFilled();
    await typeInto('phone', '1380000000');
    fireEvent.click(screen.getByText('验证并领卡'));
    expect(await screen.findByText('手机号应为 11 位数字')).toBeTruthy();
    cleanup();

    claims.getClaimForm.mockResolvedValue(formFor('name_id_card'));
    render(<ClaimPage />);
    await screen.findByText('领取 示范科技有限公司 的工卡');
    await typeInto('name', '刘洋');
    await typeInto('id_card', '110105194912310021');
    fireEvent.click(screen.getByText('验证并领卡'));
    expect(await screen.findByText('身份证号校验不通过，请核对后重新输入')).toBeTruthy();
    expect(claims.claim).not.toHaveBeenCalled();
  });

  it('sends ID-card numbers with an upper-case X', async () => {
    claims.getClaimForm.mockResolvedValue(formFor('employee_no_id_card'));
    render(<ClaimPage />);
    await screen.findByText('领取 示范科技有限公司 的工卡');
    await typeInto('employee_no', ' E001 ');
    await typeInto('id_card', '11010519491231002x');
    fireEvent.click(screen.getByText('验证并领卡'));
    await waitFor(() => expect(claims.claim).toHaveBeenCalledWith(ORG_A, ['employee_no', 'id_card'], { employee_no: 'E001', id_card: '11010519491231002X' }));
  });

  const lockedUntil = new Date(Date.now() + 15 * 60_000);
  const hhmm = `${String(lockedUntil.getHours()).padStart(2, '0')}:${String(lockedUntil.getMinutes()).padStart(2, '0')}`;
  const sameDay = lockedUntil.getDate() === new Date().getDate();
  const lockText = sameDay ? hhmm : `${lockedUntil.getMonth() + 1}月${lockedUntil.getDate()}日 ${hhmm}`;

  it.each([
    [400, 'missing_fields', {}, 'x', '请填写全部验证信息'],
    [400, 'invalid_body', {}, 'fields.phone: phone must be an 11-digit mainland mobile number', '手机号格式不正确，请核对'],
    [403, 'no_match', { remaining: 3 }, '信息不匹配', '信息不匹配，请核对后重试（还可尝试 3 次）'],
    [403, 'no_match', { remaining: 0, locked_until: lockedUntil.toISOString() }, '信息不匹配', `信息不匹配，请核对后重试。尝试次数已用完，请于 ${lockText} 后再试`],
    [403, 'member_inactive', { remaining: 4 }, 'x', '该成员已停用，请联系单位管理员（还可尝试 4 次）'],
    [403, 'member_deleted', { remaining: 2 }, 'x', '该成员已被删除，不能再次领卡，请联系单位管理员（还可尝试 2 次）'],
    [409, 'member_bound', { remaining: 4 }, 'x', '该成员的工卡已被其他账号领取；如需换绑，请联系单位管理员解绑（还可尝试 4 次）'],
    [409, 'account_bound', {}, 'x', '你已在该单位领取过其他成员的工卡'],
    [429, 'locked', { locked_until: lockedUntil.toISOString(), remaining: 0 }, 'x', `尝试次数过多，已暂时锁定，请于 ${lockText} 后再试`],
    [503, 'api_verify_not_configured', {}, 'x', '该单位通过自己的人事系统核验身份，但尚未配置完成，请联系单位管理员'],
  ])('shows HTTP %i %s as a zh-CN sentence', async (status, code, data, message, expected) => {
    claims.claim.mockRejectedValue(new AppError({ kind: 'function', code, status, message, detail: message, data }));
    await openFilled();
    fireEvent.click(screen.getByText('验证并领卡'));
    expect(await screen.findByText(expected)).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
    expect(useSessionStore.getState().session?.member).toBeNull();
  });

  it('sends a signed-out visitor to login and remembers the linked org', async () => {
    useSessionStore.setState({ session: null });
    render(<ClaimPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
    expect(claimTarget.get()).toBe('demo');
    expect(claims.getClaimForm).not.toHaveBeenCalled();
  });

  it('asks for the organisation code when no org is known, and explains an unknown one', async () => {
    params.mockReturnValue({});
    claims.getClaimForm.mockRejectedValueOnce(new AppError({ kind: 'function', code: 'org_not_found', status: 404, message: 'No organisation' }));
    render(<ClaimPage />);
    await typeInto('org', 'nope');
    fireEvent.click(screen.getByText('下一步'));
    expect(await screen.findByText('找不到该单位，请检查领卡链接或单位代码')).toBeTruthy();
    await typeInto('org', 'demo');
    fireEvent.click(screen.getByText('下一步'));
    expect(await screen.findByText('领取 示范科技有限公司 的工卡')).toBeTruthy();
    expect(claims.getClaimForm).toHaveBeenLastCalledWith('demo');
  });

  it('uses the deployment default org when there is no link', async () => {
    params.mockReturnValue({});
    vi.mocked(getRuntimeConfig).mockResolvedValue({ supabaseUrl: 'http://gw', anonKey: 'anon', localMode: false, defaultOrg: 'acme' });
    render(<ClaimPage />);
    await screen.findByText('领取 示范科技有限公司 的工卡');
    expect(claims.getClaimForm).toHaveBeenCalledWith('acme');
  });

  it('opens the card instead when the account already has one in that org', async () => {
    useSessionStore.setState({ session: sessionFor({ memberships: [membershipA] }) });
    render(<ClaimPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('home'));
    expect(authService.switchOrg).not.toHaveBeenCalled();
    expect(claims.claim).not.toHaveBeenCalled();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { subscriptionsOverview } from '../services/subscriptions.service.ts';
import { listTicketEvents, listTickets, openTicket, resolveTicket, type TicketRow } from '../services/tickets.service.ts';
import { adminProfile, adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { TicketsPage } from './tickets-page.tsx';

vi.mock('../services/tickets.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/tickets.service.ts')>()),
  listTickets: vi.fn(),
  listTicketEvents: vi.fn(),
  openTicket: vi.fn(),
  respondTicket: vi.fn(),
  resolveTicket: vi.fn(),
}));
vi.mock('../services/subscriptions.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/subscriptions.service.ts')>()),
  subscriptionsOverview: vi.fn(),
}));

const at = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();
const ticket = (extra: Partial<TicketRow> = {}): TicketRow => ({
  id: 't1',
  org_id: ORG_ID,
  customer_name: '王芳',
  region: '上海',
  organisation_name: '示范科技有限公司',
  phone: '13800000001',
  product: '一码通',
  description: '门禁无法识别',
  years_of_use: 2,
  severity: 'urgent',
  status: 'open',
  opened_at: at(-70),
  respond_due: at(-10),
  resolve_due: at(1370),
  first_response_at: null,
  resolved_at: null,
  resolution: null,
  escalation_level: 1,
  breached_response: true,
  breached_resolution: false,
  ...extra,
});

beforeEach(() => {
  vi.mocked(listTickets).mockResolvedValue([ticket(), ticket({ id: 't2', customer_name: '李雷', severity: 'normal', status: 'responded', respond_due: at(50), resolve_due: at(4000), first_response_at: at(-5), escalation_level: 0, breached_response: false })]);
  vi.mocked(listTicketEvents).mockResolvedValue([{ id: 1, ticket_id: 't1', kind: 'opened', note: null, actor_account_id: null, at: at(-70) }, { id: 2, ticket_id: 't1', kind: 'escalated', note: '响应超时', actor_account_id: null, at: at(-9) }]);
  vi.mocked(subscriptionsOverview).mockResolvedValue([]);
});

const renderPage = (mode: 'operator' | 'org', profile = adminProfile()) => renderRoute('/t', '/t', <TicketsPage session={adminSession()} profile={profile} mode={mode} />);

describe('TicketsPage (operators)', () => {
  it('shows live SLA timers: overdue in red with 已超时, time left, escalation', async () => {
    renderPage('operator');
    const row = (await screen.findByText('王芳')).closest('tr')!;
    const overdue = within(row).getByText(/^超时 \d+ 分钟$/);
    expect(overdue.getAttribute('data-overdue')).toBe('true');
    expect(overdue.className).toContain('text-danger');
    expect(within(row).getByText('已超时')).toBeTruthy();
    expect(within(row).getByText(/^剩 22 小时 \d+ 分$/)).toBeTruthy();
    expect(within(row).getByText('L1')).toBeTruthy();
    const other = screen.getByText('李雷').closest('tr')!;
    expect(within(other).getByText(/已响应$/)).toBeTruthy();
    expect(within(other).queryByRole('button', { name: '响应' })).toBeNull();
    expect(listTickets).toHaveBeenCalledWith(expect.not.objectContaining({ orgId: expect.anything() }));
  });

  it('filters by status and severity', async () => {
    renderPage('operator');
    await screen.findByText('王芳');
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'open' } });
    fireEvent.change(screen.getByLabelText('紧急程度'), { target: { value: 'svip_urgent' } });
    await waitFor(() => expect(listTickets).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'open', severity: 'svip_urgent' })));
  });

  it('requires a written resolution before resolving', async () => {
    vi.mocked(resolveTicket).mockResolvedValue(ticket({ status: 'resolved' }));
    renderPage('operator');
    const row = (await screen.findByText('王芳')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '解决' }));
    const dialog = screen.getByRole('dialog', { name: '解决工单：王芳' });
    fireEvent.change(within(dialog).getByLabelText('处理结果'), { target: { value: ' 好 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '解决' }));
    expect(within(dialog).getByText('请写明处理结果（至少 5 个字）')).toBeTruthy();
    expect(resolveTicket).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('处理结果'), { target: { value: '更换读头后恢复正常' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '解决' }));
    await waitFor(() => expect(resolveTicket).toHaveBeenCalledWith('t1', '更换读头后恢复正常'));
    expect(await screen.findByText('已解决 王芳 的工单')).toBeTruthy();
  });

  it('shows the details with the history', async () => {
    renderPage('operator');
    fireEvent.click(await screen.findByRole('button', { name: '王芳 的工单详情' }));
    const dialog = screen.getByRole('dialog', { name: '工单详情' });
    expect(await within(dialog).findByText(/：响应超时/)).toBeTruthy();
    expect(listTicketEvents).toHaveBeenCalledWith('t1');
  });
});

describe('TicketsPage (org super admins)', () => {
  it("lists the org's tickets without operator actions and opens a ticket for the org", async () => {
    vi.mocked(openTicket).mockResolvedValue(ticket({ id: 't3', severity: 'svip_urgent' }));
    renderPage('org');
    const row = (await screen.findByText('王芳')).closest('tr')!;
    expect(within(row).queryByRole('button', { name: '解决' })).toBeNull();
    expect(listTickets).toHaveBeenCalledWith(expect.objectContaining({ orgId: ORG_ID }));
    fireEvent.click(screen.getByRole('button', { name: '新建工单' }));
    const dialog = screen.getByRole('dialog', { name: '新建工单' });
    expect((within(dialog).getByLabelText('单位名称') as HTMLInputElement).value).toBe('示范科技有限公司');
    fireEvent.change(within(dialog).getByLabelText('紧急程度'), { target: { value: 'svip_urgent' } });
    expect(within(dialog).getByText('需在 10 分钟内响应，8 小时 0 分内解决')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('联系电话'), { target: { value: '12345' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '提交' }));
    expect(within(dialog).getByText('请输入正确的 11 位手机号')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('客户姓名'), { target: { value: '张伟' } });
    fireEvent.change(within(dialog).getByLabelText('联系电话'), { target: { value: '138 0000 0001' } });
    fireEvent.change(within(dialog).getByLabelText('产品'), { target: { value: '一码通' } });
    fireEvent.change(within(dialog).getByLabelText('使用年限'), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText('问题描述'), { target: { value: '全员无法刷码' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '提交' }));
    await waitFor(() =>
      expect(openTicket).toHaveBeenCalledWith({ org_id: ORG_ID, customer_name: '张伟', organisation_name: '示范科技有限公司', phone: '13800000001', product: '一码通', description: '全员无法刷码', years_of_use: 3, severity: 'svip_urgent' }),
    );
    expect(await screen.findByText('已提交工单，需在 10 分钟内响应')).toBeTruthy();
  });

  it('is for super admins only', () => {
    renderPage('org', adminProfile({ is_super: false, functions: ['config'] }));
    expect(screen.getByRole('alert').textContent).toBe('只有超级管理员可以查看和提交本组织的工单。');
    expect(listTickets).not.toHaveBeenCalled();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { AppError } from '../services/errors.ts';
import { logout } from '../services/auth.service.ts';
import { listMembers, unbindMembers, type MemberListQuery } from '../services/members.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { MembersPage } from './members-page.tsx';

vi.mock('../services/departments.service.ts', () => ({
  listDepartments: vi.fn(),
  createDepartment: vi.fn(),
  updateDepartment: vi.fn(),
  deleteDepartment: vi.fn(),
}));
vi.mock('../services/members.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/members.service.ts')>()),
  listMembers: vi.fn(),
  countMembers: vi.fn(),
  unbindMembers: vi.fn(),
  createMember: vi.fn(),
  updateMember: vi.fn(),
  deleteMembers: vi.fn(),
  moveMembers: vi.fn(),
  setMembersStatus: vi.fn(),
  allowReclaim: vi.fn(),
}));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn(), tagMembers: vi.fn(), untagMembers: vi.fn() }));
vi.mock('../services/member-invites.service.ts', () => ({ inviteMembers: vi.fn() }));
vi.mock('../services/auth.service.ts', () => ({ logout: vi.fn() }));

const TOTAL = 45;
// Members 3 and 4 have claimed their card (a bound login).
const ALL = Array.from({ length: TOTAL }, (_, i) =>
  member(i + 1, {
    department_id: i % 2 === 0 ? 'fe' : 'adm',
    status: i === 0 ? 'disabled' : i === 1 ? 'left' : 'active',
    ...(i === 2 || i === 3 ? { account_id: `acc-${i + 1}`, claimed_at: '2026-11-20T01:30:00Z' } : {}),
  }),
);

/** A fake backend: filters by department ids and search, then pages. */
async function fakeListMembers(query: MemberListQuery) {
  let rows = ALL;
  if (query.departmentIds) rows = rows.filter((r) => query.departmentIds!.includes(r.department_id));
  if (query.search) rows = rows.filter((r) => r.name.includes(query.search!) || r.employee_no?.includes(query.search!));
  const from = (query.page - 1) * query.pageSize;
  return { rows: rows.slice(from, from + query.pageSize), total: rows.length, page: query.page, pageSize: query.pageSize };
}

const renderPage = (url = '/members', profile = adminProfile()) =>
  renderRoute(url, '/members', <MembersPage session={adminSession()} profile={profile} />);
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const lastQuery = () => vi.mocked(listMembers).mock.calls.at(-1)![0];

beforeEach(() => {
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockImplementation(fakeListMembers);
  vi.mocked(listTags).mockResolvedValue([]);
});

describe('MembersPage', () => {
  it('renders the first page of members with badges and masked ID numbers', async () => {
    renderPage();
    expect(await screen.findByText('成员001')).toBeTruthy();
    expect(bodyRows()).toHaveLength(20);
    expect(screen.getByText('共 45 条')).toBeTruthy();
    expect(screen.getByText('第 1 / 3 页')).toBeTruthy();

    const first = bodyRows()[0]!;
    expect(within(first).getByText('E001')).toBeTruthy();
    expect(within(first).getByText('前端组')).toBeTruthy();
    expect(within(first).getByText('已停用')).toBeTruthy();
    expect(within(first).getByText('110***********001X')).toBeTruthy();
    expect(within(bodyRows()[1]!).getByText('已离职')).toBeTruthy();
    expect(within(bodyRows()[2]!).getByText('正常')).toBeTruthy();

    expect(lastQuery()).toMatchObject({ orgId: adminSession().member.org_id, departmentIds: undefined, page: 1, pageSize: 20 });
  });

  it('pages forward and back through the URL', async () => {
    renderPage();
    await screen.findByText('成员001');

    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByText('成员021')).toBeTruthy();
    expect(screen.queryByText('成员001')).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe('/members?page=2');
    expect(lastQuery().page).toBe(2);

    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByText('成员041')).toBeTruthy();
    expect(bodyRows()).toHaveLength(5);
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    expect(await screen.findByText('成员021')).toBeTruthy();
  });

  it('filters by the selected department subtree and resets to page 1', async () => {
    renderPage('/members?page=2');
    await screen.findByText('成员021');

    fireEvent.click(screen.getByRole('button', { name: '研发中心' }));
    await waitFor(() => expect(lastQuery().departmentIds).toEqual(['rd', 'fe', 'be']));
    expect(lastQuery().page).toBe(1);
    await waitFor(() => expect(screen.getByText('共 23 条')).toBeTruthy());
    expect(screen.getByRole('heading', { name: '研发中心' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/members?dept=rd');
  });

  it('collapses and expands the tree', async () => {
    renderPage();
    expect(await screen.findByRole('button', { name: '研发中心' })).toBeTruthy();
    // Roots are open; deeper levels start closed.
    expect(screen.queryByRole('button', { name: '前端组' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '展开 研发中心' }));
    expect(screen.getByRole('button', { name: '前端组' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '收起 总部' }));
    expect(screen.queryByRole('button', { name: '研发中心' })).toBeNull();
  });

  it('opens the tree down to a department given in the URL', async () => {
    renderPage('/members?dept=fe');
    expect(await screen.findByRole('heading', { name: '前端组' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '前端组' })).toBeTruthy();
    await waitFor(() => expect(lastQuery().departmentIds).toEqual(['fe']));
  });

  it('drops a department filter the admin cannot see', async () => {
    renderPage('/members?dept=gone&page=2');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
    expect(await screen.findByText('成员001')).toBeTruthy();
    expect(lastQuery()).toMatchObject({ departmentIds: undefined, page: 1 });
  });

  it('searches by name or employee number after a pause', async () => {
    renderPage();
    await screen.findByText('成员001');
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索成员' }), { target: { value: 'E04' } });
    await waitFor(() => expect(lastQuery().search).toBe('E04'));
    await waitFor(() => expect(bodyRows()).toHaveLength(6));
    expect(screen.getByText('共 6 条')).toBeTruthy();
  });

  it('shows a mapped error with a retry', async () => {
    vi.mocked(listMembers).mockRejectedValueOnce(new AppError('forbidden', '没有权限执行此操作', '42501', 403));
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toContain('没有权限执行此操作');
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: '重试' }));
    expect(await screen.findByText('成员001')).toBeTruthy();
  });
});

describe('MembersPage: 领卡状态 and 解绑', () => {
  const row = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;
  const box = (name: string) => screen.getByRole('checkbox', { name: `选择 ${name}` }) as HTMLInputElement;

  it('shows who has claimed the card, and when', async () => {
    renderPage();
    await screen.findByText('成员001');
    expect(screen.getByRole('columnheader', { name: '领卡状态' })).toBeTruthy();
    expect(within(row('成员003')).getByText('已领卡')).toBeTruthy();
    expect(within(row('成员003')).getByText(/^(2026-)?11-2\d \d\d:30$/)).toBeTruthy();
    expect(within(row('成员001')).getByText('未领卡')).toBeTruthy();
    // Every row can be selected; 解绑 only applies to claimed ones.
    fireEvent.click(box('成员001'));
    expect((screen.getByRole('button', { name: '解绑' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(box('成员003'));
    expect((screen.getByRole('button', { name: '解绑' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('unbinds the selected members after a confirmation, reports the count and reloads', async () => {
    vi.mocked(unbindMembers).mockResolvedValue(2);
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('checkbox', { name: '全选本页' }));
    expect(box('成员003').checked && box('成员004').checked && box('成员001').checked).toBe(true);
    expect(screen.getByText('已选 20 人')).toBeTruthy();
    const listCalls = vi.mocked(listMembers).mock.calls.length;

    fireEvent.click(screen.getByRole('button', { name: '解绑' }));
    const dialog = screen.getByRole('dialog', { name: '解绑成员' });
    expect(dialog.textContent).toContain('确定解绑选中的 2 名成员吗');
    expect(dialog.textContent).toContain('另有 18 名选中的成员未领卡');
    expect(unbindMembers).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认解绑' }));

    expect((await screen.findByText('已解绑 2 名成员')).getAttribute('role')).toBe('status');
    expect(unbindMembers).toHaveBeenCalledWith(['m-003', 'm-004']);
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(vi.mocked(listMembers).mock.calls.length).toBeGreaterThan(listCalls));
    expect(screen.queryByText(/已选/)).toBeNull();
    expect(logout).not.toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled', async () => {
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员003'));
    fireEvent.click(screen.getByRole('button', { name: '解绑' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(unbindMembers).not.toHaveBeenCalled();
    expect(screen.getByText('已选 1 人')).toBeTruthy();
  });

  it('shows the mapped error when the admin may not unbind one of them', async () => {
    vi.mocked(unbindMembers).mockRejectedValue(new AppError('forbidden', '没有权限执行此操作', '42501', 403));
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员004'));
    fireEvent.click(screen.getByRole('button', { name: '解绑' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认解绑' }));
    expect((await screen.findByRole('alert')).textContent).toContain('没有权限执行此操作');
    expect(screen.getByText('已选 1 人')).toBeTruthy();
  });

  it('warns before an admin unbinds themself, and signs them out after', async () => {
    vi.mocked(unbindMembers).mockResolvedValue(1);
    renderRoute(
      '/members',
      '/members',
      <MembersPage session={adminSession({ member: { id: 'm-003', org_id: ORG_ID, name: '成员003', department_id: 'fe' } })} profile={adminProfile()} />,
    );
    await screen.findByText('成员001');
    fireEvent.click(box('成员003'));
    fireEvent.click(screen.getByRole('button', { name: '解绑' }));
    expect(screen.getByRole('dialog').textContent).toContain('其中包含你自己');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认解绑' }));
    await waitFor(() => expect(logout).toHaveBeenCalledOnce());
  });

  it('clears the selection when the page changes', async () => {
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员003'));
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByText('成员021')).toBeTruthy();
    expect(screen.queryByText(/已选/)).toBeNull();
  });
});

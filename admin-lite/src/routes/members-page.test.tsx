import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { AppError } from '../services/errors.ts';
import { listMembers, type MemberListQuery } from '../services/members.service.ts';
import { adminSession, DEPARTMENTS, member } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { MembersPage } from './members-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));

const TOTAL = 45;
const ALL = Array.from({ length: TOTAL }, (_, i) =>
  member(i + 1, { department_id: i % 2 === 0 ? 'fe' : 'adm', status: i === 0 ? 'disabled' : i === 1 ? 'left' : 'active' }),
);

/** A fake backend: filters by department ids and search, then pages. */
async function fakeListMembers(query: MemberListQuery) {
  let rows = ALL;
  if (query.departmentIds) rows = rows.filter((r) => query.departmentIds!.includes(r.department_id));
  if (query.search) rows = rows.filter((r) => r.name.includes(query.search!) || r.employee_no?.includes(query.search!));
  const from = (query.page - 1) * query.pageSize;
  return { rows: rows.slice(from, from + query.pageSize), total: rows.length, page: query.page, pageSize: query.pageSize };
}

const renderPage = (url = '/members') => renderRoute(url, '/members', <MembersPage session={adminSession()} />);
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const lastQuery = () => vi.mocked(listMembers).mock.calls.at(-1)![0];

beforeEach(() => {
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockImplementation(fakeListMembers);
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

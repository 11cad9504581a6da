// 部门与成员: adding, editing, bulk actions on the selection, 短信通知领卡,
// 允许重新领卡 and the department changes on the tree panel. Services are
// mocked at the module boundary; their requests are pinned in *.service.test.ts.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from '../services/departments.service.ts';
import { AppError } from '../services/errors.ts';
import { inviteMembers } from '../services/member-invites.service.ts';
import {
  allowReclaim, countMembers, createMember, deleteMembers, listMembers, moveMembers, setMembersStatus, updateMember, type MemberRow,
} from '../services/members.service.ts';
import { listTags, tagMembers, untagMembers } from '../services/tags.service.ts';
import { adminProfile, adminSession, department, DEPARTMENTS, member } from '../test/fixtures.ts';
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

// 成员001 (fe, claimed), 成员002 (fe, has tag 党员), 成员003 (adm), 成员004 (fe, no phone)
const ROWS: MemberRow[] = [
  member(1, { account_id: 'acc-1', claimed_at: '2026-11-20T01:30:00Z' }),
  member(2, { tags: [{ id: 'tag-1', name: '党员' }], last_invite: { created_at: '2026-11-24T02:00:00Z', status: 'sent' } }),
  member(3, { department_id: 'adm' }),
  member(4, { phone: null }),
];

const SUPER = adminProfile();
const RD_ADMIN = adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] });

const renderPage = (profile = SUPER, url = '/members') => renderRoute(url, '/members', <MembersPage session={adminSession()} profile={profile} />);
const box = (name: string) => screen.getByRole('checkbox', { name: `选择 ${name}` });
const dialog = () => screen.getByRole('dialog');
const selectionBar = () => screen.getByRole('region', { name: '批量操作' });
const optionLabels = (select: HTMLElement) => [...(select as HTMLSelectElement).options].map((o) => o.textContent?.trim());

beforeEach(() => {
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockImplementation(async (query) => {
    let rows = ROWS;
    if (query.unclaimedOnly) rows = rows.filter((r) => r.account_id === null);
    return { rows, total: rows.length, page: query.page, pageSize: query.pageSize };
  });
  vi.mocked(listTags).mockResolvedValue([
    { id: 'tag-1', org_id: 'org', name: '党员', member_count: 1 },
    { id: 'tag-2', org_id: 'org', name: '新员工', member_count: 0 },
  ]);
  vi.mocked(countMembers).mockResolvedValue(7);
});

describe('添加成员 and 编辑', () => {
  it('checks the form before saving, then creates the member in the chosen department and reloads', async () => {
    vi.mocked(createMember).mockImplementation(async (_org, input) => member(9, { ...input, name: input.name }));
    renderPage(SUPER, '/members?dept=rd');
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('button', { name: '添加成员' }));
    const form = screen.getByRole('dialog', { name: '添加成员' });
    // The selected department is preselected.
    expect((within(form).getByLabelText('部门（必填）') as HTMLSelectElement).value).toBe('rd');

    fireEvent.change(within(form).getByLabelText('手机号'), { target: { value: '12345' } });
    fireEvent.change(within(form).getByLabelText('身份证号'), { target: { value: '110105194912310021' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('请输入 11 位大陆手机号')).toBeTruthy();
    expect(within(form).getByText('身份证号校验位错误，请核对')).toBeTruthy();
    expect(within(form).getByText('必填')).toBeTruthy();
    expect(createMember).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText('姓名（必填）'), { target: { value: '新同事' } });
    fireEvent.change(within(form).getByLabelText('工号'), { target: { value: 'E900' } });
    fireEvent.change(within(form).getByLabelText('手机号'), { target: { value: '139 0000 9000' } });
    fireEvent.change(within(form).getByLabelText('身份证号'), { target: { value: '11010519491231002x' } });
    fireEvent.change(within(form).getByLabelText('部门（必填）'), { target: { value: 'be' } });
    const loads = vi.mocked(listMembers).mock.calls.length;
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));

    expect(await screen.findByText('已添加成员“新同事”')).toBeTruthy();
    expect(createMember).toHaveBeenCalledWith(adminSession().member.org_id, {
      employee_no: 'E900',
      name: '新同事',
      phone: '13900009000',
      id_card_number: '11010519491231002X',
      department_id: 'be',
      status: 'active',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(vi.mocked(listMembers).mock.calls.length).toBeGreaterThan(loads));
  });

  it('shows the database reason (duplicate employee number) and keeps the form open', async () => {
    vi.mocked(createMember).mockRejectedValue(new AppError('duplicate', '该工号已存在', '23505', 409));
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('button', { name: '添加成员' }));
    fireEvent.change(screen.getByLabelText('姓名（必填）'), { target: { value: '重复' } });
    fireEvent.change(screen.getByLabelText('工号'), { target: { value: 'E001' } });
    fireEvent.change(screen.getByLabelText('部门（必填）'), { target: { value: 'fe' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await within(dialog()).findByRole('alert')).textContent).toContain('该工号已存在');
  });

  it('edits a member: fields prefilled, the ID and phone only shown masked and kept when left empty', async () => {
    vi.mocked(updateMember).mockImplementation(async (_org, id, input) => ({ ...ROWS[1]!, ...input, id }));
    renderPage();
    await screen.findByText('成员002');
    fireEvent.click(screen.getByRole('button', { name: '编辑 成员002' }));
    const form = screen.getByRole('dialog', { name: '编辑成员' });
    expect((within(form).getByLabelText('姓名（必填）') as HTMLInputElement).value).toBe('成员002');
    // The list carries the masked phone (phone_masked); the field stays empty and the mask is shown as kept.
    expect((within(form).getByLabelText('手机号') as HTMLInputElement).value).toBe('');
    expect((within(form).getByLabelText('身份证号') as HTMLInputElement).value).toBe('');
    expect(within(form).getByText(/已登记 110\*+002X；留空则保持不变/)).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('姓名（必填）'), { target: { value: '成员二号' } });
    fireEvent.change(within(form).getByLabelText('状态'), { target: { value: 'disabled' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存“成员二号”的资料')).toBeTruthy();
    expect(updateMember).toHaveBeenCalledWith(adminSession().member.org_id, 'm-002', {
      employee_no: 'E002',
      name: '成员二号',
      department_id: 'fe',
      status: 'disabled',
    });
  });
});

describe('bulk actions on the selection', () => {
  it('deletes after a confirmation that says it cannot be undone, and reports the count', async () => {
    vi.mocked(deleteMembers).mockResolvedValue(2);
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员002'));
    fireEvent.click(box('成员003'));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '删除' }));
    const confirm = screen.getByRole('dialog', { name: '删除成员' });
    expect(confirm.textContent).toContain('确定删除选中的 2 名成员（成员002、成员003）吗');
    expect(confirm.textContent).toContain('删除后无法恢复');
    expect(confirm.textContent).toContain('不能再用这些工号领卡');
    // Focus starts on Cancel: Enter right away does not delete.
    expect(document.activeElement?.textContent).toBe('取消');
    expect(deleteMembers).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole('button', { name: '确认删除' }));
    expect(await screen.findByText('已删除 2 名成员')).toBeTruthy();
    expect(deleteMembers).toHaveBeenCalledWith(adminSession().member.org_id, ['m-002', 'm-003']);
    expect(screen.queryByText(/已选/)).toBeNull();
  });

  it('says how many were left alone when the database changed fewer rows', async () => {
    vi.mocked(setMembersStatus).mockResolvedValue(1);
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员002'));
    fireEvent.click(box('成员004'));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '修改状态' }));
    fireEvent.change(within(dialog()).getByLabelText('新状态'), { target: { value: 'left' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已将 1 名成员设为“已离职”；另有 1 人不在你的管理范围内或已不存在，未处理')).toBeTruthy();
    expect(setMembersStatus).toHaveBeenCalledWith(adminSession().member.org_id, ['m-002', 'm-004'], 'left');
  });

  it("moves members to a department picked from the admin's own subtree", async () => {
    vi.mocked(moveMembers).mockResolvedValue(1);
    renderPage(RD_ADMIN);
    await screen.findByText('成员001');
    fireEvent.click(box('成员004'));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '移动到部门' }));
    const picker = within(dialog()).getByLabelText('目标部门');
    expect(optionLabels(picker)).toEqual(['请选择部门', '研发中心', '前端组', '后端组']);
    expect((within(dialog()).getByRole('button', { name: '移动' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(picker, { target: { value: 'be' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '移动' }));
    expect(await screen.findByText('已将 1 名成员移到“后端组”')).toBeTruthy();
    expect(moveMembers).toHaveBeenCalledWith(adminSession().member.org_id, ['m-004'], 'be');
  });

  it('adds a tag to the selection, and removes only tags the selection carries', async () => {
    vi.mocked(tagMembers).mockResolvedValue(2);
    vi.mocked(untagMembers).mockResolvedValue(1);
    renderPage();
    await screen.findByText('成员001');
    // The tags column shows the tags carried.
    expect(within(screen.getByText('成员002').closest('tr')!).getByText('党员')).toBeTruthy();
    fireEvent.click(box('成员002'));
    fireEvent.click(box('成员003'));

    fireEvent.click(within(selectionBar()).getByRole('button', { name: '添加标签' }));
    fireEvent.change(within(dialog()).getByLabelText('标签'), { target: { value: 'tag-2' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '添加标签' }));
    expect(await screen.findByText('已为 2 名成员添加标签“新员工”（原已有该标签的不计）')).toBeTruthy();
    expect(tagMembers).toHaveBeenCalledWith('tag-2', { memberIds: ['m-002', 'm-003'] });

    fireEvent.click(box('成员002'));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '移除标签' }));
    expect(optionLabels(within(dialog()).getByLabelText('标签'))).toEqual(['党员']);
    fireEvent.click(within(dialog()).getByRole('button', { name: '移除标签' }));
    expect(await screen.findByText('已移除 1 名成员的标签“党员”')).toBeTruthy();
    expect(untagMembers).toHaveBeenCalledWith('tag-1', ['m-002']);
  });
});

describe('短信通知领卡 and 未领卡', () => {
  it('texts only the unclaimed members selected and explains who was skipped and why', async () => {
    vi.mocked(inviteMembers).mockResolvedValue({
      sent: 1,
      skipped: [
        { member_id: 'm-004', reason: 'no_phone' },
        { member_id: 'm-003', reason: 'invited_within_24h' },
      ],
      failed: [],
    });
    renderPage();
    await screen.findByText('成员001');
    // Shows when an unclaimed member was last texted.
    expect(within(screen.getByText('成员002').closest('tr')!).getByText(/^已通知 (2026-)?11-24 \d\d:00$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '全选本页' }));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '短信通知领卡（3）' }));
    expect(dialog().textContent).toContain('向选中的 3 名未领卡成员');
    expect(dialog().textContent).toContain('另有 1 名已领卡的成员不会收到短信');
    fireEvent.click(within(dialog()).getByRole('button', { name: '发送短信' }));

    const result = await screen.findByText('已发送 1 条领卡短信');
    const notice = result.closest('[role="status"]') as HTMLElement;
    expect(notice.textContent).toContain('未登记手机号，未发送 1 人：成员004');
    expect(notice.textContent).toContain('24 小时内已通知过，未发送 1 人：成员003');
    expect(inviteMembers).toHaveBeenCalledWith(['m-002', 'm-003', 'm-004']);
  });

  it('shows the mapped error when the texts could not be sent', async () => {
    vi.mocked(inviteMembers).mockRejectedValue(new AppError('function', '短信服务暂不可用，请稍后重试或联系管理员', 'provider_busy', 503));
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(box('成员002'));
    fireEvent.click(within(selectionBar()).getByRole('button', { name: '短信通知领卡（1）' }));
    fireEvent.click(within(dialog()).getByRole('button', { name: '发送短信' }));
    expect((await within(dialog()).findByRole('alert')).textContent).toContain('短信服务暂不可用');
  });

  it('filters to 未领卡 through the URL', async () => {
    renderPage();
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('checkbox', { name: '只看未领卡' }));
    await waitFor(() => expect(screen.queryByText('成员001')).toBeNull());
    expect(screen.getByTestId('location').textContent).toBe('/members?unclaimed=1');
    expect(vi.mocked(listMembers).mock.calls.at(-1)![0]).toMatchObject({ unclaimedOnly: true, page: 1 });
  });
});

describe('允许重新领卡', () => {
  it('is offered to super admins only and calls the RPC with the employee number', async () => {
    vi.mocked(allowReclaim).mockResolvedValue();
    const { unmount } = renderPage(RD_ADMIN);
    await screen.findByText('成员001');
    expect(screen.queryByRole('button', { name: '允许重新领卡' })).toBeNull();
    unmount();

    renderPage(SUPER);
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('button', { name: '允许重新领卡' }));
    fireEvent.click(within(dialog()).getByRole('button', { name: '允许领卡' }));
    expect(await within(dialog()).findByText('必填')).toBeTruthy();
    fireEvent.change(within(dialog()).getByLabelText('工号'), { target: { value: ' E005 ' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '允许领卡' }));
    expect(await screen.findByText('已允许工号 E005 重新领卡')).toBeTruthy();
    expect(allowReclaim).toHaveBeenCalledWith(adminSession().member.org_id, 'E005');
  });
});

describe('department changes on the tree panel', () => {
  const actions = () => screen.getByRole('group', { name: '部门操作' });

  it('creates a sub-department under the selected one and selects it', async () => {
    vi.mocked(createDepartment).mockResolvedValue(department('qa', 'rd', '测试组'));
    renderPage(SUPER, '/members?dept=rd');
    await screen.findByRole('heading', { name: '研发中心' });
    fireEvent.click(within(actions()).getByRole('button', { name: '新建子部门' }));
    const form = screen.getByRole('dialog', { name: '在“研发中心”下新建部门' });
    fireEvent.change(within(form).getByLabelText('部门名称'), { target: { value: '测试/组' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建' }));
    expect(await within(form).findByText(/不能包含 \//)).toBeTruthy();
    expect(createDepartment).not.toHaveBeenCalled();

    vi.mocked(listDepartments).mockResolvedValue([...DEPARTMENTS, department('qa', 'rd', '测试组', { sort_order: 3 })]);
    fireEvent.change(within(form).getByLabelText('部门名称'), { target: { value: ' 测试组 ' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建' }));
    expect(await screen.findByText('已创建部门“测试组”')).toBeTruthy();
    expect(createDepartment).toHaveBeenCalledWith(adminSession().member.org_id, 'rd', '测试组');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members?dept=qa'));
    expect(await screen.findByRole('heading', { name: '测试组' })).toBeTruthy();
  });

  it('deletes a department after saying its members move to 未分组', async () => {
    vi.mocked(deleteDepartment).mockResolvedValue();
    renderPage(SUPER, '/members?dept=rd');
    await screen.findByRole('heading', { name: '研发中心' });
    fireEvent.click(within(actions()).getByRole('button', { name: '删除' }));
    const confirm = screen.getByRole('dialog', { name: '删除部门“研发中心”' });
    expect(confirm.textContent).toContain('它的 2 个下级部门也会一并删除');
    expect(await within(confirm).findByText('其中的 7 名成员不会被删除，将移到“未分组”。')).toBeTruthy();
    expect(countMembers).toHaveBeenCalledWith(adminSession().member.org_id, ['rd', 'fe', 'be']);
    fireEvent.click(within(confirm).getByRole('button', { name: '确认删除' }));
    expect(await screen.findByText('已删除部门“研发中心”，其中的成员已移到“未分组”')).toBeTruthy();
    expect(deleteDepartment).toHaveBeenCalledWith(adminSession().member.org_id, 'rd');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
  });

  it('moves a department with a parent picker that leaves out its own subtree', async () => {
    vi.mocked(updateDepartment).mockResolvedValue(department('rd', 'adm', '研发中心'));
    renderPage(SUPER, '/members?dept=rd');
    await screen.findByRole('heading', { name: '研发中心' });
    fireEvent.click(within(actions()).getByRole('button', { name: '移动' }));
    const picker = within(dialog()).getByLabelText('新的上级部门');
    expect(optionLabels(picker)).toEqual(['顶级（无上级部门）', '总部', '行政部']);
    fireEvent.change(picker, { target: { value: 'adm' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '移动' }));
    expect(await screen.findByText('已将“研发中心”移到“总部/行政部”下')).toBeTruthy();
    expect(updateDepartment).toHaveBeenCalledWith(adminSession().member.org_id, 'rd', { parent_id: 'adm' });
  });

  it('shows the reason when the database refuses a rename', async () => {
    vi.mocked(updateDepartment).mockRejectedValue(new AppError('duplicate', '同一上级部门下已有同名部门', '23505', 409));
    renderPage(SUPER, '/members?dept=fe');
    await screen.findByRole('heading', { name: '前端组' });
    fireEvent.click(within(actions()).getByRole('button', { name: '重命名' }));
    fireEvent.change(within(dialog()).getByLabelText('部门名称'), { target: { value: '后端组' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '保存' }));
    expect((await within(dialog()).findByRole('alert')).textContent).toContain('同一上级部门下已有同名部门');
  });

  it('offers a department admin no changes outside their subtree, and no top-level department', async () => {
    renderPage(RD_ADMIN, '/members?dept=adm');
    await screen.findByRole('heading', { name: '行政部' });
    expect(screen.queryByRole('group', { name: '部门操作' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '全部成员' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'));
    expect(screen.queryByRole('group', { name: '部门操作' })).toBeNull();
    // The top of their own scope: no move (nowhere to go) and no delete (it would lock them out).
    fireEvent.click(screen.getByRole('button', { name: '研发中心' }));
    expect(await screen.findByRole('button', { name: '新建子部门' })).toBeTruthy();
    expect(within(actions()).getAllByRole('button').map((b) => b.textContent)).toEqual(['新建子部门', '重命名']);
    fireEvent.click(screen.getByRole('button', { name: '展开 研发中心' }));
    fireEvent.click(screen.getByRole('button', { name: '前端组' }));
    await screen.findByRole('heading', { name: '前端组' });
    expect(within(actions()).getAllByRole('button').map((b) => b.textContent)).toEqual(['新建子部门', '重命名', '移动', '删除']);
  });

  it('offers no move or delete for 未分组', async () => {
    renderPage(SUPER, '/members?dept=none');
    await screen.findByRole('heading', { name: '未分组' });
    expect(within(actions()).getAllByRole('button').map((b) => b.textContent)).toEqual(['重命名']);
  });
});

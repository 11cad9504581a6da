import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { listMembers } from '../services/members.service.ts';
import { cancelScheduledNotice, createNoticeDraft, deleteNoticeDraft, listNotices, sendNotice, type NoticeRow } from '../services/notices.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { NoticesPage } from './notices-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('../services/notices.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/notices.service.ts')>()),
  listNotices: vi.fn(),
  createNoticeDraft: vi.fn(),
  updateNoticeDraft: vi.fn(),
  deleteNoticeDraft: vi.fn(),
  sendNotice: vi.fn(),
  cancelScheduledNotice: vi.fn(),
}));

const notice = (extra: Partial<NoticeRow> = {}): NoticeRow => ({
  id: 'n1',
  org_id: ORG_ID,
  template: 'plain',
  title: '年终通知',
  body: '',
  form_definition: null,
  import_columns: null,
  audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] },
  channels: ['wecom', 'app'],
  status: 'sent',
  scheduled_at: null,
  sent_at: '2026-11-25T08:00:00Z',
  recipient_count: 5,
  created_at: '2026-11-25T07:00:00Z',
  read_count: 2,
  ...extra,
});

const renderPage = (profile = adminProfile()) => renderRoute('/notices', '/notices', <NoticesPage session={adminSession()} profile={profile} />);

beforeEach(() => {
  vi.mocked(listNotices).mockResolvedValue([notice(), notice({ id: 'n2', title: '草稿一', status: 'draft', sent_at: null, recipient_count: 0, read_count: 0 })]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([{ id: 'tag-1', org_id: ORG_ID, name: '党员', member_count: 2 }]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(4, { name: '张三' })], total: 1, page: 1, pageSize: 8 });
});

describe('NoticesPage', () => {
  it('lists notices with template, push order, status and read/total', async () => {
    renderPage();
    const row = (await screen.findByText('年终通知')).closest('tr')!;
    expect(within(row).getByText('普通通知')).toBeTruthy();
    expect(within(row).getByText('企业微信 → 应用内')).toBeTruthy();
    expect(within(row).getByText('已发送')).toBeTruthy();
    expect(within(row).getByText('2/5')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '统计' }).getAttribute('href')).toBe('/notices/n1');
    const draft = screen.getByText('草稿一').closest('tr')!;
    expect(within(draft).getByRole('button', { name: '编辑' })).toBeTruthy();
  });

  it('checks the editor, saves a draft as the admin, previews every error and blocks sending', async () => {
    vi.mocked(createNoticeDraft).mockImplementation(async (_org, _sender, draft) => notice({ ...draft, id: 'n9', status: 'draft', sent_at: null, read_count: 0 }));
    vi.mocked(sendNotice).mockResolvedValue({
      ok: false,
      recipients: 0,
      errors: [
        { code: 'out_of_scope', message: '部门「行政部」不在你的发送范围内' },
        { code: 'out_of_scope', message: '成员「张三」不在你的发送范围内' },
      ],
    });
    const profile = adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] });
    renderPage(profile);
    fireEvent.click(await screen.findByRole('button', { name: '新建通知' }));
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    expect(await screen.findByText('请填写标题')).toBeTruthy();
    expect(screen.getByText('请选择接收范围')).toBeTruthy();
    expect(createNoticeDraft).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '放假通知' } });
    await screen.findByRole('option', { name: /前端组/ });
    fireEvent.change(screen.getByLabelText('添加部门（含下级）'), { target: { value: 'fe' } });
    fireEvent.click(screen.getByLabelText(/短信/));
    fireEvent.click(screen.getByRole('button', { name: '上移 短信' }));
    fireEvent.click(screen.getByLabelText(/党员/));
    fireEvent.change(screen.getByLabelText(/搜索成员/), { target: { value: '张' } });
    fireEvent.click(await screen.findByRole('button', { name: /添加 张三/ }));
    expect(screen.getByRole('button', { name: '发送' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(createNoticeDraft).toHaveBeenCalled());
    const [orgId, sender, draft] = vi.mocked(createNoticeDraft).mock.calls[0]!;
    expect(orgId).toBe(ORG_ID);
    expect(sender).toEqual({ memberId: adminSession().member.id, scopeDepartmentId: 'rd' });
    expect(draft).toMatchObject({ title: '放假通知', channels: ['sms', 'app'], audience: { department_ids: ['fe'], tag_ids: ['tag-1'], member_ids: ['m-004'] } });

    fireEvent.click(await screen.findByRole('button', { name: '预览范围' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('部门「行政部」不在你的发送范围内')).toBeTruthy();
    expect(within(alert).getByText('成员「张三」不在你的发送范围内')).toBeTruthy();
    expect(sendNotice).toHaveBeenCalledWith('n9', { dryRun: true });
    expect(screen.getByRole('button', { name: '发送' }).hasAttribute('disabled')).toBe(true);
  });

  it('sends a clean draft after the preview and a confirmation', async () => {
    vi.mocked(sendNotice).mockImplementation(async (_id, { dryRun }) => ({ ok: true, recipients: 7, errors: [], ...(dryRun ? {} : { status: 'sent' as const }) }));
    renderPage();
    const draft = (await screen.findByText('草稿一')).closest('tr')!;
    fireEvent.click(within(draft).getByRole('button', { name: '编辑' }));
    fireEvent.click(screen.getByRole('button', { name: '预览范围' }));
    expect(await screen.findByText('将发送给 7 人')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '发送' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    expect(await screen.findByText('已发送给 7 人')).toBeTruthy();
    expect(sendNotice).toHaveBeenLastCalledWith('n2', { dryRun: false });
  });

  it('validates form fields with the shared engine before saving', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新建通知' }));
    fireEvent.change(screen.getByLabelText('通知类型'), { target: { value: 'form' } });
    fireEvent.change(screen.getByLabelText('第 1 个字段的名称'), { target: { value: '尺码' } });
    fireEvent.change(screen.getByLabelText('第 1 个字段的类型'), { target: { value: 'select' } });
    fireEvent.change(screen.getByLabelText('第 1 个字段的选项'), { target: { value: '大' } });
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    expect((await screen.findByRole('alert')).textContent).toContain('「尺码」至少需要两个选项');
    expect(createNoticeDraft).not.toHaveBeenCalled();
  });

  it('sends an import notice: checks the sheet, saves its columns and shows every row error from the dry run', async () => {
    vi.mocked(createNoticeDraft).mockImplementation(async (_org, _sender, draft) => notice({ ...draft, id: 'n7', status: 'draft', sent_at: null, read_count: 0 }));
    vi.mocked(sendNotice).mockResolvedValue({
      ok: false,
      recipients: 1,
      errors: [
        { code: 'unknown_employee_no', message: '第2行：工号「E404」不存在' },
        { code: 'duplicate', message: '第3行：工号「E001」与第1行重复' },
      ],
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新建通知' }));
    fireEvent.change(screen.getByLabelText('通知类型'), { target: { value: 'import' } });
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '11月工资条' } });
    const upload = (text: string) =>
      fireEvent.change(screen.getByLabelText('数据文件'), { target: { files: [new File([text], 'pay.csv', { type: 'text/csv' })] } });

    upload('编号,基本工资\nE001,8000\n');
    expect((await screen.findByRole('alert')).textContent).toContain('第1行：第一列的表头应为「工号」');
    expect(screen.getByRole('button', { name: '预览范围' }).hasAttribute('disabled')).toBe(true);

    upload('工号,基本工资,奖金\nE001,8000,500\nE404,1,2\nE001,3,4\n');
    expect(await screen.findByText('3 行，列：基本工资、奖金')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(createNoticeDraft).toHaveBeenCalled());
    expect(vi.mocked(createNoticeDraft).mock.calls[0]![2]).toMatchObject({ template: 'import', import_columns: ['基本工资', '奖金'] });

    fireEvent.click(await screen.findByRole('button', { name: '预览范围' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('第2行：工号「E404」不存在')).toBeTruthy();
    expect(within(alert).getByText('第3行：工号「E001」与第1行重复')).toBeTruthy();
    expect(sendNotice).toHaveBeenCalledWith('n7', {
      dryRun: true,
      personalRows: [
        { employee_no: 'E001', data: { 基本工资: '8000', 奖金: '500' } },
        { employee_no: 'E404', data: { 基本工资: '1', 奖金: '2' } },
        { employee_no: 'E001', data: { 基本工资: '3', 奖金: '4' } },
      ],
    });
    expect(screen.getByRole('button', { name: '发送' }).hasAttribute('disabled')).toBe(true);
  });

  it('deletes a draft after a confirmation', async () => {
    vi.mocked(deleteNoticeDraft).mockResolvedValue();
    renderPage();
    const draft = (await screen.findByText('草稿一')).closest('tr')!;
    fireEvent.click(within(draft).getByRole('button', { name: '删除' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '删除' }));
    expect(await screen.findByText('已删除草稿“草稿一”')).toBeTruthy();
    expect(deleteNoticeDraft).toHaveBeenCalledWith(ORG_ID, 'n2');
    const sent = screen.getByText('年终通知').closest('tr')!;
    expect(within(sent).queryByRole('button', { name: '删除' })).toBeNull();
  });

  it('lets an admin of several departments choose the one to send within', async () => {
    vi.mocked(createNoticeDraft).mockImplementation(async (_org, _sender, draft) => notice({ ...draft, id: 'n8', status: 'draft', sent_at: null, read_count: 0 }));
    renderPage(adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd', 'adm'] }));
    fireEvent.click(await screen.findByRole('button', { name: '新建通知' }));
    await waitFor(() => expect(screen.getAllByRole('option', { name: '行政部' }).length).toBeGreaterThan(0));
    fireEvent.change(screen.getByLabelText('发送部门'), { target: { value: 'adm' } });
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '行政通知' } });
    fireEvent.change(screen.getByLabelText('添加部门（含下级）'), { target: { value: 'adm' } });
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(createNoticeDraft).toHaveBeenCalled());
    expect(vi.mocked(createNoticeDraft).mock.calls[0]![1]).toEqual({ memberId: adminSession().member.id, scopeDepartmentId: 'adm' });
  });

  it('cancels a scheduled notice after a confirmation', async () => {
    vi.mocked(listNotices).mockResolvedValue([notice({ id: 'n3', title: '周五停电', status: 'scheduled', sent_at: null, scheduled_at: '2026-11-28T02:00:00Z', read_count: 0 })]);
    vi.mocked(cancelScheduledNotice).mockResolvedValue();
    renderPage();
    const row = (await screen.findByText('周五停电')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '取消发送“周五停电”' }));
    const dialog = screen.getByRole('dialog', { name: '取消发送“周五停电”' });
    expect(within(dialog).getByText(/取消后不会发送给任何人/)).toBeTruthy();
    expect(cancelScheduledNotice).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: '取消发送' }));
    await waitFor(() => expect(cancelScheduledNotice).toHaveBeenCalledWith(ORG_ID, 'n3'));
    expect(await screen.findByText('已取消发送“周五停电”')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers 取消发送 only for scheduled notices', async () => {
    renderPage();
    await screen.findByText('年终通知');
    expect(screen.queryByRole('button', { name: /^取消发送/ })).toBeNull();
  });
});

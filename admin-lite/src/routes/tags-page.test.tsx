import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { AppError } from '../services/errors.ts';
import { listMembers, type MemberListQuery } from '../services/members.service.ts';
import { createTag, deleteTag, listTags, renameTag, tagMembers, untagMembers, type TagRow } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { TagsPage } from './tags-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({
  listTags: vi.fn(),
  createTag: vi.fn(),
  renameTag: vi.fn(),
  deleteTag: vi.fn(),
  tagMembers: vi.fn(),
  untagMembers: vi.fn(),
}));

const tag = (id: string, name: string, count: number): TagRow => ({ id, org_id: ORG_ID, name, member_count: count });
let TAGS: TagRow[];
const TAGGED = [member(1, { tags: [{ id: 'tag-1', name: '党员' }] }), member(2, { tags: [{ id: 'tag-1', name: '党员' }] })];
const EVERYONE = [...TAGGED, member(3), member(4, { name: '张三' })];

async function fakeListMembers(query: MemberListQuery) {
  let rows = query.tagId === 'tag-1' ? TAGGED : query.tagId ? [] : EVERYONE;
  if (query.search) rows = rows.filter((r) => r.name.includes(query.search!));
  return { rows, total: rows.length, page: query.page, pageSize: query.pageSize };
}

const renderPage = (url = '/tags', profile = adminProfile()) => renderRoute(url, '/tags', <TagsPage session={adminSession()} profile={profile} />);
const dialog = () => screen.getByRole('dialog');

beforeEach(() => {
  TAGS = [tag('tag-1', '党员', 2), tag('tag-2', '新员工', 0)];
  vi.mocked(listTags).mockImplementation(async () => TAGS);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockImplementation(fakeListMembers);
});

describe('TagsPage', () => {
  it('lists tags with member counts and shows the members of the selected one', async () => {
    renderPage();
    expect(await screen.findByRole('button', { name: /党员\s*2 人/ })).toBeTruthy();
    expect(screen.getByText('请从左侧选择一个标签，查看和管理带有该标签的成员。')).toBeTruthy();
    expect(listMembers).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: /党员/ }));
    expect(await screen.findByText('成员001')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '党员' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/tags?tag=tag-1');
    expect(vi.mocked(listMembers).mock.calls.at(-1)![0]).toMatchObject({ orgId: ORG_ID, tagId: 'tag-1', page: 1 });
  });

  it('creates a tag (name checked first) and selects it', async () => {
    vi.mocked(createTag).mockImplementation(async (_org, name) => {
      TAGS = [...TAGS, tag('tag-3', name, 0)];
      return tag('tag-3', name, 0);
    });
    renderPage();
    await screen.findByRole('button', { name: /党员/ });
    fireEvent.click(screen.getByRole('button', { name: '新建' }));
    expect(await screen.findByText('必填')).toBeTruthy();
    expect(createTag).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('新标签名称'), { target: { value: ' 食堂供应商 ' } });
    fireEvent.click(screen.getByRole('button', { name: '新建' }));
    expect(await screen.findByText('已创建标签“食堂供应商”')).toBeTruthy();
    expect(createTag).toHaveBeenCalledWith(ORG_ID, '食堂供应商');
    expect(screen.getByTestId('location').textContent).toBe('/tags?tag=tag-3');
    expect(screen.getByRole('heading', { name: '食堂供应商' })).toBeTruthy();
  });

  it('says so when the name is taken', async () => {
    vi.mocked(createTag).mockRejectedValue(new AppError('duplicate', '已有同名标签', '23505', 409));
    renderPage();
    await screen.findByRole('button', { name: /党员/ });
    fireEvent.change(screen.getByLabelText('新标签名称'), { target: { value: '党员' } });
    fireEvent.click(screen.getByRole('button', { name: '新建' }));
    expect((await screen.findByRole('alert')).textContent).toContain('已有同名标签');
  });

  it('adds every member of a department subtree', async () => {
    vi.mocked(tagMembers).mockResolvedValue(5);
    renderPage('/tags?tag=tag-2', adminProfile({ is_super: false, functions: [], scope_department_ids: ['rd'] }));
    fireEvent.click(await screen.findByRole('button', { name: '添加成员' }));
    const picker = within(dialog()).getByLabelText('部门');
    // Only the admin's own subtree is offered.
    expect([...(picker as HTMLSelectElement).options].map((o) => o.textContent?.trim())).toEqual(['请选择部门', '研发中心', '前端组', '后端组']);
    fireEvent.change(picker, { target: { value: 'rd' } });
    expect(dialog().textContent).toContain('“研发中心”及其所有下级部门中的成员都会加上这个标签');
    const loads = vi.mocked(listTags).mock.calls.length;
    fireEvent.click(within(dialog()).getByRole('button', { name: '添加成员' }));
    expect(await screen.findByText('已为 5 名成员加上标签“新员工”（原已有该标签的不计）')).toBeTruthy();
    expect(tagMembers).toHaveBeenCalledWith('tag-2', { departmentId: 'rd' });
    await waitFor(() => expect(vi.mocked(listTags).mock.calls.length).toBeGreaterThan(loads));
  });

  it('adds members picked from a search', async () => {
    vi.mocked(tagMembers).mockResolvedValue(1);
    renderPage('/tags?tag=tag-2');
    fireEvent.click(await screen.findByRole('button', { name: '添加成员' }));
    fireEvent.click(within(dialog()).getByRole('radio', { name: '选择成员' }));
    fireEvent.change(within(dialog()).getByRole('searchbox'), { target: { value: '张' } });
    const results = await within(dialog()).findByRole('list', { name: '搜索结果' });
    await waitFor(() => expect(within(results).getAllByRole('listitem')).toHaveLength(1));
    fireEvent.click(within(results).getByRole('checkbox'));
    expect(dialog().textContent).toContain('已选 1 人：张三');
    fireEvent.click(within(dialog()).getByRole('button', { name: '添加成员' }));
    expect(await screen.findByText(/已为 1 名成员加上标签“新员工”/)).toBeTruthy();
    expect(tagMembers).toHaveBeenCalledWith('tag-2', { memberIds: ['m-004'] });
  });

  it('removes the tag from the selected members after a confirmation', async () => {
    vi.mocked(untagMembers).mockResolvedValue(1);
    renderPage('/tags?tag=tag-1');
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('checkbox', { name: '选择 成员002' }));
    fireEvent.click(within(screen.getByRole('region', { name: '批量操作' })).getByRole('button', { name: '移除标签' }));
    expect(dialog().textContent).toContain('确定从选中的 1 名成员身上移除标签“党员”吗');
    fireEvent.click(within(dialog()).getByRole('button', { name: '移除标签' }));
    expect(await screen.findByText('已从 1 名成员身上移除标签“党员”')).toBeTruthy();
    expect(untagMembers).toHaveBeenCalledWith('tag-1', ['m-002']);
  });

  it('renames and deletes the selected tag', async () => {
    vi.mocked(renameTag).mockImplementation(async (_org, id, name) => {
      TAGS = TAGS.map((x) => (x.id === id ? { ...x, name } : x));
      return tag(id, name, 2);
    });
    vi.mocked(deleteTag).mockImplementation(async (_org, id) => {
      TAGS = TAGS.filter((x) => x.id !== id);
    });
    renderPage('/tags?tag=tag-1');
    await screen.findByText('成员001');
    fireEvent.click(screen.getByRole('button', { name: '重命名' }));
    fireEvent.change(within(dialog()).getByLabelText('标签名称'), { target: { value: '党员同志' } });
    fireEvent.click(within(dialog()).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('标签已重命名为“党员同志”')).toBeTruthy();
    expect(renameTag).toHaveBeenCalledWith(ORG_ID, 'tag-1', '党员同志');
    expect(await screen.findByRole('heading', { name: '党员同志' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '删除标签' }));
    expect(dialog().textContent).toContain('所有成员（包括你管理范围以外的成员）都会失去这个标签');
    fireEvent.click(within(dialog()).getByRole('button', { name: '确认删除' }));
    expect(await screen.findByText('已删除标签“党员同志”')).toBeTruthy();
    expect(deleteTag).toHaveBeenCalledWith(ORG_ID, 'tag-1');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/tags'));
    await waitFor(() => expect(screen.queryByRole('button', { name: /党员同志/ })).toBeNull());
  });
});

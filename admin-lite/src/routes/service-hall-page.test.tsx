import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listCustomApps, listOrgApps } from '../services/apps.service.ts';
import { listCards, type CardRow } from '../services/cards.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { listMembers } from '../services/members.service.ts';
import { createCategory, createEntry, listCategories, listEntries, type CategoryRow, type EntryRow } from '../services/portal.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { ServiceHallPage } from './service-hall-page.tsx';

vi.mock('../services/apps.service.ts', () => ({ listOrgApps: vi.fn(), listCustomApps: vi.fn() }));
vi.mock('../services/cards.service.ts', () => ({ listCards: vi.fn(), mediaUrl: (id: string) => `http://gw.test/functions/v1/media/${id}` }));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../services/member-lookup.service.ts', () => ({ memberRefs: vi.fn(async () => new Map()) }));
vi.mock('../services/portal.service.ts', () => ({
  listCategories: vi.fn(),
  createCategory: vi.fn(),
  updateCategory: vi.fn(),
  deleteCategory: vi.fn(),
  listEntries: vi.fn(),
  createEntry: vi.fn(),
  deleteEntry: vi.fn(),
  saveSortOrders: vi.fn(),
}));

const CARD = { id: 'card-1', org_id: ORG_ID, name: '员工卡' } as CardRow;
const category = (id: string, name: string, sort: number, visibility: CategoryRow['visibility'] = {}): CategoryRow => ({ id, org_id: ORG_ID, card_id: 'card-1', name, sort_order: sort, visibility });
const entry = (id: string, categoryId: string, extra: Partial<EntryRow>): EntryRow => ({
  id, org_id: ORG_ID, category_id: categoryId, kind: 'app', app_key: null, custom_app_id: null, name: null, link_type: null, url: null, mp_appid: null, mp_path: null, sort_order: 10, ...extra,
});

beforeEach(() => {
  vi.mocked(listCards).mockResolvedValue([CARD]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([{ id: 't1', org_id: ORG_ID, name: '党员', member_count: 1 }]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [], total: 0, page: 1, pageSize: 20 });
  vi.mocked(listOrgApps).mockResolvedValue([{ org_id: ORG_ID, app_key: 'visitors', enabled: true, config: {} }]);
  vi.mocked(listCustomApps).mockResolvedValue([]);
  vi.mocked(listCategories).mockResolvedValue([]);
  vi.mocked(listEntries).mockResolvedValue([]);
});

const renderPage = () => renderRoute('/portal/hall', '/portal/hall', <ServiceHallPage session={adminSession()} />);

describe('ServiceHallPage', () => {
  it('creates a category of the chosen card with its visibility', async () => {
    vi.mocked(createCategory).mockImplementation(async (_org, _card, input) => category('c9', input.name, input.sort_order, input.visibility));
    renderPage();
    expect(await screen.findByText('这张卡还没有分类')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '新建分类' }));
    const dialog = screen.getByRole('dialog', { name: '新建分类' });
    fireEvent.change(within(dialog).getByLabelText('分类名称'), { target: { value: '研发工具' } });
    const departments = within(dialog).getByLabelText('部门（含下级）') as HTMLSelectElement;
    await waitFor(() => expect(departments.options.length).toBeGreaterThan(0));
    [...departments.options].find((o) => o.value === 'rd')!.selected = true;
    fireEvent.change(departments);
    fireEvent.click(within(dialog).getByLabelText('党员'));
    fireEvent.change(within(dialog).getByLabelText('身份'), { target: { value: '正式员工、实习生' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(createCategory).toHaveBeenCalledWith(ORG_ID, 'card-1', { name: '研发工具', sort_order: 10, visibility: { departments: ['rd'], tags: ['t1'], identities: ['正式员工', '实习生'] } }),
    );
    expect(await screen.findByText('已保存分类“研发工具”')).toBeTruthy();
  });

  it('previews what a member of a department sees and adds a custom link entry', async () => {
    vi.mocked(listCategories).mockResolvedValue([category('c1', '常用', 10), category('c2', '研发专区', 20, { departments: ['rd'] })]);
    vi.mocked(listEntries).mockResolvedValue([entry('e1', 'c1', { kind: 'app', app_key: 'visitors' }), entry('e2', 'c2', { kind: 'link', name: '代码仓库', link_type: 'h5', url: 'https://git.example.com' }), entry('e3', 'c1', { kind: 'app', app_key: 'events', sort_order: 20 })]);
    vi.mocked(createEntry).mockImplementation(async (_org, input) => entry('e4', input.category_id, input));
    renderPage();
    const preview = await screen.findByTestId('hall-preview');
    await waitFor(() => expect(within(preview).getByText('访客预约')).toBeTruthy());
    expect(within(preview).queryByText('研发专区')).toBeNull();
    // events is not enabled: listed for the admin with a note, hidden in the preview.
    expect(screen.getByText('（应用未启用，成员看不到）')).toBeTruthy();
    expect(within(preview).queryByText('活动签到')).toBeNull();
    fireEvent.change(screen.getByLabelText('成员所在部门'), { target: { value: 'fe' } });
    expect(within(preview).getByText('研发专区')).toBeTruthy();
    expect(within(preview).getByText('代码仓库')).toBeTruthy();

    const common = screen.getByRole('region', { name: '常用' });
    fireEvent.click(within(common).getByRole('button', { name: '添加入口' }));
    const dialog = screen.getByRole('dialog', { name: '添加入口到“常用”' });
    fireEvent.click(within(dialog).getByLabelText('自定义服务'));
    fireEvent.change(within(dialog).getByLabelText('服务名称'), { target: { value: '食堂菜单' } });
    fireEvent.change(within(dialog).getByLabelText('链接地址'), { target: { value: 'https://menu.example.com' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '添加' }));
    await waitFor(() =>
      expect(createEntry).toHaveBeenCalledWith(ORG_ID, { category_id: 'c1', kind: 'link', sort_order: 30, app_key: null, custom_app_id: null, name: '食堂菜单', link_type: 'h5', url: 'https://menu.example.com', mp_appid: null, mp_path: null }),
    );
  });
});

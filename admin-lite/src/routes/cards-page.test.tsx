import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCard, deleteCard, listCards, updateCard, uploadCardImage, type CardRow } from '../services/cards.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { CardsPage } from './cards-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('../services/cards.service.ts', () => ({
  listCards: vi.fn(),
  createCard: vi.fn(),
  updateCard: vi.fn(),
  deleteCard: vi.fn(),
  uploadCardImage: vi.fn(),
  mediaUrl: (id: string) => `http://gw.test/functions/v1/media/${id}`,
}));

const card = (extra: Partial<CardRow> = {}): CardRow => ({
  id: 'c1',
  org_id: ORG_ID,
  name: '员工卡',
  subtitle: '示范科技',
  description: null,
  targeting: { departments: [], tags: [] },
  logo_media_id: null,
  cover_media_id: null,
  face: { textPosition: 'bottom-left', fontSize: 16, color: '#FFFFFF', textShadow: true },
  info_items: [],
  entries: [],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...extra,
});

const renderPage = (url = '/cards') => renderRoute(url, '/cards', <CardsPage session={adminSession({ memberships: [{ org_id: ORG_ID, org_name: '示范科技有限公司', org_slug: 'demo' }] })} profile={adminProfile()} />);

beforeEach(() => {
  vi.mocked(listCards).mockResolvedValue([card()]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([{ id: 't1', org_id: ORG_ID, name: '党员', member_count: 1 }]);
});

describe('CardsPage', () => {
  it('creates a card: name required, then saved with the design', async () => {
    vi.mocked(createCard).mockImplementation(async (_org, name, design) => card({ id: 'c2', name, ...design }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新建电子卡' }));
    const form = await screen.findByRole('form', { name: '新建电子卡' });
    expect(within(form).getByText('名称创建后不可修改，请确认无误')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: '创建' }));
    expect(await within(form).findByText('请填写卡片名称')).toBeTruthy();
    expect(createCard).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText('卡片名称'), { target: { value: '访客卡' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /研发中心/ }));
    fireEvent.click(within(form).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(createCard).toHaveBeenCalled());
    const [org, name, design] = vi.mocked(createCard).mock.calls[0]!;
    expect([org, name]).toEqual([ORG_ID, '访客卡']);
    expect(design.targeting).toEqual({ departments: ['rd'], tags: [] });
    expect(await screen.findByText('已创建电子卡“访客卡”')).toBeTruthy();
  });

  it('shows an existing card with a read-only name, a live preview and the claim QR', async () => {
    vi.mocked(updateCard).mockImplementation(async (_org, _id, design) => card(design));
    renderPage('/cards?card=c1');
    const name = (await screen.findByLabelText('卡片名称')) as HTMLInputElement;
    expect(name.readOnly).toBe(true);
    expect(screen.getByText(/名称创建后不可修改（/)).toBeTruthy();

    const preview = screen.getByTestId('card-preview');
    expect(within(preview).getByText('示范科技')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('副标题'), { target: { value: '研发中心专用' } });
    expect(within(preview).getByText('研发中心专用')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('文字位置'), { target: { value: 'top-right' } });
    expect(preview.style.justifyContent).toBe('flex-start');
    expect(preview.style.alignItems).toBe('flex-end');

    expect((screen.getByLabelText('领卡链接') as HTMLInputElement).value).toBe(`${window.location.origin}/h5/#/pages/claim/index?org=demo`);
    expect(screen.getByTestId('claim-qr').querySelector('svg')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(updateCard).toHaveBeenCalled());
    expect(vi.mocked(updateCard).mock.calls[0]![2]).toMatchObject({ subtitle: '研发中心专用', face: { textPosition: 'top-right' } });
  });

  it('refuses a cover of the wrong size before uploading', async () => {
    renderPage('/cards?card=c1');
    const input = await screen.findByLabelText('封面');
    // A PNG header claiming 800x600.
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    png.set([0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58], 16);
    const file = new File([png], 'cover.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText('封面尺寸应为 1000×600 像素（当前 800×600）')).toBeTruthy();
    expect(uploadCardImage).not.toHaveBeenCalled();
  });

  it('limits info items to 3 and entries to 2, with mini-program fields', async () => {
    renderPage('/cards?card=c1');
    const addInfo = await screen.findByRole('button', { name: '添加信息项' });
    fireEvent.click(addInfo);
    fireEvent.click(addInfo);
    fireEvent.click(addInfo);
    expect(screen.queryByRole('button', { name: '添加信息项' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '添加入口' }));
    fireEvent.change(screen.getByLabelText('入口 1 类型'), { target: { value: 'miniprogram' } });
    expect(screen.getByLabelText('入口 1 原始ID')).toBeTruthy();
    expect(screen.getByLabelText('入口 1 备用链接')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '添加入口' }));
    expect(screen.queryByRole('button', { name: '添加入口' })).toBeNull();
  });

  it('deletes only after an irreversible warning', async () => {
    vi.mocked(deleteCard).mockResolvedValue();
    renderPage('/cards?card=c1');
    fireEvent.click(await screen.findByRole('button', { name: '删除电子卡' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/删除后不可恢复/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '删除电子卡' }));
    await waitFor(() => expect(deleteCard).toHaveBeenCalledWith(ORG_ID, 'c1'));
    expect(await screen.findByText('已删除电子卡“员工卡”')).toBeTruthy();
    // The page leaves ?card= after the message shows; wait for the navigation (loaded CI machines are slow).
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/cards'));
  });
});

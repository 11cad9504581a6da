import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { getNotice, getNoticeStats, listFormResponses, listNoticeComments, listUnreadRecipients, repushUnread, type NoticeRow } from '../services/notices.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { NoticeStatsPage } from './notice-stats-page.tsx';

vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../services/notices.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/notices.service.ts')>()),
  getNotice: vi.fn(),
  getNoticeStats: vi.fn(),
  listUnreadRecipients: vi.fn(),
  listFormResponses: vi.fn(),
  repushUnread: vi.fn(),
  listNoticeComments: vi.fn(),
}));

const NOTICE: NoticeRow = {
  id: 'n1',
  org_id: ORG_ID,
  template: 'form',
  title: '尺码登记',
  body: '',
  form_definition: { version: 1, fields: [{ key: 'size', type: 'select', label: '尺码', required: true, options: ['大', '小'] }] },
  import_columns: null,
  audience: { department_ids: ['fe'], tag_ids: [], member_ids: [] },
  channels: ['app'],
  status: 'sent',
  scheduled_at: null,
  sent_at: '2026-11-25T08:00:00Z',
  recipient_count: 4,
  created_at: '2026-11-25T07:00:00Z',
  read_count: 1,
};

beforeEach(() => {
  vi.mocked(getNotice).mockResolvedValue(NOTICE);
  vi.mocked(getNoticeStats).mockResolvedValue({
    total: 4,
    read: 1,
    confirmed: 0,
    responses: 1,
    by_department: [
      { department_id: 'fe', name: '前端组', total: 3, read: 1 },
      { department_id: 'be', name: '后端组', total: 1, read: 0 },
    ],
    by_channel: [{ channel: 'app', status: 'sent', count: 4 }],
  });
  vi.mocked(listUnreadRecipients).mockResolvedValue([{ member_id: 'm2', name: '李四', employee_no: 'E002', department_id: 'fe' }]);
  vi.mocked(listFormResponses).mockResolvedValue([{ member_id: 'm1', name: '张三', employee_no: 'E001', answers: { size: '大' }, submitted_at: '2026-11-25T09:00:00Z' }]);
  vi.mocked(repushUnread).mockResolvedValue(3);
});

const renderPage = () => renderRoute('/notices/n1', '/notices/:noticeId', <NoticeStatsPage session={adminSession()} />);

describe('NoticeStatsPage', () => {
  it('shows totals, per-department ratios, channels, the unread list and responses', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: '尺码登记' })).toBeTruthy();
    const fe = (await screen.findByText('前端组')).closest('tr')!;
    expect(within(fe).getByText('1/3')).toBeTruthy();
    expect(within(fe).getByRole('img', { name: '33%' })).toBeTruthy();
    expect(screen.getByText('已送达')).toBeTruthy();
    expect(await screen.findByText('李四（E002）')).toBeTruthy();
    const response = (await screen.findByText('张三')).closest('tr')!;
    expect(within(response).getByText('大')).toBeTruthy();
    expect(getNoticeStats).toHaveBeenCalledWith('n1');
    expect(getNotice).toHaveBeenCalledWith(ORG_ID, 'n1');
    expect(listFormResponses).toHaveBeenCalledWith(ORG_ID, 'n1');
  });

  it('re-pushes to the unread after a confirmation', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '再次推送未读' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('将再次推送给 3 位未读的人。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '再次推送未读' }));
    expect(await screen.findByText('已再次推送 3 条')).toBeTruthy();
    expect(repushUnread).toHaveBeenCalledWith('n1');
  });

  it('exports the responses as xlsx', async () => {
    renderPage();
    await screen.findByText('张三');
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('尺码登记-表单回复.xlsx');
  });

  it('lists the comments of a reply notice with member names', async () => {
    vi.mocked(getNotice).mockResolvedValue({ ...NOTICE, template: 'reply', title: '意见征集' });
    vi.mocked(listNoticeComments).mockResolvedValue([{ id: 'c1', member_id: 'm1', name: '张三', employee_no: 'E001', body: '建议延长午休', created_at: '2026-11-25T09:00:00Z' }]);
    renderPage();
    const section = await screen.findByRole('region', { name: '评论' });
    const row = (await within(section).findByText('建议延长午休')).closest('tr')!;
    expect(within(row).getByText('张三（E001）')).toBeTruthy();
    expect(listNoticeComments).toHaveBeenCalledWith(ORG_ID, 'n1');
  });

  it('shows no comments section for other templates', async () => {
    renderPage();
    await screen.findByRole('heading', { name: '尺码登记' });
    expect(screen.queryByRole('region', { name: '评论' })).toBeNull();
    expect(listNoticeComments).not.toHaveBeenCalled();
  });
});

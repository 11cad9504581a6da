import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listDepartments } from '../services/departments.service.ts';
import { deleteEvent, listEvents, saveEvent, type EventRow } from '../services/events.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { EventsPage } from './events-page.tsx';

vi.mock('../services/events.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/events.service.ts')>()),
  listEvents: vi.fn(),
  saveEvent: vi.fn(),
  deleteEvent: vi.fn(),
}));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));

const NOW = new Date(2026, 10, 25, 8, 20, 0);
const EVENT: EventRow = {
  id: 'ev1', org_id: ORG_ID, title: '季度大会', kind: 'meeting', location_name: '一号厅', latitude: 39.9, longitude: 116.4, radius_m: 200,
  sign_in_from: '2026-11-26T01:00:00.000Z', sign_in_until: '2026-11-26T02:00:00.000Z', sign_out_from: null, sign_out_until: null, audience: {}, code_step_seconds: 20,
};

beforeEach(() => {
  vi.mocked(listEvents).mockResolvedValue([EVENT]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([{ id: 'tag-1', org_id: ORG_ID, name: '党员', member_count: 3 }]);
  vi.mocked(saveEvent).mockImplementation(async (_org, id, input) => ({ id: id ?? 'ev2', org_id: ORG_ID, ...input }));
});

const renderPage = () => renderRoute('/scenario/events', '/scenario/events', <EventsPage session={adminSession()} now={NOW} />);

describe('EventsPage', () => {
  it('lists events with links to the big screen and statistics', async () => {
    renderPage();
    const row = (await screen.findByText('季度大会')).closest('tr')!;
    expect(within(row).getByText('200 米内')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '签到大屏' }).getAttribute('href')).toBe('/scenario/events/ev1/screen');
    expect(within(row).getByRole('link', { name: '统计' }).getAttribute('href')).toBe('/scenario/events/ev1/stats');
  });

  it('refuses an invalid event and saves the payload of a valid one', async () => {
    renderPage();
    await screen.findByText('季度大会');
    fireEvent.click(screen.getByRole('button', { name: '新建活动' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('纬度'), { target: { value: '39.9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请填写名称（最多100字）')).toBeTruthy();
    expect(within(dialog).getByText(/请填写有效的纬度/)).toBeTruthy();
    expect(saveEvent).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: ' 安全培训 ' } });
    fireEvent.change(within(dialog).getByLabelText('类型'), { target: { value: 'training' } });
    fireEvent.change(within(dialog).getByLabelText('地点'), { target: { value: '二号厅' } });
    fireEvent.change(within(dialog).getByLabelText('经度'), { target: { value: '116.4' } });
    fireEvent.change(within(dialog).getByLabelText('半径（米）'), { target: { value: '150' } });
    fireEvent.change(within(dialog).getByLabelText('签到开始'), { target: { value: '2026-11-26T09:00' } });
    fireEvent.change(within(dialog).getByLabelText('签到结束'), { target: { value: '2026-11-26T09:30' } });
    fireEvent.change(within(dialog).getByLabelText('签退开始'), { target: { value: '2026-11-26T11:30' } });
    fireEvent.change(within(dialog).getByLabelText('签退结束'), { target: { value: '2026-11-26T12:00' } });
    fireEvent.change(within(dialog).getByLabelText('部门（含下级）'), { target: { value: 'rd' } });
    fireEvent.click(within(dialog).getByLabelText('党员'));
    fireEvent.change(within(dialog).getByLabelText('动态码刷新间隔（秒）'), { target: { value: '15' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    await waitFor(() =>
      expect(saveEvent).toHaveBeenCalledWith(ORG_ID, undefined, {
        title: '安全培训',
        kind: 'training',
        location_name: '二号厅',
        latitude: 39.9,
        longitude: 116.4,
        radius_m: 150,
        sign_in_from: new Date(2026, 10, 26, 9, 0).toISOString(),
        sign_in_until: new Date(2026, 10, 26, 9, 30).toISOString(),
        sign_out_from: new Date(2026, 10, 26, 11, 30).toISOString(),
        sign_out_until: new Date(2026, 10, 26, 12, 0).toISOString(),
        audience: { departments: ['rd'], tags: ['tag-1'] },
        code_step_seconds: 15,
      }),
    );
    expect(await screen.findByText('已保存活动“安全培训”')).toBeTruthy();
  });

  it('deletes an event after confirming', async () => {
    vi.mocked(deleteEvent).mockResolvedValue();
    renderPage();
    const row = (await screen.findByText('季度大会')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '删除' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(deleteEvent).toHaveBeenCalledWith(ORG_ID, 'ev1'));
    expect(await screen.findByText('已删除活动“季度大会”')).toBeTruthy();
  });
});

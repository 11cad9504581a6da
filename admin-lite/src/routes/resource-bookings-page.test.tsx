import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideBooking, listResourceBookings, listResources, type ResourceBookingRow } from '../services/resources.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { ResourceBookingsPage } from './resource-bookings-page.tsx';

vi.mock('../services/resources.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/resources.service.ts')>()),
  listResources: vi.fn(),
  listResourceBookings: vi.fn(),
  decideBooking: vi.fn(),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const PENDING: ResourceBookingRow = {
  id: 'b1', resource_id: 'r1', member_id: 'm1', starts_at: '2026-11-26T02:00:00.000Z', ends_at: '2026-11-26T03:00:00.000Z', status: 'pending', attendees: 5, purpose: '周会', reason: null, checked_in_at: null, created_at: '2026-11-25T01:00:00Z', member_name: '张伟',
};

beforeEach(() => {
  vi.mocked(listResources).mockResolvedValue([{ id: 'r1', org_id: ORG_ID, name: '301 会议室', kind: 'room', location: null, capacity: 12, open_hours: [], requires_approval: true, max_hours: 4, audience: {}, active: true }]);
  vi.mocked(listResourceBookings).mockResolvedValue({ rows: [PENDING, { ...PENDING, id: 'b2', status: 'approved', member_name: '王芳' }], total: 2 });
  vi.mocked(decideBooking).mockResolvedValue({ id: 'b1', status: 'approved' });
});

const renderPage = () => renderRoute('/scenario/resources/bookings', '/scenario/resources/bookings', <ResourceBookingsPage session={adminSession()} today={TODAY} />);
const lastQuery = () => vi.mocked(listResourceBookings).mock.calls.at(-1)![0];

describe('ResourceBookingsPage', () => {
  it('filters by resource, status and days', async () => {
    renderPage();
    await screen.findByText('张伟');
    expect(lastQuery()).toMatchObject({ orgId: ORG_ID, page: 1, resourceId: undefined, status: undefined, fromIso: new Date(2026, 10, 25).toISOString(), untilIso: new Date(2026, 11, 9).toISOString() });
    await screen.findByRole('option', { name: '301 会议室' });
    fireEvent.change(screen.getByLabelText('资源'), { target: { value: 'r1' } });
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'pending' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ resourceId: 'r1', status: 'pending' }));
  });

  it('approves a pending booking through resource_decide and reloads; only pending rows can be decided', async () => {
    renderPage();
    const row = (await screen.findByText('张伟')).closest('tr')!;
    expect(within(screen.getByText('王芳').closest('tr')!).queryByRole('button', { name: '同意' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: '同意' }));
    const dialog = screen.getByRole('dialog');
    const before = vi.mocked(listResourceBookings).mock.calls.length;
    fireEvent.click(within(dialog).getByRole('button', { name: '同意' }));
    await waitFor(() => expect(decideBooking).toHaveBeenCalledWith('b1', 'approved', ''));
    expect(await screen.findByText('已同意张伟的预约')).toBeTruthy();
    await waitFor(() => expect(vi.mocked(listResourceBookings).mock.calls.length).toBeGreaterThan(before));
  });

  it('needs a reason to reject', async () => {
    renderPage();
    const row = (await screen.findByText('张伟')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '驳回' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '驳回' }));
    expect(await within(dialog).findByText('请填写驳回原因（最多200字）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('驳回原因'), { target: { value: '时段冲突' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '驳回' }));
    await waitFor(() => expect(decideBooking).toHaveBeenCalledWith('b1', 'rejected', '时段冲突'));
  });
});

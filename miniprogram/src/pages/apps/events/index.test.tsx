import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentPosition } from '../../../platform/location';
import { reLaunch } from '../../../platform/navigation';
import { AppError } from '../../../services/errors';
import { eventService } from '../../../services/event.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import EventsPage from './index';

vi.mock('../../../services/event.service', () => ({ eventService: { list: vi.fn(), myAttendance: vi.fn(), checkin: vi.fn() } }));
vi.mock('../../../platform/location', () => ({ currentPosition: vi.fn() }));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/scan', () => ({ scanQrCode: vi.fn(), isScanCancelled: () => false }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const events = vi.mocked(eventService);
const position = vi.mocked(currentPosition);
const CODE = 'YMEV1.0b0c0d0e-0000-4000-8000-000000000001.in.12345.sig';

async function paste(text: string) {
  const textarea = await waitFor(() => {
    const found = document.querySelector('.events__input textarea');
    if (!found) throw new Error('no textarea yet');
    return found as HTMLTextAreaElement;
  });
  fireEvent.input(textarea, { target: { value: text } });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  events.list.mockResolvedValue([
    { id: 'e1', title: '季度全员大会', kind: 'meeting', locationName: 'A 座报告厅', radiusM: 200, signInFrom: '2026-11-25T01:00:00Z', signInUntil: '2026-11-25T02:00:00Z', signOutFrom: null, signOutUntil: null },
    { id: 'e2', title: '安全培训', kind: 'training', locationName: null, radiusM: null, signInFrom: '2026-11-26T01:00:00Z', signInUntil: '2026-11-26T02:00:00Z', signOutFrom: null, signOutUntil: null },
  ]);
  events.myAttendance.mockResolvedValue([{ eventId: 'e1', signedInAt: '2026-11-25T01:10:00Z', signInDistanceM: 20, signedOutAt: null, signOutDistanceM: null }]);
  position.mockResolvedValue({ latitude: 31.23, longitude: 121.47, accuracy: 20 });
});
afterEach(cleanup);

describe('活动签到', () => {
  it('sends a signed-out user to login', async () => {
    useSessionStore.setState({ session: null });
    render(<EventsPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
  });

  it('lists events with window, venue, geofence and my attendance', async () => {
    render(<EventsPage />);
    expect(await screen.findByText('季度全员大会')).toBeTruthy();
    expect(screen.getByText('签到：11月25日 09:00–10:00')).toBeTruthy();
    expect(screen.getByText('地点：A 座报告厅')).toBeTruthy();
    expect(screen.getByText('需在活动地点 200 米内签到')).toBeTruthy();
    expect(screen.getByText('已签到 11-25 09:10')).toBeTruthy();
    expect(screen.getByText('未签到')).toBeTruthy();
    expect(events.myAttendance).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' }, ['e1', 'e2']);
  });

  it('pasting a code (H5) sends it with the location and shows the distance', async () => {
    events.checkin.mockResolvedValue({ action: 'in', title: '季度全员大会', distanceM: 35, signedInAt: 'x', signedOutAt: null });
    render(<EventsPage />);
    await screen.findByText('季度全员大会');
    await paste(CODE);
    fireEvent.click(screen.getByText('签到/签退'));
    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(screen.getByText('距活动地点约 35 米')).toBeTruthy();
    expect(events.checkin).toHaveBeenCalledWith({ code: CODE, latitude: 31.23, longitude: 121.47, accuracyM: 20 });
    await waitFor(() => expect(events.list).toHaveBeenCalledTimes(2));
  });

  it('without a location it still sends the code and shows the server refusal', async () => {
    position.mockResolvedValue(null);
    events.checkin.mockRejectedValue(
      new AppError({ kind: 'function', code: 'outside_geofence', status: 403, message: '你距离活动地点约 850 米，超出 200 米签到范围 (you are 850 m from the venue; sign-in is allowed within 200 m)' }),
    );
    render(<EventsPage />);
    await screen.findByText('季度全员大会');
    await paste(CODE);
    fireEvent.click(screen.getByText('签到/签退'));
    expect(await screen.findByText('你距离活动地点约 850 米，超出 200 米签到范围')).toBeTruthy();
    expect(screen.getByText('签到未成功')).toBeTruthy();
    expect(events.checkin).toHaveBeenCalledWith({ code: CODE });
  });

  it('refuses anything that is not an event code without calling the server', async () => {
    render(<EventsPage />);
    await screen.findByText('季度全员大会');
    await paste('YM1:AAAA');
    fireEvent.click(screen.getByText('签到/签退'));
    expect(await screen.findByText('这不是活动签到码，请扫描活动大屏上的二维码')).toBeTruthy();
    expect(events.checkin).not.toHaveBeenCalled();
    expect(position).not.toHaveBeenCalled();
  });
});

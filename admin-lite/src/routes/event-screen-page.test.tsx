import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventStats, getEvent, getScreenCode, type EventRow } from '../services/events.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { EventScreenPage } from './event-screen-page.tsx';

vi.mock('../services/events.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/events.service.ts')>()),
  getEvent: vi.fn(),
  getScreenCode: vi.fn(),
  eventStats: vi.fn(),
}));

const EVENT: EventRow = {
  id: 'ev1', org_id: ORG_ID, title: '季度大会', kind: 'meeting', location_name: null, latitude: null, longitude: null, radius_m: null,
  sign_in_from: '2026-11-26T01:00:00.000Z', sign_in_until: '2026-11-26T02:00:00.000Z', sign_out_from: '2026-11-26T04:00:00.000Z', sign_out_until: '2026-11-26T05:00:00.000Z', audience: {}, code_step_seconds: 20,
};
let step = 0;

beforeEach(() => {
  step = 0;
  vi.mocked(getEvent).mockResolvedValue(EVENT);
  vi.mocked(eventStats).mockResolvedValue({ expected: 30, signed_in: 12, signed_out: 0, refused: 2, absent: [] });
  vi.mocked(getScreenCode).mockImplementation(async (_id, action) => {
    step += 1;
    return { code: `YMEV1.${action}.${step}`, step, step_seconds: 20, expires_at: new Date(Date.now() + 20_000).toISOString() };
  });
});
afterEach(() => vi.useRealTimers());

const renderPage = () => renderRoute('/scenario/events/ev1/screen', '/scenario/events/:eventId/screen', <EventScreenPage session={adminSession()} />);
const shownCode = () => screen.getByTestId('screen-qr').getAttribute('data-code');

describe('EventScreenPage', () => {
  it('shows the fetched code as a QR with the live counts, and switches to 签退', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: '季度大会' })).toBeTruthy();
    await waitFor(() => expect(shownCode()).toBe('YMEV1.in.1'));
    expect(screen.getByTestId('screen-qr').querySelector('svg')).toBeTruthy();
    expect(getScreenCode).toHaveBeenCalledWith('ev1', 'in');
    expect((await screen.findByTestId('count-signed-in')).textContent).toBe('12');
    expect(screen.getByTestId('count-expected').textContent).toBe('30');

    fireEvent.click(screen.getByRole('button', { name: '签退' }));
    await waitFor(() => expect(shownCode()).toBe('YMEV1.out.2'));
    expect(screen.getByText('请打开小程序扫码签退')).toBeTruthy();
  });

  it('refetches the code when it expires and the counts every 10 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderPage();
    await waitFor(() => expect(shownCode()).toBe('YMEV1.in.1'));
    const statsCalls = vi.mocked(eventStats).mock.calls.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_500);
    });
    await waitFor(() => expect(shownCode()).toBe('YMEV1.in.2'));
    expect(vi.mocked(eventStats).mock.calls.length).toBeGreaterThan(statsCalls);
  });
});

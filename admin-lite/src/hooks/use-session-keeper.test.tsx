import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../services/errors.ts';
import { saveSession, type AdminSession } from '../services/session.service.ts';
import { refreshSession } from '../services/token-refresh.service.ts';
import { adminSession } from '../test/fixtures.ts';
import { useSessionKeeper } from './use-session-keeper.ts';
import { useSession } from './use-session.ts';

vi.mock('../services/token-refresh.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/token-refresh.service.ts')>()),
  refreshSession: vi.fn(),
}));

function Keeper() {
  useSessionKeeper(useSession());
  return null;
}

const flush = () => act(async () => {});

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('useSessionKeeper', () => {
  it('refreshes once the token is within a minute of expiry, then follows the new expiry', async () => {
    saveSession(adminSession({ expiresAt: Date.now() + 5 * 60_000 }));
    vi.mocked(refreshSession).mockImplementation(async () =>
      saveSession(adminSession({ accessToken: 'jwt-2', expiresAt: Date.now() + 5 * 60_000 })),
    );
    render(<Keeper />);

    act(() => void vi.advanceTimersByTime(3 * 60_000));
    expect(refreshSession).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(61_000)); // 4 min 1 s: inside the margin
    await flush();
    expect(refreshSession).toHaveBeenCalledTimes(1);

    act(() => void vi.advanceTimersByTime(4 * 60_000 + 1000));
    await flush();
    expect(refreshSession).toHaveBeenCalledTimes(2);
  });

  it('tries again later when the refresh failed for lack of network', async () => {
    saveSession(adminSession({ expiresAt: Date.now() + 60_000 }));
    vi.mocked(refreshSession).mockRejectedValueOnce(new AppError('network', '网络异常，请稍后重试', undefined, 0));
    vi.mocked(refreshSession).mockImplementation(async () => saveSession(adminSession({ accessToken: 'jwt-2' })) as AdminSession);
    render(<Keeper />);

    act(() => void vi.advanceTimersByTime(1000));
    await flush();
    expect(refreshSession).toHaveBeenCalledTimes(1);
    act(() => void vi.advanceTimersByTime(30_000));
    await flush();
    expect(refreshSession).toHaveBeenCalledTimes(2);
  });

  it('stops when the session is over (dead refresh token)', async () => {
    saveSession(adminSession({ expiresAt: Date.now() + 60_000 }));
    vi.mocked(refreshSession).mockRejectedValue(new AppError('session-expired', '登录已失效，请重新登录', 'refresh_token_invalid', 401));
    render(<Keeper />);
    act(() => void vi.advanceTimersByTime(1000));
    await flush();
    act(() => void vi.advanceTimersByTime(10 * 60_000));
    await flush();
    expect(refreshSession).toHaveBeenCalledTimes(1);
  });
});

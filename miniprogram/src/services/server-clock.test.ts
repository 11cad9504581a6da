import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClockSample } from '../lib/clock-offset';
import { onServerClock, withServerClock } from './server-clock';

function answer(status: number, date: string | null) {
  return { status, headers: { get: (name: string) => (name.toLowerCase() === 'date' ? date : null) } };
}

describe('withServerClock', () => {
  const samples: ClockSample[] = [];
  const stop = onServerClock((sample) => void samples.push(sample));
  afterEach(() => void samples.splice(0));

  it('measures the clock on successful answers of our functions, halving the round trip', async () => {
    let now = Date.UTC(2026, 0, 5, 8, 10, 0); // the phone is 10 minutes fast
    const base = vi.fn(async (_url: string, _init?: unknown) => {
      now += 3000;
      return answer(200, 'Mon, 05 Jan 2026 08:00:01 GMT');
    });
    const fetch = withServerClock(base, () => now);
    await fetch('https://api.example.com/functions/v1/code-verify', { method: 'POST' });
    expect(samples).toEqual([{ offsetMs: -600_000 + 1000 - 1500, uncertaintyMs: 2500 }]);
  });

  it('ignores other URLs, failures and unreadable headers', async () => {
    const fetch = withServerClock(async (url: string) => (url.includes('bad') ? answer(500, 'Mon, 05 Jan 2026 08:00:01 GMT') : answer(200, null)));
    await fetch('https://api.example.com/rest/v1/credentials');
    await fetch('https://api.example.com/functions/v1/bad');
    await fetch('https://api.example.com/functions/v1/code-enroll');
    expect(samples).toEqual([]);
  });

  it('unsubscribes', async () => {
    stop();
    await withServerClock(async (_url: string) => answer(200, 'Mon, 05 Jan 2026 08:00:01 GMT'))('https://x/functions/v1/a');
    expect(samples).toEqual([]);
  });
});

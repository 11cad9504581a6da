// Measures the phone's clock against the server's on answers of our edge
// functions, at no extra cost: the fetch under supabase-js times each call to
// functions/v1/* and reads the HTTP `Date` header of a successful answer
// (wx.request sees every header; in a browser the header is readable only
// where the gateway exposes it, otherwise nothing is measured). Listeners
// (the code wallet) decide whether the sample changes anything.
import { estimateClockOffset, parseHttpDate, type ClockSample } from '../lib/clock-offset';

type FetchLike = (input: any, init?: any) => Promise<{ status: number; headers?: { get(name: string): string | null } }>;

const listeners = new Set<(sample: ClockSample) => void>();

/** Subscribes to clock samples; returns the unsubscribe. */
export function onServerClock(listener: (sample: ClockSample) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Hands a sample to every listener (a failing listener never fails the request). */
export function reportServerClock(sample: ClockSample): void {
  for (const listener of [...listeners]) {
    try {
      listener(sample);
    } catch (error) {
      console.warn('clock sample listener failed', error);
    }
  }
}

const FUNCTIONS_PATH = '/functions/v1/';

function urlOf(input: unknown): string {
  if (typeof input === 'string') return input;
  const url = (input as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : String(input);
}

/** `baseFetch`, also timing calls to our functions and reporting the server's clock from their `Date` header. */
export function withServerClock<F extends FetchLike>(baseFetch: F, now: () => number = Date.now): F {
  const clockFetch = async (input: unknown, init?: unknown) => {
    if (!urlOf(input).includes(FUNCTIONS_PATH)) return baseFetch(input, init);
    const sentAt = now();
    const response = await baseFetch(input, init);
    const receivedAt = now();
    if (response.status >= 200 && response.status < 300) {
      const serverMs = parseHttpDate(response.headers?.get('date'));
      const sample = serverMs === null ? null : estimateClockOffset({ serverMs, sentAt, receivedAt });
      if (sample) reportServerClock(sample);
    }
    return response;
  };
  return clockFetch as F;
}

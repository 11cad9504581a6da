// The phone's clock against the server's. Codes carry the time step they were
// made in and verifiers accept one step either side (30 s by default), so a
// phone whose clock is off by more than that shows codes that are refused.
// The phone measures how far off it is from the server's time on answers of
// our functions (code-enroll's `server_time`, or an HTTP `Date` header) and
// makes codes with its own clock plus that offset. Pure: times in epoch ms.

/** Above this the card page tells the user their phone's clock is wrong (it is corrected either way). */
export const CLOCK_WARNING_MS = 5 * 60 * 1000;

/** The server's times come in whole seconds: a sample is never better than this. */
const SERVER_RESOLUTION_MS = 1000;

export interface ClockSample {
  /** What to add to the phone's clock to get the server's (ms). */
  offsetMs: number;
  /** How far off the estimate may be (ms): half the round trip plus the server's resolution. */
  uncertaintyMs: number;
}

/**
 * The offset from one answer: the server stamped `serverMs` somewhere between
 * sending and receipt; taking the middle, that is the local time at receipt
 * minus half the round trip. Null for unusable input (no time, negative trip).
 */
export function estimateClockOffset(input: { serverMs: number; sentAt: number; receivedAt: number }): ClockSample | null {
  const { serverMs, sentAt, receivedAt } = input;
  if (![serverMs, sentAt, receivedAt].every(Number.isFinite) || receivedAt < sentAt) return null;
  const halfTrip = (receivedAt - sentAt) / 2;
  return { offsetMs: Math.round(serverMs - (receivedAt - halfTrip)), uncertaintyMs: Math.round(halfTrip) + SERVER_RESOLUTION_MS };
}

/** An HTTP `Date` header (IMF-fixdate) in epoch ms, or null. */
export function parseHttpDate(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Whether a new sample should replace the stored offset: always when there is
 * none, otherwise only when it lies outside the new sample's own error, so
 * network jitter does not move the clock (and restart the code) on every call.
 */
export function shouldReplaceOffset(currentMs: number | null | undefined, sample: ClockSample): boolean {
  if (currentMs === null || currentMs === undefined || !Number.isFinite(currentMs)) return true;
  return Math.abs(sample.offsetMs - currentMs) > sample.uncertaintyMs;
}

/** A clock (epoch ms) running on the server's time: the phone's plus the offset. */
export function correctedClock(offsetMs: number | null | undefined, now: () => number = Date.now): () => number {
  const offset = offsetMs && Number.isFinite(offsetMs) ? offsetMs : 0;
  return offset === 0 ? now : () => now() + offset;
}

/** True when the phone is so far off that the user should know (it is corrected anyway). */
export function isClockFarOff(offsetMs: number | null | undefined): boolean {
  return !!offsetMs && Math.abs(offsetMs) > CLOCK_WARNING_MS;
}

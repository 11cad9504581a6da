// Per-instance rate limits for every edge function (route() applies them):
// a fixed one-minute window per function and caller. Callers are bucketed
// by who they say they are: a user token's subject, a device's API key, or
// else (anonymous: the anon key or nothing) the client IP, with a lower
// limit. The bucket is only a key: the token is still verified by the
// function, so a forged token gains a bucket, not access. The service role
// (schedulers) is not limited. Edge instances each count their own traffic;
// the database keeps the limits that must be exact (SMS codes, claims).
import { clientIp } from './client-ip.ts';

export interface RateLimitPolicy { anonymousPerMinute: number; userPerMinute: number; devicePerMinute: number }

export const DEFAULT_RATE_LIMITS: RateLimitPolicy = { anonymousPerMinute: 300, userPerMinute: 600, devicePerMinute: 6000 };

const WINDOW_MS = 60_000;
const buckets = new Map<string, { windowStart: number; count: number }>();


function claims(token: string): { role?: string; sub?: string } {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')));
  } catch {
    return {};
  }
}

function functionName(req: Request): string {
  const parts = new URL(req.url).pathname.split('/').filter(Boolean);
  return (parts[0] === 'functions' && parts[1] === 'v1' ? parts[2] : parts[0]) ?? '';
}

/** A 429 response when the caller is over its limit, else null (and the request is counted). */
export function rateLimited(req: Request, policy: RateLimitPolicy = DEFAULT_RATE_LIMITS, now = Date.now()): Response | null {
  const device = req.headers.get('x-yima-device-key');
  const auth = req.headers.get('authorization') ?? '';
  const token = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : '';
  const { role, sub } = token ? claims(token) : {};
  if (role === 'service_role') return null;
  let key: string;
  let limit: number;
  if (device) {
    key = `d:${device.slice(-24)}`;
    limit = policy.devicePerMinute;
  } else if (role === 'authenticated' && sub) {
    key = `u:${sub}`;
    limit = policy.userPerMinute;
  } else {
    key = `ip:${clientIp(req) ?? 'unknown'}`;
    limit = policy.anonymousPerMinute;
  }
  key = `${functionName(req)}|${key}`;
  let bucket = buckets.get(key);
  if (!bucket || now - bucket.windowStart >= WINDOW_MS) {
    if (buckets.size > 50_000) buckets.clear();
    bucket = { windowStart: now, count: 0 };
    buckets.set(key, bucket);
  }
  bucket.count += 1;
  if (bucket.count <= limit) return null;
  const retryAfter = Math.max(1, Math.ceil((bucket.windowStart + WINDOW_MS - now) / 1000));
  return new Response(JSON.stringify({ error: { code: 'rate_limited', message: `请求过于频繁，请 ${retryAfter} 秒后再试 (too many requests; retry in ${retryAfter} s)` } }), {
    status: 429,
    headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
  });
}

/** Test hook: forget every bucket. */
export function resetRateLimits(): void {
  buckets.clear();
}

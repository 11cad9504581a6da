import { beforeEach, describe, expect, it } from 'vitest';
import { rateLimited, resetRateLimits } from './rate-limit.ts';

const policy = { anonymousPerMinute: 3, userPerMinute: 5, devicePerMinute: 7 };
const jwt = (claims: Record<string, unknown>) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;
const req = (path: string, headers: Record<string, string> = {}) => new Request(`http://fn${path}`, { headers });
const hits = (make: () => Request, n: number, now = 0) => Array.from({ length: n }, () => rateLimited(make(), policy, now));

beforeEach(() => resetRateLimits());

describe('rate limits', () => {
  it('limits anonymous callers per IP (the last forwarded hop) and per function', () => {
    const anon = (ip: string, first = '1.2.3.4') => () => req('/visit-pass', { 'x-forwarded-for': `${first}, ${ip}` });
    const results = hits(anon('10.0.0.1'), 4);
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]!.status).toBe(429);
    // A spoofed first hop does not buy a new bucket; another real IP does.
    expect(rateLimited(anon('10.0.0.1', '9.9.9.9')(), policy, 0)!.status).toBe(429);
    expect(rateLimited(anon('10.0.0.2')(), policy, 0)).toBeNull();
    // Another function has its own bucket.
    expect(rateLimited(req('/functions/v1/visit-apply', { 'x-forwarded-for': '10.0.0.1' }), policy, 0)).toBeNull();
  });

  it('gives users and devices their own, larger buckets; the service role is not limited', () => {
    const user = () => req('/pay', { authorization: `Bearer ${jwt({ role: 'authenticated', sub: 'u1' })}` });
    expect(hits(user, 6).filter((r) => r?.status === 429)).toHaveLength(1);
    const device = () => req('/code-verify', { 'x-yima-device-key': 'ymp_0123456789abcdef0123456789abcdef' });
    expect(hits(device, 8).filter((r) => r?.status === 429)).toHaveLength(1);
    const service = () => req('/notice-dispatch', { authorization: `Bearer ${jwt({ role: 'service_role' })}` });
    expect(hits(service, 50).every((r) => r === null)).toBe(true);
  });

  it('opens a new window after a minute and says when to retry', async () => {
    const anon = () => req('/auth-sms', { 'x-forwarded-for': '10.0.0.9' });
    hits(anon, 3, 1_000);
    const refused = rateLimited(anon(), policy, 21_000)!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect(rateLimited(anon(), policy, 61_000)).toBeNull();
  });
});

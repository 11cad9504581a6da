/**
 * The caller's IP as the gateway reports it: the last X-Forwarded-For hop,
 * the one our gateway appended (earlier hops are whatever the client sent,
 * so trusting the first would let anyone pick their IP for rate limits).
 * Its own module so the rate limiter (imported by http.ts) can use it
 * without importing auth.ts.
 */
export function clientIp(req: Request): string | undefined {
  return req.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || undefined;
}

// Reads the caller from the Authorization bearer token. The gateway checks
// the signature already (verify_jwt); we verify again because a function must
// never trust a header it did not check, and we need the claims.
import { jwtVerify } from 'jose';
import type { FunctionEnv } from './env.ts';
import { HttpError } from './http.ts';

export interface Caller {
  accountId: string;
  /** The verified bearer token, for acting as the caller under RLS. */
  token: string;
  orgId?: string;
  memberId?: string;
}

export async function requireCaller(req: Request, env: FunctionEnv): Promise<Caller> {
  const header = req.headers.get('authorization') ?? '';
  const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
  if (!token) throw new HttpError(401, 'missing_authorization', 'Sign in first: the Authorization header is missing');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(env.jwtSecret), { algorithms: ['HS256'] }));
  } catch {
    throw new HttpError(401, 'invalid_jwt', 'Your session has expired; sign in again');
  }
  if (payload.role !== 'authenticated' || typeof payload.sub !== 'string') {
    throw new HttpError(401, 'not_signed_in', 'Sign in first: this token does not belong to a user');
  }
  return {
    accountId: payload.sub,
    token,
    orgId: typeof payload.org_id === 'string' ? payload.org_id : undefined,
    memberId: typeof payload.member_id === 'string' ? payload.member_id : undefined,
  };
}

/**
 * The caller's IP as the gateway reports it: the last X-Forwarded-For hop,
 * the one our gateway appended (earlier hops are whatever the client sent,
 * so trusting the first would let anyone pick their IP for rate limits).
 */
export function clientIp(req: Request): string | undefined {
  return req.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || undefined;
}

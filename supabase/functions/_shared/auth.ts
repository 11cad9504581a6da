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

export { clientIp } from './client-ip.ts';

/** Scheduled functions (dispatcher, jobs) run with the service role key only; `what` names them in the 403. */
export function requireServiceRole(req: Request, env: FunctionEnv, what: string): void {
  const token = req.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (token !== env.serviceRoleKey) throw new HttpError(403, 'forbidden', `${what} run with the service role only`);
}

// Fresh accounts and tokens for tests that need a caller nobody else uses.
import { randomUUID } from 'node:crypto';
import { mintAccessToken } from '../../functions/_shared/tokens.ts';
import { adminDb, stackInfo } from './personas.ts';

export async function newAccount(): Promise<{ accountId: string; token: string }> {
  const { rows } = await adminDb().query(`select public.auth_upsert_identity('wechat', 'wx-test', $1) as id`, [`openid-${randomUUID()}`]);
  const accountId = rows[0].id as string;
  const token = (await mintAccessToken({ accountId }, stackInfo().jwtSecret, 600)).access_token;
  return { accountId, token };
}

/** Calls an edge function through the gateway like an app would. */
export async function callFunction(name: string, opts: { token?: string; body?: unknown; method?: string; path?: string } = {}) {
  const { apiUrl, anonKey } = stackInfo();
  const res = await fetch(`${apiUrl}/functions/v1/${name}${opts.path ?? ''}`, {
    method: opts.method ?? 'POST',
    headers: { apikey: anonKey, authorization: `Bearer ${opts.token ?? anonKey}`, 'content-type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, body: await res.json() };
}

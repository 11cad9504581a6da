// Calls to edge functions (<base>/functions/v1/<name>). Plain fetch rather
// than supabase.functions.invoke: login calls must go out with the anon key
// even while an older token is still stored, and we want the raw status and
// {error:{code,message}} body for the error mapper.
import { requestFunction } from './function-request.ts';
import { freshAccessToken, withSessionRetry } from './token-refresh.service.ts';

export interface FunctionCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /**
   * 'anon' sends only the apikey (login, refresh, logout); 'session' adds the
   * admin's bearer, refreshed before expiry and once after a 401.
   */
  auth?: 'anon' | 'session';
  signal?: AbortSignal;
}

const sessionFetch = withSessionRetry();

export async function callFunction(name: string, call: FunctionCall = {}): Promise<unknown> {
  const { auth = 'anon', ...rest } = call;
  if (auth === 'anon') return requestFunction(name, rest);
  const bearer = await freshAccessToken();
  return requestFunction(name, { ...rest, ...(bearer ? { bearer, fetchImpl: sessionFetch } : {}) });
}

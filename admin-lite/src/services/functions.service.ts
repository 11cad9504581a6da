// Calls to edge functions (<base>/functions/v1/<name>). Plain fetch rather
// than supabase.functions.invoke: login calls must go out with the anon key
// even while an older token is still stored, and we want the raw status and
// {error:{code,message}} body for the error mapper.
import { mapFunctionError, toAppError } from './errors.ts';
import { getAccessToken } from './session.service.ts';
import { backendConfig } from './supabase-client.ts';

export interface FunctionCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** 'anon' sends only the apikey (login); 'session' adds the admin's bearer. */
  auth?: 'anon' | 'session';
}

export async function callFunction(name: string, call: FunctionCall = {}): Promise<unknown> {
  const { supabaseUrl, anonKey } = backendConfig();
  const headers: Record<string, string> = { apikey: anonKey, accept: 'application/json' };
  if (call.auth === 'session') {
    const token = getAccessToken();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${supabaseUrl}/functions/v1/${name}`, {
      method: call.method ?? 'GET',
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
  } catch (error) {
    throw toAppError(error);
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw mapFunctionError(response.status, body);
  return body;
}

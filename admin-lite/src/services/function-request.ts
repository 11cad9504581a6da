// The raw HTTP call to an edge function (<base>/functions/v1/<name>), with no
// session logic: the bearer is whatever the caller passes. `callFunction`
// (functions.service.ts) adds the signed-in admin's token and the refresh-on-
// 401 retry; the refresh itself uses this directly so it cannot recurse.
import { mapFunctionError, toAppError } from './errors.ts';
import { backendConfig } from './backend-config.ts';

export interface FunctionRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Sent as `Authorization: Bearer …`; without it only the apikey goes out. */
  bearer?: string;
  /** Defaults to the global fetch, looked up at call time (tests stub it). */
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

/** Calls a function and returns its parsed JSON body; failures throw AppError. */
export async function requestFunction(name: string, request: FunctionRequest = {}): Promise<unknown> {
  const { supabaseUrl, anonKey } = backendConfig();
  const headers: Record<string, string> = { apikey: anonKey, accept: 'application/json' };
  if (request.bearer) headers.authorization = `Bearer ${request.bearer}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const fetchImpl = request.fetchImpl ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(`${supabaseUrl}/functions/v1/${name}`, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      ...(request.signal ? { signal: request.signal } : {}),
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

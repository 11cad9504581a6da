import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromFunctionsError, fromPostgrestError } from '../services/errors';
import { createAppClient } from '../services/supabase.client';
import { nodeMiniRequest, startTestServer, type TestServer } from '../test-support/node-mini-request';
import { HeadersPolyfill } from './headers-polyfill';
import { createRequestFetch, MiniResponse, type MiniRequest } from './request-fetch';
import { UnavailableWebSocket, type RealtimeTransport } from './websocket';

vi.mock('./storage', async () => ({ taroStorage: (await import('../test-support/memory-storage')).memoryStorage() }));

const ANON_KEY = 'anon-key-for-tests';
const TOKEN = 'member-a-access-token';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  // The mini-program has no fetch, Headers or WebSocket: supabase-js must get
  // by with our adapter, the polyfill the weapp build injects and the stub
  // Realtime transport.
  vi.stubGlobal('fetch', undefined);
  vi.stubGlobal('Headers', HeadersPolyfill);
  vi.stubGlobal('WebSocket', undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The app's own client factory, wired the way the weapp build wires it. */
function clientFor(baseUrl: string, request: MiniRequest) {
  return createAppClient(
    { supabaseUrl: baseUrl, anonKey: ANON_KEY, localMode: true },
    {
      fetch: createRequestFetch(request) as unknown as typeof fetch,
      getToken: () => TOKEN,
      realtimeTransport: UnavailableWebSocket as unknown as RealtimeTransport,
    },
  );
}

describe('supabase-js over the wx.request fetch adapter', () => {
  it('runs from(members).select() and sends the token, apikey and query', async () => {
    server.respond(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': '0-0/1' },
      body: JSON.stringify([{ id: 'm1', name: '张三', department_id: 'd1' }]),
    }));
    const request = nodeMiniRequest();
    const supabase = clientFor(server.baseUrl, request);

    const { data, error, status, count } = await supabase
      .from('members')
      .select('id, name, department_id', { count: 'exact' })
      .eq('org_id', 'org-1');

    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(count).toBe(1);
    expect(data).toEqual([{ id: 'm1', name: '张三', department_id: 'd1' }]);

    const [received] = server.requests;
    expect(received?.method).toBe('GET');
    const url = new URL(received?.url ?? '', server.baseUrl);
    expect(url.pathname).toBe('/rest/v1/members');
    expect(url.searchParams.get('select')).toBe('id,name,department_id');
    expect(url.searchParams.get('org_id')).toBe('eq.org-1');
    expect(received?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received?.headers.apikey).toBe(ANON_KEY);
    expect(received?.headers.prefer).toBe('count=exact');

    // wx.request must not JSON.parse the body itself, and GET sends no data.
    expect(request.calls[0]?.dataType).not.toBe('json');
    expect(request.calls[0]?.data).toBeUndefined();
  });

  it('returns a single object for .single() (Accept header passes through)', async () => {
    server.respond((req) => ({
      status: 200,
      headers: { 'content-type': 'application/vnd.pgrst.object+json; charset=utf-8' },
      body: req.headers.accept === 'application/vnd.pgrst.object+json' ? '{"id":"m1","name":"张三"}' : '[]',
    }));
    const { data, error } = await clientFor(server.baseUrl, nodeMiniRequest()).from('members').select('id, name').eq('id', 'm1').single();
    expect(error).toBeNull();
    expect(data).toEqual({ id: 'm1', name: '张三' });
  });

  it('surfaces a PostgREST 401 (PGRST301) that the error mapper turns into "sign in again"', async () => {
    server.respond(() => ({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'PGRST301', message: 'JWSError JWSInvalidSignature', details: null, hint: null }),
    }));
    const { data, error, status } = await clientFor(server.baseUrl, nodeMiniRequest()).from('members').select('id');
    expect(data).toBeNull();
    expect(status).toBe(401);
    expect(error?.code).toBe('PGRST301');
    const appError = fromPostgrestError(error!, status);
    expect(appError.kind).toBe('session');
    expect(appError.message).toBe('登录已失效，请重新登录');
  });

  it('surfaces an RLS refusal (42501 / 403) as "no permission"', async () => {
    server.respond(() => ({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '42501', message: 'permission denied for table members', details: null, hint: null }),
    }));
    const { error, status } = await clientFor(server.baseUrl, nodeMiniRequest()).from('members').insert({ name: 'x' });
    expect(status).toBe(403);
    expect(fromPostgrestError(error!, status).message).toBe('没有权限执行此操作');
    // The insert body went through as JSON.
    expect(JSON.parse(server.requests[0]?.body ?? 'null')).toEqual({ name: 'x' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('invokes an edge function with a JSON body and parses the JSON reply', async () => {
    server.respond((req) => ({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ echoed: JSON.parse(req.body), path: req.url }),
    }));
    const { data, error } = await clientFor(server.baseUrl, nodeMiniRequest()).functions.invoke('auth-dev', {
      body: { persona: 'member-a' },
      headers: { Authorization: `Bearer ${ANON_KEY}` },
    });
    expect(error).toBeNull();
    expect(data).toEqual({ echoed: { persona: 'member-a' }, path: '/functions/v1/auth-dev' });
    // An explicit Authorization header wins over the stored token (login calls rely on it).
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${ANON_KEY}`);
    expect(server.requests[0]?.method).toBe('POST');
  });

  it('reads an edge function error {error:{code,message}} and shows its message', async () => {
    server.respond(() => ({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'unknown_persona', message: '没有这个演示账号' } }),
    }));
    const { data, error } = await clientFor(server.baseUrl, nodeMiniRequest()).functions.invoke('auth-dev', { body: { persona: 'nobody' } });
    expect(data).toBeNull();
    const appError = await fromFunctionsError(error);
    expect(appError.kind).toBe('function');
    expect(appError.code).toBe('unknown_persona');
    expect(appError.status).toBe(404);
    expect(appError.message).toBe('没有这个演示账号');
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = await startTestServer();
    const deadUrl = closed.baseUrl;
    await closed.close();
    const supabase = clientFor(deadUrl, nodeMiniRequest());

    // postgrest-js retries failed GETs with backoff (1 s, 2 s, 4 s); not here.
    const { error, status } = await supabase.from('members').select('id').retry(false);
    expect(status).toBe(0);
    expect(fromPostgrestError(error!, status).message).toBe('网络异常，请稍后重试');

    const invoked = await supabase.functions.invoke('auth-dev', { method: 'GET' });
    expect((await fromFunctionsError(invoked.error)).message).toBe('网络异常，请稍后重试');
  });

  it('refuses PATCH, which wx.request cannot send, without touching the network', async () => {
    server.respond(() => ({ status: 204 }));
    const { error, status } = await clientFor(server.baseUrl, nodeMiniRequest()).from('members').update({ name: 'x' }).eq('id', 'm1');
    expect(status).toBe(0);
    expect(error?.message).toMatch(/PATCH/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('createRequestFetch', () => {
  function fakeRequest(result: { statusCode: number; header?: Record<string, string | string[]>; data?: unknown }) {
    const abort = vi.fn();
    const request = vi.fn(() => Object.assign(Promise.resolve(result), { abort }));
    return { request: request as unknown as MiniRequest & typeof request, abort };
  }

  it('builds a Response-like object: ok, status, statusText, case-insensitive headers, one-shot body', async () => {
    const { request } = fakeRequest({
      statusCode: 201,
      header: { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1', 'b=2'] },
      data: '{"id":1}',
    });
    const res = await createRequestFetch(request)('https://api.test/x', { method: 'post', body: '{"a":1}', headers: { 'X-Test': '1' } });
    expect(res).toBeInstanceOf(MiniResponse);
    expect(res.ok).toBe(true);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Created');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await res.json()).toEqual({ id: 1 });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://api.test/x', method: 'POST', data: '{"a":1}', header: { 'x-test': '1' }, responseType: 'text' }),
    );
  });

  it('turns an already-parsed body back into text and gives 204 an empty body', async () => {
    const parsed = await createRequestFetch(fakeRequest({ statusCode: 200, data: { a: 1 } }).request)('https://api.test/');
    expect(await parsed.text()).toBe('{"a":1}');
    const empty = await createRequestFetch(fakeRequest({ statusCode: 204, data: 'ignored' }).request)('https://api.test/', { method: 'DELETE' });
    expect(empty.ok).toBe(true);
    expect(await empty.text()).toBe('');
  });

  it('is not ok for 4xx/5xx and accepts URL objects and Headers instances', async () => {
    const { request } = fakeRequest({ statusCode: 503, data: 'down' });
    const res = await createRequestFetch(request)(new URL('https://api.test/path?q=1'), { headers: new HeadersPolyfill([['Accept', 'text/plain']]) });
    expect(res.ok).toBe(false);
    expect(res.statusText).toBe('Service Unavailable');
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.test/path?q=1', header: { accept: 'text/plain' } }));
  });

  it('aborts the wx request task when the signal fires and rejects with AbortError', async () => {
    const abort = vi.fn();
    const request = (() => Object.assign(new Promise<never>(() => {}), { abort })) as unknown as MiniRequest;
    const controller = new AbortController();
    const pending = createRequestFetch(request)('https://api.test/slow', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it('rejects an already-aborted signal without sending', async () => {
    const { request } = fakeRequest({ statusCode: 200 });
    const controller = new AbortController();
    controller.abort();
    await expect(createRequestFetch(request)('https://api.test/', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(request).not.toHaveBeenCalled();
  });

  it('rejects with a TypeError on request:fail, like fetch does', async () => {
    const request = (() => Object.assign(Promise.reject({ errMsg: 'request:fail timeout' }), { abort() {} })) as unknown as MiniRequest;
    const failure = createRequestFetch(request)('https://api.test/');
    await expect(failure).rejects.toBeInstanceOf(TypeError);
    await expect(failure).rejects.toThrow('Network request failed: request:fail timeout');
  });
});

// A minimal WHATWG `fetch` built on the mini-program request API
// (`wx.request`, reached through `Taro.request`). It covers what supabase-js
// uses: `fetch(url, { method, headers, body, signal })`, then `res.ok`,
// `res.status`, `res.statusText`, `res.headers.get()`, `res.text()` and
// `res.json()`. Kept free of Taro imports so tests can drive it with a fake
// request function.
import { HeadersPolyfill, type HeadersInitLike } from './headers-polyfill';

/** The subset of `Taro.request` options this adapter sends. */
export interface MiniRequestOptions {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: string | ArrayBuffer;
  /** Anything but 'json' stops wx.request from JSON.parse-ing the body; we parse it ourselves. */
  dataType: string;
  responseType: 'text';
  /** Milliseconds; wx.request's own default is 60 s. */
  timeout?: number;
}

/** What `Taro.request` resolves with. */
export interface MiniRequestResult {
  statusCode: number;
  header?: Record<string, string | string[] | undefined>;
  data?: unknown;
}

/** `Taro.request`: resolves for any HTTP status, rejects on network failure; may expose abort(). */
export type MiniRequest = (options: MiniRequestOptions) => PromiseLike<MiniRequestResult> & { abort?: () => void };

/** wx.request accepts only these methods; notably no PATCH (use an RPC instead). */
export const MINI_REQUEST_METHODS: readonly string[] = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'];

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  300: 'Multiple Choices',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface FetchInitLike {
  method?: string;
  headers?: HeadersInitLike;
  body?: unknown;
  signal?: AbortSignalLike | null;
}

interface AbortSignalLike {
  aborted: boolean;
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

type FetchInput = string | { href: string } | { url: string };

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function resolveUrl(input: FetchInput): string {
  if (typeof input === 'string') return input;
  if ('href' in input && typeof input.href === 'string') return input.href;
  if ('url' in input && typeof input.url === 'string') return input.url;
  return String(input);
}

function encodeBody(body: unknown): string | ArrayBuffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return body;
  if (ArrayBuffer.isView(body)) {
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString();
  throw new TypeError('This fetch supports string, ArrayBuffer, typed-array and URLSearchParams bodies only');
}

function responseText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  // Some runtimes parse JSON despite dataType; turn it back into the text we were sent.
  return JSON.stringify(data);
}

/** The Response-like object this fetch resolves with. */
export class MiniResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeadersPolyfill;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  private consumed = false;

  constructor(
    private readonly bodyText: string,
    init: { status: number; statusText?: string; headers?: HeadersInitLike; url?: string },
  ) {
    this.status = init.status;
    this.ok = init.status >= 200 && init.status <= 299;
    this.statusText = init.statusText ?? STATUS_TEXT[init.status] ?? '';
    this.headers = new HeadersPolyfill(init.headers);
    this.url = init.url ?? '';
  }

  get bodyUsed(): boolean {
    return this.consumed;
  }

  private consume(): string {
    // Same rule as WHATWG fetch, so code that works here also works on H5.
    if (this.consumed) throw new TypeError('Body has already been consumed');
    this.consumed = true;
    return this.bodyText;
  }

  async text(): Promise<string> {
    return this.consume();
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.consume());
  }

  async blob(): Promise<never> {
    throw new TypeError('Response.blob() is not available in the mini-program');
  }

  async formData(): Promise<never> {
    throw new TypeError('Response.formData() is not available in the mini-program');
  }

  clone(): MiniResponse {
    if (this.consumed) throw new TypeError('Cannot clone a consumed response');
    return new MiniResponse(this.bodyText, { status: this.status, statusText: this.statusText, headers: this.headers, url: this.url });
  }
}

export interface RequestFetchOptions {
  /**
   * Per-request timeout in ms (wx.request would wait 60 s). postgrest-js
   * retries a failed GET up to three times, so keep this modest.
   */
  timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Builds a `fetch` on top of a mini-program request function.
 * Network failures reject with a TypeError (like fetch); an aborted signal
 * rejects with an Error named 'AbortError'.
 */
export function createRequestFetch(
  request: MiniRequest,
  { timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS }: RequestFetchOptions = {},
): (input: FetchInput, init?: FetchInitLike) => Promise<MiniResponse> {
  return (input, init = {}) =>
    new Promise<MiniResponse>((resolve, reject) => {
      const url = resolveUrl(input);
      const method = (init.method ?? 'GET').toUpperCase();
      const signal = init.signal ?? undefined;

      if (!MINI_REQUEST_METHODS.includes(method)) {
        reject(new TypeError(`wx.request does not support HTTP ${method}; use an RPC (POST) instead`));
        return;
      }
      if (signal?.aborted) {
        reject(abortError());
        return;
      }

      let data: string | ArrayBuffer | undefined;
      try {
        data = method === 'GET' || method === 'HEAD' ? undefined : encodeBody(init.body);
      } catch (error) {
        reject(error);
        return;
      }

      const options: MiniRequestOptions = {
        url,
        method,
        header: new HeadersPolyfill(init.headers).toRecord(),
        dataType: 'text',
        responseType: 'text',
        timeout: timeoutMs,
      };
      if (data !== undefined) options.data = data;

      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        task.abort?.();
        reject(abortError());
      };
      const task = request(options);
      signal?.addEventListener?.('abort', onAbort, { once: true });

      task.then(
        (result) => {
          signal?.removeEventListener?.('abort', onAbort);
          if (settled) return;
          settled = true;
          const header: Record<string, string> = {};
          for (const [key, value] of Object.entries(result.header ?? {})) {
            if (value !== undefined) header[key] = Array.isArray(value) ? value.join(', ') : String(value);
          }
          const body = method === 'HEAD' || result.statusCode === 204 ? '' : responseText(result.data);
          resolve(new MiniResponse(body, { status: result.statusCode, headers: header, url }));
        },
        (failure: unknown) => {
          signal?.removeEventListener?.('abort', onAbort);
          if (settled) return;
          settled = true;
          const errMsg = (failure as { errMsg?: unknown } | null)?.errMsg;
          if (typeof errMsg === 'string' && /abort/i.test(errMsg)) {
            reject(abortError());
            return;
          }
          const detail = typeof errMsg === 'string' ? errMsg : failure instanceof Error ? failure.message : String(failure);
          reject(new TypeError(`Network request failed: ${detail}`));
        },
      );
    });
}

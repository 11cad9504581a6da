// One HTTP exchange with a provider, with a hard timeout that covers the whole
// exchange (connect, headers and body), and failures turned into AdapterError.
// Runtime-neutral: only fetch, AbortController and timers.
import { AdapterError, type AdapterErrorCode, type AdapterProvider } from './adapter-error.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 5_000;

/** Calls globalThis.fetch at call time, so a stub installed later still applies. */
export const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export interface ProviderExchange {
  provider: AdapterProvider;
  /** What we were doing, for messages: "WeChat jscode2session". Never the URL (it may carry a secret). */
  what: string;
  fetch: FetchLike;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  timeoutCode?: AdapterErrorCode;
  unreachableCode?: AdapterErrorCode;
}

export interface ProviderReply {
  status: number;
  headers: Headers;
  text: string;
}

export async function exchange(req: ProviderExchange): Promise<ProviderReply> {
  const controller = new AbortController();
  let timedOut = false;
  const timer: ReturnType<typeof setTimeout> = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  try {
    const res = await req.fetch(req.url, { ...req.init, signal: controller.signal });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (cause) {
    if (timedOut) {
      throw new AdapterError({
        provider: req.provider,
        code: req.timeoutCode ?? 'provider_timeout',
        message: `${req.what} did not answer within ${req.timeoutMs} ms; try again shortly`,
        cause,
      });
    }
    throw new AdapterError({
      provider: req.provider,
      code: req.unreachableCode ?? 'provider_unreachable',
      message: `${req.what} could not be reached (${describe(cause)}); check the network and the configured base URL`,
      cause,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a provider's JSON object body, or throws `code` naming what came back. */
export function parseJsonObject(
  reply: ProviderReply,
  ctx: { provider: AdapterProvider; what: string; code?: AdapterErrorCode },
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(reply.text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AdapterError({
      provider: ctx.provider,
      code: ctx.code ?? 'provider_bad_response',
      status: reply.status,
      message: `${ctx.what} answered HTTP ${reply.status} with something that is not a JSON object: ${preview(reply.text)}`,
    });
  }
  return value as Record<string, unknown>;
}

export function checkTimeout(ms: number | undefined, fallback = DEFAULT_TIMEOUT_MS): number {
  const value = ms ?? fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${String(ms)}`);
  return value;
}

/** Joins a base URL (with or without a trailing slash or path) and an API path. */
export function joinUrl(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  return url;
}

export function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const detail = inner instanceof Error ? `: ${inner.message}` : '';
    return `${cause.message}${detail}`;
  }
  return String(cause);
}

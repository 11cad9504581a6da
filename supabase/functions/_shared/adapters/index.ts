// External providers behind small, runtime-neutral adapters (Deno and Node).
// Each takes an injected fetch, a base URL and a timeout; all failures are
// AdapterError with a stable code.
export { AdapterError } from './adapter-error.ts';
export type { AdapterErrorCode, AdapterErrorInit, AdapterProvider } from './adapter-error.ts';
export { DEFAULT_TIMEOUT_MS } from './provider-http.ts';
export type { FetchLike } from './provider-http.ts';
export * from './wechat.adapter.ts';
export * from './wecom.adapter.ts';
export * from './sms.adapter.ts';
export * from './enterprise-verify.adapter.ts';
export * from './wechat-subscribe.adapter.ts';
export * from './wechatpay-sign.ts';
export * from './wechatpay.adapter.ts';

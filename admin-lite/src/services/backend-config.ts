// The validated runtime config, set once at start-up. Its own module so the
// token-refresh and function-request layers can read it without importing
// the supabase-js client (which itself depends on them).
import type { RuntimeConfig } from './runtime-config.service.ts';

let config: RuntimeConfig | undefined;

export function setBackendConfig(runtimeConfig: RuntimeConfig): void {
  config = runtimeConfig;
}

export function backendConfig(): RuntimeConfig {
  if (!config) throw new Error('initBackend() must run before any service call');
  return config;
}

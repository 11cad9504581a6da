// Where the backend is. Build-time env wins (TARO_APP_SUPABASE_URL and
// TARO_APP_SUPABASE_ANON_KEY); otherwise the H5 build reads /env.json from the
// origin that served it (the local gateway writes it). The mini-program has no
// origin to ask, so there the build-time env is required.
import { t } from '../i18n';
import { IS_H5 } from '../platform/env';
import { createPlatformFetch } from '../platform/fetch';
import { AppError } from './errors';

export interface RuntimeConfig {
  /** Gateway base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  supabaseUrl: string;
  /** The anon (public) key; never a service-role key. */
  anonKey: string;
  /** Local stack: enables the demo-persona login. */
  localMode: boolean;
  /** Org slug to claim a card in when the user came without a claim link (single-employer deployments). */
  defaultOrg?: string;
  /** WeCom corp id sent with auth-wecom (else the server's YIMA_WECOM_DEFAULT_CORP_ID). */
  wecomCorpId?: string;
}

export interface BuildTimeEnv {
  supabaseUrl?: string;
  anonKey?: string;
  localMode?: string;
  defaultOrg?: string;
  wecomCorpId?: string;
}

/** The literal `process.env.X` reads are what Taro's DefinePlugin replaces. */
function buildTimeEnv(): BuildTimeEnv {
  return {
    supabaseUrl: process.env.TARO_APP_SUPABASE_URL,
    anonKey: process.env.TARO_APP_SUPABASE_ANON_KEY,
    localMode: process.env.TARO_APP_LOCAL_MODE,
    defaultOrg: process.env.TARO_APP_DEFAULT_ORG,
    wecomCorpId: process.env.TARO_APP_WECOM_CORP_ID,
  };
}

const optional = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function configFromBuildEnv(env: BuildTimeEnv): RuntimeConfig | null {
  if (!env.supabaseUrl || !env.anonKey) return null;
  return {
    supabaseUrl: trimSlash(env.supabaseUrl),
    anonKey: env.anonKey,
    localMode: env.localMode === 'true' || env.localMode === '1',
    defaultOrg: optional(env.defaultOrg),
    wecomCorpId: optional(env.wecomCorpId),
  };
}

export function parseEnvJson(body: unknown): RuntimeConfig {
  const value = (body ?? {}) as Record<string, unknown>;
  if (typeof value.supabaseUrl !== 'string' || !value.supabaseUrl || typeof value.anonKey !== 'string' || !value.anonKey) {
    throw new AppError({ kind: 'config', code: 'config_invalid', message: t('error.configInvalid') });
  }
  return {
    supabaseUrl: trimSlash(value.supabaseUrl),
    anonKey: value.anonKey,
    localMode: value.localMode === true,
    defaultOrg: optional(value.defaultOrg),
    wecomCorpId: optional(value.wecomCorpId),
  };
}

export interface ConfigSources {
  env: BuildTimeEnv;
  isH5: boolean;
  /** Origin that served the H5 app (location.origin). */
  origin?: string;
  fetch: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
}

export async function resolveRuntimeConfig(sources: ConfigSources): Promise<RuntimeConfig> {
  const fromEnv = configFromBuildEnv(sources.env);
  if (fromEnv) return fromEnv;
  if (!sources.isH5 || !sources.origin) {
    throw new AppError({ kind: 'config', code: 'config_missing', message: t('error.configMissingWeapp') });
  }
  const url = `${sources.origin}/env.json`;
  let response: Awaited<ReturnType<ConfigSources['fetch']>>;
  try {
    response = await sources.fetch(url);
  } catch (cause) {
    throw new AppError({ kind: 'config', code: 'config_unreachable', message: t('error.configLoadFailed', { url }), cause });
  }
  if (!response.ok) {
    throw new AppError({ kind: 'config', code: 'config_unreachable', message: t('error.configLoadFailed', { url }), status: response.status });
  }
  return parseEnvJson(await response.json());
}

let pending: Promise<RuntimeConfig> | null = null;

/** The app's config, resolved once; a failure is not cached so a retry can succeed. */
export function getRuntimeConfig(): Promise<RuntimeConfig> {
  if (!pending) {
    const platformFetch = createPlatformFetch();
    pending = resolveRuntimeConfig({
      env: buildTimeEnv(),
      isH5: IS_H5,
      origin: IS_H5 && typeof location !== 'undefined' ? location.origin : undefined,
      fetch: (url) => platformFetch(url, { headers: { accept: 'application/json' } }),
    }).catch((error: unknown) => {
      pending = null;
      throw error;
    });
  }
  return pending;
}

import { describe, expect, it, vi } from 'vitest';
import { AppError } from './errors';
import { resolveRuntimeConfig, type ConfigSources } from './config.service';

const envJson = { supabaseUrl: 'http://127.0.0.1:54321/', anonKey: 'anon', localMode: true };

function sources(overrides: Partial<ConfigSources>): ConfigSources {
  return {
    env: {},
    isH5: true,
    origin: 'http://127.0.0.1:54321',
    fetch: vi.fn(async () => ({ ok: true, status: 200, json: async () => envJson })),
    ...overrides,
  };
}

describe('resolveRuntimeConfig', () => {
  it('prefers build-time env and does not fetch /env.json', async () => {
    const fetch = vi.fn();
    const config = await resolveRuntimeConfig(
      sources({ env: { supabaseUrl: 'https://api.example.com/', anonKey: 'k', localMode: 'true' }, fetch }),
    );
    expect(config).toEqual({ supabaseUrl: 'https://api.example.com', anonKey: 'k', localMode: true });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('on H5 without build-time env reads <origin>/env.json', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200, json: async () => envJson }));
    const config = await resolveRuntimeConfig(sources({ fetch }));
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:54321/env.json');
    expect(config).toEqual({ supabaseUrl: 'http://127.0.0.1:54321', anonKey: 'anon', localMode: true });
  });

  it('in the mini-program without build-time env fails with a clear zh-CN message', async () => {
    const failure = resolveRuntimeConfig(sources({ isH5: false, origin: undefined }));
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toThrow('缺少后端配置：构建小程序时请设置 TARO_APP_SUPABASE_URL 和 TARO_APP_SUPABASE_ANON_KEY');
  });

  it('needs both URL and key from the build env', async () => {
    const failure = resolveRuntimeConfig(sources({ isH5: false, env: { supabaseUrl: 'https://api.example.com' } }));
    await expect(failure).rejects.toMatchObject({ code: 'config_missing' });
  });

  it('explains an unreachable or incomplete /env.json', async () => {
    await expect(
      resolveRuntimeConfig(sources({ fetch: vi.fn(async () => ({ ok: false, status: 404, json: async () => ({}) })) })),
    ).rejects.toThrow('无法读取运行配置（http://127.0.0.1:54321/env.json），请确认后端已启动');
    await expect(
      resolveRuntimeConfig(sources({ fetch: vi.fn(async () => ({ ok: true, status: 200, json: async () => ({ supabaseUrl: 'x' }) })) })),
    ).rejects.toMatchObject({ code: 'config_invalid' });
  });
});

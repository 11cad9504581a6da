import { describe, expect, it, vi } from 'vitest';
import { configFromBuildEnv, loadRuntimeConfig, RuntimeConfigError } from './runtime-config.service.ts';

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('runtime config', () => {
  it('prefers the build-time env and does not fetch', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const config = await loadRuntimeConfig({
      env: { VITE_SUPABASE_URL: 'https://x.example.com/', VITE_SUPABASE_ANON_KEY: 'anon' },
      envJsonUrl: 'http://gw/env.json',
      fetchImpl,
    });
    expect(config).toEqual({ supabaseUrl: 'https://x.example.com', anonKey: 'anon', localMode: false });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('rejects half a build-time config', () => {
    expect(() => configFromBuildEnv({ VITE_SUPABASE_URL: 'http://x' })).toThrow(RuntimeConfigError);
  });

  it('fetches and validates /env.json otherwise', async () => {
    const fetchImpl = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse({ supabaseUrl: 'http://127.0.0.1:54321', anonKey: 'anon', localMode: true }),
    );
    const config = await loadRuntimeConfig({ env: {}, envJsonUrl: 'http://127.0.0.1:54321/env.json', fetchImpl });
    expect(config.localMode).toBe(true);
    expect(fetchImpl).toHaveBeenCalledWith('http://127.0.0.1:54321/env.json', expect.anything());
  });

  it('explains a missing or invalid /env.json', async () => {
    const missing = vi.fn<typeof fetch>().mockResolvedValue(new Response('nope', { status: 404 }));
    await expect(loadRuntimeConfig({ env: {}, envJsonUrl: '/env.json', fetchImpl: missing })).rejects.toThrow(/HTTP 404/);

    const invalid = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse({ supabaseUrl: 'not a url' }));
    const error = await loadRuntimeConfig({ env: {}, envJsonUrl: '/env.json', fetchImpl: invalid }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeConfigError);
    expect((error as RuntimeConfigError).detail).toMatch(/supabaseUrl/);
    expect((error as RuntimeConfigError).detail).toMatch(/anonKey/);
  });
});

// The gateway behaves like Supabase's: apikey stands in for a bearer, bad
// JWTs get 401 on both REST and functions, the dev login mints working tokens.
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { stackInfo } from './setup/personas.ts';

describe('gateway', () => {
  it('rejects a JWT signed with another secret with 401 on REST', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const forged = anonKey.replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    const res = await fetch(`${apiUrl}/rest/v1/members?select=id`, { headers: { apikey: anonKey, authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toMatch(/^PGRST/);
  });

  it('rejects a missing or bad JWT with 401 {error:{code,message}} on functions that verify it', async () => {
    const { apiUrl } = stackInfo();
    const none = await fetch(`${apiUrl}/functions/v1/some-function`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('missing_authorization');
    const bad = await fetch(`${apiUrl}/functions/v1/some-function`, { method: 'POST', headers: { authorization: 'Bearer x.y.z' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe('invalid_jwt');
  });

  it('serves the public runtime config, and answers CORS preflight', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const env = await (await fetch(`${apiUrl}/env.json`)).json();
    expect(env).toEqual({ supabaseUrl: apiUrl, anonKey, localMode: true });
    const pre = await fetch(`${apiUrl}/rest/v1/members`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('apikey');
  });
});

describe('dev login (auth-dev)', () => {
  it('lists personas and mints a token that PostgREST accepts', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const anon = createClient(apiUrl, anonKey, { auth: { persistSession: false } });
    const list = await anon.functions.invoke('auth-dev', { method: 'GET' });
    expect(list.error).toBeNull();
    expect(list.data.personas.map((p: { key: string }) => p.key)).toEqual(['super-admin-a', 'dept-admin-a', 'member-a', 'member-b']);
    const login = await anon.functions.invoke('auth-dev', { body: { persona: 'member-a' } });
    expect(login.error).toBeNull();
    expect(login.data.member.name).toBe('王芳');
    const client = createClient(apiUrl, anonKey, { accessToken: async () => login.data.access_token });
    const { data } = await client.from('members').select('name');
    expect(data).toEqual([{ name: '王芳' }]);
  });

  it('answers an unknown persona with 404 and a message naming the valid ones', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const res = await fetch(`${apiUrl}/functions/v1/auth-dev`, {
      method: 'POST', headers: { apikey: anonKey, 'content-type': 'application/json' }, body: '{"persona":"nobody"}',
    });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('unknown_persona');
    expect(body.error.message).toContain('member-a');
  });

  it('rejects a non-JSON body with 400', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const res = await fetch(`${apiUrl}/functions/v1/auth-dev`, { method: 'POST', headers: { apikey: anonKey }, body: 'persona=x' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_body');
  });

  it('serves the web apps with security headers', async () => {
    const { apiUrl } = stackInfo();
    for (const app of ['/admin/', '/h5/']) {
      const res = await fetch(`${apiUrl}${app}`);
      if (res.status !== 200) continue; // not built in this run
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('permissions-policy')).toContain('geolocation=(self)');
    }
  });

  it('rate-limits anonymous calls to a function per client IP with 429 and Retry-After', async () => {
    const { apiUrl, anonKey } = stackInfo();
    // registration-submit is called anonymously by no other test, so its anonymous bucket is ours.
    const call = () => fetch(`${apiUrl}/functions/v1/registration-submit?point_id=00000000-0000-4000-8000-000000000000`, {
      headers: { apikey: anonKey, authorization: `Bearer ${anonKey}`, 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` },
    });
    let limited: Response | undefined;
    for (let i = 0; i < 320 && !limited; i++) {
      const res = await call();
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited, 'no 429 within 320 anonymous calls').toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited!.json()).error.code).toBe('rate_limited');
  });
});

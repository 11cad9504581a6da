import { describe, expect, it } from 'vitest';
import { readEnv } from '../_shared/env.ts';
import { createHandler } from './handler.ts';

describe('auth-dev handler outside local mode', () => {
  it('refuses to mint tokens when YIMA_LOCAL_MODE is off', async () => {
    const handler = createHandler(readEnv((key) => ({
      SUPABASE_URL: 'http://127.0.0.1:9', SUPABASE_ANON_KEY: 'a', SUPABASE_SERVICE_ROLE_KEY: 's', YIMA_JWT_SECRET: 'j', YIMA_LOCAL_MODE: '0',
    } as Record<string, string>)[key]));
    const res = await handler(new Request('http://x/auth-dev', { method: 'POST', body: '{"persona":"member-a"}' }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('dev_login_disabled');
  });
});

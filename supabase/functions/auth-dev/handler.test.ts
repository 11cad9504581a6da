import { describe, expect, it } from 'vitest';
import { createHandler } from './handler.ts';

describe('auth-dev handler outside local mode', () => {
  it('refuses to mint tokens when YIMA_LOCAL_MODE is off', async () => {
    const handler = createHandler({
      supabaseUrl: 'http://127.0.0.1:9', anonKey: 'a', serviceRoleKey: 's', jwtSecret: 'j', localMode: false, accessTokenTtl: 60,
    });
    const res = await handler(new Request('http://x/auth-dev', { method: 'POST', body: '{"persona":"member-a"}' }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('dev_login_disabled');
  });
});

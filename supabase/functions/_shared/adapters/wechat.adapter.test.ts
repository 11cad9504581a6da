import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatFake, type WechatFake } from '../../../tests/fakes/index.ts';
import { adapterError, CLOSED_URL, fixedFetch, recordingFetch } from './test-helpers.ts';
import { code2Session } from './wechat.adapter.ts';

const appId = 'wx1234567890abcdef';
const appSecret = 'wechat-app-secret-0123456789abcd';
let fake: WechatFake;

beforeAll(async () => {
  fake = await startWechatFake({ appId, appSecret });
});
afterAll(() => fake.stop());

const login = (code: string, over: Partial<Parameters<typeof code2Session>[0]> = {}) =>
  code2Session({ appId, appSecret, code, baseUrl: fake.url, ...over });

describe('WeChat code2Session', () => {
  it('exchanges a code for openid, unionid and session key with the documented query', async () => {
    const { fetch, calls } = recordingFetch();
    const session = await login(fake.issueCode('o-openid-1', 'u-union-1'), { fetch });
    expect(session).toEqual({ openid: 'o-openid-1', unionid: 'u-union-1', sessionKey: expect.any(String) });
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: appId, secret: appSecret, js_code: expect.any(String), grant_type: 'authorization_code',
    });
  });

  it('leaves unionid out when WeChat sends none', async () => {
    const session = await login(fake.issueCode('o-openid-2'));
    expect(session.openid).toBe('o-openid-2');
    expect('unionid' in session).toBe(false);
  });

  it('accepts a base URL with a trailing slash', async () => {
    expect((await login(fake.issueCode('o-3'), { baseUrl: `${fake.url}/` })).openid).toBe('o-3');
  });

  it('refuses a code the second time (40163 -> code_used)', async () => {
    const code = fake.issueCode('o-openid-4');
    await login(code);
    const error = await adapterError(login(code));
    expect(error).toMatchObject({ provider: 'wechat', code: 'code_used', providerCode: '40163' });
    expect(error.message).toMatch(/wx\.login again/);
  });

  it('maps an unknown code to invalid_code (40029)', async () => {
    expect(await adapterError(login('no-such-code'))).toMatchObject({ code: 'invalid_code', providerCode: '40029' });
  });

  it('maps a wrong app secret to invalid_credentials without echoing the secret', async () => {
    const error = await adapterError(login(fake.issueCode('o-5'), { appSecret: 'wrong-secret-value' }));
    expect(error).toMatchObject({ code: 'invalid_credentials', providerCode: '40125' });
    expect(error.message).toMatch(/YIMA_WECHAT_APP_SECRET/);
    expect(error.message).not.toMatch(/wrong-secret-value/);
  });

  it('maps rate limiting (45011) and busy (-1)', async () => {
    fake.failNext(45011, 'api minute-quota reach limit');
    expect(await adapterError(login(fake.issueCode('o-6')))).toMatchObject({ code: 'rate_limited', providerCode: '45011' });
    fake.failNext(-1, 'system error');
    expect(await adapterError(login(fake.issueCode('o-6')))).toMatchObject({ code: 'provider_busy', providerCode: '-1' });
  });

  it('maps other errcodes to provider_error naming the errcode', async () => {
    fake.failNext(40226, 'high risk user');
    expect((await adapterError(login(fake.issueCode('o-7')))).code).toBe('user_blocked');
    fake.failNext(48001, 'api unauthorized');
    const error = await adapterError(login(fake.issueCode('o-7')));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('48001');
  });

  it('gives up after timeoutMs with provider_timeout', async () => {
    fake.delayMs = 400;
    try {
      const started = Date.now();
      const error = await adapterError(login(fake.issueCode('o-8'), { timeoutMs: 80 }));
      expect(error.code).toBe('provider_timeout');
      expect(error.message).toMatch(/80 ms/);
      expect(Date.now() - started).toBeLessThan(350);
    } finally {
      fake.delayMs = 0;
    }
  });

  it('reports an unreachable base URL and a non-JSON answer', async () => {
    expect((await adapterError(login('x', { baseUrl: CLOSED_URL }))).code).toBe('provider_unreachable');
    const html = await adapterError(login('x', { fetch: fixedFetch('<html>502 Bad Gateway</html>', 502) }));
    expect(html).toMatchObject({ code: 'provider_bad_response', status: 502 });
    expect((await adapterError(login('x', { fetch: fixedFetch('{"errcode":0}') }))).code).toBe('provider_bad_response');
  });

  it('rejects an empty code without calling WeChat', async () => {
    const before = fake.calls;
    expect((await adapterError(login(''))).code).toBe('invalid_code');
    expect(fake.calls).toBe(before);
  });
});

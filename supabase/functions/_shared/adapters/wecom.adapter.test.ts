import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWecomFake, type WecomFake } from '../../../tests/fakes/index.ts';
import type { FetchLike } from './provider-http.ts';
import { adapterError } from './test-helpers.ts';
import { WECOM_TOKEN_REFRESH_MARGIN_MS, WecomClient, type WecomClientOptions } from './wecom.adapter.ts';

const corpId = 'ww0123456789abcdef';
const corpSecret = 'wecom-app-secret-0123456789';
let fake: WecomFake;

beforeEach(async () => {
  fake = await startWecomFake({ corpId, corpSecret });
});
afterEach(() => fake.stop());

const client = (over: Partial<WecomClientOptions> = {}) => new WecomClient({ corpId, corpSecret, baseUrl: fake.url, ...over });

describe('WecomClient token', () => {
  it('caches the token between calls', async () => {
    const wecom = client();
    const token = await wecom.getAccessToken();
    expect(await wecom.getAccessToken()).toBe(token);
    await wecom.code2Session(fake.issueCode('zhangsan'));
    expect(fake.tokenFetches).toBe(1);
  });

  it('shares one fetch between concurrent callers', async () => {
    const wecom = client();
    const tokens = await Promise.all([wecom.getAccessToken(), wecom.getAccessToken(), wecom.getAccessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenFetches).toBe(1);
  });

  it('refreshes 5 minutes before expiry', async () => {
    let now = 1_700_000_000_000;
    const wecom = client({ now: () => now });
    const first = await wecom.getAccessToken();
    now += 7200 * 1000 - WECOM_TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await wecom.getAccessToken()).toBe(first);
    expect(fake.tokenFetches).toBe(1);
    now += 1;
    expect(await wecom.getAccessToken()).not.toBe(first);
    expect(fake.tokenFetches).toBe(2);
  });

  it('refetches the token once when WeCom says it expired (42001)', async () => {
    const wecom = client();
    await wecom.getAccessToken();
    fake.expireTokens();
    const session = await wecom.code2Session(fake.issueCode('lisi'));
    expect(session.userId).toBe('lisi');
    expect(fake.tokenFetches).toBe(2);
  });

  it('retries only once when the new token is refused too', async () => {
    let tokenCalls = 0;
    const alwaysInvalid: FetchLike = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/gettoken')) {
        tokenCalls++;
        return globalThis.fetch(input, init);
      }
      return Response.json({ errcode: 40014, errmsg: 'invalid access_token' });
    };
    const error = await adapterError(client({ fetch: alwaysInvalid }).code2Session('any'));
    expect(error).toMatchObject({ provider: 'wecom', code: 'provider_error', providerCode: '40014' });
    expect(error.message).toMatch(/secret was not reset/);
    expect(tokenCalls).toBe(2);
  });

  it('maps a wrong secret (40001) and corp id (40013) to invalid_credentials', async () => {
    const bad = await adapterError(client({ corpSecret: 'not-the-secret' }).getAccessToken());
    expect(bad).toMatchObject({ code: 'invalid_credentials', providerCode: '40001' });
    expect(bad.message).not.toContain('not-the-secret');
    expect(await adapterError(client({ corpId: 'wwunknown' }).getAccessToken())).toMatchObject({ code: 'invalid_credentials', providerCode: '40013' });
    expect(fake.tokenFetches).toBe(0);
  });

  it('does not cache a failed token fetch', async () => {
    const wecom = client();
    fake.failNext(-1, 'system busy');
    expect((await adapterError(wecom.getAccessToken())).code).toBe('provider_busy');
    expect(await wecom.getAccessToken()).toEqual(expect.any(String));
  });
});

describe('WecomClient code2Session', () => {
  it('returns corp, userid and session key', async () => {
    expect(await client().code2Session(fake.issueCode('wangwu'))).toEqual({ corpId, userId: 'wangwu', sessionKey: expect.any(String) });
  });

  it('maps unknown and reused codes', async () => {
    const wecom = client();
    expect(await adapterError(wecom.code2Session('bogus'))).toMatchObject({ code: 'invalid_code', providerCode: '40029' });
    const code = fake.issueCode('zhaoliu');
    await wecom.code2Session(code);
    expect(await adapterError(wecom.code2Session(code))).toMatchObject({ code: 'code_used', providerCode: '40163' });
  });

  it('maps rate limits and the IP allow-list', async () => {
    const wecom = client();
    await wecom.getAccessToken();
    fake.failNext(45009, 'api freq out of limit');
    expect((await adapterError(wecom.code2Session(fake.issueCode('a')))).code).toBe('rate_limited');
    fake.failNext(60020, 'not allow to access from your ip');
    const ip = await adapterError(wecom.code2Session(fake.issueCode('a')));
    expect(ip.code).toBe('ip_not_allowed');
    expect(ip.message).toMatch(/trusted IP/);
  });

  it('times out with provider_timeout', async () => {
    const wecom = client({ timeoutMs: 80 });
    await wecom.getAccessToken();
    fake.delayMs = 400;
    expect((await adapterError(wecom.code2Session(fake.issueCode('b')))).code).toBe('provider_timeout');
    fake.delayMs = 0;
  });
});

describe('WecomClient sendAppMessage', () => {
  it('posts a text message to the recipients', async () => {
    const result = await client().sendAppMessage({ toUser: ['zhangsan', 'lisi'], agentId: '1000002', text: '明天 9:00 消防演练' });
    expect(result).toEqual({ msgId: expect.any(String), invalidUsers: [] });
    expect(fake.sentMessages).toEqual([{ toUser: ['zhangsan', 'lisi'], agentId: 1000002, msgtype: 'text', content: '明天 9:00 消防演练' }]);
  });

  it('retries with a fresh token after expiry', async () => {
    const wecom = client();
    await wecom.getAccessToken();
    fake.expireTokens();
    await wecom.sendAppMessage({ toUser: '@all', agentId: 1000002, text: 'hi' });
    expect(fake.sentMessages).toHaveLength(1);
    expect(fake.tokenFetches).toBe(2);
  });
});

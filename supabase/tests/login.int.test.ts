// Logins through the real functions against local fakes of WeChat, WeCom,
// Tencent Cloud SMS and an enterprise verification endpoint.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { callFunction } from './setup/accounts.ts';
import { ENTERPRISE_PEOPLE, FAKE_CREDENTIALS, fakeControl } from './setup/fake-services.ts';
import { adminDb } from './setup/personas.ts';

const db = () => adminDb();
const control = <T>(path: string) => fakeControl<T>(inject('fakes').controlUrl, path);
const device = () => `dev-${randomUUID().slice(0, 12)}`;
let org: { id: string; slug: string };

beforeAll(async () => {
  const slug = `login-${randomUUID().slice(0, 8)}`;
  const { rows } = await db().query(`insert into orgs (name, slug) values ('登录测试', $1) returning id`, [slug]);
  org = { id: rows[0].id, slug };
  await db().query(`insert into members (org_id, employee_no, name, phone, wecom_userid) values
    ($1, 'W001', '微信甲', '13600000001', null), ($1, 'W002', '微信乙', '13600000002', null),
    ($1, 'Q001', '企微甲', '13600000003', 'zhangsan'), ($1, 'API001', '接口验证甲', null, null)`, [org.id]);
});

describe('auth-wechat', () => {
  it('logs in with a wx.login code, claims a card, and a bound openid cannot claim a second member', async () => {
    const openid = `o-${randomUUID()}`;
    const { code } = await control<{ code: string }>(`/wechat/code?openid=${openid}`);
    const login = await callFunction('auth-wechat', { body: { code } });
    expect(login.status).toBe(200);
    expect(login.body.member).toBeNull();
    const claimed = await callFunction('card-claim', {
      token: login.body.access_token, body: { org: org.slug, device_id: device(), fields: { employee_no: 'W001', phone: '13600000001' } },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.member.name).toBe('微信甲');

    // Same openid again (a new code): the same account, now with its membership.
    const again = await callFunction('auth-wechat', { body: { code: (await control<{ code: string }>(`/wechat/code?openid=${openid}`)).code } });
    expect(again.body.user.id).toBe(login.body.user.id);
    expect(again.body.member.org_id).toBe(org.id);

    const second = await callFunction('card-claim', {
      token: again.body.access_token, body: { org: org.slug, device_id: device(), fields: { employee_no: 'W002', phone: '13600000002' } },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('account_bound');
  });

  it('refuses a used or unknown code with a clear error', async () => {
    const { code } = await control<{ code: string }>(`/wechat/code?openid=o-${randomUUID()}`);
    expect((await callFunction('auth-wechat', { body: { code } })).status).toBe(200);
    const reused = await callFunction('auth-wechat', { body: { code } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('code_used');
    const unknown = await callFunction('auth-wechat', { body: { code: 'no-such-code' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_code');
    expect((await callFunction('auth-wechat', { body: {} })).status).toBe(400);
  });
});

describe('auth-wecom', () => {
  it('binds the member with that WeCom userid automatically', async () => {
    await db().query(`update org_auth_settings set wecom_corp_id = $2 where org_id = $1`, [org.id, FAKE_CREDENTIALS.wecom.corpId]);
    await db().query(`insert into app_private.org_secrets (org_id, name, value) values ($1, 'wecom_corp_secret', $2)
      on conflict (org_id, name) do update set value = excluded.value`, [org.id, FAKE_CREDENTIALS.wecom.corpSecret]);
    const { code } = await control<{ code: string }>('/wecom/code?userid=zhangsan');
    const login = await callFunction('auth-wecom', { body: { code, corp_id: FAKE_CREDENTIALS.wecom.corpId } });
    expect(login.status).toBe(200);
    expect(login.body.member).toMatchObject({ name: '企微甲', org_id: org.id });
    const { rows } = await db().query(`select account_id from members where org_id = $1 and wecom_userid = 'zhangsan'`, [org.id]);
    expect(rows[0].account_id).toBe(login.body.user.id);

    const stranger = await control<{ code: string }>('/wecom/code?userid=nobody');
    const refused = await callFunction('auth-wecom', { body: { code: stranger.code, corp_id: FAKE_CREDENTIALS.wecom.corpId } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('wecom_user_not_member');
    const unknownCorp = await callFunction('auth-wecom', { body: { code: 'x', corp_id: 'wwunknowncorp' } });
    expect(unknownCorp.status).toBe(404);
  });
});

describe('auth-sms', () => {
  it('sends a code through Tencent Cloud SMS, verifies it once, and rate-limits resends', async () => {
    const phone = `135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const sent = await callFunction('auth-sms', { path: '/send', body: { phone } });
    expect(sent.status).toBe(200);
    const { code } = await control<{ code: string }>(`/sms/last-code?phone=${phone}`);
    expect(code).toMatch(/^\d{6}$/);

    const again = await callFunction('auth-sms', { path: '/send', body: { phone } });
    expect(again.status).toBe(429);
    expect(again.body.error.retry_after).toBeGreaterThan(0);

    const wrong = await callFunction('auth-sms', { path: '/verify', body: { phone, code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('code_wrong');
    const ok = await callFunction('auth-sms', { path: '/verify', body: { phone, code } });
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
    const replay = await callFunction('auth-sms', { path: '/verify', body: { phone, code } });
    expect(replay.status).toBe(400);
    const { rows } = await db().query('select phone from accounts where id = $1', [ok.body.user.id]);
    expect(rows[0].phone).toBe(phone);
  });

  it('kills a code after 5 wrong tries and rejects malformed phones', async () => {
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await callFunction('auth-sms', { path: '/send', body: { phone } });
    const { code } = await control<{ code: string }>(`/sms/last-code?phone=${phone}`);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await callFunction('auth-sms', { path: '/verify', body: { phone, code: wrongCode } });
    const dead = await callFunction('auth-sms', { path: '/verify', body: { phone, code } });
    expect(dead.body.error.code).toBe('too_many_attempts');
    const bad = await callFunction('auth-sms', { path: '/send', body: { phone: '12345' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('11-digit');
  });
});

describe('card-claim by the enterprise API', () => {
  it('asks the enterprise, binds on yes, refuses and counts on no, and explains a misconfiguration', async () => {
    const account = await callFunction('auth-wechat', { body: { code: (await control<{ code: string }>(`/wechat/code?openid=o-${randomUUID()}`)).code } });
    const token = account.body.access_token;
    const apiClaim = (fields: Record<string, string>) =>
      callFunction('card-claim', { token, body: { org: org.slug, device_id: device(), fields } });

    await db().query(`update org_auth_settings set claim_method = 'api', api_verify_url = $2 where org_id = $1`, [org.id, inject('fakes').enterpriseUrl]);
    await db().query(`delete from app_private.org_secrets where org_id = $1 and name = 'api_verify_secret'`, [org.id]);
    const unconfigured = await apiClaim({ employee_no: 'API001', name: '接口验证甲' });
    expect(unconfigured.status).toBe(503);
    expect(unconfigured.body.error.code).toBe('api_verify_not_configured');

    await db().query(`insert into app_private.org_secrets (org_id, name, value) values ($1, 'api_verify_secret', $2)`, [org.id, FAKE_CREDENTIALS.enterprise.secret]);
    const no = await apiClaim({ employee_no: 'API001', name: '别人' });
    expect(no.status).toBe(403);
    expect(no.body.error.code).toBe('no_match');
    const yes = await apiClaim({ employee_no: ENTERPRISE_PEOPLE[0]!.employee_no, name: ENTERPRISE_PEOPLE[0]!.name });
    expect(yes.status).toBe(200);
    expect(yes.body.member.name).toBe('接口验证甲');
    await db().query(`update org_auth_settings set claim_method = 'employee_no_phone', api_verify_url = null where org_id = $1`, [org.id]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminProfile, adminSession, ORG_B_ID, ORG_ID, tokenBody } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { loginWithDevPersona, loginWithSms, logout, sendSmsCode, switchOrg } from './auth.service.ts';
import { getSession, saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { resetRefreshStateForTests } from './token-refresh.service.ts';

const VERIFY = '/functions/v1/auth-sms/verify';
const SEND = '/functions/v1/auth-sms/send';
const PROFILE = '/rest/v1/rpc/my_admin_profile';
const LOGOUT = '/functions/v1/auth-session/logout';
const SWITCH = '/functions/v1/auth-session/switch-org';

const TWO_ORGS = [
  { org_id: ORG_ID, org_name: '示范科技有限公司', org_slug: 'demo', member_id: 'm-admin', member_name: '张伟', department_id: 'hq' },
  { org_id: ORG_B_ID, org_name: '友邻制造有限公司', org_slug: 'nb', member_id: 'm-b', member_name: '张伟', department_id: 'b-hq' },
];

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};

/** A backend where the account administers `adminOrgs`. */
function backend(adminOrgs: string[], verifyBody: Record<string, unknown> = tokenBody()): FakeHandler {
  return (request) => {
    switch (request.url.pathname) {
      case VERIFY:
      case '/functions/v1/auth-dev':
        return jsonResponse(verifyBody);
      case PROFILE: {
        const org = (request.body as { p_org: string }).p_org;
        return jsonResponse(adminProfile({ org_id: org, is_admin: adminOrgs.includes(org), is_super: false, functions: [] }));
      }
      case SWITCH: {
        const org = (request.body as { org_id: string }).org_id;
        return jsonResponse(
          tokenBody({
            access_token: `jwt-for-${org}`,
            refresh_token: `refresh-for-${org}-0123456789`,
            member: { id: 'm-b', org_id: org, name: '张伟', department_id: 'b-hq' },
            memberships: TWO_ORGS,
          }),
        );
      }
      case LOGOUT:
        return jsonResponse({ ok: true });
      default:
        return jsonResponse({ error: { code: 'not_found', message: request.url.pathname } }, 404);
    }
  };
}

beforeEach(() => {
  resetRefreshStateForTests();
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SMS login', () => {
  it('verifies the code, checks admin rights with the new token, and stores the session with its refresh token', async () => {
    use(backend([ORG_ID]));
    const session = await loginWithSms('13800000001', '123456');

    expect(callsTo(fetchMock, VERIFY)[0]!.body).toEqual({ phone: '13800000001', code: '123456' });
    const profileCall = callsTo(fetchMock, PROFILE)[0]!;
    expect(profileCall.body).toEqual({ p_org: ORG_ID });
    expect(profileCall.bearer).toBe('jwt-new');
    expect(session).toMatchObject({ accessToken: 'jwt-new', refreshToken: 'refresh-new-0123456789', adminOrgIds: [ORG_ID] });
    expect(getSession()?.orgName).toBe('示范科技有限公司');
    expect(callsTo(fetchMock, LOGOUT)).toHaveLength(0);
  });

  it('refuses an account that is not an admin: no session, and the new refresh token is revoked', async () => {
    use(backend([]));
    await expect(loginWithSms('13800000003', '123456')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'not_admin',
      message: expect.stringMatching(/^该账号不是管理员/),
    });
    expect(getSession()).toBeNull();
    expect(localStorage.length).toBe(0);
    expect(callsTo(fetchMock, LOGOUT).map((c) => c.body)).toEqual([{ refresh_token: 'refresh-new-0123456789' }]);
  });

  it('refuses a dev persona that is not an admin the same way', async () => {
    use(backend([]));
    await expect(loginWithDevPersona({ key: 'member-a', name: '王芳', org_name: '示范科技有限公司', role_label: '普通成员' })).rejects.toMatchObject({
      code: 'not_admin',
    });
    expect(getSession()).toBeNull();
  });

  it('moves to the org the account administers when the token is for another one', async () => {
    use(backend([ORG_B_ID], tokenBody({ memberships: TWO_ORGS })));
    const session = await loginWithSms('13800000001', '123456');

    expect(callsTo(fetchMock, PROFILE).map((c) => (c.body as { p_org: string }).p_org).sort()).toEqual([ORG_ID, ORG_B_ID].sort());
    const switchCall = callsTo(fetchMock, SWITCH)[0]!;
    expect(switchCall.body).toEqual({ org_id: ORG_B_ID });
    expect(switchCall.bearer).toBe('jwt-new');
    expect(session).toMatchObject({ accessToken: `jwt-for-${ORG_B_ID}`, member: { org_id: ORG_B_ID }, adminOrgIds: [ORG_B_ID] });
    expect(session.orgName).toBe('友邻制造有限公司');
    // The first org's refresh token is not left alive.
    expect(callsTo(fetchMock, LOGOUT).map((c) => c.body)).toEqual([{ refresh_token: 'refresh-new-0123456789' }]);
  });

  it('maps a wrong code to 验证码错误 with the tries left', async () => {
    use(() => jsonResponse({ error: { code: 'code_wrong', message: '验证码错误', remaining: 4 } }, 400));
    await expect(loginWithSms('13800000001', '000000')).rejects.toMatchObject({
      code: 'code_wrong',
      remaining: 4,
      message: '验证码错误，还可尝试 4 次',
    });
  });

  it('sends a code and reports the wait, or the rate limit with retry_after', async () => {
    use(() => jsonResponse({ sent: true, expires_in: 300, retry_after: 60 }));
    expect(await sendSmsCode('13800000001')).toEqual({ expiresIn: 300, retryAfter: 60 });
    expect(callsTo(fetchMock, SEND)[0]).toMatchObject({ body: { phone: '13800000001' }, bearer: undefined });

    use(() => jsonResponse({ error: { code: 'rate_limited', message: 'wait 42 seconds before requesting another code', retry_after: 42 } }, 429));
    await expect(sendSmsCode('13800000001')).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfter: 42,
      message: '获取验证码过于频繁，请 42 秒后再试',
    });
  });
});

describe('logout', () => {
  it('revokes the refresh token, then forgets the session', async () => {
    saveSession(adminSession());
    use(backend([ORG_ID]));
    await logout();
    expect(callsTo(fetchMock, LOGOUT).map((c) => c.body)).toEqual([{ refresh_token: 'refresh-abc-0123456789' }]);
    expect(getSession()).toBeNull();
  });

  it('still signs out locally when the server cannot be reached', async () => {
    saveSession(adminSession());
    use(() => {
      throw new TypeError('Failed to fetch');
    });
    await logout();
    expect(getSession()).toBeNull();
  });
});

describe('switchOrg', () => {
  it('gets a session for the other org with the bearer, keeps the admin orgs, and revokes the old refresh token', async () => {
    saveSession(adminSession({ memberships: TWO_ORGS, adminOrgIds: [ORG_ID, ORG_B_ID] }));
    use(backend([ORG_ID, ORG_B_ID]));
    const session = await switchOrg(ORG_B_ID);

    expect(callsTo(fetchMock, SWITCH)[0]).toMatchObject({ body: { org_id: ORG_B_ID }, bearer: 'token-abc' });
    expect(session).toMatchObject({ member: { org_id: ORG_B_ID }, orgName: '友邻制造有限公司', adminOrgIds: [ORG_ID, ORG_B_ID] });
    expect(getSession()?.refreshToken).toBe(`refresh-for-${ORG_B_ID}-0123456789`);
    await vi.waitFor(() => expect(callsTo(fetchMock, LOGOUT).map((c) => c.body)).toEqual([{ refresh_token: 'refresh-abc-0123456789' }]));
  });
});

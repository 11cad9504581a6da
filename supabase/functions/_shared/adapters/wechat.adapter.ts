// WeChat mini-program login (小程序登录): exchanges the code from wx.login for
// the user's openid (and unionid when the app is bound to an open platform
// account) via auth.code2Session:
//   GET {baseUrl}/sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code
//   -> { openid, session_key, unionid? } or { errcode, errmsg }
// A code is valid for 5 minutes and for one exchange only.
import { AdapterError, type AdapterErrorCode } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, joinUrl, parseJsonObject, type FetchLike } from './provider-http.ts';

export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

export interface WechatCode2SessionInput {
  appId: string;
  appSecret: string;
  /** The code from wx.login. */
  code: string;
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
  /** Decrypts wx.getPhoneNumber-style payloads; keep server-side only. */
  sessionKey: string;
}

const WHAT = 'WeChat jscode2session';

/** errcode -> what we tell the caller. Anything else becomes provider_error. */
const ERRCODES: Record<number, { code: AdapterErrorCode; message: string }> = {
  40029: { code: 'invalid_code', message: 'WeChat says the login code is invalid or expired (errcode 40029); call wx.login again and send the new code' },
  40163: { code: 'code_used', message: 'This login code was already used (errcode 40163); call wx.login again and send the new code' },
  45011: { code: 'rate_limited', message: 'WeChat is limiting logins for this user (errcode 45011, at most 100 a minute); wait a minute and try again' },
  40226: { code: 'user_blocked', message: 'WeChat refused the login because it flags this user as high-risk (errcode 40226)' },
  [-1]: { code: 'provider_busy', message: 'WeChat is busy (errcode -1); try again in a moment' },
  40125: { code: 'invalid_credentials', message: 'WeChat rejected the mini-program AppSecret (errcode 40125); check YIMA_WECHAT_APP_SECRET against the WeChat admin console' },
  40013: { code: 'invalid_credentials', message: 'WeChat rejected the mini-program AppID (errcode 40013); check YIMA_WECHAT_APP_ID' },
  40001: { code: 'invalid_credentials', message: 'WeChat rejected the mini-program credentials (errcode 40001); check YIMA_WECHAT_APP_ID and YIMA_WECHAT_APP_SECRET' },
};

export async function code2Session(input: WechatCode2SessionInput): Promise<WechatSession> {
  if (!input.code) {
    throw new AdapterError({ provider: 'wechat', code: 'invalid_code', message: 'The WeChat login code is empty; send the code from wx.login' });
  }
  const url = joinUrl(input.baseUrl ?? WECHAT_API_BASE, '/sns/jscode2session');
  url.search = new URLSearchParams({
    appid: input.appId,
    secret: input.appSecret,
    js_code: input.code,
    grant_type: 'authorization_code',
  }).toString();

  const reply = await exchange({
    provider: 'wechat',
    what: WHAT,
    fetch: input.fetch ?? defaultFetch,
    url: url.toString(),
    init: { method: 'GET', headers: { accept: 'application/json' } },
    timeoutMs: checkTimeout(input.timeoutMs),
  });
  // WeChat answers errors with HTTP 200 and an errcode, so the body decides.
  const body = parseJsonObject(reply, { provider: 'wechat', what: WHAT });
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  if (errcode !== 0) {
    const known = ERRCODES[errcode];
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
    throw new AdapterError({
      provider: 'wechat',
      code: known?.code ?? 'provider_error',
      message: known?.message ?? `WeChat jscode2session failed with errcode ${errcode} (${errmsg || 'no errmsg'})`,
      status: reply.status,
      providerCode: String(errcode),
    });
  }
  if (reply.status < 200 || reply.status >= 300 || typeof body.openid !== 'string' || !body.openid || typeof body.session_key !== 'string') {
    throw new AdapterError({
      provider: 'wechat',
      code: 'provider_bad_response',
      status: reply.status,
      message: `${WHAT} answered HTTP ${reply.status} without an openid and session_key`,
    });
  }
  const session: WechatSession = { openid: body.openid, sessionKey: body.session_key };
  if (typeof body.unionid === 'string' && body.unionid) session.unionid = body.unionid;
  return session;
}

// WeCom (企业微信) server API for one corp app: access token, mini-program
// login and app messages.
//   GET  {baseUrl}/cgi-bin/gettoken?corpid=&corpsecret=            -> { access_token, expires_in }
//   GET  {baseUrl}/cgi-bin/miniprogram/jscode2session?access_token=&js_code=&grant_type=authorization_code
//                                                                  -> { corpid, userid, session_key }
//   POST {baseUrl}/cgi-bin/message/send?access_token=              -> { msgid, invaliduser }
// Every answer carries { errcode, errmsg }; errcode 0 is success.
//
// The token is cached in memory until 5 minutes before it expires (WeCom asks
// callers to cache it: gettoken is rate limited) and concurrent callers share
// one fetch. When WeCom says a token is invalid or expired (40014 / 42001,
// e.g. after the secret was reset) the call is retried once with a new token.
import { AdapterError, type AdapterErrorCode } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, joinUrl, parseJsonObject, type FetchLike } from './provider-http.ts';

export const WECOM_API_BASE = 'https://qyapi.weixin.qq.com';
/** A cached token is refreshed this long before WeCom's stated expiry. */
export const WECOM_TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface WecomClientOptions {
  corpId: string;
  /** The secret of the self-built app (自建应用 Secret) that hosts the mini-program. */
  corpSecret: string;
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Clock in ms, for tests of token expiry. */
  now?: () => number;
}

export interface WecomSession {
  corpId: string;
  userId: string;
  sessionKey: string;
}

export interface WecomTextMessage {
  /** One userid, several (joined with "|"), or "@all". */
  toUser: string | string[];
  agentId: number | string;
  text: string;
}

export interface WecomSendResult {
  msgId: string;
  /** Recipients WeCom could not deliver to (not in the app's visible range, unknown...). */
  invalidUsers: string[];
}

const TOKEN_ERRCODES = new Set([40014, 42001]);

const ERRCODES: Record<number, { code: AdapterErrorCode; message: string }> = {
  40001: { code: 'invalid_credentials', message: 'WeCom rejected the app secret (errcode 40001); an admin must set the correct WeCom app Secret' },
  40013: { code: 'invalid_credentials', message: 'WeCom does not know this corp ID (errcode 40013); check the configured WeCom corp ID' },
  40029: { code: 'invalid_code', message: 'WeCom says the login code is invalid or expired (errcode 40029); call wx.qy.login again and send the new code' },
  40163: { code: 'code_used', message: 'This login code was already used (errcode 40163); call wx.qy.login again and send the new code' },
  45009: { code: 'rate_limited', message: 'WeCom API call limit reached (errcode 45009); try again later' },
  45011: { code: 'rate_limited', message: 'WeCom is limiting these calls (errcode 45011); wait a minute and try again' },
  45033: { code: 'rate_limited', message: 'Too many concurrent WeCom calls (errcode 45033); try again shortly' },
  60020: { code: 'ip_not_allowed', message: "WeCom refuses calls from this server's IP (errcode 60020); add it to the app's trusted IPs (企业可信IP) in the WeCom admin console" },
  [-1]: { code: 'provider_busy', message: 'WeCom is busy (errcode -1); try again in a moment' },
};

export class WecomClient {
  private readonly corpId: string;
  private readonly corpSecret: string;
  private readonly baseUrl: string;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private token: { value: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(options: WecomClientOptions) {
    if (!options.corpId) throw new TypeError('WecomClient needs a corpId');
    if (!options.corpSecret) throw new TypeError('WecomClient needs a corpSecret');
    this.corpId = options.corpId;
    this.corpSecret = options.corpSecret;
    this.baseUrl = options.baseUrl ?? WECOM_API_BASE;
    this.fetch = options.fetch ?? defaultFetch;
    this.timeoutMs = checkTimeout(options.timeoutMs);
    this.now = options.now ?? Date.now;
  }

  /** A valid access token, from the cache while it has more than 5 minutes left. */
  async getAccessToken(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops the cached token, so the next call fetches a new one. */
  invalidateToken(): void {
    this.token = undefined;
  }

  /** Exchanges a wx.qy.login code for the corp and the member's userid. */
  async code2Session(code: string): Promise<WecomSession> {
    if (!code) {
      throw new AdapterError({ provider: 'wecom', code: 'invalid_code', message: 'The WeCom login code is empty; send the code from wx.qy.login' });
    }
    const body = await this.withToken('WeCom miniprogram/jscode2session', (token) => {
      const url = joinUrl(this.baseUrl, '/cgi-bin/miniprogram/jscode2session');
      url.search = new URLSearchParams({ access_token: token, js_code: code, grant_type: 'authorization_code' }).toString();
      return { url: url.toString(), init: { method: 'GET' } };
    });
    const { corpid, userid, session_key: sessionKey } = body;
    if (typeof corpid !== 'string' || !corpid || typeof userid !== 'string' || !userid || typeof sessionKey !== 'string') {
      throw new AdapterError({
        provider: 'wecom',
        code: 'provider_bad_response',
        message: 'WeCom miniprogram/jscode2session answered without corpid, userid and session_key',
      });
    }
    return { corpId: corpid, userId: userid, sessionKey };
  }

  /** Sends a text message from the corp app to members (for notices). */
  async sendAppMessage(message: WecomTextMessage): Promise<WecomSendResult> {
    const toUser = Array.isArray(message.toUser) ? message.toUser.join('|') : message.toUser;
    if (!toUser) throw new TypeError('sendAppMessage needs at least one recipient in toUser');
    const payload = JSON.stringify({
      touser: toUser,
      msgtype: 'text',
      agentid: Number(message.agentId),
      text: { content: message.text },
      safe: 0,
    });
    const body = await this.withToken('WeCom message/send', (token) => {
      const url = joinUrl(this.baseUrl, '/cgi-bin/message/send');
      url.search = new URLSearchParams({ access_token: token }).toString();
      return { url: url.toString(), init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload } };
    });
    const invalid = typeof body.invaliduser === 'string' ? body.invaliduser : '';
    return {
      msgId: typeof body.msgid === 'string' ? body.msgid : String(body.msgid ?? ''),
      invalidUsers: invalid ? invalid.split('|') : [],
    };
  }

  private async fetchToken(): Promise<string> {
    const what = 'WeCom gettoken';
    const url = joinUrl(this.baseUrl, '/cgi-bin/gettoken');
    url.search = new URLSearchParams({ corpid: this.corpId, corpsecret: this.corpSecret }).toString();
    const body = await this.call(what, url.toString(), { method: 'GET' });
    const token = body.access_token;
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    if (typeof token !== 'string' || !token) {
      throw new AdapterError({ provider: 'wecom', code: 'provider_bad_response', message: `${what} answered without an access_token` });
    }
    this.token = { value: token, refreshAt: this.now() + expiresIn * 1000 - WECOM_TOKEN_REFRESH_MARGIN_MS };
    return token;
  }

  /** Calls an API that needs the token; on 40014/42001 refreshes it and retries once. */
  private async withToken(
    what: string,
    build: (token: string) => { url: string; init: RequestInit },
  ): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.getAccessToken();
      const { url, init } = build(token);
      try {
        return await this.call(what, url, init);
      } catch (error) {
        const stale = error instanceof AdapterError && error.providerCode !== undefined && TOKEN_ERRCODES.has(Number(error.providerCode));
        if (!stale || attempt > 1) throw error;
        // Only drop the token we used: a concurrent caller may already have a new one.
        if (this.token?.value === token) this.invalidateToken();
      }
    }
  }

  private async call(what: string, url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const reply = await exchange({ provider: 'wecom', what, fetch: this.fetch, url, init, timeoutMs: this.timeoutMs });
    const body = parseJsonObject(reply, { provider: 'wecom', what });
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      const known = ERRCODES[errcode];
      const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
      const tokenProblem = TOKEN_ERRCODES.has(errcode);
      throw new AdapterError({
        provider: 'wecom',
        code: known?.code ?? 'provider_error',
        message: known?.message
          ?? (tokenProblem
            ? `WeCom rejected the access token twice (errcode ${errcode}); check that the app secret was not reset`
            : `${what} failed with errcode ${errcode} (${errmsg || 'no errmsg'})`),
        status: reply.status,
        providerCode: String(errcode),
      });
    }
    if (reply.status < 200 || reply.status >= 300) {
      throw new AdapterError({ provider: 'wecom', code: 'provider_error', status: reply.status, message: `${what} answered HTTP ${reply.status}` });
    }
    return body;
  }
}

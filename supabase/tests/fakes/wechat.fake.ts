// Fake WeChat API (api.weixin.qq.com) for the mini-program login:
// GET /sns/jscode2session checks appid and secret like WeChat does and
// exchanges codes issued by issueCode() once each.
import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeReply } from './fake-http.ts';

export interface WechatFake {
  url: string;
  /** A fresh wx.login-style code for this user. */
  issueCode(openid: string, unionid?: string): string;
  /** jscode2session requests received. */
  readonly calls: number;
  /** The next jscode2session answers this errcode (e.g. -1 busy, 45011 rate limit). */
  failNext(errcode: number, errmsg?: string): void;
  /** Milliseconds to wait before answering (timeouts). */
  delayMs: number;
  /** Subscribe messages accepted by /cgi-bin/message/subscribe/send. */
  readonly subscribeMessages: Array<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }> }>;
  /** This openid has not accepted any template: sends to it answer 43101. */
  refuseSubscribe(openid: string): void;
  stop(): Promise<void>;
}

export async function startWechatFake(opts: { appId: string; appSecret: string }): Promise<WechatFake> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  let calls = 0;
  let delayMs = 0;
  const failures: Array<{ errcode: number; errmsg: string }> = [];
  const rid = () => randomBytes(6).toString('hex');
  const error = (errcode: number, errmsg: string): FakeReply => ({ json: { errcode, errmsg: `${errmsg}, rid: ${rid()}` } });

  const tokens = new Set<string>();
  const refused = new Set<string>();
  const subscribeMessages: WechatFake['subscribeMessages'] = [];
  const server = await startFakeServer((req) => {
    if (req.method === 'GET' && req.url.pathname === '/cgi-bin/token') {
      const q = req.url.searchParams;
      if (q.get('grant_type') !== 'client_credential') return error(40002, 'invalid grant_type');
      if (q.get('appid') !== opts.appId) return error(40013, 'invalid appid');
      if (q.get('secret') !== opts.appSecret) return error(40125, 'invalid appsecret');
      const token = randomBytes(24).toString('hex');
      tokens.add(token);
      return { json: { access_token: token, expires_in: 7200 } };
    }
    if (req.method === 'POST' && req.url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokens.has(req.url.searchParams.get('access_token') ?? '')) return error(40001, 'invalid credential, access_token is invalid');
      const body = JSON.parse(req.body || '{}') as WechatFake['subscribeMessages'][number];
      if (!body.touser || !body.template_id || typeof body.data !== 'object') return error(47003, 'argument invalid');
      if (refused.has(body.touser)) return error(43101, 'user refuse to accept the msg');
      subscribeMessages.push(body);
      return { json: { errcode: 0, errmsg: 'ok' } };
    }
    if (req.method !== 'GET' || req.url.pathname !== '/sns/jscode2session') return { status: 404, text: 'not found' };
    calls++;
    const q = req.url.searchParams;
    const injected = failures.shift();
    if (injected) return error(injected.errcode, injected.errmsg);
    if (q.get('appid') !== opts.appId) return error(40013, 'invalid appid');
    if (q.get('secret') !== opts.appSecret) return error(40125, 'invalid appsecret');
    if (q.get('grant_type') !== 'authorization_code') return error(40002, 'invalid grant_type');
    const code = q.get('js_code');
    if (!code) return error(41008, 'missing code');
    const entry = codes.get(code);
    if (!entry) return error(40029, 'invalid code');
    if (entry.used) return error(40163, 'code been used');
    entry.used = true;
    return {
      json: {
        session_key: randomBytes(16).toString('base64'),
        openid: entry.openid,
        ...(entry.unionid ? { unionid: entry.unionid } : {}),
      },
    };
  }, { delayMs: () => delayMs });

  return {
    url: server.url,
    issueCode(openid, unionid) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, unionid === undefined ? { openid, used: false } : { openid, unionid, used: false });
      return code;
    },
    get calls() {
      return calls;
    },
    subscribeMessages,
    refuseSubscribe(openid) {
      refused.add(openid);
    },
    failNext(errcode, errmsg = 'injected failure') {
      failures.push({ errcode, errmsg });
    },
    get delayMs() {
      return delayMs;
    },
    set delayMs(ms: number) {
      delayMs = ms;
    },
    stop: server.stop,
  };
}

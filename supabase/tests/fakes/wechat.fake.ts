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
  stop(): Promise<void>;
}

export async function startWechatFake(opts: { appId: string; appSecret: string }): Promise<WechatFake> {
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  let calls = 0;
  let delayMs = 0;
  const failures: Array<{ errcode: number; errmsg: string }> = [];
  const rid = () => randomBytes(6).toString('hex');
  const error = (errcode: number, errmsg: string): FakeReply => ({ json: { errcode, errmsg: `${errmsg}, rid: ${rid()}` } });

  const server = await startFakeServer((req) => {
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

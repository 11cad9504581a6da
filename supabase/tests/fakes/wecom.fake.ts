// Fake WeCom API (qyapi.weixin.qq.com): gettoken (checks corpid and secret),
// miniprogram/jscode2session (codes from issueCode, once each) and
// message/send, both checking the access token like WeCom does.
import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeReply } from './fake-http.ts';

export interface WecomSentMessage {
  toUser: string[];
  agentId: number;
  msgtype: string;
  content: string;
}

export interface WecomFake {
  url: string;
  issueCode(userId: string): string;
  readonly sentMessages: WecomSentMessage[];
  /** gettoken requests that returned a token. */
  readonly tokenFetches: number;
  /** Every token issued so far now answers 42001 (expired). */
  expireTokens(): void;
  /** The next API call (any endpoint) answers this errcode. */
  failNext(errcode: number, errmsg?: string): void;
  delayMs: number;
  stop(): Promise<void>;
}

const TOKEN_TTL_SECONDS = 7200;

export async function startWecomFake(opts: {
  corpId: string; corpSecret: string; expiresIn?: number;
  /** More corps this fake serves (several orgs in one test run). */
  otherCorps?: Array<{ corpId: string; corpSecret: string }>;
}): Promise<WecomFake> {
  const corps = new Map([[opts.corpId, opts.corpSecret], ...(opts.otherCorps ?? []).map((c) => [c.corpId, c.corpSecret] as [string, string])]);
  const tokens = new Map<string, { expired: boolean }>();
  const codes = new Map<string, { userId: string; used: boolean }>();
  const sentMessages: WecomSentMessage[] = [];
  const failures: Array<{ errcode: number; errmsg: string }> = [];
  let tokenFetches = 0;
  let delayMs = 0;
  const error = (errcode: number, errmsg: string): FakeReply => ({
    json: { errcode, errmsg: `${errmsg}, hint: [${randomBytes(4).toString('hex')}], more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}` },
  });
  const checkToken = (token: string | null): FakeReply | undefined => {
    if (!token) return error(41001, 'access_token missing');
    const entry = tokens.get(token);
    if (!entry) return error(40014, 'invalid access_token');
    if (entry.expired) return error(42001, 'access_token expired');
    return undefined;
  };

  const server = await startFakeServer((req) => {
    const q = req.url.searchParams;
    const route = `${req.method} ${req.url.pathname}`;
    const known = ['GET /cgi-bin/gettoken', 'GET /cgi-bin/miniprogram/jscode2session', 'POST /cgi-bin/message/send'];
    if (!known.includes(route)) return { status: 404, text: 'not found' };
    const injected = failures.shift();
    if (injected) return error(injected.errcode, injected.errmsg);

    if (route === 'GET /cgi-bin/gettoken') {
      const secret = corps.get(q.get('corpid') ?? '');
      if (secret === undefined) return error(40013, 'invalid corpid');
      if (q.get('corpsecret') !== secret) return error(40001, 'invalid credential');
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { expired: false });
      tokenFetches++;
      return { json: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: opts.expiresIn ?? TOKEN_TTL_SECONDS } };
    }
    const tokenError = checkToken(q.get('access_token'));
    if (tokenError) return tokenError;

    if (route === 'GET /cgi-bin/miniprogram/jscode2session') {
      if (q.get('grant_type') !== 'authorization_code') return error(40002, 'invalid grant_type');
      const code = q.get('js_code');
      if (!code) return error(41008, 'missing code');
      const entry = codes.get(code);
      if (!entry) return error(40029, 'invalid code');
      if (entry.used) return error(40163, 'code been used');
      entry.used = true;
      return { json: { errcode: 0, errmsg: 'ok', corpid: opts.corpId, userid: entry.userId, session_key: randomBytes(16).toString('base64') } };
    }

    // POST /cgi-bin/message/send
    let body: { touser?: unknown; agentid?: unknown; msgtype?: unknown; text?: { content?: unknown } };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return error(47001, 'data format error');
    }
    if (typeof body.agentid !== 'number') return error(40056, 'invalid agentid');
    if (body.msgtype !== 'text' || typeof body.text?.content !== 'string') return error(40008, 'invalid message type');
    if (typeof body.touser !== 'string' || !body.touser) return error(40031, 'invalid user list');
    sentMessages.push({ toUser: body.touser.split('|'), agentId: body.agentid, msgtype: body.msgtype, content: body.text.content });
    return { json: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: randomBytes(12).toString('base64url') } };
  }, { delayMs: () => delayMs });

  return {
    url: server.url,
    issueCode(userId) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { userId, used: false });
      return code;
    },
    sentMessages,
    get tokenFetches() {
      return tokenFetches;
    },
    expireTokens() {
      for (const entry of tokens.values()) entry.expired = true;
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

// WeChat mini-program subscribe messages (订阅消息) for notices:
//   GET  {base}/cgi-bin/token?grant_type=client_credential&appid=&secret= -> { access_token, expires_in }
//   POST {base}/cgi-bin/message/subscribe/send?access_token=
//        { touser: openid, template_id, page, data: { thing1: { value } ... } } -> { errcode, errmsg }
// The access token is cached until 5 minutes before it expires and fetched
// again once on 40001/42001. A user who has not accepted the template
// (43101) is not an outage: the caller falls back to another channel.
import { AdapterError } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, joinUrl, parseJsonObject, type FetchLike } from './provider-http.ts';
import { WECHAT_API_BASE } from './wechat.adapter.ts';

export interface SubscribeMessage {
  toUser: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. pages/notice/index?id=... */
  page: string;
  data: Record<string, string>;
}

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class WechatMessenger {
  private token?: { value: string; expiresAt: number };
  private readonly base: string;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;

  constructor(private readonly o: { appId: string; appSecret: string; baseUrl?: string; fetch?: FetchLike; timeoutMs?: number; now?: () => number }) {
    this.base = o.baseUrl ?? WECHAT_API_BASE;
    this.fetch = o.fetch ?? defaultFetch;
    this.timeoutMs = checkTimeout(o.timeoutMs);
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private async call(what: string, url: URL, init: RequestInit): Promise<Record<string, unknown>> {
    const reply = await exchange({ provider: 'wechat', what, fetch: this.fetch, url: url.toString(), init, timeoutMs: this.timeoutMs });
    return parseJsonObject(reply, { provider: 'wechat', what });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.token.value;
    const url = joinUrl(this.base, '/cgi-bin/token');
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.o.appId, secret: this.o.appSecret }).toString();
    const body = await this.call('WeChat token', url, { method: 'GET' });
    if (typeof body.access_token !== 'string') {
      throw new AdapterError({ provider: 'wechat', code: 'invalid_credentials', providerCode: String(body.errcode ?? ''),
        message: `WeChat refused the access-token request (errcode ${String(body.errcode)}); check YIMA_WECHAT_APP_ID and YIMA_WECHAT_APP_SECRET` });
    }
    this.token = { value: body.access_token, expiresAt: this.now() + Number(body.expires_in ?? 7200) * 1000 };
    return body.access_token;
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const payload = JSON.stringify({
      touser: message.toUser,
      template_id: message.templateId,
      page: message.page,
      data: Object.fromEntries(Object.entries(message.data).map(([k, v]) => [k, { value: v }])),
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = joinUrl(this.base, '/cgi-bin/message/subscribe/send');
      url.search = new URLSearchParams({ access_token: await this.accessToken() }).toString();
      const body = await this.call('WeChat subscribe/send', url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
      if (errcode === 0) return;
      if ((errcode === 40001 || errcode === 42001) && attempt === 0) {
        this.token = undefined;
        continue;
      }
      if (errcode === 43101) {
        throw new AdapterError({ provider: 'wechat', code: 'user_not_subscribed', providerCode: '43101',
          message: 'This user has not accepted the notice message template (errcode 43101)' });
      }
      throw new AdapterError({ provider: 'wechat', code: 'provider_error', providerCode: String(errcode),
        message: `WeChat subscribe/send failed with errcode ${errcode} (${String(body.errmsg ?? '')})` });
    }
  }
}

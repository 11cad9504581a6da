// The external providers as local fakes for the whole integration suite:
// started by the global setup (their URLs go into the edge functions' env),
// and steered by tests through a small control server, because tests run in
// other processes than the fakes.
import { createServer, type Server } from 'node:http';
import { generateRsaKeyPairPem } from '../../functions/_shared/adapters/wechatpay-sign.ts';
import {
  startEnterpriseFake, startTencentSmsFake, startWechatFake, startWechatPayFake, startWecomFake,
  type EnterpriseFake, type SmsFake, type WechatFake, type WechatPayFake, type WecomFake,
} from '../fakes/index.ts';

export const FAKE_CREDENTIALS = {
  wechat: { appId: 'wx0123456789abcdef', appSecret: 'wechat-test-secret' },
  wecom: { corpId: 'ww0123456789test', corpSecret: 'wecom-test-secret' },
  wecomNotices: { corpId: 'ww0123456789note', corpSecret: 'wecom-notice-secret' },
  tencentSms: { secretId: 'AKIDtest', secretKey: 'tencent-test-key', sdkAppId: '1400000000' },
  enterprise: { secret: 'enterprise-test-secret' },
  wechatPay: { mchId: '1900000100', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKeyId: 'PUB_KEY_ID_0119000001002024112500000000000001', apiV3Key: 'yima-test-apiv3-key-0123456789ab' },
} as const;

export const ENTERPRISE_PEOPLE = [
  { employee_no: 'API001', name: '接口验证甲' },
  { employee_no: 'API002', name: '接口验证乙' },
];

export interface RunningFakes {
  functionsEnv: Record<string, string>;
  controlUrl: string;
  enterpriseUrl: string;
  stop(): Promise<void>;
}

export async function startFakes(): Promise<RunningFakes> {
  const wechat: WechatFake = await startWechatFake(FAKE_CREDENTIALS.wechat);
  const wecom: WecomFake = await startWecomFake({ ...FAKE_CREDENTIALS.wecom, otherCorps: [FAKE_CREDENTIALS.wecomNotices] });
  const sms: SmsFake = await startTencentSmsFake(FAKE_CREDENTIALS.tencentSms);
  const enterprise: EnterpriseFake = await startEnterpriseFake({ secret: FAKE_CREDENTIALS.enterprise.secret, people: ENTERPRISE_PEOPLE });
  const merchantKeys = await generateRsaKeyPairPem();
  const platformKeys = await generateRsaKeyPairPem();
  const wechatPay: WechatPayFake = await startWechatPayFake({
    mchId: FAKE_CREDENTIALS.wechatPay.mchId, merchantPublicKeyPem: merchantKeys.publicKeyPem, merchantSerialNo: FAKE_CREDENTIALS.wechatPay.serialNo,
    platformPrivateKeyPem: platformKeys.privateKeyPem, platformPublicKeyId: FAKE_CREDENTIALS.wechatPay.publicKeyId,
    apiV3Key: FAKE_CREDENTIALS.wechatPay.apiV3Key, appId: FAKE_CREDENTIALS.wechat.appId,
  });

  const control: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const send = (body: unknown) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    switch (url.pathname) {
      case '/wechat/code': return send({ code: wechat.issueCode(url.searchParams.get('openid')!, url.searchParams.get('unionid') ?? undefined) });
      case '/wechat/refuse-subscribe': wechat.refuseSubscribe(url.searchParams.get('openid')!); return send({ ok: true });
      case '/wechat/subscribe-sent': return send({ messages: wechat.subscribeMessages.filter((m) => m.touser === url.searchParams.get('openid')) });
      case '/wecom/code': return send({ code: wecom.issueCode(url.searchParams.get('userid')!) });
      case '/sms/last-code': return send({ code: sms.lastCode(url.searchParams.get('phone')!) ?? null });
      case '/sms/count': return send({ count: sms.messages.length });
      case '/sms/to': return send({ messages: sms.messages.filter((m) => m.phone === url.searchParams.get('phone')) });
      case '/wecom/sent': return send({ messages: wecom.sentMessages.filter((m) => m.toUser.includes(url.searchParams.get('user') ?? '')) });
      // WeChat Pay: the user pays an order (returns the signed, encrypted callback for the test to post), and what the fake saw.
      case '/wechatpay/pay': {
        const n = await wechatPay.pay(url.searchParams.get('out_trade_no')!, url.searchParams.get('openid') ?? undefined);
        return send({ url: n.url, headers: Object.fromEntries(Object.entries(n.headers)), body: n.body });
      }
      case '/wechatpay/orders': return send({ orders: wechatPay.orders });
      case '/wechatpay/sharing': return send({ sharing: wechatPay.sharingOrders, receivers: wechatPay.receivers });
      case '/enterprise/requests': return send({ count: enterprise.requests.length });
      default: res.writeHead(404); res.end();
    }
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  const controlUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    controlUrl,
    enterpriseUrl: enterprise.url,
    functionsEnv: {
      YIMA_WECHAT_APP_ID: FAKE_CREDENTIALS.wechat.appId,
      YIMA_WECHAT_APP_SECRET: FAKE_CREDENTIALS.wechat.appSecret,
      YIMA_WECHAT_API_BASE: wechat.url,
      YIMA_WECHAT_NOTICE_TEMPLATE_ID: 'notice-template-1',
      YIMA_WECOM_API_BASE: wecom.url,
      YIMA_SMS_CHANNEL: 'tencent',
      YIMA_SMS_TENCENT_SECRET_ID: FAKE_CREDENTIALS.tencentSms.secretId,
      YIMA_SMS_TENCENT_SECRET_KEY: FAKE_CREDENTIALS.tencentSms.secretKey,
      YIMA_SMS_TENCENT_SDK_APP_ID: FAKE_CREDENTIALS.tencentSms.sdkAppId,
      YIMA_SMS_TENCENT_SIGN_NAME: '一码通',
      YIMA_SMS_TENCENT_TEMPLATE_IDS: JSON.stringify({ login_code: '100001', claim_invite: '100002', visitor_pass: '100003', notice: '100004' }),
      YIMA_SMS_TENCENT_ENDPOINT: sms.url,
      YIMA_WECHATPAY_MCH_ID: FAKE_CREDENTIALS.wechatPay.mchId,
      YIMA_WECHATPAY_SERIAL_NO: FAKE_CREDENTIALS.wechatPay.serialNo,
      YIMA_WECHATPAY_PRIVATE_KEY: merchantKeys.privateKeyPem,
      YIMA_WECHATPAY_PUBLIC_KEY: platformKeys.publicKeyPem,
      YIMA_WECHATPAY_PUBLIC_KEY_ID: FAKE_CREDENTIALS.wechatPay.publicKeyId,
      YIMA_WECHATPAY_API_V3_KEY: FAKE_CREDENTIALS.wechatPay.apiV3Key,
      YIMA_WECHATPAY_API_BASE: wechatPay.url,
    },
    stop: async () => {
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await Promise.all([wechat.stop(), wecom.stop(), sms.stop(), enterprise.stop(), wechatPay.stop()]);
    },
  };
}

/** Test side: ask the control server. */
export async function fakeControl<T>(controlUrl: string, path: string): Promise<T> {
  const res = await fetch(`${controlUrl}${path}`);
  if (!res.ok) throw new Error(`fake control ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

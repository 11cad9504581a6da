// WeChat Pay configuration from the environment (YIMA_WECHATPAY_*), shared by
// wallet-topup, wechatpay-notify and payment-jobs. Absent configuration means
// WeChat Pay is off: top-ups then use the console channel in local mode and
// are refused elsewhere.
//   YIMA_WECHATPAY_MCH_ID          商户号
//   YIMA_WECHATPAY_SERIAL_NO       merchant API certificate serial number
//   YIMA_WECHATPAY_PRIVATE_KEY     merchant API private key, PKCS#8 PEM (apiclient_key.pem)
//   YIMA_WECHATPAY_PUBLIC_KEY      微信支付公钥 PEM, and its id:
//   YIMA_WECHATPAY_PUBLIC_KEY_ID   PUB_KEY_ID_...
//   YIMA_WECHATPAY_API_V3_KEY      APIv3 key (32 characters)
//   YIMA_WECHATPAY_API_BASE        default https://api.mch.weixin.qq.com (tests point it at a fake)
//   YIMA_WECHATPAY_NOTIFY_URL      default <SUPABASE_URL>/functions/v1/wechatpay-notify
import { createWechatPayClient, type WechatPayClient } from './adapters/index.ts';
import type { FunctionEnv } from './env.ts';

export interface WechatPayConfig {
  client: WechatPayClient;
  mchId: string;
  appId: string;
}

const cache = new WeakMap<FunctionEnv, WechatPayConfig | null>();

export function wechatPayFromEnv(env: FunctionEnv): WechatPayConfig | null {
  if (cache.has(env)) return cache.get(env)!;
  const mchId = env.get('YIMA_WECHATPAY_MCH_ID');
  const appId = env.wechat.appId;
  let config: WechatPayConfig | null = null;
  if (mchId && appId) {
    const pem = (key: string) => (env.get(key) ?? '').replace(/\\n/g, '\n');
    config = {
      mchId,
      appId,
      client: createWechatPayClient({
        mchId,
        appId,
        serialNo: env.get('YIMA_WECHATPAY_SERIAL_NO') ?? '',
        privateKeyPem: pem('YIMA_WECHATPAY_PRIVATE_KEY'),
        platformPublicKeyPem: pem('YIMA_WECHATPAY_PUBLIC_KEY'),
        platformPublicKeyId: env.get('YIMA_WECHATPAY_PUBLIC_KEY_ID') ?? '',
        apiV3Key: env.get('YIMA_WECHATPAY_API_V3_KEY') ?? '',
        notifyUrl: env.get('YIMA_WECHATPAY_NOTIFY_URL') || `${env.supabaseUrl}/functions/v1/wechatpay-notify`,
        baseUrl: env.get('YIMA_WECHATPAY_API_BASE') || undefined,
      }),
    };
  }
  cache.set(env, config);
  return config;
}

import Taro from '@tarojs/taro';
import { IS_WEAPP } from './env';

export interface WechatPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** WeChat Pay's JSAPI sheet exists only in the mini-program. */
export const CAN_REQUEST_PAYMENT = IS_WEAPP;

/** Opens WeChat Pay with the server's signed parameters; resolves when the user paid, rejects on cancel or failure. */
export async function requestWechatPayment(params: WechatPayParams): Promise<void> {
  await Taro.requestPayment({
    timeStamp: params.timeStamp,
    nonceStr: params.nonceStr,
    package: params.package,
    signType: params.signType as 'MD5' | 'HMAC-SHA256' | 'RSA',
    paySign: params.paySign,
  });
}

/** True when the payer closed the sheet (not an error to show). */
export function isPaymentCancelled(error: unknown): boolean {
  const message = (error as { errMsg?: string } | null)?.errMsg ?? (error instanceof Error ? error.message : '');
  return /cancel/i.test(message);
}

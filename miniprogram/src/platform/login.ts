import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

// How this user signs in, by where the app runs: the WeChat mini-program
// (wx.login -> auth-wechat), the same mini-program opened inside WeCom
// (wx.qy.login -> auth-wecom), or the web (SMS code -> auth-sms).

export type LoginChannel = 'wechat' | 'wecom' | 'sms';

/** WeCom runs mini-programs with `environment: 'wxwork'` in the system info. */
export function detectLoginChannel(): LoginChannel {
  if (IS_H5) return 'sms';
  try {
    const info = Taro.getSystemInfoSync() as { environment?: string };
    return info.environment === 'wxwork' ? 'wecom' : 'wechat';
  } catch {
    return 'wechat';
  }
}

function failure(errMsg: string | undefined): Error {
  return new Error(errMsg || 'login:fail');
}

/** A one-time code for auth-wechat (valid 5 minutes, single use). */
export async function wechatLoginCode(): Promise<string> {
  const result = await Taro.login();
  if (!result.code) throw failure(result.errMsg);
  return result.code;
}

/** A one-time code for auth-wecom. Taro has no wrapper for wx.qy, so this calls it directly. */
export function wecomLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    const qy = typeof wx !== 'undefined' ? wx?.qy : undefined;
    if (!qy) {
      reject(failure('qy.login:fail not running inside WeCom'));
      return;
    }
    qy.login({
      success: (res) => (res.code ? resolve(res.code) : reject(failure('qy.login:fail no code'))),
      fail: (err) => reject(failure(err?.errMsg)),
    });
  });
}

/** The login code for a mini-program channel. */
export function miniLoginCode(channel: Exclude<LoginChannel, 'sms'>): Promise<string> {
  return channel === 'wecom' ? wecomLoginCode() : wechatLoginCode();
}

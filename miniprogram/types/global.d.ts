/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at build time by Taro's DefinePlugin. */
    TARO_ENV?: 'weapp' | 'h5' | 'qywx' | 'alipay' | 'tt' | 'swan' | 'qq' | 'jd';
    TARO_PLATFORM?: 'mini' | 'web';
    /** Gateway base URL; see .env.example. */
    TARO_APP_SUPABASE_URL?: string;
    /** Anon (public) key. */
    TARO_APP_SUPABASE_ANON_KEY?: string;
    /** 'true' enables the demo-persona login when the config comes from build-time env. */
    TARO_APP_LOCAL_MODE?: string;
    /** Org slug to claim a card in when the user did not open a claim link. */
    TARO_APP_DEFAULT_ORG?: string;
    /** WeCom corp id for auth-wecom. */
    TARO_APP_WECOM_CORP_ID?: string;
  }
}

/**
 * The WeChat global. Used directly only where Taro has no wrapper: `wx.qy`
 * (WeCom), `wx.getRandomValues` (device keys), and the screenshot APIs.
 * Every member is optional: older base libraries lack some of them.
 */
declare const wx:
  | {
      qy?: {
        login(options: { success?(res: { code?: string }): void; fail?(err: { errMsg?: string }): void }): void;
      };
      getRandomValues?(options: {
        length: number;
        success?(res: { randomValues: ArrayBuffer }): void;
        fail?(err: { errMsg?: string }): void;
      }): void;
      onUserCaptureScreen?(listener: () => void): void;
      offUserCaptureScreen?(listener?: () => void): void;
      setVisualEffectOnCapture?(options: {
        visualEffect: 'none' | 'hidden';
        success?(): void;
        fail?(err: { errMsg?: string }): void;
      }): void;
    }
  | undefined;

// core-js-pure ships no types; these entry points export the WHATWG classes.
declare module 'core-js-pure/stable/url/index.js' {
  const URL: typeof globalThis.URL;
  export default URL;
}
declare module 'core-js-pure/stable/url-search-params/index.js' {
  const URLSearchParams: typeof globalThis.URLSearchParams;
  export default URLSearchParams;
}

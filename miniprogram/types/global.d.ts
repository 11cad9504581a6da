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
  }
}

// core-js-pure ships no types; these entry points export the WHATWG classes.
declare module 'core-js-pure/stable/url/index.js' {
  const URL: typeof globalThis.URL;
  export default URL;
}
declare module 'core-js-pure/stable/url-search-params/index.js' {
  const URLSearchParams: typeof globalThis.URLSearchParams;
  export default URLSearchParams;
}

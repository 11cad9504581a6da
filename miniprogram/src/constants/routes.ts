// Every page path of the app lives here and nowhere else: app.config.ts builds
// its page list from PAGE_PATHS, and navigation uses ROUTES.

/** Page paths as app.config.ts wants them (no leading slash). The first is the launch page. */
export const PAGE_PATHS = {
  home: 'pages/index/index',
  login: 'pages/login/index',
  /** 领卡; claim links are `pages/claim/index?org=<slug>`. */
  claim: 'pages/claim/index',
  /** 验码: guards (the cards function) verify a member's dynamic code. */
  verify: 'pages/verify/index',
} as const;

export type RouteName = keyof typeof PAGE_PATHS;

/** Absolute routes for Taro.navigateTo / redirectTo / reLaunch. */
export const ROUTES: { readonly [K in RouteName]: `/${(typeof PAGE_PATHS)[K]}` } = {
  home: `/${PAGE_PATHS.home}`,
  login: `/${PAGE_PATHS.login}`,
  claim: `/${PAGE_PATHS.claim}`,
  verify: `/${PAGE_PATHS.verify}`,
};

/** Main-package pages in launch order. */
export const MAIN_PAGES: string[] = [PAGE_PATHS.home, PAGE_PATHS.login, PAGE_PATHS.claim, PAGE_PATHS.verify];

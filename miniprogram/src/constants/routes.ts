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
  /** 通知: the notices sent to me. */
  notices: 'pages/notices/index',
  /** One notice; SMS / WeCom / WeChat links open `pages/notice/index?id=<uuid>`. In a subpackage (it bundles the form engine). */
  notice: 'pages/notice/index',
  /** 发通知: a department head sends a plain notice to their department. */
  noticeCompose: 'pages/notice-compose/index',
  /** Read statistics of the notices I sent. */
  noticeStats: 'pages/notice-stats/index',
  /** 钱包: balances, history, 充值. Payment pages share the `pages/payment` subpackage. */
  wallet: 'pages/payment/wallet/index',
  /** 扫码付款: scan a stall's collection code, see the quote, pay. */
  pay: 'pages/payment/pay/index',
  /** 商户收款 (merchant operators): a stall's collection QR and 扫码收款. */
  collect: 'pages/payment/collect/index',
  /** 今日营收 (merchant operators). */
  takings: 'pages/payment/takings/index',
  /**
   * 访客申请 (public, no sign-in): a host's shared link opens
   * `pages/visitor/apply?t=<token>` (the backend builds that URL). Visitor
   * pages share the `pages/visitor` subpackage.
   */
  visitorApply: 'pages/visitor/apply',
  /** 访客通行证 (public, no sign-in): `pages/visitor/pass?t=<token>` from the SMS / apply result. */
  visitorPass: 'pages/visitor/pass',
  /** 我的访客: visits I host (approve / reject / cancel), and 待我审批 for site admins. */
  visitors: 'pages/visitor/mine',
  /** 邀请访客: the host registers a visitor (visit-invite). */
  visitorInvite: 'pages/visitor/invite',
  /** 分享申请链接: the host's apply link (visit-link) as URL / QR / share menu. */
  visitorShare: 'pages/visitor/share',
  /** 访客登记 (guards): a walk-in visitor (visit-walk-in). */
  visitorWalkIn: 'pages/visitor/walk-in',
  /**
   * Scenario apps (the portal's built-in apps; paths = BUILTIN_APPS[].page of
   * @yima/shared). They share the `pages/apps` subpackage.
   */
  /** 报餐: book / cancel meals for the next 7 days; canteen operators see headcounts. */
  meals: 'pages/apps/meals/index',
  /** 活动签到: my events and 扫码签到/签退 (scan the big-screen code, with my location). */
  events: 'pages/apps/events/index',
  /** 实名登记: scan a point's QR (`yima:reg:<id>`) or open `?point_id=`, fill its form; my records. */
  registration: 'pages/apps/registration/index',
  /** 资源预约: rooms / devices / spaces, a day's taken slots, book; my bookings (cancel, 签到). */
  resources: 'pages/apps/resources/index',
} as const;

export type RouteName = keyof typeof PAGE_PATHS;

/** Absolute routes for Taro.navigateTo / redirectTo / reLaunch. */
export const ROUTES: { readonly [K in RouteName]: `/${(typeof PAGE_PATHS)[K]}` } = {
  home: `/${PAGE_PATHS.home}`,
  login: `/${PAGE_PATHS.login}`,
  claim: `/${PAGE_PATHS.claim}`,
  verify: `/${PAGE_PATHS.verify}`,
  notices: `/${PAGE_PATHS.notices}`,
  notice: `/${PAGE_PATHS.notice}`,
  noticeCompose: `/${PAGE_PATHS.noticeCompose}`,
  noticeStats: `/${PAGE_PATHS.noticeStats}`,
  wallet: `/${PAGE_PATHS.wallet}`,
  pay: `/${PAGE_PATHS.pay}`,
  collect: `/${PAGE_PATHS.collect}`,
  takings: `/${PAGE_PATHS.takings}`,
  visitorApply: `/${PAGE_PATHS.visitorApply}`,
  visitorPass: `/${PAGE_PATHS.visitorPass}`,
  visitors: `/${PAGE_PATHS.visitors}`,
  visitorInvite: `/${PAGE_PATHS.visitorInvite}`,
  visitorShare: `/${PAGE_PATHS.visitorShare}`,
  visitorWalkIn: `/${PAGE_PATHS.visitorWalkIn}`,
  meals: `/${PAGE_PATHS.meals}`,
  events: `/${PAGE_PATHS.events}`,
  registration: `/${PAGE_PATHS.registration}`,
  resources: `/${PAGE_PATHS.resources}`,
};

/** Pages a person without an account opens from a link: they must never send to login. */
export const PUBLIC_PAGES: readonly string[] = [PAGE_PATHS.visitorApply, PAGE_PATHS.visitorPass];

/** Main-package pages in launch order. */
export const MAIN_PAGES: string[] = [
  PAGE_PATHS.home,
  PAGE_PATHS.login,
  PAGE_PATHS.claim,
  PAGE_PATHS.verify,
  PAGE_PATHS.notices,
  PAGE_PATHS.noticeCompose,
  PAGE_PATHS.noticeStats,
];

/** A subpackage root and its pages relative to it, as app.config.ts wants them. */
export interface SubPackage {
  root: string;
  pages: string[];
}

function subPackageOf(path: string): SubPackage {
  const cut = path.lastIndexOf('/');
  return { root: path.slice(0, cut), pages: [path.slice(cut + 1)] };
}

/** Several pages under one root: `root` plus each page's path below it. */
function subPackageWith(root: string, paths: string[]): SubPackage {
  return {
    root,
    pages: paths.map((path) => {
      if (!path.startsWith(`${root}/`)) throw new Error(`${path} is not under ${root}`);
      return path.slice(root.length + 1);
    }),
  };
}

/**
 * The notice page carries the form engine (zod): keep it out of the main
 * package. The canteen payment pages are a subpackage of their own (the weapp
 * main package must stay under 2 MB).
 */
export const SUB_PACKAGES: SubPackage[] = [
  subPackageOf(PAGE_PATHS.notice),
  subPackageWith('pages/payment', [PAGE_PATHS.wallet, PAGE_PATHS.pay, PAGE_PATHS.collect, PAGE_PATHS.takings]),
  subPackageWith('pages/visitor', [
    PAGE_PATHS.visitorApply, PAGE_PATHS.visitorPass, PAGE_PATHS.visitors, PAGE_PATHS.visitorInvite, PAGE_PATHS.visitorShare, PAGE_PATHS.visitorWalkIn,
  ]),
  subPackageWith('pages/apps', [PAGE_PATHS.meals, PAGE_PATHS.events, PAGE_PATHS.registration, PAGE_PATHS.resources]),
];

/**
 * The built-in apps of the app square (应用广场): what an org can enable
 * (org_apps.app_key), where each opens in the mini-program, and the admin
 * app permission key (admin_groups.apps) that manages it. Self-built apps
 * (custom_apps) are the org's own.
 */
export interface BuiltinApp {
  key: string;
  name: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  /** Mini-program page the portal entry opens. */
  page: string;
}

export const BUILTIN_APPS: readonly BuiltinApp[] = [
  { key: 'visitors', name: { 'zh-CN': '访客预约', en: 'Visitors' }, description: { 'zh-CN': '邀约、申请审批、访客通行证', en: 'Invitations, approvals, visitor passes' }, page: '/pages/visitor/mine' },
  { key: 'notices', name: { 'zh-CN': '通知公告', en: 'Notices' }, description: { 'zh-CN': '多渠道通知、回执与统计', en: 'Multi-channel notices with receipts' }, page: '/pages/notices/index' },
  { key: 'payment', name: { 'zh-CN': '食堂支付', en: 'Canteen payment' }, description: { 'zh-CN': '扫码付款、钱包与充值', en: 'Pay by code, wallet and top-up' }, page: '/pages/payment/wallet/index' },
  { key: 'meal_booking', name: { 'zh-CN': '报餐', en: 'Meal booking' }, description: { 'zh-CN': '按餐次预订，精准备餐', en: 'Book meals before the cut-off' }, page: '/pages/apps/meals/index' },
  { key: 'events', name: { 'zh-CN': '活动签到', en: 'Event sign-in' }, description: { 'zh-CN': '会议、培训、活动扫码签到', en: 'Sign in to meetings and trainings' }, page: '/pages/apps/events/index' },
  { key: 'registration', name: { 'zh-CN': '实名登记', en: 'Registration' }, description: { 'zh-CN': '一设备一码，扫码登记', en: 'One QR per place, register by scanning' }, page: '/pages/apps/registration/index' },
  { key: 'resources', name: { 'zh-CN': '资源预约', en: 'Resource booking' }, description: { 'zh-CN': '会议室、设备、场地预约', en: 'Book rooms, devices and spaces' }, page: '/pages/apps/resources/index' },
] as const;

export const BUILTIN_APP_KEYS: readonly string[] = BUILTIN_APPS.map((a) => a.key);

export function builtinApp(key: string): BuiltinApp | undefined {
  return BUILTIN_APPS.find((a) => a.key === key);
}

// Human lines for a quote's ExplainSteps: zh-CN for members and canteen
// staff, English beside it for the console and logs. Steps carry codes and
// raw numbers only, so the same quote can be shown in either language.
import { fen, formatFen, isFen } from '../money.ts';
import type { ExplainStep, PriceRefusal } from './types.ts';

type Lang = 'zh-CN' | 'en';
type Params = ExplainStep['params'];
type Line = (p: Params) => string;

const money = (v: string | number | undefined): string => (isFen(v) ? formatFen(fen(v)) : String(v));
const signedMoney = (v: string | number | undefined): string => (isFen(v) && v > 0 ? `+${money(v)}` : money(v));

const REFUSALS: Record<PriceRefusal, Record<Lang, string>> = {
  closed: { 'zh-CN': '当前不在营业时间', en: 'the stall is closed at this time' },
  amount_required: { 'zh-CN': '请输入金额', en: 'an amount must be entered' },
  invalid_amount: { 'zh-CN': '金额无效', en: 'the amount is not valid' },
  over_payment_max: { 'zh-CN': '超过单笔消费上限', en: 'over the per-payment maximum' },
  meal_limit: { 'zh-CN': '超过本餐消费限额', en: 'over the meal spending limit' },
  day_limit: { 'zh-CN': '超过当日消费限额', en: 'over the daily spending limit' },
  meal_count_limit: { 'zh-CN': '超过本餐消费次数', en: 'over the number of payments allowed this meal' },
  day_count_limit: { 'zh-CN': '超过当日消费次数', en: 'over the number of payments allowed today' },
  insufficient_balance: { 'zh-CN': '余额不足', en: 'insufficient balance' },
  insufficient_count: { 'zh-CN': '剩余次数不足', en: 'not enough tickets left' },
  invalid_config: { 'zh-CN': '档口计价配置有误，请联系管理员', en: 'the stall pricing configuration is invalid' },
};

const LIMITS: Record<string, Record<Lang, string>> = {
  perPaymentMaxFen: { 'zh-CN': '单笔上限', en: 'Per-payment maximum' },
  perMealFen: { 'zh-CN': '每餐限额', en: 'Meal spending limit' },
  perDayFen: { 'zh-CN': '每日限额', en: 'Daily spending limit' },
  perMealCount: { 'zh-CN': '每餐次数上限', en: 'Payments per meal' },
  perDayCount: { 'zh-CN': '每日次数上限', en: 'Payments per day' },
};

const WALLETS: Record<string, Record<Lang, string>> = {
  subsidy: { 'zh-CN': '补贴钱包', en: 'Subsidy wallet' },
  cash: { 'zh-CN': '现金钱包', en: 'Cash wallet' },
};

function limitLine(lang: Lang): Line {
  return (p) => {
    const name = LIMITS[String(p.limit)]?.[lang] ?? String(p.limit);
    const isCount = String(p.limit).endsWith('Count');
    if (isCount) {
      return lang === 'zh-CN' ? `${name} ${p.max} 次：已用 ${p.used} 次，本次 ${p.adding} 次` : `${name} ${p.max}: ${p.used} used, this one ${p.adding}`;
    }
    return lang === 'zh-CN'
      ? `${name} ${money(p.max)}：已用 ${money(p.used)}，本次 ${money(p.adding)}`
      : `${name} ${money(p.max)}: ${money(p.used)} used, this payment ${money(p.adding)}`;
  };
}

/** Every step code priceQuote emits, with its line in each language. */
export const EXPLAIN_CATALOGUE: Record<string, Record<Lang, Line>> = {
  config_problem: { 'zh-CN': (p) => `配置问题：${p.problem}`, en: (p) => `Configuration problem: ${p.problem}` },
  open_window: { 'zh-CN': (p) => `营业时段 ${p.start}–${p.end}`, en: (p) => `Open ${p.start}–${p.end}` },
  meal_period: { 'zh-CN': (p) => `餐次：${p.name}`, en: (p) => `Meal period: ${p.name}` },
  no_meal_period: { 'zh-CN': () => '当前不在任何餐次', en: () => 'Outside any meal period' },
  list_price: { 'zh-CN': (p) => `标价 ${money(p.fen)}`, en: (p) => `List price ${money(p.fen)}` },
  entered_amount: { 'zh-CN': (p) => `输入金额 ${money(p.fen)}`, en: (p) => `Entered amount ${money(p.fen)}` },
  count_price: { 'zh-CN': (p) => `计次消费，每次扣 ${p.count} 次`, en: (p) => `Count stall: ${p.count} ticket(s) per use` },
  adjustment: { 'zh-CN': (p) => `${p.label}：${signedMoney(p.deltaFen)}`, en: (p) => `${p.label}: ${signedMoney(p.deltaFen)}` },
  pay_amount: { 'zh-CN': (p) => `应付 ${money(p.fen)}`, en: (p) => `To pay ${money(p.fen)}` },
  limit_checked: { 'zh-CN': limitLine('zh-CN'), en: limitLine('en') },
  balance_short: {
    'zh-CN': (p) => `需付 ${money(p.needFen)}，可用余额 ${money(p.availableFen)}`,
    en: (p) => `Needs ${money(p.needFen)}, usable balance ${money(p.availableFen)}`,
  },
  count_short: { 'zh-CN': (p) => `需 ${p.need} 次，剩余 ${p.available} 次`, en: (p) => `Needs ${p.need} ticket(s), ${p.available} left` },
  wallet: {
    'zh-CN': (p) => `${WALLETS[String(p.wallet)]?.['zh-CN'] ?? p.wallet}支付 ${money(p.fen)}`,
    en: (p) => `${WALLETS[String(p.wallet)]?.en ?? p.wallet} pays ${money(p.fen)}`,
  },
  tickets: { 'zh-CN': (p) => `扣 ${p.count} 次`, en: (p) => `Uses ${p.count} ticket(s)` },
  refused: {
    'zh-CN': (p) => `拒绝：${REFUSALS[p.reason as PriceRefusal]?.['zh-CN'] ?? p.reason}`,
    en: (p) => `Refused: ${REFUSALS[p.reason as PriceRefusal]?.en ?? p.reason}`,
  },
};

/** One human line per step. An unknown code (a newer server) degrades to the code and its params rather than throwing. */
export function formatExplain(steps: ExplainStep[], lang: 'zh-CN' | 'en'): string[] {
  return steps.map((s) => EXPLAIN_CATALOGUE[s.code]?.[lang]?.(s.params) ?? `${s.code} ${JSON.stringify(s.params)}`);
}

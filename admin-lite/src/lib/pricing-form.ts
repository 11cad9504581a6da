// The 档口计价规则 form: StallPricing (integer fen, basis points) <-> a draft
// of strings as typed (yuan, percent), and back through validateStallPricing
// so the console refuses exactly what the edge functions would refuse.
import { validateStallPricing, type Adjustment, type PricingLimits, type PricingMode, type StallPricing, type TimeWindow, type WalletKind } from '@yima/shared';
import { t } from '../i18n/index.ts';
import { parseCount, parsePercentBp, parseYuan, percentText, yuanText } from './payment-format.ts';

export const PRICING_MODES: readonly PricingMode[] = ['fixed', 'free', 'count', 'limited'];
export const LIMIT_KEYS = ['perPaymentMaxFen', 'perMealFen', 'perDayFen', 'perMealCount', 'perDayCount'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export const isCountLimit = (key: LimitKey) => key === 'perMealCount' || key === 'perDayCount';

export interface WindowDraft {
  start: string;
  end: string;
  /** ISO weekdays; empty = every day. */
  days: number[];
}

export interface AdjustmentDraft {
  id: string;
  label: string;
  kind: 'discount' | 'premium';
  by: 'rate' | 'amount';
  /** Percent when by = rate ('20' = 20%), yuan when by = amount. */
  value: string;
  departments: string[];
  tags: string[];
  /** Comma/、-separated identities (教职工, 学生 …). */
  identities: string;
  window: WindowDraft | null;
}

export interface PricingDraft {
  mode: PricingMode;
  fixedYuan: string;
  countPerUse: string;
  openWindows: WindowDraft[];
  adjustments: AdjustmentDraft[];
  /** Yuan for the *Fen limits, whole numbers for the counts; '' = no limit. */
  limits: Record<LimitKey, string>;
  walletOrder: WalletKind[];
}

const windowDraft = (w: TimeWindow): WindowDraft => ({ start: w.start, end: w.end, days: w.days ?? [] });

export function emptyWindow(): WindowDraft {
  return { start: '11:00', end: '13:30', days: [] };
}

export function emptyAdjustment(id: string): AdjustmentDraft {
  return { id, label: '', kind: 'discount', by: 'rate', value: '', departments: [], tags: [], identities: '', window: null };
}

export function draftFromPricing(p: StallPricing): PricingDraft {
  const limits = Object.fromEntries(
    LIMIT_KEYS.map((key) => {
      const value = p.limits?.[key];
      return [key, value === undefined ? '' : isCountLimit(key) ? String(value) : yuanText(value)];
    }),
  ) as Record<LimitKey, string>;
  return {
    mode: p.mode,
    fixedYuan: p.fixedFen === undefined ? '' : yuanText(p.fixedFen),
    countPerUse: p.countPerUse === undefined ? '' : String(p.countPerUse),
    openWindows: (p.openWindows ?? []).map(windowDraft),
    adjustments: (p.adjustments ?? []).map((a) => ({
      id: a.id,
      label: a.label,
      kind: a.kind,
      by: a.amountFen !== undefined ? 'amount' : 'rate',
      value: a.amountFen !== undefined ? yuanText(a.amountFen) : a.rateBp !== undefined ? percentText(a.rateBp) : '',
      departments: a.match?.departments ?? [],
      tags: a.match?.tags ?? [],
      identities: (a.match?.identities ?? []).join('、'),
      window: a.window ? windowDraft(a.window) : null,
    })),
    limits,
    walletOrder: p.walletOrder ? [...p.walletOrder] : ['subsidy', 'cash'],
  };
}

/** '教职工, 学生、外包' -> ['教职工', '学生', '外包']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const windowOf = (w: WindowDraft): TimeWindow => ({ start: w.start.trim(), end: w.end.trim(), ...(w.days.length > 0 ? { days: [...w.days].sort((a, b) => a - b) } : {}) });

export type PricingCheck = { ok: true; value: StallPricing } | { ok: false; problems: string[] };

/** Draft -> StallPricing with integer fen and basis points, validated; problems are shown as a list. */
export function pricingFromDraft(d: PricingDraft): PricingCheck {
  const problems: string[] = [];
  const yuan = (text: string, label: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = parseYuan(text);
    if (value === undefined) problems.push(t('pay.pricing.badYuan', { field: label }));
    return value;
  };
  const count = (text: string, label: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = parseCount(text);
    if (value === undefined) problems.push(t('pay.pricing.badCount', { field: label }));
    return value;
  };

  const pricing: StallPricing = { mode: d.mode };
  if (d.mode === 'fixed') {
    const fixedFen = yuan(d.fixedYuan, t('pay.pricing.fixedYuan'));
    if (fixedFen !== undefined) pricing.fixedFen = fixedFen;
  }
  if (d.mode === 'count') {
    const countPerUse = count(d.countPerUse, t('pay.pricing.countPerUse'));
    if (countPerUse !== undefined) pricing.countPerUse = countPerUse;
  }
  if (d.openWindows.length > 0) pricing.openWindows = d.openWindows.map(windowOf);

  const adjustments: Adjustment[] = d.adjustments.map((a, i) => {
    const label = a.label.trim() || t('pay.adj.numbered', { n: i + 1 });
    const amount = a.by === 'amount' ? yuan(a.value, label) : undefined;
    let rateBp: number | undefined;
    if (a.by === 'rate' && a.value.trim() !== '') {
      rateBp = parsePercentBp(a.value);
      if (rateBp === undefined) problems.push(t('pay.pricing.badPercent', { field: label }));
    }
    const identities = splitList(a.identities);
    const match = {
      ...(a.departments.length > 0 ? { departments: [...a.departments] } : {}),
      ...(a.tags.length > 0 ? { tags: [...a.tags] } : {}),
      ...(identities.length > 0 ? { identities } : {}),
    };
    return {
      id: a.id,
      label: a.label.trim(),
      kind: a.kind,
      ...(Object.keys(match).length > 0 ? { match } : {}),
      ...(a.window ? { window: windowOf(a.window) } : {}),
      ...(rateBp !== undefined ? { rateBp } : {}),
      ...(amount !== undefined ? { amountFen: amount } : {}),
    };
  });
  if (adjustments.length > 0) pricing.adjustments = adjustments;

  const limits: PricingLimits = {};
  for (const key of LIMIT_KEYS) {
    const label = t(`pay.limit.${key}`);
    const value = isCountLimit(key) ? count(d.limits[key], label) : yuan(d.limits[key], label);
    if (value !== undefined) limits[key] = value;
  }
  if (Object.keys(limits).length > 0) pricing.limits = limits;
  pricing.walletOrder = [...d.walletOrder];

  const checked = validateStallPricing(pricing);
  if (!checked.ok) problems.push(...checked.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: checked.ok ? checked.value : pricing };
}

/** One line for the stalls table: 定额 ¥15.00 · 2 项优惠 · 11:00–13:30. */
export function describePricing(p: StallPricing): string {
  const parts = [t(`pay.mode.${p.mode}`)];
  if (p.mode === 'fixed' && p.fixedFen !== undefined) parts.push(`¥${yuanText(p.fixedFen)}`);
  if (p.mode === 'count') parts.push(t('pay.pricing.perUse', { n: p.countPerUse ?? 1 }));
  if (p.mode === 'limited' && p.limits?.perPaymentMaxFen !== undefined) parts.push(t('pay.pricing.upTo', { amount: `¥${yuanText(p.limits.perPaymentMaxFen)}` }));
  if (p.adjustments?.length) parts.push(t('pay.pricing.adjustmentCount', { n: p.adjustments.length }));
  if (p.openWindows?.length) parts.push(p.openWindows.map((w) => `${w.start}–${w.end}`).join(t('common.listSeparator')));
  return parts.join(' · ');
}

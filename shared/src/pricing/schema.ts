// Validation of a stall's pricing configuration, shared by the admin console
// (form errors) and the DB-facing edge functions (reject before writing).
// Objects are strict: a misspelt key such as `perDayFEN` would otherwise be
// dropped silently and the stall would run without its limit.
import { z } from 'zod';
import { parseHhmm } from './clock.ts';
import type { MealPeriod, StallPricing } from './types.ts';

const positiveFen = z.number().int('金额必须是整数分').positive('金额必须大于0');
const positiveCount = z.number().int('次数必须是整数').positive('次数必须大于0');
const hhmm = z.string().refine((s) => parseHhmm(s) !== null, '时间格式应为 HH:MM（00:00–23:59）');
const hhmmEnd = z.string().refine((s) => parseHhmm(s, true) !== null, '时间格式应为 HH:MM（00:00–24:00）');
const nonEmptyId = z.string().min(1, '不能为空');

function startBeforeEnd(v: { start: string; end: string }, ctx: z.RefinementCtx): void {
  const s = parseHhmm(v.start);
  const e = parseHhmm(v.end, true);
  if (s !== null && e !== null && s >= e) ctx.addIssue({ code: 'custom', path: ['end'], message: '结束时间必须晚于开始时间（不支持跨午夜）' });
}

export const TimeWindowSchema = z
  .strictObject({
    start: hhmm,
    end: hhmmEnd,
    days: z
      .array(z.number().int().min(1, '星期应为1–7').max(7, '星期应为1–7'))
      .min(1, '星期不能为空（省略表示每天）')
      .refine((d) => new Set(d).size === d.length, '星期不能重复')
      .optional(),
  })
  .superRefine(startBeforeEnd);

export const MealPeriodSchema = z
  .strictObject({ id: nonEmptyId, name: z.string().trim().min(1, '请填写餐次名称'), start: hhmm, end: hhmmEnd })
  .superRefine(startBeforeEnd);

const AudienceMatchSchema = z.strictObject({
  departments: z.array(nonEmptyId).optional(),
  tags: z.array(nonEmptyId).optional(),
  identities: z.array(nonEmptyId).optional(),
});

/** A premium above 1000% is certainly a typo, so the console stops it. */
const MAX_PREMIUM_BP = 100_000;

const AdjustmentSchema = z
  .strictObject({
    id: nonEmptyId,
    label: z.string().trim().min(1, '请填写显示名称').max(40, '显示名称最多40字'),
    kind: z.enum(['discount', 'premium']),
    match: AudienceMatchSchema.optional(),
    window: TimeWindowSchema.optional(),
    rateBp: z.number().int('比例必须是整数基点').positive('比例必须大于0').optional(),
    amountFen: positiveFen.optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.rateBp === undefined) === (a.amountFen === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['rateBp'], message: 'rateBp 与 amountFen 必须且只能填一个' });
    }
    if (a.rateBp !== undefined && a.kind === 'discount' && a.rateBp > 10_000) {
      ctx.addIssue({ code: 'custom', path: ['rateBp'], message: '折扣不能超过100%（10000基点）' });
    }
    if (a.rateBp !== undefined && a.kind === 'premium' && a.rateBp > MAX_PREMIUM_BP) {
      ctx.addIssue({ code: 'custom', path: ['rateBp'], message: `加价不能超过${MAX_PREMIUM_BP}基点` });
    }
  });

const PricingLimitsSchema = z.strictObject({
  perPaymentMaxFen: positiveFen.optional(),
  perMealFen: positiveFen.optional(),
  perDayFen: positiveFen.optional(),
  perMealCount: positiveCount.optional(),
  perDayCount: positiveCount.optional(),
});

export const StallPricingSchema = z
  .strictObject({
    mode: z.enum(['fixed', 'free', 'count', 'limited']),
    fixedFen: positiveFen.optional(),
    countPerUse: positiveCount.optional(),
    openWindows: z.array(TimeWindowSchema).optional(),
    adjustments: z.array(AdjustmentSchema).optional(),
    limits: PricingLimitsSchema.optional(),
    walletOrder: z
      .array(z.enum(['subsidy', 'cash']))
      .min(1, '至少选择一个钱包')
      .refine((w) => new Set(w).size === w.length, '钱包不能重复')
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.mode === 'fixed' && p.fixedFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fixedFen'], message: '定额模式必须设置价格' });
    }
    if (p.mode === 'limited' && p.limits?.perPaymentMaxFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['limits', 'perPaymentMaxFen'], message: '限额模式必须设置单笔上限' });
    }
    const ids = (p.adjustments ?? []).map((a) => a.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['adjustments'], message: '优惠/加价的 id 不能重复' });
  });

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

/** Checks a stall pricing config; problems are 'path: message' lines (messages in zh-CN where we wrote them). */
export function validateStallPricing(p: unknown): { ok: true; value: StallPricing } | { ok: false; problems: string[] } {
  const r = StallPricingSchema.safeParse(p);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: problemsOf(r.error) };
}

/** Checks a canteen's meal periods (each valid; ids distinct). Overlaps are allowed: the first listed wins. */
export function validateMealPeriods(p: unknown): { ok: true; value: MealPeriod[] } | { ok: false; problems: string[] } {
  const r = z
    .array(MealPeriodSchema)
    .refine((ps) => new Set(ps.map((x) => x.id)).size === ps.length, '餐次 id 不能重复')
    .safeParse(p);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: problemsOf(r.error) };
}

/**
 * Support ticket severity classes and their limits (故障预受理): minutes to
 * the first response and to the resolution. The database applies the same
 * table (app_private.sla_minutes); a test checks they agree.
 */
export const SEVERITIES = ['svip_urgent', 'very_urgent', 'urgent', 'normal'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SLA_MINUTES: Record<Severity, { respond: number; resolve: number; label: { 'zh-CN': string; en: string } }> = {
  svip_urgent: { respond: 10, resolve: 8 * 60, label: { 'zh-CN': 'SVIP 紧急', en: 'SVIP urgent' } },
  very_urgent: { respond: 30, resolve: 12 * 60, label: { 'zh-CN': '非常紧急', en: 'Very urgent' } },
  urgent: { respond: 60, resolve: 24 * 60, label: { 'zh-CN': '紧急', en: 'Urgent' } },
  normal: { respond: 120, resolve: 3 * 24 * 60, label: { 'zh-CN': '一般', en: 'Normal' } },
};

export function slaDue(severity: Severity, openedAt: Date): { respondBy: Date; resolveBy: Date } {
  const limits = SLA_MINUTES[severity];
  return {
    respondBy: new Date(openedAt.getTime() + limits.respond * 60_000),
    resolveBy: new Date(openedAt.getTime() + limits.resolve * 60_000),
  };
}

/** Time left (negative = overdue) in whole minutes, for the console's SLA timers. */
export function minutesLeft(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / 60_000);
}

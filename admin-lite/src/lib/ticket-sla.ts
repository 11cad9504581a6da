// The live SLA timers of the 工单 pages: time left to a limit (or overdue)
// from minutesLeft of '@yima/shared', written as 分钟 / 小时 / 天.
import { minutesLeft, SLA_MINUTES, type Severity } from '@yima/shared';
import { t } from '../i18n/index.ts';

/** 45 -> '45 分钟', 125 -> '2 小时 5 分', 1500 -> '1 天 1 小时' (sign ignored). */
export function durationText(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return t('ops.sla.minutes', { m });
  if (m < 1440) return t('ops.sla.hours', { h: Math.floor(m / 60), m: m % 60 });
  return t('ops.sla.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

export type SlaState = { kind: 'done'; at: string } | { kind: 'left'; minutes: number } | { kind: 'overdue'; minutes: number };

/** A limit met at `doneAt`, or the whole minutes left (overdue once negative) at `now`. */
export function slaState(due: string, doneAt: string | null, now: Date): SlaState {
  if (doneAt) return { kind: 'done', at: doneAt };
  const minutes = minutesLeft(new Date(due), now);
  return minutes < 0 ? { kind: 'overdue', minutes: -minutes } : { kind: 'left', minutes };
}

/** 'SVIP 紧急' etc. (the console is zh-CN). */
export const severityLabel = (severity: Severity): string => SLA_MINUTES[severity].label['zh-CN'];

/** '需在 10 分钟内响应，8 小时 0 分内解决' for the new-ticket form. */
export function slaLimitsText(severity: Severity): string {
  const limits = SLA_MINUTES[severity];
  return t('ops.sla.limits', { respond: durationText(limits.respond), resolve: durationText(limits.resolve) });
}

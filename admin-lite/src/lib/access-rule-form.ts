// The access-rule form: one target (everyone, a department subtree, a tag
// or a member), weekdays 1=Mon..7=Sun and a local time window [from, until).
// Mirrors the table's checks so the admin sees the problem before saving.
import { t, type MessageKey } from '../i18n/index.ts';
import type { AccessRuleInput, AccessRuleRow } from '../services/access-rules.service.ts';

export type TargetKind = 'everyone' | 'department' | 'tag' | 'member';

export interface AccessRuleDraft {
  name: string;
  pointId: string;
  targetKind: TargetKind;
  targetId: string;
  effect: 'allow' | 'deny';
  weekdays: number[];
  timeFrom: string;
  timeUntil: string;
}

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function emptyRuleDraft(): AccessRuleDraft {
  return { name: '', pointId: '', targetKind: 'everyone', targetId: '', effect: 'allow', weekdays: [...ALL_WEEKDAYS], timeFrom: '00:00', timeUntil: '24:00' };
}

export function targetOf(rule: Pick<AccessRuleRow, 'department_id' | 'tag_id' | 'member_id'>): { kind: TargetKind; id: string } {
  if (rule.department_id) return { kind: 'department', id: rule.department_id };
  if (rule.tag_id) return { kind: 'tag', id: rule.tag_id };
  if (rule.member_id) return { kind: 'member', id: rule.member_id };
  return { kind: 'everyone', id: '' };
}

export function draftFromRule(rule: AccessRuleRow): AccessRuleDraft {
  const target = targetOf(rule);
  return {
    name: rule.name,
    pointId: rule.point_id ?? '',
    targetKind: target.kind,
    targetId: target.id,
    effect: rule.effect,
    weekdays: [...rule.weekdays],
    timeFrom: rule.time_from,
    timeUntil: rule.time_until,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type RuleCheck = { ok: true; input: AccessRuleInput } | { ok: false; errors: Partial<Record<'name' | 'target' | 'weekdays' | 'time', string>> };

export function checkRuleDraft(draft: AccessRuleDraft): RuleCheck {
  const errors: Partial<Record<'name' | 'target' | 'weekdays' | 'time', string>> = {};
  const name = draft.name.trim();
  if (name.length === 0 || name.length > 50) errors.name = t('rules.error.name');
  if (draft.targetKind !== 'everyone' && !draft.targetId) errors.target = t('rules.error.target');
  if (draft.weekdays.length === 0) errors.weekdays = t('rules.error.weekdays');
  const untilOk = draft.timeUntil === '24:00' || TIME.test(draft.timeUntil);
  if (!TIME.test(draft.timeFrom) || !untilOk) errors.time = t('rules.error.timeFormat');
  else if (draft.timeFrom >= draft.timeUntil) errors.time = t('rules.error.timeOrder');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const id = draft.targetId || null;
  return {
    ok: true,
    input: {
      name,
      point_id: draft.pointId || null,
      department_id: draft.targetKind === 'department' ? id : null,
      tag_id: draft.targetKind === 'tag' ? id : null,
      member_id: draft.targetKind === 'member' ? id : null,
      effect: draft.effect,
      weekdays: [...new Set(draft.weekdays)].sort((a, b) => a - b),
      time_from: draft.timeFrom,
      time_until: draft.timeUntil,
    },
  };
}

/** 每天 / 工作日 / 周末 / 周一、周三. */
export function describeWeekdays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b).join(',');
  if (sorted === '1,2,3,4,5,6,7') return t('rules.days.all');
  if (sorted === '1,2,3,4,5') return t('rules.days.workdays');
  if (sorted === '6,7') return t('rules.days.weekend');
  return [...new Set(days)]
    .sort((a, b) => a - b)
    .map((d) => weekdayLabel(d))
    .join(t('common.listSeparator'));
}

export function weekdayLabel(day: number): string {
  return t(`rules.weekday.${day}` as MessageKey);
}

/** 全天 or 08:00–18:00. */
export function describeWindow(from: string, until: string): string {
  return from === '00:00' && until === '24:00' ? t('rules.allDay') : `${from}–${until}`;
}

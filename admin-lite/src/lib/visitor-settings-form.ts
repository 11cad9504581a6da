// 访客设置 form: the settings as edited (strings for the numbers, identity
// types as a list) and the checks matching the table's constraints.
import { t } from '../i18n/index.ts';
import type { VisitorSettings, VisitorSettingsInput } from '../services/visitor-settings.service.ts';

export interface SettingsDraft {
  identityTypes: string[];
  approvalLevels: 1 | 2;
  inviteNeedsApproval: boolean;
  retentionDays: string;
  maxWindowHours: string;
  requireIdCard: boolean;
}
export type SettingsErrors = Partial<Record<'identityTypes' | 'retentionDays' | 'maxWindowHours', string>>;

export const DEFAULT_RETENTION_DAYS = 180;

export function settingsDraft(s: VisitorSettings): SettingsDraft {
  return {
    identityTypes: [...s.identity_types],
    approvalLevels: s.approval_levels,
    inviteNeedsApproval: s.invite_needs_approval,
    retentionDays: String(s.retention_days ?? DEFAULT_RETENTION_DAYS),
    maxWindowHours: String(s.max_window_hours),
    requireIdCard: s.require_id_card,
  };
}

const intIn = (text: string, min: number, max: number): number | undefined => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : undefined;
};

export function checkSettingsDraft(d: SettingsDraft): { ok: true; input: VisitorSettingsInput } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const types = d.identityTypes.map((x) => x.trim()).filter(Boolean);
  if (types.length < 1 || types.length > 20 || types.some((x) => x.length > 20)) errors.identityTypes = t('visitor.settings.identityRule');
  else if (new Set(types).size !== types.length) errors.identityTypes = t('visitor.settings.identityDuplicate');
  const retention = intIn(d.retentionDays, 1, 3650);
  if (retention === undefined) errors.retentionDays = t('visitor.settings.retentionRule');
  const hours = intIn(d.maxWindowHours, 1, 720);
  if (hours === undefined) errors.maxWindowHours = t('visitor.settings.windowRule');
  if (Object.keys(errors).length > 0 || retention === undefined || hours === undefined) return { ok: false, errors };
  return {
    ok: true,
    input: {
      identity_types: types,
      approval_levels: d.approvalLevels,
      invite_needs_approval: d.inviteNeedsApproval,
      retention_days: retention,
      max_window_hours: hours,
      require_id_card: d.requireIdCard,
    },
  };
}

// The 安全策略 form: numbers typed as text, the offline cap in yuan. Ranges
// mirror the code_settings checks; money goes through @yima/shared's fen
// helpers (exact, no floats).
import { fen, fenToYuanString, MoneyError, yuanToFen } from '@yima/shared/money';
import { t } from '../i18n/index.ts';
import type { CodeSettingsPatch, CodeSettingsRow } from '../services/code-settings.service.ts';

export const CODE_SETTING_RANGES = {
  step_seconds: [5, 255],
  offline_validity_hours: [1, 720],
  issuer_key_validity_days: [30, 3650],
  online_code_validity_seconds: [10, 600],
} as const;
export type NumericSetting = keyof typeof CODE_SETTING_RANGES;
export const NUMERIC_SETTINGS = Object.keys(CODE_SETTING_RANGES) as NumericSetting[];
const MAX_CAP_FEN = 4_294_967_295;

export interface CodeSettingsDraft {
  numbers: Record<NumericSetting, string>;
  screenshotReport: boolean;
  hideOnCapture: boolean;
  /** Yuan, as typed ('200.00'). */
  offlineCapYuan: string;
  scopes: number;
}

export function draftFromSettings(row: CodeSettingsRow): CodeSettingsDraft {
  return {
    numbers: Object.fromEntries(NUMERIC_SETTINGS.map((k) => [k, String(row[k])])) as Record<NumericSetting, string>,
    screenshotReport: row.screenshot_report,
    hideOnCapture: row.hide_on_capture,
    offlineCapYuan: fenToYuanString(fen(row.default_offline_cap_fen)),
    scopes: row.default_scopes,
  };
}

export type SettingsCheck = { ok: true; patch: CodeSettingsPatch } | { ok: false; errors: Partial<Record<NumericSetting | 'offlineCap', string>> };

export function checkSettingsDraft(draft: CodeSettingsDraft): SettingsCheck {
  const errors: Partial<Record<NumericSetting | 'offlineCap', string>> = {};
  const numbers = {} as Record<NumericSetting, number>;
  for (const key of NUMERIC_SETTINGS) {
    const [min, max] = CODE_SETTING_RANGES[key];
    const text = draft.numbers[key].trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) errors[key] = t('security.error.range', { min, max });
    else numbers[key] = value;
  }
  let cap = 0;
  try {
    cap = yuanToFen(draft.offlineCapYuan.trim());
    if (cap < 0 || cap > MAX_CAP_FEN) errors.offlineCap = t('security.error.cap');
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    errors.offlineCap = t('security.error.cap');
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    patch: { ...numbers, screenshot_report: draft.screenshotReport, hide_on_capture: draft.hideOnCapture, default_offline_cap_fen: cap, default_scopes: draft.scopes },
  };
}

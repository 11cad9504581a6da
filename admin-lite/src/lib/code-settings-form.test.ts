import { describe, expect, it } from 'vitest';
import { checkSettingsDraft, draftFromSettings } from './code-settings-form.ts';

const ROW = {
  org_id: 'o',
  step_seconds: 30,
  offline_validity_hours: 72,
  issuer_key_validity_days: 365,
  online_code_validity_seconds: 90,
  screenshot_report: true,
  hide_on_capture: true,
  default_offline_cap_fen: 20000,
  default_scopes: 111,
  updated_at: '',
};

describe('code settings form', () => {
  it('shows the cap in yuan and saves it back in fen exactly', () => {
    const draft = draftFromSettings(ROW);
    expect(draft.offlineCapYuan).toBe('200.00');
    const result = checkSettingsDraft({ ...draft, offlineCapYuan: '123.45' });
    expect(result).toEqual({
      ok: true,
      patch: { step_seconds: 30, offline_validity_hours: 72, issuer_key_validity_days: 365, online_code_validity_seconds: 90, screenshot_report: true, hide_on_capture: true, default_offline_cap_fen: 12345, default_scopes: 111 },
    });
  });

  it('refuses out-of-range numbers and bad amounts', () => {
    const draft = draftFromSettings(ROW);
    const result = checkSettingsDraft({ ...draft, numbers: { ...draft.numbers, step_seconds: '4', offline_validity_hours: '1.5' }, offlineCapYuan: '1.234' });
    expect(result).toEqual({
      ok: false,
      errors: { step_seconds: '请输入 5–255 之间的整数', offline_validity_hours: '请输入 1–720 之间的整数', offlineCap: '请输入 0 到 42949672.95 之间的金额，最多两位小数' },
    });
    expect(checkSettingsDraft({ ...draft, offlineCapYuan: '-1' })).toMatchObject({ ok: false, errors: { offlineCap: expect.any(String) } });
    expect(checkSettingsDraft({ ...draft, offlineCapYuan: '42949673.00' })).toMatchObject({ ok: false });
  });
});

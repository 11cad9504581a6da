import { describe, expect, it } from 'vitest';
import { checkSettingsDraft, type SettingsDraft } from './visitor-settings-form.ts';

const draft = (extra: Partial<SettingsDraft> = {}): SettingsDraft => ({ identityTypes: ['客户', ' 供应商 ', ''], approvalLevels: 2, inviteNeedsApproval: true, retentionDays: '180', maxWindowHours: '72', requireIdCard: true, ...extra });

describe('checkSettingsDraft', () => {
  it('trims the identity types and turns the numbers into integers', () => {
    expect(checkSettingsDraft(draft())).toEqual({
      ok: true,
      input: { identity_types: ['客户', '供应商'], approval_levels: 2, invite_needs_approval: true, retention_days: 180, max_window_hours: 72, require_id_card: true },
    });
  });

  it('says what is wrong', () => {
    expect(checkSettingsDraft(draft({ identityTypes: [' '], retentionDays: '0', maxWindowHours: '1.5' }))).toEqual({
      ok: false,
      errors: { identityTypes: '请填写 1–20 个身份，每个最多 20 字', retentionDays: '请输入 1–3650 之间的整数', maxWindowHours: '请输入 1–720 之间的整数' },
    });
    expect(checkSettingsDraft(draft({ identityTypes: ['客户', '客户'] }))).toMatchObject({ ok: false, errors: { identityTypes: '访客身份不能重复' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { AuthSettingsRow, OrgSecretName } from '../services/auth-settings.service.ts';
import { ORG_ID } from '../test/fixtures.ts';
import { draftFromSettings, isAcceptableVerifyUrl, validateAuthSettings, type AuthSettingsDraft } from './auth-settings-form.ts';

const ROW: AuthSettingsRow = {
  org_id: ORG_ID,
  claim_method: 'employee_no_phone',
  api_verify_url: null,
  max_claim_attempts: 5,
  lock_minutes: 30,
  wecom_corp_id: null,
  updated_at: '2026-11-25T00:00:00Z',
};

const draft = (changes: Partial<AuthSettingsDraft> = {}): AuthSettingsDraft => ({ ...draftFromSettings(ROW), ...changes });
const none = new Set<OrgSecretName>();
const withSecret = (d: AuthSettingsDraft, name: OrgSecretName, value: string, clear = false): AuthSettingsDraft => ({
  ...d,
  secrets: { ...d.secrets, [name]: { value, clear } },
});

describe('validateAuthSettings', () => {
  it('turns an untouched draft back into the row, changing no secret', () => {
    expect(validateAuthSettings(draft(), none)).toEqual({
      ok: true,
      update: { claim_method: 'employee_no_phone', api_verify_url: null, max_claim_attempts: 5, lock_minutes: 30, wecom_corp_id: null },
      secrets: {},
    });
  });

  it('requires a URL and a signing secret for the API method', () => {
    const result = validateAuthSettings(draft({ claimMethod: 'api' }), none);
    expect(result).toEqual({
      ok: false,
      errors: { apiVerifyUrl: '选择“企业接口验证”时必须填写接口地址', api_verify_secret: '选择“企业接口验证”时必须设置签名密钥' },
    });
  });

  it('accepts the API method with an https URL and a secret already set or typed now', () => {
    const base = draft({ claimMethod: 'api', apiVerifyUrl: ' https://hr.example.com/verify ' });
    const stored = validateAuthSettings(base, new Set(['api_verify_secret']));
    expect(stored).toMatchObject({ ok: true, update: { claim_method: 'api', api_verify_url: 'https://hr.example.com/verify' }, secrets: {} });
    const typed = validateAuthSettings(withSecret(base, 'api_verify_secret', '  s3cret '), none);
    expect(typed).toMatchObject({ ok: true, secrets: { api_verify_secret: 's3cret' } });
  });

  it('refuses to clear the signing secret the API method needs', () => {
    const result = validateAuthSettings(
      withSecret(draft({ claimMethod: 'api', apiVerifyUrl: 'https://hr.example.com/v' }), 'api_verify_secret', '', true),
      new Set(['api_verify_secret']),
    );
    expect(result).toMatchObject({ ok: false, errors: { api_verify_secret: '选择“企业接口验证”时必须设置签名密钥' } });
  });

  it('clears a stored secret with null, and ignores clearing one that is not set', () => {
    const d = withSecret(draft(), 'wecom_corp_secret', '', true);
    expect(validateAuthSettings(d, new Set(['wecom_corp_secret']))).toMatchObject({ ok: true, secrets: { wecom_corp_secret: null } });
    expect(validateAuthSettings(d, none)).toMatchObject({ ok: true, secrets: {} });
  });

  it('checks the lock-out numbers against the database ranges', () => {
    expect(validateAuthSettings(draft({ maxClaimAttempts: '0', lockMinutes: '1441' }), none)).toEqual({
      ok: false,
      errors: { maxClaimAttempts: '连续失败次数上限须为 1–20 之间的整数', lockMinutes: '锁定时长须为 1–1440 之间的整数（分钟）' },
    });
    expect(validateAuthSettings(draft({ maxClaimAttempts: '2.5' }), none).ok).toBe(false);
    expect(validateAuthSettings(draft({ maxClaimAttempts: '20', lockMinutes: '1' }), none).ok).toBe(true);
  });

  it('checks the WeCom corp id and agent id formats', () => {
    expect(validateAuthSettings(draft({ wecomCorpId: 'ww-1' }), none)).toMatchObject({ ok: false, errors: { wecomCorpId: '企业 ID 应为 4–64 位字母或数字' } });
    expect(validateAuthSettings(withSecret(draft(), 'wecom_agent_id', 'abc'), none)).toMatchObject({ ok: false, errors: { wecom_agent_id: 'AgentId 应为数字' } });
    expect(validateAuthSettings(withSecret(draft({ wecomCorpId: 'ww1234abcd' }), 'wecom_agent_id', '1000002'), none)).toMatchObject({
      ok: true,
      update: { wecom_corp_id: 'ww1234abcd' },
      secrets: { wecom_agent_id: '1000002' },
    });
  });

  it('checks a URL even when the API method is not selected', () => {
    expect(validateAuthSettings(draft({ apiVerifyUrl: 'ftp://x' }), none)).toMatchObject({ ok: false, errors: { apiVerifyUrl: expect.stringContaining('https://') } });
  });
});

describe('isAcceptableVerifyUrl', () => {
  it('wants https, allowing http only to this machine', () => {
    expect(isAcceptableVerifyUrl('https://hr.example.com/verify')).toBe(true);
    expect(isAcceptableVerifyUrl('http://localhost:8080/verify')).toBe(true);
    expect(isAcceptableVerifyUrl('http://127.0.0.1/verify')).toBe(true);
    expect(isAcceptableVerifyUrl('http://hr.example.com/verify')).toBe(false);
    expect(isAcceptableVerifyUrl('https://hr.example.com/a b')).toBe(false);
    expect(isAcceptableVerifyUrl('hr.example.com')).toBe(false);
  });
});

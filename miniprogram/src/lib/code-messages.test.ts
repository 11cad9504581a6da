import { VERIFY_REASONS } from '@yima/shared/code-protocol/index';
import { describe, expect, it } from 'vitest';
import { t } from '../i18n';
import { AppError } from '../services/errors';
import { codeErrorMessage, VERIFY_REFUSALS, verifyReasonMessage } from './code-messages';

describe('verify reason messages', () => {
  it('covers every reason of the offline verifier (protocol section 8)', () => {
    for (const reason of VERIFY_REASONS) expect(VERIFY_REFUSALS).toContain(reason);
  });

  it.each(VERIFY_REFUSALS.map((reason) => [reason]))('%s has its own zh-CN sentence', (reason) => {
    const message = verifyReasonMessage(reason);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toContain(reason);
    expect(message).not.toBe(t('verifyReason.unknown', { reason }));
  });

  it('tells the guard what to do for the common refusals', () => {
    expect(verifyReasonMessage('replayed')).toBe('二维码已使用，请让员工刷新后重新出示');
    expect(verifyReasonMessage('malformed')).toBe('不是一码通二维码');
    expect(verifyReasonMessage('revoked')).toBe('卡已挂失或停用');
    expect(verifyReasonMessage('clock_skew')).toContain('刷新');
  });

  it('shows an unknown (newer) reason with its code rather than nothing', () => {
    expect(verifyReasonMessage('balance_frozen')).toBe('验证未通过（balance_frozen）');
    expect(verifyReasonMessage(undefined)).toBe('验证未通过（?）');
  });
});

describe('code error messages', () => {
  const fnError = (code: string, status: number) => new AppError({ kind: 'function', code, message: `English ${code}`, status });

  it.each([
    ['not_enrollable', 403, '你的工卡当前不可用（成员未激活或尚未领卡），无法生成动态码，请联系单位管理员'],
    ['card_not_found', 404, '找不到你的工卡，请联系单位管理员'],
    ['forbidden', 403, '你没有验码权限（需要“工卡”管理权限），请联系单位管理员'],
    ['invalid_body', 400, '动态码内容不正确，请重新扫码'],
    ['not_member', 403, '你不是该单位的在职成员'],
    ['issuer_key_unavailable', 500, '单位的签发密钥暂不可用，请稍后重试'],
  ])('%s', (code, status, expected) => {
    expect(codeErrorMessage(fnError(code, status))).toBe(expected);
  });

  it('never shows a function’s English text: unknown codes get the status sentence', () => {
    expect(codeErrorMessage(fnError('database_error', 500))).toBe('服务暂时不可用，请稍后重试');
  });

  it('keeps our own zh-CN sentences (network, session)', () => {
    expect(codeErrorMessage(new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试', status: 0 }))).toBe('网络异常，请稍后重试');
  });

  it('explains a WeChat without getRandomValues', () => {
    expect(codeErrorMessage(new Error('wx.getRandomValues is not available (base library too old)'))).toBe(t('codeError.randomUnavailable'));
  });
});

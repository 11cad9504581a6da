import { describe, expect, it } from 'vitest';
import { AppError } from '../services/errors';
import { claimErrorMessage, loginErrorMessage, rateLimitMessage, smsErrorMessage } from './auth-errors';

const fnError = (status: number, code: string, data: Record<string, unknown> = {}, message = 'English text from the function') =>
  new AppError({ kind: status === 401 ? 'session' : 'function', code, status, message, detail: message, data });

describe('claimErrorMessage', () => {
  const now = new Date(2026, 10, 25, 17, 40);
  const in25min = new Date(2026, 10, 25, 18, 5).toISOString();

  it.each([
    [403, 'no_match', { remaining: 4 }, '信息不匹配，请核对后重试（还可尝试 4 次）'],
    [403, 'member_inactive', { remaining: 2 }, '该成员已停用，请联系单位管理员（还可尝试 2 次）'],
    [403, 'member_deleted', { remaining: 1 }, '该成员已被删除，不能再次领卡，请联系单位管理员（还可尝试 1 次）'],
    [403, 'no_match', { remaining: 0, locked_until: in25min }, '信息不匹配，请核对后重试。尝试次数已用完，请于 18:05 后再试'],
    [403, 'ambiguous', {}, '匹配到多名成员，请联系单位管理员'],
    [409, 'member_bound', {}, '该成员的工卡已被其他账号领取；如需换绑，请联系单位管理员解绑'],
    [409, 'account_bound', {}, '你已在该单位领取过其他成员的工卡'],
    [429, 'locked', { locked_until: in25min, remaining: 0 }, '尝试次数过多，已暂时锁定，请于 18:05 后再试'],
    [429, 'locked', {}, '尝试次数过多，已暂时锁定，请稍后再试'],
    [400, 'missing_fields', {}, '请填写全部验证信息'],
    [503, 'api_verify_not_configured', {}, '该单位通过自己的人事系统核验身份，但尚未配置完成，请联系单位管理员'],
    [404, 'org_not_found', {}, '找不到该单位，请检查领卡链接或单位代码'],
    [504, 'enterprise_timeout', {}, '单位的人事系统暂时无法核验，请稍后重试'],
  ])('HTTP %i %s -> zh-CN', (status, code, data, expected) => {
    expect(claimErrorMessage(fnError(status, code, data), now)).toBe(expected);
  });

  it('names the field from an invalid_body message', () => {
    const error = fnError(400, 'invalid_body', {}, 'fields.id_card: ID-card number must be 18 characters');
    expect(claimErrorMessage(error, now)).toBe('身份证号格式不正确，请核对');
    expect(claimErrorMessage(fnError(400, 'invalid_body', {}, 'device_id: must be 8-64'), now)).toBe('填写的信息格式不正确，请核对');
  });

  it('falls back to a generic sentence for codes it does not know, never English', () => {
    expect(claimErrorMessage(fnError(500, 'database_error'), now)).toBe('服务暂时不可用，请稍后重试');
    const network = new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试' });
    expect(claimErrorMessage(network, now)).toBe('网络异常，请稍后重试');
  });
});

describe('smsErrorMessage', () => {
  it('says how long to wait when rate limited', () => {
    expect(smsErrorMessage(fnError(429, 'rate_limited', { retry_after: 42 }))).toBe('发送太频繁，请 42 秒后再试');
    expect(smsErrorMessage(fnError(429, 'rate_limited', { retry_after: 3600 }))).toBe('发送太频繁，请 60 分钟后再试');
    expect(smsErrorMessage(fnError(429, 'rate_limited', { retry_after: 86400 }))).toBe('今日验证码发送次数已达上限，请明天再试');
    expect(rateLimitMessage(undefined)).toBe('操作太频繁，请稍后再试');
  });

  it('maps verify failures', () => {
    expect(smsErrorMessage(fnError(400, 'code_wrong', { remaining: 3 }))).toBe('验证码错误，还可尝试 3 次');
    expect(smsErrorMessage(fnError(400, 'code_wrong', { remaining: 0 }))).toBe('验证码错误，请重新获取');
    expect(smsErrorMessage(fnError(400, 'code_expired'))).toBe('验证码已过期或尚未发送，请重新获取');
    expect(smsErrorMessage(fnError(400, 'too_many_attempts'))).toBe('验证码错误次数过多，请重新获取');
    expect(smsErrorMessage(fnError(503, 'provider_busy'))).toBe('短信服务暂时不可用，请稍后重试');
  });
});

describe('loginErrorMessage', () => {
  it('explains an unconfigured WeChat login', () => {
    expect(loginErrorMessage(fnError(503, 'wechat_not_configured'), 'wechat')).toBe(
      '服务端尚未配置微信登录（缺少小程序 AppID 和 AppSecret），请联系管理员',
    );
  });

  it('explains WeCom refusals', () => {
    expect(loginErrorMessage(fnError(403, 'wecom_user_not_member'), 'wecom')).toBe('你不在该企业的一码通成员名单中，请联系管理员添加');
    expect(loginErrorMessage(fnError(404, 'wecom_org_not_found'), 'wecom')).toBe('该企业微信尚未开通一码通，请联系管理员');
    // A WeCom code is not a WeChat one: the WeChat map does not know WeCom codes.
    expect(loginErrorMessage(fnError(403, 'wecom_user_not_member'), 'wechat')).toBe('没有权限执行此操作');
  });
});

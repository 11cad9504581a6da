import { describe, expect, it } from 'vitest';
import { AppError, mapFunctionError, mapPostgrestError, toAppError, unwrap } from './errors.ts';

describe('mapPostgrestError', () => {
  it('shows the zh-CN part of the visitor rule messages (YM501–YM504), else a zh-CN fallback', () => {
    const own = mapPostgrestError({ code: 'YM501', message: '到访时间已过 (the visit window is in the past)' }, 400);
    expect(own).toMatchObject({ kind: 'invalid', code: 'YM501', message: '到访时间已过' });
    expect(mapPostgrestError({ code: 'YM501', message: 'no such organisation' }, 400).message).toBe('预约信息不正确（到访时间、地点、被访人或访客身份）');
    expect(mapPostgrestError({ code: 'YM502', message: 'the visit is not approved' }, 400).message).toBe('该预约当前的状态不允许此操作，请刷新后重试');
    expect(mapPostgrestError({ code: 'YM503', message: '这一步不由你审批 (this approval step is not yours)' }, 400).message).toBe('这一步不由你审批');
    expect(mapPostgrestError({ code: 'YM504', message: 'unknown pass' }, 400).message).toBe('链接或通行证无效或已过期');
  });

  it('maps 42501 (insufficient privilege) to 没有权限', () => {
    const error = mapPostgrestError({ code: '42501', message: 'new row violates row-level security policy' }, 403);
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('没有权限执行此操作');
    expect(error.code).toBe('42501');
  });

  it('maps a bare 403 to 没有权限', () => {
    expect(mapPostgrestError({ code: '', message: 'forbidden' }, 403).message).toBe('没有权限执行此操作');
  });

  it('maps PGRST301 and any 401 to 登录已失效', () => {
    expect(mapPostgrestError({ code: 'PGRST301', message: 'JWT expired' }, 401).kind).toBe('session-expired');
    expect(mapPostgrestError({ code: 'PGRST303', message: 'JWT claims invalid' }, 401).message).toBe('登录已失效，请重新登录');
    expect(mapPostgrestError({ code: '', message: '' }, 401).message).toBe('登录已失效，请重新登录');
  });

  it('treats 42501 answered with 401 (ran as anon) as an expired session', () => {
    expect(mapPostgrestError({ code: '42501', message: 'permission denied for table members' }, 401).kind).toBe('session-expired');
  });

  it('maps 23505 (unique violation) to 数据重复', () => {
    const error = mapPostgrestError({ code: '23505', message: 'duplicate key value violates unique constraint' }, 409);
    expect(error.kind).toBe('duplicate');
    expect(error.message).toBe('数据重复');
  });

  it('maps a request that got no answer (status 0) to 网络异常', () => {
    const error = mapPostgrestError({ code: '', message: 'TypeError: Failed to fetch', details: '', hint: '' }, 0);
    expect(error.kind).toBe('network');
    expect(error.message).toBe('网络异常，请稍后重试');
  });

  it('maps P0002 (no such rows) to 数据不存在', () => {
    expect(mapPostgrestError({ code: 'P0002', message: 'no such members' }, 400).message).toBe('数据不存在或已被删除');
  });

  it('falls back to a generic message and keeps the code', () => {
    const error = mapPostgrestError({ code: '23514', message: 'violates check constraint' }, 400);
    expect(error.kind).toBe('unknown');
    expect(error.message).toBe('操作失败，请稍后重试');
    expect(error.code).toBe('23514');
  });
});

describe('mapPostgrestError: our rules and named constraints', () => {
  it('gives zh-CN reasons for YM codes', () => {
    expect(mapPostgrestError({ code: 'YM001', message: 'the default group cannot be deleted' }, 400)).toMatchObject({
      kind: 'invalid',
      message: '“未分组”不能删除或移动',
      code: 'YM001',
    });
    expect(mapPostgrestError({ code: 'YM003', message: 'x' }, 400).message).toBe('不能把部门移到它自己或它的下级部门之下');
    expect(mapPostgrestError({ code: 'YM301', message: 'only a draft can be sent' }, 400).message).toBe('只有草稿可以修改或发送（该通知可能已发送）');
    expect(mapPostgrestError({ code: 'YM005', message: 'x' }, 400).message).toBe('身份证号格式不正确（应为 18 位）');
  });

  it('names the field of a unique or check violation from the constraint name', () => {
    const dup = (constraint: string) => mapPostgrestError({ code: '23505', message: `duplicate key value violates unique constraint "${constraint}"` }, 409);
    expect(dup('members_org_id_employee_no_key')).toMatchObject({ kind: 'duplicate', message: '该工号已存在' });
    expect(dup('departments_sibling_name').message).toBe('同一上级部门下已有同名部门');
    expect(dup('tags_org_id_name_key').message).toBe('已有同名标签');
    expect(dup('something_else').message).toBe('数据重复');
    const check = (constraint: string) =>
      mapPostgrestError({ code: '23514', message: `new row for relation "members" violates check constraint "${constraint}"` }, 400);
    expect(check('members_phone_check')).toMatchObject({ kind: 'invalid', message: '手机号应为 11 位大陆手机号' });
    expect(check('members_employee_no_check').message).toBe('工号只能包含字母、数字和 ._-，最长 32 位');
  });
});

describe('mapFunctionError', () => {
  it("shows the function's own message", () => {
    const error = mapFunctionError(404, { error: { code: 'unknown_persona', message: 'No persona "x"' } });
    expect(error.kind).toBe('function');
    expect(error.message).toBe('No persona "x"');
    expect(error.code).toBe('unknown_persona');
    expect(error.status).toBe(404);
  });

  it('treats the gateway 401 (bad or expired JWT) as an expired session', () => {
    const error = mapFunctionError(401, { error: { code: 'invalid_jwt', message: 'Invalid or expired JWT' } });
    expect(error.kind).toBe('session-expired');
    expect(error.message).toBe('登录已失效，请重新登录');
  });

  it('gives zh-CN messages for the SMS login codes, keeping retry_after and remaining', () => {
    const limited = mapFunctionError(429, { error: { code: 'rate_limited', message: 'this phone has had 10 codes today', retry_after: 86400 } });
    expect(limited.message).toBe('获取验证码过于频繁，请 24 小时后再试');
    expect(limited.retryAfter).toBe(86400);
    expect(mapFunctionError(400, { error: { code: 'code_wrong', message: '验证码错误', remaining: 0 } }).message).toBe('验证码错误次数已用完，请重新获取验证码');
    expect(mapFunctionError(400, { error: { code: 'code_expired', message: 'x' } }).message).toBe('验证码已过期，请重新获取');
    expect(mapFunctionError(503, { error: { code: 'provider_busy', message: 'Tencent busy' } }).message).toBe('短信服务暂不可用，请稍后重试或联系管理员');
  });

  it('says why when a reused refresh token ended every session', () => {
    const error = mapFunctionError(401, { error: { code: 'refresh_token_reused', message: 'renewed elsewhere' } });
    expect(error.kind).toBe('session-expired');
    expect(error.message).toBe('该登录已在别处续期，为安全起见已退出所有登录，请重新登录');
  });

  it('uses the status when the body is not an error object', () => {
    expect(mapFunctionError(403, 'nope').message).toBe('没有权限执行此操作');
    expect(mapFunctionError(502, undefined).message).toBe('请求失败（HTTP 502）');
  });
});

describe('toAppError', () => {
  it('passes AppError through', () => {
    const original = new AppError('duplicate', '数据重复');
    expect(toAppError(original)).toBe(original);
  });

  it('maps fetch rejections to 网络异常', () => {
    expect(toAppError(new TypeError('Failed to fetch')).message).toBe('网络异常，请稍后重试');
  });

  it('maps anything else to the generic message', () => {
    expect(toAppError('boom').kind).toBe('unknown');
  });
});

describe('unwrap', () => {
  it('returns data on success', () => {
    expect(unwrap({ data: [1, 2], error: null, status: 200 })).toEqual([1, 2]);
  });

  it('throws the mapped error instead of swallowing it', () => {
    expect(() => unwrap({ data: null, error: { code: '42501', message: 'denied' }, status: 403 })).toThrowError('没有权限执行此操作');
  });
});

describe('operations and audit codes', () => {
  it('maps YM801, YM811, YM812 and YM703 to zh-CN', () => {
    expect(mapPostgrestError({ code: 'YM801', message: 'the audit log is append-only' }, 400).message).toBe('审计日志只能追加，不能修改或删除');
    expect(mapPostgrestError({ code: 'YM811', message: 'this ticket is not open' }, 400)).toMatchObject({ kind: 'invalid', message: '当前状态不允许此操作（订阅已不在生效中，或工单已处理完毕）' });
    expect(mapPostgrestError({ code: 'YM812', message: '请写明处理结果 (write the resolution, at least 5 characters)' }, 400).message).toBe('请写明处理结果');
    expect(mapPostgrestError({ code: 'YM812', message: 'reveal id_card or phone' }, 400).message).toBe('填写的内容不正确，请检查后重试');
    expect(mapPostgrestError({ code: 'YM703', message: '至少保留一名超级管理员 (an organisation keeps at least one super admin)' }, 400).message).toBe('至少保留一名超级管理员');
  });

  it('maps the subscription-admin function codes', () => {
    expect(mapFunctionError(409, { error: { code: 'subscription_state', message: 'only an active subscription can be cancelled' } }).message).toBe('当前状态不允许此操作（订阅已不在生效中，或工单已处理完毕）');
    expect(mapFunctionError(404, { error: { code: 'subscription_not_found', message: 'No such subscription' } }).message).toBe('找不到该订阅（或你不是平台运营人员）');
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, fromFunctionsError, fromPostgrestError, isSessionError, toAppError } from './errors';

describe('fromPostgrestError', () => {
  it.each([
    [{ code: '42501', message: 'permission denied for table members' }, 403, 'permission', '没有权限执行此操作'],
    [{ code: '', message: 'new row violates row-level security policy' }, 403, 'permission', '没有权限执行此操作'],
    [{ code: 'PGRST301', message: 'JWSError JWSInvalidSignature' }, 401, 'session', '登录已失效，请重新登录'],
    [{ code: 'PGRST303', message: 'JWT expired' }, 401, 'session', '登录已失效，请重新登录'],
    [{ code: '', message: 'Unauthorized' }, 401, 'session', '登录已失效，请重新登录'],
    [{ code: '', message: 'TypeError: Network request failed: request:fail timeout' }, 0, 'network', '网络异常，请稍后重试'],
    [{ code: 'PGRST116', message: 'JSON object requested, multiple (or no) rows returned' }, 406, 'not_found', '未找到相关数据'],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, 409, 'conflict', '数据已存在'],
    [{ code: '23514', message: 'new row violates check constraint' }, 400, 'invalid', '提交的数据不符合要求'],
    [{ code: '', message: 'bad gateway' }, 502, 'server', '服务暂时不可用，请稍后重试'],
    [{ code: 'XX999', message: 'something odd' }, 418, 'unknown', '操作失败，请稍后重试'],
  ] as const)('%o with HTTP %i -> %s', (error, status, kind, message) => {
    const appError = fromPostgrestError(error, status);
    expect(appError).toBeInstanceOf(AppError);
    expect(appError.kind).toBe(kind);
    expect(appError.message).toBe(message);
    expect(appError.status).toBe(status);
  });

  it('keeps the backend text for logs, not for the UI', () => {
    const appError = fromPostgrestError({ code: '42501', message: 'permission denied', details: 'd', hint: 'h' }, 403);
    expect(appError.code).toBe('42501');
    expect(appError.detail).toBe('permission denied | d | h');
    expect(appError.message).not.toContain('permission denied');
  });
});

describe('fromFunctionsError', () => {
  const httpError = (status: number, body: string) =>
    Object.assign(new Error('Edge Function returned a non-2xx status code'), {
      name: 'FunctionsHttpError',
      context: new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    });

  it('shows the function message from {error:{code,message}}', async () => {
    const appError = await fromFunctionsError(httpError(404, JSON.stringify({ error: { code: 'unknown_persona', message: '没有这个演示账号' } })));
    expect(appError).toMatchObject({ kind: 'function', code: 'unknown_persona', status: 404, message: '没有这个演示账号' });
  });

  it('marks a 401 from a function as a session error', async () => {
    const appError = await fromFunctionsError(httpError(401, JSON.stringify({ error: { code: 'invalid_jwt', message: 'Invalid JWT' } })));
    expect(isSessionError(appError)).toBe(true);
  });

  it('falls back to the status when the body is not the error shape', async () => {
    const appError = await fromFunctionsError(httpError(503, '<html>busy</html>'));
    expect(appError).toMatchObject({ kind: 'server', message: '服务暂时不可用，请稍后重试' });
  });

  it('maps fetch and relay failures', async () => {
    const fetchError = Object.assign(new Error('Failed to send a request to the Edge Function'), { name: 'FunctionsFetchError' });
    expect((await fromFunctionsError(fetchError)).message).toBe('网络异常，请稍后重试');
    const relayError = Object.assign(new Error('Relay Error invoking the Edge Function'), { name: 'FunctionsRelayError' });
    expect((await fromFunctionsError(relayError)).kind).toBe('server');
  });
});

describe('toAppError', () => {
  it('treats fetch TypeErrors and aborts as network errors but not ordinary bugs', () => {
    expect(toAppError(new TypeError('Failed to fetch')).kind).toBe('network');
    expect(toAppError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind).toBe('network');
    expect(toAppError(new TypeError("Cannot read properties of undefined (reading 'x')")).kind).toBe('unknown');
  });

  it('passes AppErrors through unchanged', () => {
    const original = new AppError({ kind: 'config', code: 'config_missing', message: '缺少后端配置' });
    expect(toAppError(original)).toBe(original);
  });
});

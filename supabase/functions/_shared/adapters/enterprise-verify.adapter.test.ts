import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnterpriseFake, type EnterpriseFake } from '../../../tests/fakes/index.ts';
import {
  buildEnterpriseRequest,
  signEnterpriseRequest,
  verifyEnterpriseSignature,
  verifyWithEnterprise,
  type EnterpriseVerifyInput,
} from './enterprise-verify.adapter.ts';
import { adapterError, CLOSED_URL, recordingFetch } from './test-helpers.ts';

const secret = 'whsec_enterprise_shared_secret_0001';
const orgId = '5d0c3a52-6f0e-4c55-9a51-2f1f5c1c0001';
let fake: EnterpriseFake;

beforeAll(async () => {
  fake = await startEnterpriseFake({
    secret,
    orgId,
    people: [
      { employee_no: 'E001', name: '张三', phone: '13800000001' },
      { employee_no: 'E002', name: '李四', phone: '13800000002' },
      { employee_no: 'E003', name: '李四', phone: '13800000003' },
    ],
  });
});
afterAll(() => fake.stop());

const verify = (fields: Record<string, string>, over: Partial<EnterpriseVerifyInput> = {}) =>
  verifyWithEnterprise({ url: fake.url, secret, orgId, fields, ...over });

describe('verifyWithEnterprise against the fake enterprise', () => {
  it('answers ok with the employee number when the fields match one person', async () => {
    const { fetch, calls } = recordingFetch();
    expect(await verify({ employee_no: 'E001', name: '张三' }, { fetch })).toEqual({ ok: true, employeeNo: 'E001' });
    const init = calls[0]!.init!;
    expect(init.method).toBe('POST');
    const body = JSON.parse(String(init.body));
    expect(body).toEqual({ org_id: orgId, fields: { employee_no: 'E001', name: '张三' }, timestamp: expect.any(Number), nonce: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(fake.requests.at(-1)).toEqual({ orgId, fields: { employee_no: 'E001', name: '张三' }, matched: 'E001' });
  });

  it('passes on the enterprise "no" with its reason', async () => {
    expect(await verify({ employee_no: 'E001', name: '李四' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await verify({ name: '李四' })).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('is refused (401 -> enterprise_error) with the wrong secret', async () => {
    const error = await adapterError(verify({ employee_no: 'E001' }, { secret: 'not-the-secret' }));
    expect(error).toMatchObject({ provider: 'enterprise', code: 'enterprise_error', status: 401 });
    expect(error.message).toMatch(/same secret/);
    expect(fake.rejected.at(-1)).toBe('bad_signature');
  });

  it('is refused when our clock is off by more than 5 minutes', async () => {
    const error = await adapterError(verify({ employee_no: 'E001' }, { now: () => Date.now() - 6 * 60 * 1000 }));
    expect(error.code).toBe('enterprise_error');
    expect(fake.rejected.at(-1)).toBe('stale_timestamp');
  });

  it('times out with enterprise_timeout', async () => {
    fake.delayMs = 400;
    try {
      const started = Date.now();
      expect((await adapterError(verify({ employee_no: 'E001' }, { timeoutMs: 80 }))).code).toBe('enterprise_timeout');
      expect(Date.now() - started).toBeLessThan(350);
    } finally {
      fake.delayMs = 0;
    }
  });

  it('maps non-2xx to enterprise_error and malformed answers to enterprise_bad_response', async () => {
    fake.replyNext({ status: 500, body: 'Internal Server Error' });
    expect(await adapterError(verify({ employee_no: 'E001' }))).toMatchObject({ code: 'enterprise_error', status: 500 });
    fake.replyNext({ body: '<html>ok</html>' });
    expect((await adapterError(verify({ employee_no: 'E001' }))).code).toBe('enterprise_bad_response');
    fake.replyNext({ body: '{"ok":true}' });
    expect((await adapterError(verify({ employee_no: 'E001' }))).message).toMatch(/without an employee_no/);
    fake.replyNext({ body: '{"ok":"yes","employee_no":"E001"}' });
    expect((await adapterError(verify({ employee_no: 'E001' }))).code).toBe('enterprise_bad_response');
    fake.replyNext({ body: '{"ok":true,"employee_no":1001}' });
    expect((await adapterError(verify({ employee_no: 'E001' }))).code).toBe('enterprise_bad_response');
  });

  it('reports an unreachable endpoint as enterprise_error', async () => {
    expect((await adapterError(verify({ employee_no: 'E001' }, { url: CLOSED_URL }))).code).toBe('enterprise_error');
  });

  it('refuses plain http to anything but loopback, and bad URLs, without sending', async () => {
    const { fetch, calls } = recordingFetch();
    const insecure = await adapterError(verify({ employee_no: 'E001' }, { url: 'http://hr.example.com/verify', fetch }));
    expect(insecure.code).toBe('enterprise_misconfigured');
    expect(insecure.message).toMatch(/https/);
    expect((await adapterError(verify({ employee_no: 'E001' }, { url: 'not a url', fetch }))).code).toBe('enterprise_misconfigured');
    expect((await adapterError(verify({ employee_no: 'E001' }, { secret: '', fetch }))).code).toBe('enterprise_misconfigured');
    expect(calls).toHaveLength(0);
  });
});

describe('the signing protocol', () => {
  const timestamp = '1735689600';
  const nonce = '9f86d081884c7d659a2feaa0c55ad015';
  const body = '{"org_id":"o","fields":{"employee_no":"E001"},"timestamp":1735689600,"nonce":"9f86d081884c7d659a2feaa0c55ad015"}';

  it('signs hex(HMAC-SHA256(secret, timestamp \\n nonce \\n body)), cross-checked with node:crypto', async () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
    expect(await signEnterpriseRequest({ secret, timestamp, nonce, body })).toBe(expected);
  });

  it('verifies what buildEnterpriseRequest produces, and nothing altered', async () => {
    const nowMs = 1_735_689_600_000;
    const req = await buildEnterpriseRequest({ secret, orgId, fields: { employee_no: 'E001' }, nowMs, nonce });
    const check = (over: Partial<Parameters<typeof verifyEnterpriseSignature>[0]> = {}) =>
      verifyEnterpriseSignature({
        secret, body: req.body, timestamp: req.headers['x-yima-timestamp'], nonce: req.headers['x-yima-nonce'],
        signature: req.headers['x-yima-signature'], nowSeconds: nowMs / 1000 + 120, ...over,
      });
    expect(await check()).toEqual({ ok: true, timestamp: 1735689600, nonce });
    expect(await check({ signature: req.headers['x-yima-signature'].toUpperCase() })).toMatchObject({ ok: true });
    expect(await check({ body: req.body.replace('E001', 'E002') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await check({ nonce: 'another-nonce' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await check({ secret: 'other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await check({ nowSeconds: nowMs / 1000 + 301 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(await check({ timestamp: '1735689600.0' })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(await check({ signature: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('lets the fake enterprise refuse a replayed request', async () => {
    const req = await buildEnterpriseRequest({ secret, orgId, fields: { employee_no: 'E002', name: '李四' } });
    const send = () => fetch(fake.url, { method: 'POST', headers: req.headers, body: req.body });
    expect(await (await send()).json()).toEqual({ ok: true, employee_no: 'E002' });
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(fake.rejected.at(-1)).toBe('replayed_nonce');
  });
});

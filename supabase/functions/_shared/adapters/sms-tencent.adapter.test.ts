import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTencentSmsFake, type SmsFake } from '../../../tests/fakes/index.ts';
import { signTc3, TencentSmsChannel, type TencentSmsConfig } from './sms-tencent.adapter.ts';
import { adapterError, recordingFetch } from './test-helpers.ts';

describe('signTc3 known answer (Tencent Cloud "签名方法 v3" worked example)', () => {
  // The published example: CVM DescribeInstances, X-TC-Timestamp 1551113065,
  // with the document's placeholder keys (asterisks included, as printed).
  it('reproduces the published hashes, signature and Authorization', async () => {
    const signed = await signTc3({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      timestamp: 1551113065,
      headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    });
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n'
        + '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.stringToSign).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, '
        + 'SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('takes the credential date in UTC (00:44 in Beijing is still the 25th)', async () => {
    const signed = await signTc3({ secretId: 'id', secretKey: 'k', service: 'sms', timestamp: 1551113065, headers: { host: 'h', 'content-type': 'c' }, payload: '' });
    expect(signed.credentialScope).toBe('2019-02-25/sms/tc3_request');
  });
});

const creds = { secretId: 'AKIDfakeSecretId000000000000000000', secretKey: 'fakeSecretKey00000000000000000000', sdkAppId: '1400000001' };
let fake: SmsFake;

beforeAll(async () => {
  fake = await startTencentSmsFake(creds);
});
afterAll(() => fake.stop());

const channel = (over: Partial<TencentSmsConfig> = {}) =>
  new TencentSmsChannel({
    ...creds,
    signName: '一码通',
    templateIds: { login_code: '2000001', notice: '2000004' },
    endpoint: fake.url,
    ...over,
  });
const loginCode = (phone = '13800000001', code = '246810') => ({ phone, template: 'login_code' as const, params: { code, minutes: '5' } });

describe('TencentSmsChannel against the fake', () => {
  it('sends with a valid TC3 signature, E.164 number and ordered params', async () => {
    const { fetch, calls } = recordingFetch();
    const result = await channel({ fetch }).send(loginCode('13800000001', '135790'));
    expect(result.providerMessageId).toMatch(/^2028:/);
    expect(fake.lastCode('13800000001')).toBe('135790');
    expect(fake.messages.at(-1)).toMatchObject({ phone: '13800000001', templateId: '2000001', params: ['135790', '5'], signName: '一码通' });
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get('x-tc-action')).toBe('SendSms');
    expect(headers.get('x-tc-version')).toBe('2021-01-11');
    expect(headers.get('x-tc-region')).toBe('ap-guangzhou');
    expect(JSON.parse(String(calls[0]!.init?.body)).PhoneNumberSet).toEqual(['+8613800000001']);
  });

  it('follows a configured parameter order', async () => {
    await channel({ templateParamOrder: { notice: ['title', 'org'] } }).send({
      phone: '+8613900000002', template: 'notice', params: { org: '示例科技', title: '停车场维修' },
    });
    expect(fake.messages.at(-1)?.params).toEqual(['停车场维修', '示例科技']);
  });

  it('maps a wrong SecretKey to invalid_credentials (AuthFailure.SignatureFailure)', async () => {
    const error = await adapterError(channel({ secretKey: 'wrong-key' }).send(loginCode()));
    expect(error).toMatchObject({ provider: 'sms.tencent', code: 'invalid_credentials', providerCode: 'AuthFailure.SignatureFailure' });
    expect(error.message).toMatch(/YIMA_SMS_TENCENT_SECRET_KEY/);
  });

  it('maps an unknown SecretId and a skewed clock to invalid_credentials', async () => {
    expect((await adapterError(channel({ secretId: 'AKIDunknown' }).send(loginCode()))).providerCode).toBe('AuthFailure.SecretIdNotFound');
    const skewed = await adapterError(channel({ now: () => Date.now() - 10 * 60 * 1000 }).send(loginCode()));
    expect(skewed).toMatchObject({ code: 'invalid_credentials', providerCode: 'AuthFailure.SignatureExpire' });
    expect(skewed.message).toMatch(/clock/);
  });

  it('maps a wrong SdkAppId to sms_rejected naming the variable', async () => {
    const error = await adapterError(channel({ sdkAppId: '1400999999' }).send(loginCode()));
    expect(error).toMatchObject({ code: 'sms_rejected', providerCode: 'InvalidParameterValue.SdkAppIdNotExist' });
    expect(error.message).toMatch(/YIMA_SMS_TENCENT_SDK_APP_ID/);
  });

  it('maps per-number failures from SendStatusSet', async () => {
    fake.failNext('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限');
    expect(await adapterError(channel().send(loginCode()))).toMatchObject({ code: 'rate_limited', providerCode: 'LimitExceeded.PhoneNumberThirtySecondLimit' });
    const foreign = await adapterError(channel().send(loginCode('+12025550123')));
    expect(foreign).toMatchObject({ code: 'invalid_phone', providerCode: 'InvalidParameterValue.IncorrectPhoneNumber' });
    expect(foreign.message).not.toContain('2025550123');
  });

  it('refuses unconfigured templates, missing params and bad numbers before calling Tencent', async () => {
    const before = fake.messages.length;
    const { fetch, calls } = recordingFetch();
    const missingTemplate = await adapterError(channel({ fetch }).send({ phone: '13800000001', template: 'visitor_pass', params: {} }));
    expect(missingTemplate.code).toBe('sms_template_missing');
    expect(missingTemplate.message).toMatch(/YIMA_SMS_TENCENT_TEMPLATE_IDS/);
    const missingParam = await adapterError(channel({ fetch }).send({ phone: '13800000001', template: 'login_code', params: { code: '1' } }));
    expect(missingParam.code).toBe('sms_template_params');
    expect(missingParam.message).toMatch(/minutes is missing/);
    expect((await adapterError(channel({ fetch }).send(loginCode('12345')))).code).toBe('invalid_phone');
    expect(calls).toHaveLength(0);
    expect(fake.messages.length).toBe(before);
  });

  it('times out with provider_timeout', async () => {
    fake.delayMs = 400;
    try {
      expect((await adapterError(channel({ timeoutMs: 80 }).send(loginCode()))).code).toBe('provider_timeout');
    } finally {
      fake.delayMs = 0;
    }
  });
});

describe('the Tencent fake checks signatures like Tencent', () => {
  const post = async (signedBody: string, sentBody: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = await signTc3({
      ...creds, service: 'sms', timestamp, payload: signedBody,
      headers: { 'content-type': 'application/json; charset=utf-8', host: new URL(fake.url).host, 'x-tc-action': 'SendSms' },
    });
    const res = await fetch(fake.url, {
      method: 'POST',
      headers: {
        authorization: signed.authorization, 'content-type': 'application/json; charset=utf-8',
        'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-timestamp': String(timestamp), 'x-tc-region': 'ap-guangzhou',
      },
      body: sentBody,
    });
    return (await res.json()).Response as { Error?: { Code: string }; SendStatusSet?: Array<{ Code: string }> };
  };
  const body = JSON.stringify({ PhoneNumberSet: ['+8613800000001'], SmsSdkAppId: creds.sdkAppId, SignName: 'x', TemplateId: '1', TemplateParamSet: ['1'] });

  it('accepts the request as signed', async () => {
    expect((await post(body, body)).SendStatusSet?.[0]?.Code).toBe('Ok');
  });

  it('rejects a body changed after signing', async () => {
    const tampered = body.replace('+8613800000001', '+8613800000002');
    expect((await post(body, tampered)).Error?.Code).toBe('AuthFailure.SignatureFailure');
  });
});

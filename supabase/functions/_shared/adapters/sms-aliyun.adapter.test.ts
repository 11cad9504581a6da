import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAliyunSmsFake, type SmsFake } from '../../../tests/fakes/index.ts';
import { AliyunSmsChannel, popPercentEncode, signAliyunRpc, type AliyunSmsConfig } from './sms-aliyun.adapter.ts';
import { adapterError, recordingFetch } from './test-helpers.ts';

describe('Aliyun RPC signature known answers', () => {
  it('reproduces the Dysmsapi SendSms example from the SMS documentation', async () => {
    const signed = await signAliyunRpc({
      method: 'GET',
      accessKeySecret: 'testSecret',
      params: {
        AccessKeyId: 'testId', Action: 'SendSms', Format: 'XML', OutId: '123', PhoneNumbers: '15300000001',
        RegionId: 'cn-hangzhou', SignName: '阿里云短信测试专用', SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', SignatureVersion: '1.0', TemplateCode: 'SMS_71390007',
        TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z', Version: '2017-05-25',
      },
    });
    expect(signed.stringToSign).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001'
        + '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1'
        + '%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1'
        + '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007'
        + '%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z'
        + '%26Version%3D2017-05-25',
    );
    expect(signed.signature).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('reproduces the RPC signature example (ECS DescribeRegions)', async () => {
    const signed = await signAliyunRpc({
      method: 'GET',
      accessKeySecret: 'testsecret',
      params: {
        AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0',
        Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
      },
    });
    expect(signed.signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes the POP way', () => {
    expect(popPercentEncode("a b*c~d!'()+/=&")).toBe('a%20b%2Ac~d%21%27%28%29%2B%2F%3D%26');
    expect(popPercentEncode('码')).toBe('%E7%A0%81');
  });
});

const creds = { accessKeyId: 'LTAIfakeAccessKeyId00', accessKeySecret: 'fakeAccessKeySecret000000000000' };
let fake: SmsFake;

beforeAll(async () => {
  fake = await startAliyunSmsFake(creds);
});
afterAll(() => fake.stop());

const channel = (over: Partial<AliyunSmsConfig> = {}) =>
  new AliyunSmsChannel({
    ...creds,
    signName: '一码通',
    templateCodes: { login_code: 'SMS_100000001', notice: 'SMS_100000004' },
    endpoint: fake.url,
    ...over,
  });
const loginCode = (phone = '13800000001', code = '246810') => ({ phone, template: 'login_code' as const, params: { code, minutes: '5' } });

describe('AliyunSmsChannel against the fake', () => {
  it('sends a signed form POST and returns the BizId', async () => {
    const { fetch, calls } = recordingFetch();
    const result = await channel({ fetch }).send(loginCode('+8613800000001', '975310'));
    expect(result.providerMessageId).toMatch(/\^0$/);
    expect(fake.lastCode('13800000001')).toBe('975310');
    expect(fake.messages.at(-1)).toMatchObject({
      phone: '13800000001', templateId: 'SMS_100000001', signName: '一码通', namedParams: { code: '975310', minutes: '5' },
    });
    const form = new URLSearchParams(String(calls[0]!.init?.body));
    expect(Object.fromEntries(form)).toMatchObject({
      Action: 'SendSms', Format: 'JSON', Version: '2017-05-25', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
      RegionId: 'cn-hangzhou', PhoneNumbers: '13800000001', TemplateCode: 'SMS_100000001',
    });
    expect(form.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('signs values that need POP encoding (spaces, * ~ ! \' ( ), Chinese)', async () => {
    await channel().send({ phone: '13900000002', template: 'notice', params: { org: "A b*c~d!'(x)", title: '消防演练 9:00' } });
    expect(fake.messages.at(-1)?.namedParams).toEqual({ org: "A b*c~d!'(x)", title: '消防演练 9:00' });
  });

  it('maps a wrong secret (SignatureDoesNotMatch) and key id to invalid_credentials', async () => {
    const error = await adapterError(channel({ accessKeySecret: 'wrong' }).send(loginCode()));
    expect(error).toMatchObject({ provider: 'sms.aliyun', code: 'invalid_credentials', providerCode: 'SignatureDoesNotMatch', status: 400 });
    expect(error.message).toMatch(/YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET/);
    expect(await adapterError(channel({ accessKeyId: 'LTAIunknown' }).send(loginCode()))).toMatchObject({
      code: 'invalid_credentials', providerCode: 'InvalidAccessKeyId.NotFound', status: 404,
    });
  });

  it('maps a skewed clock and a reused nonce', async () => {
    const skewed = await adapterError(channel({ now: () => Date.now() + 10 * 60 * 1000 }).send(loginCode()));
    expect(skewed).toMatchObject({ code: 'invalid_credentials', providerCode: 'InvalidTimeStamp.Expired' });
    const fixed = channel({ nonce: () => 'same-nonce-every-time' });
    await fixed.send(loginCode());
    expect((await adapterError(fixed.send(loginCode()))).providerCode).toBe('SignatureNonceUsed');
  });

  it('maps business errors: flow control and illegal numbers', async () => {
    fake.failNext('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5');
    expect(await adapterError(channel().send(loginCode()))).toMatchObject({ code: 'rate_limited', providerCode: 'isv.BUSINESS_LIMIT_CONTROL', status: 200 });
    expect(await adapterError(channel().send(loginCode('+12025550123')))).toMatchObject({ code: 'invalid_phone', providerCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
  });

  it('refuses unconfigured templates before calling Aliyun', async () => {
    const { fetch, calls } = recordingFetch();
    const error = await adapterError(channel({ fetch }).send({ phone: '13800000001', template: 'claim_invite', params: { org: 'x', link: 'y' } }));
    expect(error.code).toBe('sms_template_missing');
    expect(error.message).toMatch(/YIMA_SMS_ALIYUN_TEMPLATE_CODES/);
    expect(calls).toHaveLength(0);
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

describe('the Aliyun fake checks signatures like Aliyun', () => {
  const send = async (tamper: (form: URLSearchParams) => void) => {
    const params: Record<string, string> = {
      AccessKeyId: creds.accessKeyId, Action: 'SendSms', Format: 'JSON', PhoneNumbers: '13800000001', RegionId: 'cn-hangzhou',
      SignName: 'x', SignatureMethod: 'HMAC-SHA1', SignatureNonce: crypto.randomUUID(), SignatureVersion: '1.0',
      TemplateCode: 'SMS_1', TemplateParam: '{"code":"1"}', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2017-05-25',
    };
    const { signature } = await signAliyunRpc({ method: 'POST', params, accessKeySecret: creds.accessKeySecret });
    const form = new URLSearchParams({ ...params, Signature: signature });
    tamper(form);
    const res = await fetch(fake.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    return (await res.json()) as { Code: string };
  };

  it('accepts the request as signed', async () => {
    expect((await send(() => undefined)).Code).toBe('OK');
  });

  it('rejects a parameter changed after signing', async () => {
    expect((await send((form) => form.set('PhoneNumbers', '13800000002'))).Code).toBe('SignatureDoesNotMatch');
  });
});

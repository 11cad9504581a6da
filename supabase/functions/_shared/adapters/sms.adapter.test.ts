import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAliyunSmsFake, startTencentSmsFake, type SmsFake } from '../../../tests/fakes/index.ts';
import { ConsoleSmsChannel, createSmsChannel, formatConsoleSms, readSmsConfig, SmsConfigError, type SmsMessage } from './sms.adapter.ts';
import { adapterError } from './test-helpers.ts';

const env = (vars: Record<string, string>) => (key: string) => vars[key];
const message: SmsMessage = { phone: '13800000001', template: 'login_code', params: { code: '123456', minutes: '5' } };

describe('ConsoleSmsChannel', () => {
  it('prints one clear line with a masked number by default', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { providerMessageId } = await new ConsoleSmsChannel().send(message);
      expect(providerMessageId).toMatch(/^console-[0-9a-f-]{36}$/);
      expect(log).toHaveBeenCalledWith('[sms:console] to 138****0001 template login_code params {"code":"123456","minutes":"5"}');
    } finally {
      log.mockRestore();
    }
    expect(formatConsoleSms({ ...message, phone: '+8613912345678' })).toContain('to 139****5678 ');
  });

  it('hands messages to an injected sink and returns distinct ids', async () => {
    const inbox: SmsMessage[] = [];
    const channel = new ConsoleSmsChannel((m) => void inbox.push(m));
    const a = await channel.send(message);
    const b = await channel.send(message);
    expect(inbox).toEqual([message, message]);
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
  });

  it('checks template params like the real channels do', async () => {
    expect((await adapterError(new ConsoleSmsChannel(() => undefined).send({ ...message, params: { code: '1' } }))).code).toBe('sms_template_params');
  });
});

describe('readSmsConfig', () => {
  it('defaults to console on the local stack only', () => {
    expect(readSmsConfig(env({ YIMA_LOCAL_MODE: '1' }))).toEqual({ channel: 'console' });
    expect(() => readSmsConfig(env({}))).toThrow(/YIMA_SMS_CHANNEL is not set/);
    expect(() => readSmsConfig(env({ YIMA_SMS_CHANNEL: 'console' }))).toThrow(/only with YIMA_LOCAL_MODE=1/);
    expect(() => readSmsConfig(env({ YIMA_SMS_CHANNEL: 'pigeon' }))).toThrow(/console, tencent or aliyun, not "pigeon"/);
  });

  it('names every missing Tencent variable', () => {
    let error: unknown;
    try {
      readSmsConfig(env({ YIMA_SMS_CHANNEL: 'tencent', YIMA_SMS_TENCENT_SECRET_ID: 'AKID1' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SmsConfigError);
    const text = (error as Error).message;
    for (const name of ['YIMA_SMS_TENCENT_SECRET_KEY', 'YIMA_SMS_TENCENT_SDK_APP_ID', 'YIMA_SMS_TENCENT_SIGN_NAME', 'YIMA_SMS_TENCENT_TEMPLATE_IDS']) {
      expect(text).toContain(`${name} is not set`);
    }
    expect(text).not.toContain('YIMA_SMS_TENCENT_SECRET_ID');
  });

  const tencent = {
    YIMA_SMS_CHANNEL: 'tencent',
    YIMA_SMS_TENCENT_SECRET_ID: 'AKID1',
    YIMA_SMS_TENCENT_SECRET_KEY: 'key1',
    YIMA_SMS_TENCENT_SDK_APP_ID: '1400000001',
    YIMA_SMS_TENCENT_SIGN_NAME: '一码通',
    YIMA_SMS_TENCENT_TEMPLATE_IDS: '{"login_code":"2000001"}',
  };

  it('parses a Tencent config with defaults', () => {
    expect(readSmsConfig(env(tencent))).toEqual({
      channel: 'tencent', secretId: 'AKID1', secretKey: 'key1', sdkAppId: '1400000001', signName: '一码通',
      region: 'ap-guangzhou', templateIds: { login_code: '2000001' }, templateParamOrder: {}, endpoint: 'https://sms.tencentcloudapi.com',
    });
  });

  it('names the variable holding bad JSON, unknown templates or a bad URL', () => {
    expect(() => readSmsConfig(env({ ...tencent, YIMA_SMS_TENCENT_TEMPLATE_IDS: '{login_code:1}' }))).toThrow(/YIMA_SMS_TENCENT_TEMPLATE_IDS is not valid JSON/);
    expect(() => readSmsConfig(env({ ...tencent, YIMA_SMS_TENCENT_TEMPLATE_IDS: '{"login":"1"}' }))).toThrow(/YIMA_SMS_TENCENT_TEMPLATE_IDS/);
    expect(() => readSmsConfig(env({ ...tencent, YIMA_SMS_TENCENT_TEMPLATE_PARAMS: '{"login_code":"code"}' }))).toThrow(/YIMA_SMS_TENCENT_TEMPLATE_PARAMS/);
    expect(() => readSmsConfig(env({ ...tencent, YIMA_SMS_TENCENT_ENDPOINT: 'ftp://x' }))).toThrow(/YIMA_SMS_TENCENT_ENDPOINT/);
    expect(() => readSmsConfig(env({ ...tencent, YIMA_SMS_TENCENT_SDK_APP_ID: 'abc' }))).toThrow(/YIMA_SMS_TENCENT_SDK_APP_ID: must be the numeric SdkAppId/);
  });

  it('names every missing Aliyun variable', () => {
    expect(() => readSmsConfig(env({ YIMA_SMS_CHANNEL: 'aliyun' }))).toThrow(
      /YIMA_SMS_ALIYUN_ACCESS_KEY_ID is not set; YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET is not set; YIMA_SMS_ALIYUN_SIGN_NAME is not set; YIMA_SMS_ALIYUN_TEMPLATE_CODES is not set/,
    );
  });
});

describe('createSmsChannel from environment, against the fakes', () => {
  let tencentFake: SmsFake;
  let aliyunFake: SmsFake;
  beforeAll(async () => {
    tencentFake = await startTencentSmsFake({ secretId: 'AKIDenv', secretKey: 'env-key', sdkAppId: '1400000002' });
    aliyunFake = await startAliyunSmsFake({ accessKeyId: 'LTAIenv', accessKeySecret: 'env-secret' });
  });
  afterAll(async () => {
    await tencentFake.stop();
    await aliyunFake.stop();
  });

  it('builds a working Tencent channel', async () => {
    const channel = createSmsChannel(readSmsConfig(env({
      YIMA_SMS_CHANNEL: 'tencent', YIMA_SMS_TENCENT_SECRET_ID: 'AKIDenv', YIMA_SMS_TENCENT_SECRET_KEY: 'env-key',
      YIMA_SMS_TENCENT_SDK_APP_ID: '1400000002', YIMA_SMS_TENCENT_SIGN_NAME: '一码通',
      YIMA_SMS_TENCENT_TEMPLATE_IDS: '{"login_code":"2000001"}', YIMA_SMS_TENCENT_ENDPOINT: tencentFake.url,
    })));
    expect(channel.name).toBe('tencent');
    await channel.send(message);
    expect(tencentFake.lastCode('13800000001')).toBe('123456');
  });

  it('builds a working Aliyun channel', async () => {
    const channel = createSmsChannel(readSmsConfig(env({
      YIMA_SMS_CHANNEL: 'aliyun', YIMA_SMS_ALIYUN_ACCESS_KEY_ID: 'LTAIenv', YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET: 'env-secret',
      YIMA_SMS_ALIYUN_SIGN_NAME: '一码通', YIMA_SMS_ALIYUN_TEMPLATE_CODES: '{"login_code":"SMS_1"}', YIMA_SMS_ALIYUN_ENDPOINT: aliyunFake.url,
    })));
    expect(channel.name).toBe('aliyun');
    await channel.send(message);
    expect(aliyunFake.lastCode('13800000001')).toBe('123456');
  });

  it('builds a console channel with the injected sink', async () => {
    const inbox: SmsMessage[] = [];
    const channel = createSmsChannel(readSmsConfig(env({ YIMA_LOCAL_MODE: '1' })), { consoleSink: (m) => void inbox.push(m) });
    await channel.send(message);
    expect(inbox).toEqual([message]);
  });
});

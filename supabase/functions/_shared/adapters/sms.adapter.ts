// Text messages (login codes, claim invitations, visitor passes, notices)
// through one interface, SmsChannel, with three channels:
//   tencent  Tencent Cloud SMS (sms-tencent.adapter.ts)
//   aliyun   Aliyun Dysmsapi   (sms-aliyun.adapter.ts)
//   console  prints the message to the function log; local stack only
//
// Environment (read by readSmsConfig; JSON values are single-line objects):
//   YIMA_SMS_CHANNEL                    console | tencent | aliyun
//                                       (unset: console when YIMA_LOCAL_MODE=1, else an error)
//   YIMA_SMS_TENCENT_SECRET_ID          CAM API key SecretId
//   YIMA_SMS_TENCENT_SECRET_KEY         CAM API key SecretKey
//   YIMA_SMS_TENCENT_SDK_APP_ID         SMS application SdkAppId, e.g. 1400006666
//   YIMA_SMS_TENCENT_SIGN_NAME          approved signature text, e.g. 一码通
//   YIMA_SMS_TENCENT_TEMPLATE_IDS       {"login_code":"1234567", ...}
//   YIMA_SMS_TENCENT_TEMPLATE_PARAMS    optional {"login_code":["code","minutes"], ...}: the order
//                                       of the template's {1},{2}... (default DEFAULT_SMS_TEMPLATE_PARAMS)
//   YIMA_SMS_TENCENT_REGION             optional, default ap-guangzhou
//   YIMA_SMS_TENCENT_ENDPOINT           optional, default https://sms.tencentcloudapi.com
//   YIMA_SMS_ALIYUN_ACCESS_KEY_ID       RAM AccessKey ID
//   YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET   RAM AccessKey secret
//   YIMA_SMS_ALIYUN_SIGN_NAME           approved signature name
//   YIMA_SMS_ALIYUN_TEMPLATE_CODES      {"login_code":"SMS_123456789", ...}
//   YIMA_SMS_ALIYUN_REGION_ID           optional, default cn-hangzhou
//   YIMA_SMS_ALIYUN_ENDPOINT            optional, default https://dysmsapi.aliyuncs.com/
// Templates may be configured one at a time: sending a template that is not
// configured fails with sms_template_missing, naming the variable to set.
import { z } from 'zod';
import { AliyunSmsChannel } from './sms-aliyun.adapter.ts';
import { TencentSmsChannel } from './sms-tencent.adapter.ts';
import { maskPhone, orderedParams, SMS_TEMPLATES, type SmsChannel, type SmsMessage, type SmsTemplate } from './sms-channel.ts';
import type { FetchLike } from './provider-http.ts';

export { DEFAULT_SMS_TEMPLATE_PARAMS, SMS_TEMPLATES, maskPhone } from './sms-channel.ts';
export type { SmsChannel, SmsMessage, SmsTemplate } from './sms-channel.ts';
export { TencentSmsChannel, signTc3, TENCENT_SMS_ENDPOINT } from './sms-tencent.adapter.ts';
export type { TencentSmsConfig, Tc3SignInput, Tc3Signature } from './sms-tencent.adapter.ts';
export { AliyunSmsChannel, signAliyunRpc, popPercentEncode, ALIYUN_SMS_ENDPOINT } from './sms-aliyun.adapter.ts';
export type { AliyunSmsConfig, AliyunRpcSignature } from './sms-aliyun.adapter.ts';

export type SmsSink = (msg: SmsMessage) => void | Promise<void>;

/** The line the console channel prints: `[sms:console] to 138****0001 template login_code params {...}`. */
export function formatConsoleSms(msg: SmsMessage): string {
  return `[sms:console] to ${maskPhone(msg.phone)} template ${msg.template} params ${JSON.stringify(msg.params)}`;
}

/** Local development: hands the message to a sink (default: one log line) instead of sending it. */
export class ConsoleSmsChannel implements SmsChannel {
  readonly name = 'console';
  private readonly sink: SmsSink;

  constructor(sink: SmsSink = (msg) => console.log(formatConsoleSms(msg))) {
    this.sink = sink;
  }

  async send(msg: SmsMessage): Promise<{ providerMessageId: string }> {
    orderedParams(msg, 'sms.console');
    await this.sink(msg);
    return { providerMessageId: `console-${crypto.randomUUID()}` };
  }
}

// ---------------------------------------------------------------- config

const templateMap = z.partialRecord(z.enum(SMS_TEMPLATES), z.string().trim().min(1));
const templateParamMap = z.partialRecord(z.enum(SMS_TEMPLATES), z.array(z.string().min(1)).min(1));
const httpUrl = z.url({ protocol: /^https?$/ });

const ConsoleConfig = z.object({ channel: z.literal('console') });
const TencentConfig = z.object({
  channel: z.literal('tencent'),
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  sdkAppId: z.string().regex(/^\d+$/, 'must be the numeric SdkAppId'),
  signName: z.string().min(1),
  region: z.string().min(1).default('ap-guangzhou'),
  templateIds: templateMap,
  templateParamOrder: templateParamMap.default({}),
  endpoint: httpUrl.default('https://sms.tencentcloudapi.com'),
});
const AliyunConfig = z.object({
  channel: z.literal('aliyun'),
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  signName: z.string().min(1),
  regionId: z.string().min(1).default('cn-hangzhou'),
  templateCodes: templateMap,
  endpoint: httpUrl.default('https://dysmsapi.aliyuncs.com/'),
});

export const SmsConfigSchema = z.discriminatedUnion('channel', [ConsoleConfig, TencentConfig, AliyunConfig]);
export type SmsConfig = z.infer<typeof SmsConfigSchema>;

/** Which variable each config field comes from, so errors can name it. */
const VARIABLES: Record<string, string> = {
  channel: 'YIMA_SMS_CHANNEL',
  'tencent.secretId': 'YIMA_SMS_TENCENT_SECRET_ID',
  'tencent.secretKey': 'YIMA_SMS_TENCENT_SECRET_KEY',
  'tencent.sdkAppId': 'YIMA_SMS_TENCENT_SDK_APP_ID',
  'tencent.signName': 'YIMA_SMS_TENCENT_SIGN_NAME',
  'tencent.region': 'YIMA_SMS_TENCENT_REGION',
  'tencent.templateIds': 'YIMA_SMS_TENCENT_TEMPLATE_IDS',
  'tencent.templateParamOrder': 'YIMA_SMS_TENCENT_TEMPLATE_PARAMS',
  'tencent.endpoint': 'YIMA_SMS_TENCENT_ENDPOINT',
  'aliyun.accessKeyId': 'YIMA_SMS_ALIYUN_ACCESS_KEY_ID',
  'aliyun.accessKeySecret': 'YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET',
  'aliyun.signName': 'YIMA_SMS_ALIYUN_SIGN_NAME',
  'aliyun.regionId': 'YIMA_SMS_ALIYUN_REGION_ID',
  'aliyun.templateCodes': 'YIMA_SMS_ALIYUN_TEMPLATE_CODES',
  'aliyun.endpoint': 'YIMA_SMS_ALIYUN_ENDPOINT',
};

export class SmsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsConfigError';
  }
}

/**
 * Reads and validates the SMS settings from environment-like lookups. Throws
 * SmsConfigError naming every missing or invalid variable. The console
 * channel is refused unless YIMA_LOCAL_MODE=1: it would print login codes
 * into a production log instead of texting them.
 */
export function readSmsConfig(get: (key: string) => string | undefined): SmsConfig {
  const value = (key: string) => {
    const v = get(key)?.trim();
    return v ? v : undefined;
  };
  const localMode = value('YIMA_LOCAL_MODE') === '1';
  const channel = value('YIMA_SMS_CHANNEL') ?? (localMode ? 'console' : undefined);
  if (!channel) {
    throw new SmsConfigError('YIMA_SMS_CHANNEL is not set: set it to tencent or aliyun (console is for the local stack only)');
  }
  if (channel === 'console' && !localMode) {
    throw new SmsConfigError('YIMA_SMS_CHANNEL=console only prints codes to the log and is allowed only with YIMA_LOCAL_MODE=1; set tencent or aliyun');
  }
  const problems: string[] = [];
  const json = (key: string): unknown => {
    const raw = value(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      problems.push(`${key} is not valid JSON (expected e.g. {"login_code":"..."})`);
      return undefined;
    }
  };
  let raw: Record<string, unknown>;
  if (channel === 'tencent') {
    raw = {
      channel,
      secretId: value('YIMA_SMS_TENCENT_SECRET_ID'),
      secretKey: value('YIMA_SMS_TENCENT_SECRET_KEY'),
      sdkAppId: value('YIMA_SMS_TENCENT_SDK_APP_ID'),
      signName: value('YIMA_SMS_TENCENT_SIGN_NAME'),
      region: value('YIMA_SMS_TENCENT_REGION'),
      templateIds: json('YIMA_SMS_TENCENT_TEMPLATE_IDS'),
      templateParamOrder: json('YIMA_SMS_TENCENT_TEMPLATE_PARAMS'),
      endpoint: value('YIMA_SMS_TENCENT_ENDPOINT'),
    };
  } else if (channel === 'aliyun') {
    raw = {
      channel,
      accessKeyId: value('YIMA_SMS_ALIYUN_ACCESS_KEY_ID'),
      accessKeySecret: value('YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET'),
      signName: value('YIMA_SMS_ALIYUN_SIGN_NAME'),
      regionId: value('YIMA_SMS_ALIYUN_REGION_ID'),
      templateCodes: json('YIMA_SMS_ALIYUN_TEMPLATE_CODES'),
      endpoint: value('YIMA_SMS_ALIYUN_ENDPOINT'),
    };
  } else if (channel === 'console') {
    raw = { channel };
  } else {
    throw new SmsConfigError(`YIMA_SMS_CHANNEL must be console, tencent or aliyun, not "${channel}"`);
  }
  const parsed = SmsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, ...rest] = issue.path.map(String);
      const variable = VARIABLES[`${channel}.${field}`] ?? VARIABLES[field ?? ''] ?? field;
      // A missing variable parses as undefined; say "is not set" rather than zod's type message.
      const missing = field !== undefined && raw[field] === undefined;
      if (missing) {
        if (!problems.some((p) => p.startsWith(`${variable} `))) problems.push(`${variable} is not set`);
      } else {
        problems.push(`${variable}${rest.length ? ` (${rest.join('.')})` : ''}: ${issue.message}`);
      }
    }
  }
  if (problems.length || !parsed.success) {
    throw new SmsConfigError(`SMS channel "${channel}" is misconfigured: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export interface SmsChannelDeps {
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /** Where the console channel puts messages (tests, the local dev inbox). */
  consoleSink?: SmsSink;
}

export function createSmsChannel(config: SmsConfig, deps: SmsChannelDeps = {}): SmsChannel {
  switch (config.channel) {
    case 'console':
      return new ConsoleSmsChannel(deps.consoleSink);
    case 'tencent':
      return new TencentSmsChannel({
        secretId: config.secretId,
        secretKey: config.secretKey,
        sdkAppId: config.sdkAppId,
        signName: config.signName,
        region: config.region,
        templateIds: config.templateIds,
        templateParamOrder: config.templateParamOrder,
        endpoint: config.endpoint,
        ...transport(deps),
      });
    case 'aliyun':
      return new AliyunSmsChannel({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        signName: config.signName,
        regionId: config.regionId,
        templateCodes: config.templateCodes,
        endpoint: config.endpoint,
        ...transport(deps),
      });
  }
}

function transport(deps: SmsChannelDeps): { fetch?: FetchLike; timeoutMs?: number; now?: () => number } {
  const out: { fetch?: FetchLike; timeoutMs?: number; now?: () => number } = {};
  if (deps.fetch) out.fetch = deps.fetch;
  if (deps.timeoutMs !== undefined) out.timeoutMs = deps.timeoutMs;
  if (deps.now) out.now = deps.now;
  return out;
}

// Local stand-ins for the external providers, for adapter and integration
// tests: real HTTP servers on 127.0.0.1 that check credentials and signatures
// the way the providers do.
export * from './wechat.fake.ts';
export * from './wecom.fake.ts';
export * from './sms.fake.ts';
export * from './enterprise.fake.ts';
export * from './wechatpay.fake.ts';
export { startFakeServer } from './fake-http.ts';
export type { FakeReply, FakeRequest, RunningFake } from './fake-http.ts';

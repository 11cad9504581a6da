/**
 * The Yima dynamic code protocol: enrolment credentials, device-signed codes,
 * and the offline verifier SDK. Spec: docs/code-protocol.md.
 */
export * from './encoding.ts';
export * from './keys.ts';
export * from './credential.ts';
export * from './code.ts';
export * from './revocation.ts';
export * from './replay-cache.ts';
export * from './verifier.ts';
export * from './offline-payment.ts';
export * from './qr.ts';

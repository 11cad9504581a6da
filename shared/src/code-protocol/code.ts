/**
 * Codes: what the phone shows (and refreshes every step or on demand).
 * Byte layout: docs/code-protocol.md, "Code". Text form: "YM1:" + base45.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import {
  ByteReader,
  ByteWriter,
  CodeFormatError,
  asciiBytes,
  base45Decode,
  base45Encode,
  bytesToHex,
  concatBytes,
  equalBytes,
} from './encoding.ts';
import { type ParsedCredential, SIGNATURE_LENGTH, parseCredential, readCredential } from './credential.ts';
import { publicKeyFromSecretKey, signEd25519 } from './keys.ts';

export const PROTOCOL_VERSION = 1;
/** Header byte = version << 4 | type. */
export const CodeType = { dynamic: 1, staticPass: 2 } as const;
export type CodeTypeName = keyof typeof CodeType;

export const CODE_TEXT_PREFIX = `YM${PROTOCOL_VERSION}:`;
export const CODE_SIGNATURE_TAG = asciiBytes('YIMA-CODE-V1\0');
export const MAX_CODE_BYTES = 512;

export interface ParsedCode {
  type: CodeTypeName;
  credential: ParsedCredential;
  /** Present for dynamic codes only. */
  step?: number;
  counter?: number;
  deviceSignature?: Uint8Array;
  /** The whole binary code (what `codeUploadId` hashes). */
  bytes: Uint8Array;
}

export function stepIndex(unixSeconds: number, stepSeconds: number): number {
  return Math.floor(unixSeconds / stepSeconds);
}

/** The exact message the device signs: tag || credential bytes || step || counter. */
export function codeSignatureInput(credentialBytes: Uint8Array, step: number, counter: number): Uint8Array {
  return concatBytes(CODE_SIGNATURE_TAG, credentialBytes, new ByteWriter(8).u32(step).u32(counter).finish());
}

export interface MakeCodeInput {
  /** body || issuer signature, as returned by enrolment. */
  credential: Uint8Array;
  deviceSecretKey: Uint8Array;
  /** unix seconds; the step is derived with the credential's stepSeconds. */
  now: number;
  /**
   * Monotonic per credential on this device: persist it before showing the
   * code, and never reuse a value (a reused counter is rejected as `replayed`).
   */
  counter: number;
}

export interface MadeCode {
  bytes: Uint8Array;
  text: string;
  step: number;
  counter: number;
  /** When the phone should refresh: the start of the next step (unix seconds). */
  refreshAt: number;
}

/** Device side: build and sign one dynamic code. */
export function makeCode(input: MakeCodeInput): MadeCode {
  const credential = parseCredential(input.credential);
  const devicePublicKey = credential.fields.devicePublicKey;
  if (!devicePublicKey) throw new TypeError('this credential has no device key: show it with makeStaticPass');
  if (!equalBytes(devicePublicKey, publicKeyFromSecretKey(input.deviceSecretKey))) {
    throw new TypeError('device secret key does not match the credential');
  }
  const stepSeconds = credential.fields.stepSeconds;
  const step = stepIndex(input.now, stepSeconds);
  const signature = signEd25519(codeSignatureInput(credential.bytes, step, input.counter), input.deviceSecretKey);
  const bytes = new ByteWriter(credential.bytes.length + 80)
    .u8((PROTOCOL_VERSION << 4) | CodeType.dynamic)
    .bytes(credential.bytes)
    .u32(step)
    .u32(input.counter)
    .bytes(signature)
    .finish();
  return { bytes, text: encodeCodeText(bytes), step, counter: input.counter, refreshAt: (step + 1) * stepSeconds };
}

/** A static visitor pass: the credential alone (no device key, window-bound). */
export function makeStaticPass(credentialBytes: Uint8Array): { bytes: Uint8Array; text: string } {
  const credential = parseCredential(credentialBytes);
  if (credential.fields.devicePublicKey) throw new TypeError('device-bound credentials must be shown as dynamic codes');
  const bytes = new ByteWriter(credential.bytes.length + 1)
    .u8((PROTOCOL_VERSION << 4) | CodeType.staticPass)
    .bytes(credential.bytes)
    .finish();
  return { bytes, text: encodeCodeText(bytes) };
}

export function encodeCodeText(bytes: Uint8Array): string {
  return CODE_TEXT_PREFIX + base45Encode(bytes);
}

/**
 * Text -> bytes. Tolerates surrounding whitespace (keyboard-wedge scanners
 * append CR/LF). "YM<n>:" with another n is `bad_version`.
 */
export function decodeCodeText(text: string): Uint8Array {
  const trimmed = text.trim();
  const m = /^YM(\d{1,3}):/.exec(trimmed);
  if (!m) throw new CodeFormatError('malformed', 'missing YM1: prefix');
  if (Number(m[1]) !== PROTOCOL_VERSION) throw new CodeFormatError('bad_version', `protocol ${m[1]}`);
  // Base45 of at most MAX_CODE_BYTES: reject oversize input before decoding.
  const payload = trimmed.slice(m[0].length);
  if (payload.length > Math.ceil((MAX_CODE_BYTES * 3) / 2)) throw new CodeFormatError('malformed', 'code too long');
  return base45Decode(payload);
}

/** Binary -> structure. Throws CodeFormatError. Checks no signature. */
export function parseCode(bytes: Uint8Array): ParsedCode {
  if (bytes.length > MAX_CODE_BYTES) throw new CodeFormatError('malformed', 'code too long');
  const reader = new ByteReader(bytes);
  const header = reader.u8();
  if (header >> 4 !== PROTOCOL_VERSION) throw new CodeFormatError('bad_version', `code version ${header >> 4}`);
  const typeNibble = header & 0x0f;
  if (typeNibble === CodeType.dynamic) {
    const credential = readCredential(reader);
    if (!credential.fields.devicePublicKey) throw new CodeFormatError('malformed', 'dynamic code without device key');
    const step = reader.u32();
    const counter = reader.u32();
    const deviceSignature = reader.bytes(SIGNATURE_LENGTH);
    reader.expectEnd();
    return { type: 'dynamic', credential, step, counter, deviceSignature, bytes };
  }
  if (typeNibble === CodeType.staticPass) {
    const credential = readCredential(reader);
    if (credential.fields.devicePublicKey) throw new CodeFormatError('malformed', 'static pass with a device key');
    reader.expectEnd();
    return { type: 'staticPass', credential, bytes };
  }
  throw new CodeFormatError('malformed', `code type ${typeNibble}`);
}

/**
 * Idempotency id of a presented code: hex SHA-256 of its binary form. An
 * offline POS uploads each payment under this id, so re-uploads are no-ops
 * and the same code spent at two POS devices shows up as a conflict.
 */
export function codeUploadId(codeBytes: Uint8Array): string {
  return bytesToHex(sha256(codeBytes));
}

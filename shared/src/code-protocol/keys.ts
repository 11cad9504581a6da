/**
 * Ed25519 keys for the code protocol: key pairs (issuer and device), the
 * 4-byte issuer key id, the issuer key ring entry the verifiers hold, and the
 * pluggable signature backend the verifier calls.
 *
 * The default backend is pure JS (@noble/curves). It performs exactly the
 * checks of noble's `ed25519.verify` in strict mode (RFC 8032 cofactored
 * equation, canonical point encodings, s < L, small-order public keys
 * rejected) but lets a verifier decode a public key once and optionally
 * precompute a window table for it, which is where most of the time goes.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { asciiBytes, base64urlDecode, base64urlEncode, concatBytes } from './encoding.ts';

export interface KeyPair {
  /** 32-byte Ed25519 seed (RFC 8032 "private key"). */
  secretKey: Uint8Array;
  /** 32-byte encoded public key. */
  publicKey: Uint8Array;
}

/**
 * New Ed25519 key pair. With no `seed` it uses `crypto.getRandomValues`,
 * which the WeChat mini-program lacks: there, pass 32 bytes from
 * `wx.getRandomValues` as the seed. The seed IS the secret key.
 */
export function generateKeyPair(seed?: Uint8Array): KeyPair {
  if (seed !== undefined && seed.length !== 32) throw new RangeError('seed must be 32 bytes');
  const secretKey = seed ? seed.slice() : ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function publicKeyFromSecretKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** Plain RFC 8032 Ed25519 signature (deterministic: same inputs, same bytes). */
export function signEd25519(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

const KEY_ID_TAG = asciiBytes('YIMA-KEY-ID-V1\0');

/**
 * Issuer key id: the first 4 bytes of SHA-256("YIMA-KEY-ID-V1\0" || publicKey),
 * read as a big-endian uint32. Derived, so the server and verifiers never
 * disagree about it; collisions inside one key ring are refused by the ring.
 */
export function keyIdFromPublicKey(publicKey: Uint8Array): number {
  if (publicKey.length !== 32) throw new RangeError('public key must be 32 bytes');
  const h = sha256(concatBytes(KEY_ID_TAG, publicKey));
  return (((h[0] as number) << 24) | ((h[1] as number) << 16) | ((h[2] as number) << 8) | (h[3] as number)) >>> 0;
}

/** 8 lower-case hex digits, the way key ids appear in JSON, logs and the spec. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function parseKeyId(text: string): number {
  if (!/^[0-9a-f]{8}$/.test(text)) throw new TypeError(`invalid key id: ${text}`);
  return parseInt(text, 16);
}

// ---------------------------------------------------------------------------
// Issuer key ring entries

/**
 * One org issuer public key as the verifiers hold it.
 * - `status: 'retired'` (or removal from the ring) rejects every code whose
 *   credential this key signed, immediately: that is how a compromised key or
 *   a finished rotation is enforced.
 * - `notBefore`/`notAfter` (unix seconds) bound when the key's credentials are
 *   accepted at all; outside them the verdict is `key_retired` too.
 */
export interface IssuerKey {
  keyId: number;
  orgId: string;
  publicKey: Uint8Array;
  status: 'active' | 'retired';
  notBefore?: number;
  notAfter?: number;
}

/** Wire form (JSON) of an issuer key, as served to gates and POS devices. */
export const issuerKeyJsonSchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  orgId: z.guid(),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  status: z.enum(['active', 'retired']),
  notBefore: z.number().int().nonnegative().optional(),
  notAfter: z.number().int().nonnegative().optional(),
});
export type IssuerKeyJson = z.infer<typeof issuerKeyJsonSchema>;

export function issuerKeyFromJson(json: unknown): IssuerKey {
  const k = issuerKeyJsonSchema.parse(json);
  const publicKey = base64urlDecode(k.publicKey);
  const keyId = parseKeyId(k.keyId);
  if (keyIdFromPublicKey(publicKey) !== keyId) throw new TypeError(`key id ${k.keyId} does not match its public key`);
  return { ...k, keyId, orgId: k.orgId.toLowerCase(), publicKey };
}

export function issuerKeyToJson(key: IssuerKey): IssuerKeyJson {
  return {
    keyId: formatKeyId(key.keyId),
    orgId: key.orgId,
    publicKey: base64urlEncode(key.publicKey),
    status: key.status,
    ...(key.notBefore !== undefined ? { notBefore: key.notBefore } : {}),
    ...(key.notAfter !== undefined ? { notAfter: key.notAfter } : {}),
  };
}

// ---------------------------------------------------------------------------
// Signature backend

/** A public key decoded (and validated) once by a backend. */
export interface PreparedPublicKey {
  readonly bytes: Uint8Array;
}

/**
 * How a key will be used, so a backend can decide whether precomputation
 * pays off: `single` (a few signatures), `repeated` (a cached device key,
 * verified on every code of that phone), `long-lived` (an issuer key).
 */
export type KeyUseHint = 'single' | 'repeated' | 'long-lived';

/**
 * What the verifier needs from an Ed25519 implementation. The default is
 * `nobleBackend`; a host with native crypto (node:crypto in Node/Deno, a
 * libsodium binding on a gate) can supply its own. Must be synchronous.
 */
export interface SignatureBackend {
  /** Decode and validate a public key; `null` if it is not a valid, non-small-order point. */
  preparePublicKey(bytes: Uint8Array, hint: KeyUseHint): PreparedPublicKey | null;
  verify(signature: Uint8Array, message: Uint8Array, key: PreparedPublicKey): boolean;
}

type EdPoint = ReturnType<typeof ed25519.Point.fromBytes>;

class NoblePreparedKey implements PreparedPublicKey {
  constructor(
    readonly bytes: Uint8Array,
    readonly point: EdPoint,
  ) {}
}

const CURVE_ORDER = ed25519.Point.Fn.ORDER;

export interface NobleBackendOptions {
  /** wNAF window for issuer keys. W=8: ~25 ms and ~1 MB once per key, ~3x faster verifies. */
  longLivedWindow?: number;
  /** Window for cached device keys. W=4: ~4 ms and ~130 kB per key, ~2x faster verifies. */
  repeatedWindow?: number;
}

/**
 * Pure-JS backend. Tables are built lazily on the first multiplication, so
 * preparing a key is cheap; the cost lands on its first verification.
 */
export function createNobleBackend(options: NobleBackendOptions = {}): SignatureBackend {
  const windows: Record<KeyUseHint, number> = {
    single: 1,
    repeated: options.repeatedWindow ?? 4,
    'long-lived': options.longLivedWindow ?? 8,
  };
  return {
    preparePublicKey(bytes, hint) {
      if (bytes.length !== 32) return null;
      let point: EdPoint;
      try {
        point = ed25519.Point.fromBytes(bytes, false);
      } catch {
        return null;
      }
      if (point.isSmallOrder()) return null;
      const w = windows[hint];
      if (w > 1) point.precompute(w, true);
      return new NoblePreparedKey(bytes.slice(), point);
    },
    verify(signature, message, key) {
      if (!(key instanceof NoblePreparedKey)) throw new TypeError('key was not prepared by this backend');
      if (signature.length !== 64) return false;
      const r = signature.subarray(0, 32);
      const s = bytesToNumberLE(signature.subarray(32, 64));
      if (s >= CURVE_ORDER) return false;
      let R: EdPoint;
      try {
        R = ed25519.Point.fromBytes(r, false);
      } catch {
        return false;
      }
      const k = bytesToNumberLE(sha512(concatBytes(r, key.bytes, message))) % CURVE_ORDER;
      const SB = ed25519.Point.BASE.multiplyUnsafe(s);
      // [8]([k]A + R - [s]B) == O  (RFC 8032 section 5.1.7, cofactored)
      return R.add(key.point.multiplyUnsafe(k)).subtract(SB).clearCofactor().is0();
    },
  };
}

/** Shared default backend. */
export const nobleBackend: SignatureBackend = createNobleBackend();

// Optional native Ed25519 backend for the code verifier: node:crypto
// (OpenSSL), available in Node and in Deno. About 7x faster than the SDK's
// pure-JS backend (docs/code-protocol.md section 19). Public keys are still
// decoded by the SDK's strict pure-JS code (canonical encoding, not small
// order); OpenSSL then checks the signature (it rejects S >= L). Honest
// signatures verify identically under both backends (protocol section 18).
// The default of every code verifier in the functions (pickVerifyBackend);
// YIMA_CODE_VERIFY_BACKEND=js forces the pure-JS backend.
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { type PreparedPublicKey, type SignatureBackend, generateKeyPair, nobleBackend, signEd25519 } from '@yima/shared';

/** SPKI DER prefix of an Ed25519 public key (RFC 8410). */
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

interface NativeKey extends PreparedPublicKey {
  keyObject: KeyObject;
}

export function createNativeBackend(): SignatureBackend {
  return {
    preparePublicKey(bytes) {
      if (!nobleBackend.preparePublicKey(bytes, 'single')) return null;
      const der = new Uint8Array(SPKI_PREFIX.length + 32);
      der.set(SPKI_PREFIX);
      der.set(bytes, SPKI_PREFIX.length);
      const key: NativeKey = { bytes: bytes.slice(), keyObject: createPublicKey({ key: der as unknown as Buffer, format: 'der', type: 'spki' }) };
      return key;
    },
    verify(signature, message, key) {
      if (signature.length !== 64) return false;
      return nodeVerify(null, message, (key as NativeKey).keyObject, signature);
    },
  };
}

/**
 * The backend the functions verify codes with: node:crypto when the runtime
 * has it and it agrees with the SDK on a freshly signed message and on a
 * forged one (checked once at start-up), else the SDK's pure-JS backend.
 * YIMA_CODE_VERIFY_BACKEND=js forces pure JS; =native insists on native.
 */
const picked = new Map<string, SignatureBackend | undefined>();
export function pickVerifyBackend(setting: string | undefined): SignatureBackend | undefined {
  const key = setting ?? '';
  if (!picked.has(key)) picked.set(key, pick(setting));
  return picked.get(key);
}

function pick(setting: string | undefined): SignatureBackend | undefined {
  if (setting === 'js') return undefined;
  try {
    const backend = createNativeBackend();
    const pair = generateKeyPair();
    const message = new TextEncoder().encode('yima native ed25519 self-test');
    const signature = signEd25519(message, pair.secretKey);
    const key = backend.preparePublicKey(pair.publicKey, 'single');
    const forged = signature.slice();
    forged[0]! ^= 1;
    if (key && backend.verify(signature, message, key) && !backend.verify(forged, message, key)) return backend;
    throw new Error('native Ed25519 disagreed with the SDK');
  } catch (error) {
    if (setting === 'native') throw error;
    console.warn('[codes] native Ed25519 unavailable, verifying codes in pure JS:', (error as Error).message);
    return undefined;
  }
}

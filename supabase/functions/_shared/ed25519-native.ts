// Optional native Ed25519 backend for the code verifier: node:crypto
// (OpenSSL), available in Node and in Deno. About 7x faster than the SDK's
// pure-JS backend (docs/code-protocol.md section 19). Public keys are still
// decoded by the SDK's strict pure-JS code (canonical encoding, not small
// order); OpenSSL then checks the signature (it rejects S >= L). Honest
// signatures verify identically under both backends (protocol section 18).
// Enabled for code-verify with YIMA_CODE_VERIFY_BACKEND=native.
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { type PreparedPublicKey, type SignatureBackend, nobleBackend } from '@yima/shared';

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

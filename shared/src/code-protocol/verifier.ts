/**
 * Offline verification of Yima codes. The algorithm and the order of the
 * checks are normative: docs/code-protocol.md, "Verification algorithm".
 * All signatures are checked before any field is trusted; the replay cache
 * is touched last, so a rejected code never consumes its counter.
 */
import { type CodeTypeName, type ParsedCode, codeSignatureInput, codeUploadId, decodeCodeText, parseCode, stepIndex } from './code.ts';
import { type CredentialFields, credentialSignatureInput } from './credential.ts';
import { CodeFormatError } from './encoding.ts';
import { type IssuerKey, type PreparedPublicKey, type SignatureBackend, formatKeyId, nobleBackend } from './keys.ts';
import { MemoryReplayCache, type ReplayCache, replayExpiry, replayKey } from './replay-cache.ts';
import { RevocationList } from './revocation.ts';

/** Stable reason codes, in the order the checks run. */
export const VERIFY_REASONS = [
  'malformed',
  'bad_version',
  'unknown_key',
  'key_retired',
  'bad_issuer_signature',
  'bad_device_signature',
  'wrong_org',
  'revoked',
  'not_yet_valid',
  'expired',
  'outside_visit_window',
  'clock_skew',
  'wrong_site',
  'scope_denied',
  'replayed',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

export type VerifyResult =
  | {
      ok: true;
      codeType: CodeTypeName;
      credential: CredentialFields;
      /** Absent for static visitor passes. */
      step?: number;
      counter?: number;
      /** Idempotency id for uploading this event (hex SHA-256 of the code bytes). */
      uploadId: string;
    }
  | {
      ok: false;
      reason: VerifyReason;
      /** Only when the issuer signature checked out, so the UI may show who it was. */
      credential?: CredentialFields;
    };

export interface VerifierOptions {
  /** The org this verifier serves; a credential of any other org is `wrong_org`. */
  orgId: string;
  /** Issuer public keys (any org; a key only vouches for credentials of its own org). */
  keys: readonly IssuerKey[];
  revocations?: RevocationList;
  replayCache?: ReplayCache;
  /** Accepted distance between the code's step and the verifier's step. Default 1. */
  skewSteps?: number;
  /** Unix seconds. Default: Date.now() / 1000. */
  clock?: () => number;
  /** Default scopes every code must carry (a door gate: Scope.door). Default 0. */
  requiredScopes?: number;
  /** Site of this verifier; site-bound visitor passes are accepted only here. */
  siteId?: string;
  backend?: SignatureBackend;
  /**
   * How many issuer-verified credentials to remember (by exact bytes), so a
   * phone's next code costs one signature check instead of two. 0 disables.
   * Default 1024.
   */
  credentialCacheSize?: number;
  /** Precompute cached device keys (faster repeat scans, ~130 kB each with noble). Default false. */
  precomputeDeviceKeys?: boolean;
}

export interface VerifyContext {
  now?: number;
  orgId?: string;
  requiredScopes?: number;
  siteId?: string;
}

interface RingEntry {
  key: IssuerKey;
  prepared: PreparedPublicKey;
}

/** A credential whose issuer signature checked out under the current key ring. */
interface CachedCredential {
  device: PreparedPublicKey | null;
}

export class CodeVerifier {
  readonly revocations: RevocationList;
  readonly replayCache: ReplayCache;
  private readonly options: VerifierOptions;
  private readonly backend: SignatureBackend;
  private readonly skewSteps: number;
  private readonly clock: () => number;
  private readonly cacheSize: number;
  private ring = new Map<number, RingEntry>();
  private readonly cache = new Map<string, CachedCredential>();

  constructor(options: VerifierOptions) {
    this.options = { ...options, orgId: options.orgId.toLowerCase() };
    this.backend = options.backend ?? nobleBackend;
    this.revocations = options.revocations ?? new RevocationList();
    this.replayCache = options.replayCache ?? new MemoryReplayCache();
    this.skewSteps = options.skewSteps ?? 1;
    if (!Number.isInteger(this.skewSteps) || this.skewSteps < 0) throw new RangeError('skewSteps must be >= 0');
    this.clock = options.clock ?? (() => Date.now() / 1000);
    this.cacheSize = options.credentialCacheSize ?? 1024;
    this.setKeys(options.keys);
  }

  /** Replace the key ring (rotation, retirement). Clears the credential cache. */
  setKeys(keys: readonly IssuerKey[]): void {
    const ring = new Map<number, RingEntry>();
    for (const key of keys) {
      if (ring.has(key.keyId)) throw new Error(`duplicate issuer key id ${formatKeyId(key.keyId)}`);
      const prepared = this.backend.preparePublicKey(key.publicKey, 'long-lived');
      if (!prepared) throw new Error(`issuer key ${formatKeyId(key.keyId)} is not a valid Ed25519 public key`);
      ring.set(key.keyId, { key: { ...key, orgId: key.orgId.toLowerCase() }, prepared });
    }
    this.ring = ring;
    this.cache.clear();
  }

  verify(code: string | Uint8Array, context: VerifyContext = {}): VerifyResult {
    const now = context.now ?? this.clock();
    let parsed: ParsedCode;
    try {
      parsed = parseCode(typeof code === 'string' ? decodeCodeText(code) : code);
    } catch (error) {
      if (error instanceof CodeFormatError) return { ok: false, reason: error.reason };
      throw error;
    }
    const credential = parsed.credential;
    const c = credential.fields;

    // 1. Issuer key.
    const ring = this.ring.get(c.issuerKeyId);
    if (!ring) return { ok: false, reason: 'unknown_key' };
    if (!isKeyUsable(ring.key, now)) return { ok: false, reason: 'key_retired' };

    // 2. Signatures (issuer, then device), through the credential cache.
    const cacheKey = this.cacheSize > 0 ? binaryKey(credential.bytes) : '';
    // setKeys() empties the cache, so a hit was verified by the key we hold now;
    // usability (retired, validity) was checked above on every code regardless.
    let cached = this.cacheSize > 0 ? this.cache.get(cacheKey) : undefined;
    if (cached) {
      this.cache.delete(cacheKey); // LRU: move to the end
      this.cache.set(cacheKey, cached);
    } else {
      if (!this.backend.verify(credential.signature, credentialSignatureInput(credential.body), ring.prepared)) {
        return { ok: false, reason: 'bad_issuer_signature' };
      }
      const hint = this.options.precomputeDeviceKeys && this.cacheSize > 0 ? 'repeated' : 'single';
      const device = c.devicePublicKey ? this.backend.preparePublicKey(c.devicePublicKey, hint) : null;
      if (c.devicePublicKey && !device) return { ok: false, reason: 'bad_device_signature', credential: c };
      cached = { device };
      if (this.cacheSize > 0) {
        if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(cacheKey, cached);
      }
    }
    const fail = (reason: VerifyReason): VerifyResult => ({ ok: false, reason, credential: c });
    if (parsed.type === 'dynamic') {
      const message = codeSignatureInput(credential.bytes, parsed.step!, parsed.counter!);
      if (!cached.device || !this.backend.verify(parsed.deviceSignature!, message, cached.device)) {
        return fail('bad_device_signature');
      }
    }

    // 3. Policy, on authenticated fields only.
    const orgId = (context.orgId ?? this.options.orgId).toLowerCase();
    if (c.orgId !== ring.key.orgId || c.orgId !== orgId) return fail('wrong_org');
    if (this.revocations.isRevoked(c.credentialId, c.memberId, now)) return fail('revoked');
    if (now < c.notBefore) return fail('not_yet_valid');
    if (now >= c.expiresAt) return fail('expired');
    if (c.visitWindow && (now < c.visitWindow.from || now >= c.visitWindow.until)) return fail('outside_visit_window');
    if (parsed.type === 'dynamic' && Math.abs(parsed.step! - stepIndex(now, c.stepSeconds)) > this.skewSteps) {
      return fail('clock_skew');
    }
    const siteId = context.siteId ?? this.options.siteId;
    if (c.siteId && c.siteId !== siteId?.toLowerCase()) return fail('wrong_site');
    const required = context.requiredScopes ?? this.options.requiredScopes ?? 0;
    if ((c.scopes & required) >>> 0 !== required >>> 0) return fail('scope_denied');

    // 4. Replay (dynamic codes only; a static pass is re-usable inside its window).
    if (parsed.type === 'dynamic') {
      const expiresAt = replayExpiry(parsed.step!, c.stepSeconds, this.skewSteps);
      if (!this.replayCache.checkAndRecord(replayKey(c.credentialId, parsed.counter!), expiresAt, now)) {
        return fail('replayed');
      }
      return {
        ok: true,
        codeType: 'dynamic',
        credential: c,
        step: parsed.step!,
        counter: parsed.counter!,
        uploadId: codeUploadId(parsed.bytes),
      };
    }
    return { ok: true, codeType: 'staticPass', credential: c, uploadId: codeUploadId(parsed.bytes) };
  }
}

/** Active, and `now` inside the key's own validity (if it has one). */
export function isKeyUsable(key: IssuerKey, now: number): boolean {
  if (key.status !== 'active') return false;
  if (key.notBefore !== undefined && now < key.notBefore) return false;
  if (key.notAfter !== undefined && now >= key.notAfter) return false;
  return true;
}

/** Exact, collision-free Map key for a byte string (one UTF-16 unit per byte). */
function binaryKey(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  }
  return s;
}

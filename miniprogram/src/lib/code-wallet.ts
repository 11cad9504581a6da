// What the phone keeps to show its dynamic code with no network (protocol
// section 7): the device key pair (one per install, reused for renewals so
// that re-enrolling revokes the credential it replaces), the credential the
// org signed for each member this account shows codes for (several orgs ->
// several), the issuer keys that came with it, and the per-credential counter,
// which must never go back: a reused counter is refused as `replayed`.
//
// Storage is wx storage / localStorage: not hardware-backed (the protocol's
// threat model accepts this; credentials live 72 h and can be revoked).
import {
  base64urlDecode,
  bytesToHex,
  hexToBytes,
  type IssuerKeyJson,
  type KeyPair,
  publicKeyFromSecretKey,
} from '@yima/shared/code-protocol/index';
import type { KeyValueStorage } from '../platform/storage';
import { shouldReplaceOffset, type ClockSample } from './clock-offset';

export const DEVICE_KEY_STORAGE_KEY = 'yima.code.device_key';
export const CREDENTIALS_STORAGE_KEY = 'yima.code.credentials';
export const CAPTURE_EVENTS_STORAGE_KEY = 'yima.code.capture_events';
/** Keep the latest screenshots only; the list is evidence for support, not a log. */
export const MAX_CAPTURE_EVENTS = 50;

/** One enrolment's result as stored (times are unix seconds on the server's clock). */
export interface StoredCredential {
  orgId: string;
  memberId: string;
  credentialId: string;
  /** base64url of the signed credential (body || issuer signature). */
  credential: string;
  /** Hex of the device public key the credential binds. */
  devicePublicKey: string;
  notBefore: number;
  expiresAt: number;
  stepSeconds: number;
  issuerKeys: IssuerKeyJson[];
  enrolledAt: number;
  /** The next counter to use: every shown code takes one and this moves past it before the code is shown. */
  nextCounter: number;
  /**
   * Server time minus this phone's time (ms), measured at enrolment and kept
   * up to date from later answers of our functions; codes are made at phone
   * time + this. Absent on credentials stored before it existed (0).
   */
  clockOffsetMs?: number;
}

export interface CaptureEvent {
  /** epoch ms */
  at: number;
  orgId: string;
  memberId: string;
  credentialId: string | null;
}

type CredentialMap = Record<string, StoredCredential>;

function readJson<T>(storage: KeyValueStorage, key: string): T | null {
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

const credentialKey = (orgId: string, memberId: string) => `${orgId}:${memberId}`;

function isStoredCredential(value: unknown): value is StoredCredential {
  const v = value as Partial<StoredCredential> | null;
  return (
    !!v &&
    typeof v.credential === 'string' &&
    typeof v.credentialId === 'string' &&
    typeof v.devicePublicKey === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.stepSeconds === 'number' &&
    typeof v.nextCounter === 'number' &&
    Number.isInteger(v.nextCounter) &&
    v.nextCounter >= 0
  );
}

export function createCodeWallet(storage: KeyValueStorage) {
  const readAll = (): CredentialMap => {
    const map = readJson<CredentialMap>(storage, CREDENTIALS_STORAGE_KEY);
    return map && typeof map === 'object' ? map : {};
  };
  const writeAll = (map: CredentialMap) => storage.setItem(CREDENTIALS_STORAGE_KEY, JSON.stringify(map));
  const clockListeners = new Set<() => void>();

  return {
    /** The install's device key pair, or null before the first enrolment. */
    deviceKey(): KeyPair | null {
      const hex = storage.getItem(DEVICE_KEY_STORAGE_KEY);
      if (!hex || !/^[0-9a-f]{64}$/.test(hex)) return null;
      const secretKey = hexToBytes(hex);
      return { secretKey, publicKey: publicKeyFromSecretKey(secretKey) };
    },

    saveDeviceKey(pair: KeyPair): void {
      storage.setItem(DEVICE_KEY_STORAGE_KEY, bytesToHex(pair.secretKey));
    },

    credentialFor(orgId: string, memberId: string): StoredCredential | null {
      const stored = readAll()[credentialKey(orgId, memberId)];
      return isStoredCredential(stored) ? stored : null;
    },

    /**
     * Stores a fresh credential. The counter starts at 0 for a new credential
     * id; re-saving the same credential keeps the higher counter.
     */
    saveCredential(credential: Omit<StoredCredential, 'nextCounter'> & { nextCounter?: number }): StoredCredential {
      const map = readAll();
      const key = credentialKey(credential.orgId, credential.memberId);
      const previous = map[key];
      const nextCounter = Math.max(
        credential.nextCounter ?? 0,
        previous && previous.credentialId === credential.credentialId ? previous.nextCounter : 0,
      );
      const stored: StoredCredential = { ...credential, nextCounter };
      map[key] = stored;
      writeAll(map);
      return stored;
    },

    forgetCredential(orgId: string, memberId: string): void {
      const map = readAll();
      delete map[credentialKey(orgId, memberId)];
      writeAll(map);
    },

    /** Sign-out: drop every stored credential (the device key stays: it is this install's). */
    forgetAllCredentials(): void {
      storage.removeItem(CREDENTIALS_STORAGE_KEY);
    },

    /**
     * Takes the next counter of this credential and persists the one after it
     * BEFORE returning, so a crash or kill right after showing the code can
     * never make the phone show that counter again.
     */
    takeCounter(orgId: string, memberId: string, credentialId: string): number {
      const map = readAll();
      const key = credentialKey(orgId, memberId);
      const stored = map[key];
      if (!stored || stored.credentialId !== credentialId) throw new Error('credential not stored');
      const counter = stored.nextCounter;
      if (counter >= 0xffff_ffff) throw new RangeError('counter exhausted: enrol again');
      map[key] = { ...stored, nextCounter: counter + 1 };
      writeAll(map);
      return counter;
    },

    /**
     * A new measurement of the phone's clock against the server's: stored on
     * every credential whose offset it contradicts (the clock is the phone's,
     * so it is the same for all). True when anything changed.
     */
    updateClockOffset(sample: ClockSample): boolean {
      const map = readAll();
      let changed = false;
      for (const [key, stored] of Object.entries(map)) {
        if (!isStoredCredential(stored) || !shouldReplaceOffset(stored.clockOffsetMs, sample)) continue;
        map[key] = { ...stored, clockOffsetMs: sample.offsetMs };
        changed = true;
      }
      if (changed) {
        writeAll(map);
        for (const listener of [...clockListeners]) listener();
      }
      return changed;
    },

    /** Calls `listener` after `updateClockOffset` changed a stored offset; returns the unsubscribe. */
    onClockOffsetChange(listener: () => void): () => void {
      clockListeners.add(listener);
      return () => void clockListeners.delete(listener);
    },

    /** Records a screenshot of the code page (newest last, bounded). */
    recordCapture(event: CaptureEvent): CaptureEvent[] {
      const events = readJson<CaptureEvent[]>(storage, CAPTURE_EVENTS_STORAGE_KEY) ?? [];
      const next = [...(Array.isArray(events) ? events : []), event].slice(-MAX_CAPTURE_EVENTS);
      storage.setItem(CAPTURE_EVENTS_STORAGE_KEY, JSON.stringify(next));
      return next;
    },

    captureEvents(): CaptureEvent[] {
      const events = readJson<CaptureEvent[]>(storage, CAPTURE_EVENTS_STORAGE_KEY);
      return Array.isArray(events) ? events : [];
    },
  };
}

export type CodeWallet = ReturnType<typeof createCodeWallet>;

/** The credential bytes of a stored enrolment. */
export function credentialBytes(stored: StoredCredential): Uint8Array {
  return base64urlDecode(stored.credential);
}

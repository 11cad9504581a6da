// When the phone must (re-)enrol for a code credential, and the enrolment
// itself with its fallbacks. Pure orchestration: storage, randomness, the
// clock and the server calls come in as dependencies (services/code.service.ts
// in the app, fakes in tests).
//
// Enrol when: there is no credential for this member; it binds another device
// key (storage was partly cleared); it expires within RENEW_BEFORE_SECONDS; or
// the server says it was revoked (lost phone, replaced, member left...).
// Offline, a stored credential keeps working until it expires (72 h by
// default): codes are made on the phone.
import {
  base64urlDecode,
  base64urlEncode,
  bytesToHex,
  equalBytes,
  generateKeyPair,
  type IssuerKeyJson,
  type KeyPair,
  parseCredential,
} from '@yima/shared/code-protocol/index';
import { t } from '../i18n';
import { AppError } from '../services/errors';
import { correctedClock, estimateClockOffset } from './clock-offset';
import type { CodeWallet, StoredCredential } from './code-wallet';

/** Renew a credential this long before it expires, so an active user never meets the offline limit. */
export const RENEW_BEFORE_SECONDS = 12 * 3600;

export type RenewalReason = 'missing' | 'device_changed' | 'expiring' | 'expired' | 'revoked';

/** Why this stored credential must be replaced now (null: it is good). `now` in unix seconds. */
export function renewalReason(stored: StoredCredential | null, devicePublicKeyHex: string, now: number): RenewalReason | null {
  if (!stored) return 'missing';
  if (stored.devicePublicKey !== devicePublicKeyHex) return 'device_changed';
  if (now >= stored.expiresAt) return 'expired';
  if (stored.expiresAt - now <= RENEW_BEFORE_SECONDS) return 'expiring';
  return null;
}

/** True while a stored credential can still make codes a verifier accepts. `now` in unix seconds. */
export function isUsable(stored: StoredCredential | null, devicePublicKeyHex: string, now: number): stored is StoredCredential {
  return !!stored && stored.devicePublicKey === devicePublicKeyHex && now < stored.expiresAt;
}

/** What code-enroll answers, parsed (services/code.service.ts). */
export interface Enrolment {
  credential: string;
  credentialId: string;
  orgId: string;
  memberId: string;
  notBefore: number;
  expiresAt: number;
  stepSeconds: number;
  issuerKeys: IssuerKeyJson[];
  /** The server's clock when it answered (unix seconds), to correct the phone's. */
  serverTime?: number;
}

/** The server's view of a credential: live, revoked (with its reason), or gone. */
export type CredentialState = { status: 'live' } | { status: 'revoked'; reason: string | null } | { status: 'missing' };

export interface EnrolmentDeps {
  wallet: CodeWallet;
  randomBytes(count: number): Promise<Uint8Array>;
  enroll(input: { orgId: string; devicePublicKey: string }): Promise<Enrolment>;
  credentialState(orgId: string, credentialId: string): Promise<CredentialState>;
  /** epoch ms */
  now(): number;
}

export interface EnsuredCredential {
  credential: StoredCredential;
  deviceKey: KeyPair;
  /** Set when the server could not be reached and a stored credential is used as is. */
  offline: boolean;
  /** Why it enrolled now; null when the stored credential was used. */
  renewed: RenewalReason | null;
}

/** Errors after which a still-valid stored credential is used rather than shown as a failure. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  return error.kind === 'network' || error.kind === 'server' || error.kind === 'rate_limited' || error.kind === 'unknown';
}

async function deviceKeyOf(deps: EnrolmentDeps): Promise<KeyPair> {
  const existing = deps.wallet.deviceKey();
  if (existing) return existing;
  const pair = generateKeyPair(await deps.randomBytes(32));
  deps.wallet.saveDeviceKey(pair);
  return pair;
}

async function enrolNow(
  deps: EnrolmentDeps,
  member: { orgId: string; memberId: string },
  deviceKey: KeyPair,
  previous: StoredCredential | null,
): Promise<StoredCredential> {
  const sentAt = deps.now();
  const enrolment = await deps.enroll({ orgId: member.orgId, devicePublicKey: base64urlEncode(deviceKey.publicKey) });
  const receivedAt = deps.now();
  // Never store a credential the phone cannot sign for (or one for someone else).
  const parsed = parseCredential(base64urlDecode(enrolment.credential));
  const bound = parsed.fields.devicePublicKey;
  if (!bound || !equalBytes(bound, deviceKey.publicKey) || parsed.fields.credentialId !== enrolment.credentialId.toLowerCase()) {
    throw new AppError({ kind: 'server', code: 'malformed_response', message: t('error.malformedResponse'), detail: 'code-enroll: credential does not match the request' });
  }
  // How far off this phone's clock is (the server's answer, minus half the
  // round trip); an older server without server_time keeps the last estimate.
  const sample = enrolment.serverTime === undefined ? null : estimateClockOffset({ serverMs: enrolment.serverTime * 1000, sentAt, receivedAt });
  const clockOffsetMs = sample?.offsetMs ?? previous?.clockOffsetMs;
  return deps.wallet.saveCredential({
    orgId: member.orgId,
    memberId: member.memberId,
    credentialId: enrolment.credentialId,
    credential: enrolment.credential,
    devicePublicKey: bytesToHex(deviceKey.publicKey),
    notBefore: parsed.fields.notBefore,
    expiresAt: parsed.fields.expiresAt,
    stepSeconds: parsed.fields.stepSeconds,
    issuerKeys: enrolment.issuerKeys,
    enrolledAt: Math.floor(correctedClock(clockOffsetMs, () => receivedAt)() / 1000),
    ...(clockOffsetMs !== undefined ? { clockOffsetMs } : {}),
  });
}

/**
 * The credential to show codes with, enrolling first when needed. Throws
 * (an AppError for server refusals) only when there is nothing usable to show.
 */
export async function ensureCredential(deps: EnrolmentDeps, member: { orgId: string; memberId: string }): Promise<EnsuredCredential> {
  const deviceKey = await deviceKeyOf(deps);
  const deviceHex = bytesToHex(deviceKey.publicKey);
  const stored = deps.wallet.credentialFor(member.orgId, member.memberId);
  // The credential's times are the server's: compare them with the corrected clock.
  const nowSeconds = () => Math.floor(correctedClock(stored?.clockOffsetMs, deps.now)() / 1000);
  let reason = renewalReason(stored, deviceHex, nowSeconds());

  if (!reason && stored) {
    // Online: ask whether it was revoked meanwhile. Best effort: offline, keep showing it.
    try {
      const state = await deps.credentialState(member.orgId, stored.credentialId);
      if (state.status !== 'live') reason = 'revoked';
    } catch {
      return { credential: stored, deviceKey, offline: true, renewed: null };
    }
    if (!reason) return { credential: stored, deviceKey, offline: false, renewed: null };
  }

  try {
    return { credential: await enrolNow(deps, member, deviceKey, stored), deviceKey, offline: false, renewed: reason };
  } catch (error) {
    const usable = reason === 'expiring' && isUsable(stored, deviceHex, nowSeconds());
    if (usable && isTransient(error)) return { credential: stored, deviceKey, offline: true, renewed: null };
    // The server refused (not enrollable any more, no card...): the old credential is dead or about to be.
    if (!isTransient(error) && error instanceof AppError && error.kind !== 'session') deps.wallet.forgetCredential(member.orgId, member.memberId);
    throw error;
  }
}

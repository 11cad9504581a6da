/**
 * Double-offline payments (neither the phone nor the POS online): the POS
 * accepts a verified `pay` code up to the credential's offline cap, minus
 * what this POS has already taken offline on the same credential, and queues
 * an upload keyed by the code's upload id. The server settles uploads into
 * the ledger idempotently and flags (never drops) overdrafts and conflicts.
 * See docs/code-protocol.md, "Double-offline payments".
 */
import { type Fen, addFen, fen, subFen } from '../money.ts';
import { Scope } from './credential.ts';
import type { VerifyResult } from './verifier.ts';

export type OfflinePaymentDecision =
  | { ok: true; remainingFen: Fen }
  | { ok: false; reason: 'not_verified' | 'scope_denied' | 'invalid_amount' | 'over_offline_cap'; remainingFen?: Fen };

/**
 * May this POS take `amountFen` offline on a verified code?
 * `spentOfflineFen`: what this POS already took offline on this credential
 * and has not yet uploaded (the POS keeps that per credential id).
 */
export function decideOfflinePayment(
  result: VerifyResult,
  amountFen: Fen,
  spentOfflineFen: Fen = fen(0),
): OfflinePaymentDecision {
  if (!result.ok) return { ok: false, reason: 'not_verified' };
  if ((result.credential.scopes & Scope.pay) === 0) return { ok: false, reason: 'scope_denied' };
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return { ok: false, reason: 'invalid_amount' };
  const cap = fen(result.credential.offlineCapFen);
  const remaining = subFen(cap, spentOfflineFen);
  if (addFen(spentOfflineFen, amountFen) > cap) {
    return { ok: false, reason: 'over_offline_cap', remainingFen: remaining > 0 ? remaining : fen(0) };
  }
  return { ok: true, remainingFen: subFen(remaining, amountFen) };
}

/** What a POS queues and later uploads (JSON-safe). */
export interface OfflinePaymentUpload {
  /** Idempotency key: hex SHA-256 of the code bytes (VerifyResult.uploadId). */
  uploadId: string;
  orgId: string;
  credentialId: string;
  memberId: string;
  counter: number;
  step: number;
  amountFen: Fen;
  posId: string;
  /** POS clock, unix seconds, when it accepted the payment. */
  acceptedAt: number;
  /** The presented code text, so the server can re-verify it on upload. */
  code: string;
}

export function buildOfflinePaymentUpload(
  result: VerifyResult,
  input: { amountFen: Fen; posId: string; acceptedAt: number; code: string },
): OfflinePaymentUpload {
  if (!result.ok || result.codeType !== 'dynamic') throw new TypeError('only a verified dynamic code can pay');
  return {
    uploadId: result.uploadId,
    orgId: result.credential.orgId,
    credentialId: result.credential.credentialId,
    memberId: result.credential.memberId,
    counter: result.counter!,
    step: result.step!,
    amountFen: fen(input.amountFen),
    posId: input.posId,
    acceptedAt: input.acceptedAt,
    code: input.code,
  };
}

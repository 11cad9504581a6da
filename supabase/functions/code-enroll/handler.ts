// Enrolment (protocol section 7): a signed-in member's phone sends the public
// half of a key pair it generated; the org's issuer key signs a credential
// binding member, card, scopes and that device key until the offline
// validity runs out. The phone then shows codes with no network.
//   POST { device_public_key: base64url or hex (32 bytes), card_id?, org? }
//     -> { credential (base64url), credential_id, expires_at, step_seconds, issuer_keys, ... }
// Re-enrolling with the same device key replaces (and revokes) the previous
// credential. The org's first enrolment creates its issuer key (and a standby
// key for the next rotation).
import {
  base64urlDecode,
  base64urlEncode,
  bytesToHex,
  hexToBytes,
  keyIdFromPublicKey,
  nobleBackend,
  signCredential,
} from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { addIssuerKey, loadIssuerKeys } from '../_shared/codes.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const EnrollBody = z.object({
  device_public_key: z.string().regex(/^(?:[A-Za-z0-9_-]{43}|[0-9a-fA-F]{64})$/, 'device_public_key must be 32 bytes, base64url (43 chars) or hex (64)'),
  card_id: z.guid().optional(),
  org: z.guid().optional(),
});

interface EnrollBegin {
  member_id: string;
  card_id: string;
  scopes: number;
  step_seconds: number;
  validity_seconds: number;
  offline_cap_fen: number;
  key: { key_id: number; public_key: string; secret_key: string } | null;
  standby_missing: boolean;
}

/** Phones clocks drift: back-date notBefore so a slow clock does not see `not_yet_valid` (protocol section 9). */
const NOT_BEFORE_SLACK_SECONDS = 300;

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function begin(accountId: string, orgId: string, cardId: string | undefined): Promise<EnrollBegin> {
    const { data, error } = await db.rpc('code_enroll_begin', { p_account: accountId, p_org: orgId, p_card: cardId ?? null });
    if (error) throwDbError(error, 'code_enroll_begin');
    return data as EnrollBegin;
  }

  const addKey = (orgId: string) => addIssuerKey(db, orgId);

  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const body = parseBody(EnrollBody, await readJson(req));
      const orgId = (body.org ?? caller.orgId)?.toLowerCase();
      if (!orgId) throw new HttpError(400, 'org_required', 'Say which organisation: switch to it or pass "org"');
      const devicePublicKey = body.device_public_key.length === 64 ? hexToBytes(body.device_public_key) : base64urlDecode(body.device_public_key);
      if (!nobleBackend.preparePublicKey(devicePublicKey, 'single')) {
        throw new HttpError(400, 'invalid_device_key', 'device_public_key is not a valid Ed25519 public key');
      }

      let plan = await begin(caller.accountId, orgId, body.card_id);
      if (!plan.key) {
        // The org's first enrolment: create its signing key (a concurrent call may win; either is fine).
        await addKey(orgId);
        plan = await begin(caller.accountId, orgId, body.card_id);
        if (!plan.key) throw new HttpError(500, 'issuer_key_unavailable', 'Could not create the organisation issuer key');
      }
      // Keep a standby key published ahead of the next rotation (protocol section 12).
      if (plan.standby_missing) await addKey(orgId);

      const issuerPublicKey = hexToBytes(plan.key.public_key);
      const keyId = keyIdFromPublicKey(issuerPublicKey);
      if (keyId !== Number(plan.key.key_id)) throw new Error(`issuer key id mismatch: ${keyId} vs ${plan.key.key_id}`);
      const secretKey = hexToBytes(plan.key.secret_key);
      const now = Math.floor(Date.now() / 1000);
      const credentialId = crypto.randomUUID();
      const fields = {
        kind: 'member' as const,
        issuerKeyId: keyId,
        orgId,
        memberId: plan.member_id,
        cardId: plan.card_id,
        credentialId,
        scopes: plan.scopes,
        notBefore: now - NOT_BEFORE_SLACK_SECONDS,
        expiresAt: now + plan.validity_seconds,
        offlineCapFen: Number(plan.offline_cap_fen),
        stepSeconds: plan.step_seconds,
        devicePublicKey,
      };
      const credential = signCredential(fields, secretKey);
      secretKey.fill(0);

      const { error } = await db.rpc('code_enroll_commit', {
        p_org: orgId, p_member: plan.member_id, p_card: plan.card_id, p_credential_id: credentialId,
        p_device_public_key: bytesToHex(devicePublicKey), p_key_id: keyId, p_scopes: fields.scopes,
        p_step_seconds: fields.stepSeconds, p_not_before: fields.notBefore, p_expires_at: fields.expiresAt,
        p_offline_cap_fen: fields.offlineCapFen,
      });
      if (error) throwDbError(error, 'code_enroll_commit');

      return json({
        credential: base64urlEncode(credential),
        credential_id: credentialId,
        org_id: orgId,
        member_id: plan.member_id,
        card_id: plan.card_id,
        scopes: fields.scopes,
        offline_cap_fen: fields.offlineCapFen,
        step_seconds: fields.stepSeconds,
        not_before: fields.notBefore,
        expires_at: fields.expiresAt,
        server_time: now,
        issuer_keys: await loadIssuerKeys(db, orgId),
      });
    },
  });
}

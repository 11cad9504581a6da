// Shared by the code-* functions: who is calling (a verification point by its
// API key, or a signed-in member), the org's issuer keys in the protocol's
// wire form, and the YM2xx error codes of the code RPCs.
import type { SupabaseClient } from '@supabase/supabase-js';
import { type IssuerKeyJson, base64urlEncode, bytesToHex, formatKeyId, generateKeyPair, hexToBytes, issuerKeyFromJson, type IssuerKey } from '@yima/shared';
import { requireCaller } from './auth.ts';
import { sha256Hex } from './crypto.ts';
import { throwDbError } from './db-errors.ts';
import type { FunctionEnv } from './env.ts';
import { HttpError } from './http.ts';

/** Header a gate, door or POS sends its API key in. */
export const DEVICE_KEY_HEADER = 'x-yima-device-key';

export interface VerificationPoint {
  pointId: string;
  orgId: string;
  name: string;
  kind: string;
  requiredScopes: number;
  active: boolean;
}

const POINT_TTL_MS = 10_000;

/**
 * Resolves verification points by API key, caching for a few seconds: a gate
 * sends its key on every scan. The cache only saves a lookup; whether the
 * point is still active is re-checked by code_record_verification.
 */
export function createPointResolver(db: SupabaseClient) {
  // Keyed by the SHA-256 of the API key, so the process never holds keys in clear longer than a request.
  const cache = new Map<string, { point: VerificationPoint | null; at: number }>();
  return async function resolve(apiKey: string): Promise<VerificationPoint> {
    if (apiKey.length > 200) throw new HttpError(401, 'invalid_device_key', 'Unknown verification point API key');
    const hash = await sha256Hex(apiKey);
    const hit = cache.get(hash);
    let point: VerificationPoint | null;
    if (hit && Date.now() - hit.at < POINT_TTL_MS) {
      point = hit.point;
    } else {
      const { data, error } = await db.rpc('code_point_by_key', { p_key_hash: hash });
      if (error) throwDbError(error, 'code_point_by_key');
      const row = (data as Array<Record<string, unknown>>)[0];
      point = row
        ? { pointId: row.point_id as string, orgId: row.org_id as string, name: row.name as string, kind: row.kind as string,
            requiredScopes: row.required_scopes as number, active: row.active as boolean }
        : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { point, at: Date.now() });
    }
    if (!point) throw new HttpError(401, 'invalid_device_key', 'Unknown verification point API key');
    if (!point.active) throw new HttpError(403, 'point_inactive', 'This verification point has been deactivated');
    return point;
  };
}

/**
 * The org a key/revocation download is for, authorised either by a
 * verification point's API key (its own org only) or by the JWT of an active
 * member of the org.
 */
export async function requireOrgReader(
  req: Request, env: FunctionEnv, db: SupabaseClient, resolvePoint: ReturnType<typeof createPointResolver>, orgParam: string | null,
): Promise<string> {
  const apiKey = req.headers.get(DEVICE_KEY_HEADER);
  if (apiKey) {
    const point = await resolvePoint(apiKey);
    if (orgParam && orgParam.toLowerCase() !== point.orgId) {
      throw new HttpError(403, 'wrong_org', 'This verification point belongs to another organisation');
    }
    return point.orgId;
  }
  const caller = await requireCaller(req, env);
  const org = orgParam ?? caller.orgId;
  if (!org || !/^[0-9a-f-]{36}$/i.test(org)) throw new HttpError(400, 'org_required', 'Add ?org=<organisation id>');
  const { data, error } = await db.from('members').select('id')
    .eq('org_id', org).eq('account_id', caller.accountId).eq('status', 'active').limit(1);
  if (error) throwDbError(error, 'members');
  if (!data?.length) throw new HttpError(403, 'not_member', 'You are not an active member of this organisation');
  return org.toLowerCase();
}

interface IssuerKeyRow { key_id: number; public_key: string; status: 'active' | 'retired'; not_after: number | null; signing: boolean }

/** The org's issuer public keys in the wire form verifiers download (protocol section 3.2). */
export async function loadIssuerKeys(db: SupabaseClient, orgId: string): Promise<IssuerKeyJson[]> {
  const { data, error } = await db.rpc('code_issuer_keys', { p_org: orgId });
  if (error) throwDbError(error, 'code_issuer_keys');
  return (data as IssuerKeyRow[]).map((k) => ({
    keyId: formatKeyId(Number(k.key_id)),
    orgId,
    publicKey: base64urlEncode(hexToBytes(k.public_key)),
    status: k.status,
    ...(k.not_after !== null ? { notAfter: Number(k.not_after) } : {}),
  }));
}

export function issuerKeysFromJson(keys: IssuerKeyJson[]): IssuerKey[] {
  return keys.map((k) => issuerKeyFromJson(k));
}

/**
 * Generates an issuer key pair here and stores it (code_add_issuer_key): as
 * the org's signing key when it has none, else as the standby key. Used on
 * an org's first enrolment or visitor pass, and to keep a standby published.
 */
export async function addIssuerKey(db: SupabaseClient, orgId: string): Promise<void> {
  const pair = generateKeyPair();
  const { error } = await db.rpc('code_add_issuer_key', {
    p_org: orgId, p_public_key: bytesToHex(pair.publicKey), p_secret_key: bytesToHex(pair.secretKey),
  });
  pair.secretKey.fill(0);
  if (error) throwDbError(error, 'code_add_issuer_key');
}

// Online verification (protocol section 14): a gate, door or POS (API key in
// x-yima-device-key) or a guard in the mini-program (JWT, cards permission)
// posts a scanned code. The shared CodeVerifier checks it exactly as an
// offline verifier would (signatures, key ring, synced revocations, validity,
// clock skew, scopes); then code_record_verification adds the live checks a
// code cannot carry (point still active, issuer key still usable, credential
// not revoked, member active and bound) and the replay check (a unique index
// on (credential, counter), so a replay is refused across instances), and
// records the access event.
//   POST { code: "YM1:...", point_id? }
//     -> { ok, reason?, credential_id?, member?: { name, department, photo } }
// A refused code is a verdict (HTTP 200, ok:false), not an error.
import {
  CodeVerifier,
  decodeCodeText,
  parseCode,
  type ReplayCache,
  RevocationGapError,
  RevocationList,
  type SignatureBackend,
  type VerifyResult,
} from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { createNativeBackend } from '../_shared/ed25519-native.ts';
import { DEVICE_KEY_HEADER, createPointResolver, issuerKeysFromJson, loadIssuerKeys, throwCodeDbError } from '../_shared/codes.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const VerifyBody = z.object({
  code: z.string().min(1).max(1024),
  point_id: z.guid().optional(),
});

/** How long an org's key ring and revocation list are reused before a refresh. */
const REFRESH_MS = 5_000;
/**
 * A code naming a key we do not hold triggers a refresh (the key may be
 * minutes old), unless a refresh in the last second already failed to find
 * that key id; and never more often than this floor, so junk codes with
 * random key ids cannot hammer the database.
 */
const UNKNOWN_KEY_RETRY_MS = 1_000;
const FORCED_REFRESH_FLOOR_MS = 50;

/** Replay is decided by the database (shared by every instance), so the in-process cache accepts everything. */
const deferToDatabase: ReplayCache = { checkAndRecord: () => true };

interface OrgVerifier {
  verifier: CodeVerifier;
  revocations: RevocationList;
  /** The key ring as last loaded (JSON), to skip setKeys when nothing changed. */
  ring: string;
  loadedAt: number;
  refreshing?: Promise<void>;
}

export interface CodeVerifyOptions {
  /**
   * Ed25519 backend for the verifier. Default: the SDK's pure-JS one, or
   * node:crypto when YIMA_CODE_VERIFY_BACKEND=native (_shared/ed25519-native.ts).
   */
  backend?: SignatureBackend;
}

export function createHandler(env: FunctionEnv, options: CodeVerifyOptions = {}) {
  const db = serviceClient(env);
  const backend = options.backend ?? (env.get('YIMA_CODE_VERIFY_BACKEND') === 'native' ? createNativeBackend() : undefined);
  const resolvePoint = createPointResolver(db);
  const verifiers = new Map<string, OrgVerifier>();

  async function refresh(orgId: string, entry: OrgVerifier | undefined): Promise<OrgVerifier> {
    const json = await loadIssuerKeys(db, orgId);
    const ring = JSON.stringify(json);
    if (!entry) {
      const revocations = new RevocationList();
      entry = {
        revocations,
        verifier: new CodeVerifier({ orgId, keys: issuerKeysFromJson(json), revocations, replayCache: deferToDatabase, backend }),
        ring,
        loadedAt: 0,
      };
      verifiers.set(orgId, entry);
    } else if (ring !== entry.ring) {
      // setKeys precomputes tables for every issuer key (~25 ms each in pure JS) and empties
      // the credential cache, so only when the ring really changed.
      entry.verifier.setKeys(issuerKeysFromJson(json));
      entry.ring = ring;
    }
    // Delta-sync the revocation list like an offline verifier would.
    for (let page = 0; page < 20; page++) {
      const { data, error } = await db.rpc('code_revocations_since', { p_org: orgId, p_since: entry.revocations.version, p_limit: 5000 });
      if (error) throwCodeDbError(error, 'code_revocations_since');
      const delta = data as { since: number; version: number; entries: unknown[] };
      try {
        entry.revocations.apply(delta as Parameters<RevocationList['apply']>[0]);
      } catch (e) {
        if (!(e instanceof RevocationGapError)) throw e;
      }
      if (delta.entries.length < 5000) break;
    }
    entry.revocations.prune(Date.now() / 1000);
    entry.loadedAt = Date.now();
    return entry;
  }

  /** `${org}:${keyId}` -> when a refresh last failed to find that key. */
  const missingKeys = new Map<string, number>();

  /**
   * The org's verifier. A stale one is refreshed in the background and used
   * meanwhile (the database re-checks keys and revocations live on every
   * code, so a few seconds of staleness cannot admit anyone); a forced
   * refresh (unknown key) is awaited. One refresh at a time per org.
   */
  async function verifierFor(orgId: string, force = false): Promise<OrgVerifier> {
    const entry = verifiers.get(orgId);
    if (!entry) return refresh(orgId, undefined);
    const age = Date.now() - entry.loadedAt;
    if (!force && age < REFRESH_MS) return entry;
    if (force && age < FORCED_REFRESH_FLOOR_MS) return entry;
    entry.refreshing ??= refresh(orgId, entry)
      .then(() => undefined, (error) => { console.error('code-verify: refresh failed', error); })
      .finally(() => { entry.refreshing = undefined; });
    if (force) await entry.refreshing;
    return entry;
  }

  /** Who is verifying, for which org and point, with which required scopes. */
  async function verifierContext(req: Request, pointId: string | undefined) {
    const apiKey = req.headers.get(DEVICE_KEY_HEADER);
    if (apiKey) {
      const point = await resolvePoint(apiKey);
      if (pointId && pointId.toLowerCase() !== point.pointId) {
        throw new HttpError(403, 'wrong_point', 'point_id does not match this API key');
      }
      return { orgId: point.orgId, pointId: point.pointId, requiredScopes: point.requiredScopes, guard: null };
    }
    const caller = await requireCaller(req, env);
    let orgId = caller.orgId;
    if (pointId) {
      const { data, error } = await db.from('verification_points').select('org_id').eq('id', pointId).maybeSingle();
      if (error) throwCodeDbError(error, 'verification_points');
      if (!data) throw new HttpError(404, 'point_not_found', 'No such verification point');
      orgId = data.org_id as string;
    }
    if (!orgId) throw new HttpError(400, 'org_required', 'Switch to an organisation or pass point_id');
    const { data, error } = await db.rpc('code_guard_check', { p_account: caller.accountId, p_org: orgId, p_point: pointId ?? null });
    if (error) throwCodeDbError(error, 'code_guard_check');
    return { orgId: orgId.toLowerCase(), pointId: pointId ?? null, requiredScopes: data as number, guard: caller.accountId };
  }

  return route({
    POST: async (req) => {
      const started = performance.now();
      const body = parseBody(VerifyBody, await readJson(req));
      const ctx = await verifierContext(req, body.point_id);
      let org = await verifierFor(ctx.orgId);
      const verifyStarted = performance.now();
      let result: VerifyResult = org.verifier.verify(body.code, { requiredScopes: ctx.requiredScopes });
      if (!result.ok && result.reason === 'unknown_key') {
        // Perhaps a key created since the last refresh (first enrolment, rotation).
        const missing = `${ctx.orgId}:${keyIdOf(body.code)}`;
        const triedAt = missingKeys.get(missing);
        if (triedAt === undefined || Date.now() - triedAt >= UNKNOWN_KEY_RETRY_MS) {
          org = await verifierFor(ctx.orgId, true);
          result = org.verifier.verify(body.code, { requiredScopes: ctx.requiredScopes });
          if (!result.ok && result.reason === 'unknown_key') {
            if (missingKeys.size > 10_000) missingKeys.clear();
            missingKeys.set(missing, Date.now());
          } else {
            missingKeys.delete(missing);
          }
        }
      }
      // Ids are recorded only when authentic and of this org (never another tenant's ids).
      const credential = result.credential && result.credential.orgId === ctx.orgId ? result.credential : undefined;
      const dbStarted = performance.now();
      const { data, error } = await db.rpc('code_record_verification', {
        p_org: ctx.orgId,
        p_point: ctx.pointId,
        p_guard: ctx.guard,
        p_credential: credential?.credentialId ?? null,
        p_member: credential?.memberId ?? null,
        p_key_id: credential?.issuerKeyId ?? null,
        p_counter: result.ok ? (result.counter ?? null) : null,
        p_upload_id: result.ok ? result.uploadId : null,
        p_reason: result.ok ? null : result.reason,
      });
      if (error) throwCodeDbError(error, 'code_record_verification');
      const verdict = data as { ok: boolean; reason?: string; member?: { name: string; department: string } };
      const response = json({
        ok: verdict.ok,
        ...(verdict.reason ? { reason: verdict.reason } : {}),
        ...(credential ? { credential_id: credential.credentialId } : {}),
        ...(verdict.member ? { member: { ...verdict.member, photo: null } } : {}),
      });
      // Where the time went (caller lookup, signatures, live checks + record), for operators and the bench.
      const ms = (a: number, b: number) => (b - a).toFixed(2);
      const done = performance.now();
      response.headers.set('server-timing',
        `auth;dur=${ms(started, verifyStarted)}, verify;dur=${ms(verifyStarted, dbStarted)}, db;dur=${ms(dbStarted, done)}`);
      return response;
    },
  });
}

/** The issuer key id a (structurally valid) code names; only called after `unknown_key`, which implies it parsed. */
function keyIdOf(code: string): number {
  return parseCode(decodeCodeText(code)).credential.fields.issuerKeyId;
}

// Per-org offline verifiers kept warm inside an edge function: the org's
// issuer key ring and a delta-synced revocation list, exactly what a gate
// holds, refreshed every few seconds and on an unknown key id. Used by
// code-verify (live scans) and code-upload (logs that gates verified offline).
import {
  CodeVerifier,
  decodeCodeText,
  parseCode,
  type ReplayCache,
  RevocationGapError,
  RevocationList,
  type SignatureBackend,
  type VerifyContext,
  type VerifyResult,
} from '@yima/shared';
import type { SupabaseClient } from '@supabase/supabase-js';
import { issuerKeysFromJson, loadIssuerKeys } from './codes.ts';
import { throwDbError } from './db-errors.ts';

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

export function createOrgVerifiers(db: SupabaseClient, backend?: SignatureBackend) {
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
      if (error) throwDbError(error, 'code_revocations_since');
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

  /** Verifies with the org's verifier, retrying once with a fresh key ring when the code names a key we do not hold. */
  async function verify(orgId: string, code: string, context: VerifyContext): Promise<VerifyResult> {
    let org = await verifierFor(orgId);
    let result = org.verifier.verify(code, context);
    if (!result.ok && result.reason === 'unknown_key') {
      // Perhaps a key created since the last refresh (first enrolment, rotation).
      const missing = `${orgId}:${keyIdOf(code)}`;
      const triedAt = missingKeys.get(missing);
      if (triedAt === undefined || Date.now() - triedAt >= UNKNOWN_KEY_RETRY_MS) {
        org = await verifierFor(orgId, true);
        result = org.verifier.verify(code, context);
        if (!result.ok && result.reason === 'unknown_key') {
          if (missingKeys.size > 10_000) missingKeys.clear();
          missingKeys.set(missing, Date.now());
        } else {
          missingKeys.delete(missing);
        }
      }
    }
    return result;
  }

  return { verify };
}

/** The issuer key id a (structurally valid) code names; only called after `unknown_key`, which implies it parsed. */
function keyIdOf(code: string): number {
  return parseCode(decodeCodeText(code)).credential.fields.issuerKeyId;
}

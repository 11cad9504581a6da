/**
 * Revocation list held by offline verifiers: revoked credential ids (lost
 * phone, re-enrolment) and member ids (left the company, blacklisted),
 * delta-synced from the server by a monotonic cursor.
 *
 * The server keeps an append-only change log; each change has a sequence
 * number `seq`. A verifier at version V asks for changes since V and gets a
 * delta `{since, version, entries}`. Entries are applied in seq order and
 * those with seq <= V are skipped, so re-delivered or overlapping deltas are
 * harmless; a delta whose `since` is ahead of V means changes were missed and
 * is refused (fetch a snapshot instead).
 */
import { z } from 'zod';

const id = z.guid().transform((s) => s.toLowerCase());
const seq = z.number().int().nonnegative();

export const revocationEntrySchema = z.object({
  seq: seq,
  op: z.enum(['revoke', 'unrevoke']),
  target: z.enum(['credential', 'member']),
  id,
  /**
   * Unix seconds after which the entry can be forgotten because every
   * credential it concerns has expired anyway (keeps the list small).
   * Absent = keep until unrevoked.
   */
  until: z.number().int().nonnegative().optional(),
});
export type RevocationEntry = z.output<typeof revocationEntrySchema>;

export const revocationDeltaSchema = z
  .object({ since: seq, version: seq, entries: z.array(revocationEntrySchema) })
  .superRefine((d, ctx) => {
    if (d.version < d.since) ctx.addIssue({ code: 'custom', message: 'version < since' });
    let prev = d.since;
    for (const e of d.entries) {
      if (e.seq <= prev || e.seq > d.version) {
        ctx.addIssue({ code: 'custom', message: `entry seq ${e.seq} out of order or outside (since, version]` });
        return;
      }
      prev = e.seq;
    }
  });
export type RevocationDelta = z.input<typeof revocationDeltaSchema>;

const snapshotItem = z.object({ id, until: z.number().int().nonnegative().optional() });
export const revocationSnapshotSchema = z.object({
  version: seq,
  credentials: z.array(snapshotItem),
  members: z.array(snapshotItem),
});
export type RevocationSnapshot = z.output<typeof revocationSnapshotSchema>;

/** The delta starts after our version: some changes were never received. */
export class RevocationGapError extends Error {
  override readonly name = 'RevocationGapError';
  constructor(
    readonly localVersion: number,
    readonly deltaSince: number,
  ) {
    super(`revocation delta starts at ${deltaSince} but the local list is at ${localVersion}: resync from a snapshot`);
  }
}

type Target = RevocationEntry['target'];
/** id -> until (Infinity when permanent). */
type Bucket = Map<string, number>;

export class RevocationList {
  private versionValue: number;
  private readonly credentials: Bucket = new Map();
  private readonly members: Bucket = new Map();

  constructor(snapshot?: RevocationSnapshot) {
    const s = snapshot ? revocationSnapshotSchema.parse(snapshot) : { version: 0, credentials: [], members: [] };
    this.versionValue = s.version;
    for (const c of s.credentials) this.credentials.set(c.id, c.until ?? Infinity);
    for (const m of s.members) this.members.set(m.id, m.until ?? Infinity);
  }

  /** The server cursor this list reflects; send it as `since` on the next sync. */
  get version(): number {
    return this.versionValue;
  }

  get size(): { credentials: number; members: number } {
    return { credentials: this.credentials.size, members: this.members.size };
  }

  /**
   * Apply a delta. Idempotent: entries at or below the local version are
   * skipped. Throws RevocationGapError when `since` > local version and a
   * ZodError when the delta is not well-formed. Returns how many entries took
   * effect.
   */
  apply(delta: RevocationDelta): number {
    const d = revocationDeltaSchema.parse(delta);
    if (d.since > this.versionValue) throw new RevocationGapError(this.versionValue, d.since);
    let applied = 0;
    for (const e of d.entries) {
      if (e.seq <= this.versionValue) continue;
      const bucket = this.bucket(e.target);
      if (e.op === 'revoke') bucket.set(e.id, e.until ?? Infinity);
      else bucket.delete(e.id);
      this.versionValue = e.seq;
      applied++;
    }
    this.versionValue = Math.max(this.versionValue, d.version);
    return applied;
  }

  isRevoked(credentialId: string, memberId: string, now?: number): boolean {
    return this.hit(this.credentials, credentialId, now) || this.hit(this.members, memberId, now);
  }

  isCredentialRevoked(credentialId: string, now?: number): boolean {
    return this.hit(this.credentials, credentialId, now);
  }

  isMemberRevoked(memberId: string, now?: number): boolean {
    return this.hit(this.members, memberId, now);
  }

  /** Forget entries whose `until` has passed. Returns how many were dropped. */
  prune(now: number): number {
    let dropped = 0;
    for (const bucket of [this.credentials, this.members]) {
      for (const [key, until] of bucket) {
        if (until <= now) {
          bucket.delete(key);
          dropped++;
        }
      }
    }
    return dropped;
  }

  toSnapshot(): RevocationSnapshot {
    const items = (b: Bucket) =>
      [...b].map(([id, until]) => (until === Infinity ? { id } : { id, until })).sort((x, y) => (x.id < y.id ? -1 : 1));
    return { version: this.versionValue, credentials: items(this.credentials), members: items(this.members) };
  }

  private bucket(target: Target): Bucket {
    return target === 'credential' ? this.credentials : this.members;
  }

  private hit(bucket: Bucket, id: string, now: number | undefined): boolean {
    const until = bucket.get(id.toLowerCase());
    // An expired entry still counts until pruned unless the caller passes `now`.
    return until !== undefined && (now === undefined || until > now);
  }
}

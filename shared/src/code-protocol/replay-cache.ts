/**
 * Replay cache: remembers (credential id, counter) pairs a verifier has
 * accepted for as long as the code could still pass the clock-skew check.
 * After that the time check rejects the code anyway, so the entry can go.
 */

export interface ReplayCache {
  /**
   * Atomically check and record `key`. Returns true when the key was new
   * (and is now recorded until `expiresAt`), false when it was already
   * present (a replay). Times are unix seconds.
   */
  checkAndRecord(key: string, expiresAt: number, now: number): boolean;
}

export function replayKey(credentialId: string, counter: number): string {
  return `${credentialId}:${counter}`;
}

/**
 * Unix second after which a code at `step` fails the skew check everywhere:
 * it is accepted while floor(now / stepSeconds) <= step + skewSteps.
 */
export function replayExpiry(step: number, stepSeconds: number, skewSteps: number): number {
  return (step + skewSteps + 1) * stepSeconds;
}

export interface MemoryReplayCacheOptions {
  /**
   * Hard bound on entries. Size it to peak accepted codes per (2·skew+1)
   * steps; 100,000 covers ~1,100 scans/s at the default window. When full
   * after pruning, the oldest entry is evicted (fail-open for that one entry,
   * rather than refusing every new code).
   */
  maxEntries?: number;
}

/** Bounded in-memory implementation (a Map in insertion order). */
export class MemoryReplayCache implements ReplayCache {
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  private nextSweepAt = -Infinity;
  private evictedCount = 0;

  constructor(options: MemoryReplayCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries dropped to respect `maxEntries` while still live (should stay 0). */
  get evicted(): number {
    return this.evictedCount;
  }

  checkAndRecord(key: string, expiresAt: number, now: number): boolean {
    // A full sweep is O(n) but runs at most once per second of clock time.
    if (now >= this.nextSweepAt) {
      this.prune(now);
      this.nextSweepAt = now + 1;
    }
    const existing = this.entries.get(key);
    if (existing !== undefined && existing > now) return false;
    if (existing !== undefined) this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
      this.evictedCount++;
    }
    this.entries.set(key, expiresAt);
    return true;
  }

  /** Drop entries whose expiry has passed. Returns how many were removed. */
  prune(now: number): number {
    let removed = 0;
    for (const [key, expiresAt] of this.entries) {
      if (expiresAt <= now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  has(key: string, now: number): boolean {
    const e = this.entries.get(key);
    return e !== undefined && e > now;
  }
}

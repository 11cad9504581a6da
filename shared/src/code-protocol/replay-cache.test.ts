import { describe, expect, it } from 'vitest';
import { MemoryReplayCache, replayExpiry, replayKey } from './replay-cache.ts';

describe('MemoryReplayCache', () => {
  it('records a key once and reports the second sighting as a replay', () => {
    const cache = new MemoryReplayCache();
    expect(cache.checkAndRecord('a:1', 200, 100)).toBe(true);
    expect(cache.checkAndRecord('a:1', 200, 150)).toBe(false);
    expect(cache.checkAndRecord('a:2', 200, 150)).toBe(true);
  });

  it('prunes entries once they expire (the skew check rejects those codes anyway)', () => {
    const cache = new MemoryReplayCache();
    cache.checkAndRecord('a:1', 120, 100);
    cache.checkAndRecord('a:2', 180, 100);
    expect(cache.size).toBe(2);
    expect(cache.prune(120)).toBe(1);
    expect(cache.has('a:1', 120)).toBe(false);
    expect(cache.has('a:2', 120)).toBe(true);
    // Sweeps also happen on their own as time passes.
    cache.checkAndRecord('b:1', 500, 400);
    expect(cache.size).toBe(1);
  });

  it('never holds more than maxEntries, evicting the oldest', () => {
    const cache = new MemoryReplayCache({ maxEntries: 3 });
    for (let i = 0; i < 10; i++) expect(cache.checkAndRecord(`k:${i}`, 1000, 100)).toBe(true);
    expect(cache.size).toBe(3);
    expect(cache.evicted).toBe(7);
    expect(cache.has('k:9', 100)).toBe(true);
    expect(cache.has('k:0', 100)).toBe(false);
    expect(() => new MemoryReplayCache({ maxEntries: 0 })).toThrow();
  });

  it('keeps a code at step s until the end of step s + skew', () => {
    // step 100 of 30 s, skew 1: acceptable until floor(now/30) = 101, i.e. now < 3060.
    expect(replayExpiry(100, 30, 1)).toBe(3060);
    expect(replayKey('c', 7)).toBe('c:7');
  });
});

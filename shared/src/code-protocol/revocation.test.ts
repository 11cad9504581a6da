import { describe, expect, it } from 'vitest';
import { RevocationGapError, RevocationList } from './revocation.ts';

const C1 = '00000000-0000-4000-8000-0000000000c1';
const C2 = '00000000-0000-4000-8000-0000000000c2';
const M1 = '00000000-0000-4000-8000-0000000000a1';

describe('RevocationList', () => {
  it('applies a delta and advances its version', () => {
    const list = new RevocationList();
    const applied = list.apply({
      since: 0,
      version: 3,
      entries: [
        { seq: 1, op: 'revoke', target: 'credential', id: C1 },
        { seq: 2, op: 'revoke', target: 'member', id: M1.toUpperCase() },
        { seq: 3, op: 'revoke', target: 'credential', id: C2 },
      ],
    });
    expect(applied).toBe(3);
    expect(list.version).toBe(3);
    expect(list.isCredentialRevoked(C1)).toBe(true);
    expect(list.isMemberRevoked(M1)).toBe(true);
    expect(list.isRevoked('00000000-0000-4000-8000-000000000000', M1)).toBe(true);
    expect(list.isRevoked('00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001')).toBe(false);
  });

  it('is idempotent and tolerates overlapping deltas, applying only newer entries in order', () => {
    const list = new RevocationList();
    const d1 = { since: 0, version: 2, entries: [{ seq: 1, op: 'revoke' as const, target: 'credential' as const, id: C1 }] };
    list.apply(d1);
    expect(list.apply(d1)).toBe(0);
    // Overlap: seq 1 is skipped (already applied), seq 3 un-revokes C1.
    const applied = list.apply({
      since: 0,
      version: 4,
      entries: [
        { seq: 1, op: 'revoke', target: 'credential', id: C1 },
        { seq: 3, op: 'unrevoke', target: 'credential', id: C1 },
        { seq: 4, op: 'revoke', target: 'credential', id: C2 },
      ],
    });
    expect(applied).toBe(2);
    expect(list.isCredentialRevoked(C1)).toBe(false);
    expect(list.isCredentialRevoked(C2)).toBe(true);
    expect(list.version).toBe(4);
  });

  it('refuses a delta with a gap (missed changes) and leaves the list untouched', () => {
    const list = new RevocationList({ version: 5, credentials: [{ id: C1 }], members: [] });
    expect(() => list.apply({ since: 7, version: 9, entries: [] })).toThrow(RevocationGapError);
    expect(list.version).toBe(5);
    expect(list.isCredentialRevoked(C1)).toBe(true);
  });

  it('refuses malformed deltas (out-of-order or out-of-range seq, bad ids)', () => {
    const list = new RevocationList();
    const e = (seq: number) => ({ seq, op: 'revoke' as const, target: 'credential' as const, id: C1 });
    expect(() => list.apply({ since: 0, version: 2, entries: [e(2), e(1)] })).toThrow();
    expect(() => list.apply({ since: 0, version: 1, entries: [e(2)] })).toThrow();
    expect(() => list.apply({ since: 3, version: 2, entries: [] })).toThrow();
    expect(() => list.apply({ since: 0, version: 1, entries: [{ ...e(1), id: 'x' }] })).toThrow();
    expect(list.version).toBe(0);
  });

  it('prunes entries whose credentials have all expired, and ignores them when given a time', () => {
    const list = new RevocationList();
    list.apply({
      since: 0,
      version: 2,
      entries: [
        { seq: 1, op: 'revoke', target: 'credential', id: C1, until: 1000 },
        { seq: 2, op: 'revoke', target: 'member', id: M1 },
      ],
    });
    expect(list.isCredentialRevoked(C1, 999)).toBe(true);
    expect(list.isCredentialRevoked(C1, 1000)).toBe(false);
    expect(list.prune(1000)).toBe(1);
    expect(list.size).toEqual({ credentials: 0, members: 1 });
  });

  it('round-trips through a snapshot', () => {
    const list = new RevocationList();
    list.apply({ since: 0, version: 9, entries: [{ seq: 8, op: 'revoke', target: 'credential', id: C2, until: 50 }, { seq: 9, op: 'revoke', target: 'member', id: M1 }] });
    const copy = new RevocationList(JSON.parse(JSON.stringify(list.toSnapshot())));
    expect(copy.toSnapshot()).toEqual(list.toSnapshot());
    expect(copy.version).toBe(9);
    expect(copy.isCredentialRevoked(C2, 10)).toBe(true);
  });
});

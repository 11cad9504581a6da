import { describe, expect, it } from 'vitest';
import { Scope } from '@yima/shared/code-protocol/credential';
import { SCOPE_BITS, scopeBits, scopeNames, toggleScope } from './scopes.ts';

describe('scope bits', () => {
  it('match the code protocol', () => {
    expect(SCOPE_BITS).toEqual(Scope);
  });

  it('convert between bits and names', () => {
    expect(scopeNames(111)).toEqual(['door', 'pay', 'meeting', 'bus', 'event', 'canteen']);
    expect(scopeBits(['door', 'bus'])).toBe(9);
    expect(toggleScope(9, 'bus')).toBe(1);
    expect(toggleScope(1, 'canteen')).toBe(65);
  });
});

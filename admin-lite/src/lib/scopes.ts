// Scope bits of the code protocol (docs/code-protocol.md). Copied from
// @yima/shared's credential module, which also pulls in the Ed25519 library
// we keep out of the console bundle; scopes.test.ts keeps the two equal.
export const SCOPE_BITS = { door: 1, pay: 2, meeting: 4, bus: 8, visitor: 16, event: 32, canteen: 64 } as const;
export type ScopeName = keyof typeof SCOPE_BITS;
export const SCOPE_NAMES = Object.keys(SCOPE_BITS) as ScopeName[];

export function scopeNames(bits: number): ScopeName[] {
  return SCOPE_NAMES.filter((name) => (bits & SCOPE_BITS[name]) !== 0);
}

export function scopeBits(names: readonly ScopeName[]): number {
  return names.reduce((bits, name) => bits | SCOPE_BITS[name], 0);
}

export function toggleScope(bits: number, name: ScopeName): number {
  return bits ^ SCOPE_BITS[name];
}

// @yima/shared: pure TS used by the mini-program, admin-lite and the edge
// functions. One line per module; add yours below.
export * from './money.ts';
export * from './code-protocol/index.ts';
export * from './members/index.ts';
export * from './forms/index.ts';
export * from './cards/index.ts';
export * from './pricing/index.ts';
export * from './events/index.ts';
export * from './portal/index.ts';
export * from './operations/index.ts';
